"""Where inputs come from: files, directories, globs and stdin, read under a size limit.

Everything a reader sees is a ``RawInput``: a name for messages and the
quarantine, plus the bytes. Reading is bounded here (``max_bytes``) so that no
reader ever holds an unbounded file in memory.
"""

from __future__ import annotations

import glob
import hashlib
import os
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from frontlines.errors import BadInput
from frontlines.ingest.options import IngestOptions

STDIN = "-"


@dataclass(frozen=True)
class RawInput:
    """The bytes of one input (a file, stdin, or a member of an archive) and its name."""

    name: str
    data: bytes
    path: Path | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()

    @property
    def suffixes(self) -> list[str]:
        """Lower-case extensions of the name (``a.warc.gz`` -> ``['.warc', '.gz']``), used only as a hint."""
        base = self.name.rsplit("!", 1)[-1].rsplit("/", 1)[-1]
        return [s.lower() for s in Path(base).suffixes]


def expand(paths: list[str | Path], options: IngestOptions) -> Iterator[Path | str | BadInput]:
    """Files named by ``paths`` (files, directories, globs, ``-``), in a stable order, each once.

    A path that matches nothing is a ``BadInput``, not an exception, so one typo
    in a long list does not stop the others. A file reached twice (``corpus/**/*`` matches a folder
    and the files in it; a folder and a file inside it both named) is read once: a second reading
    would only be counted as "already stored" by a run that stored it a moment before.
    """
    seen: set[str] = set()
    for item in _expand(paths, options):
        if isinstance(item, Path):
            key = os.path.realpath(item)
            if key in seen:
                continue
            seen.add(key)
        yield item


def _expand(paths: list[str | Path], options: IngestOptions) -> Iterator[Path | str | BadInput]:
    for raw in paths:
        p = str(raw)
        if p == STDIN:
            yield STDIN
            continue
        path = Path(p)
        if path.is_dir():
            yield from _directory(path, p, options.recursive)
        elif path.is_file():
            yield path
        elif glob.has_magic(p):
            matches = sorted(glob.glob(p, recursive=True))
            if not matches:
                yield BadInput(p, "no file matches this pattern")
            for m in matches:
                mp = Path(m)
                if mp.is_dir():
                    yield from _walk(mp, options.recursive)
                elif mp.is_file():
                    yield mp
                else:
                    yield BadInput(m, not_a_file(mp))
        elif path.exists() or path.is_symlink():
            yield BadInput(p, not_a_file(path))
        else:
            yield BadInput(p, "no such file or directory")


def _directory(path: Path, name: str, recursive: bool) -> Iterator[Path | BadInput]:
    """The files of a named directory, or one ``BadInput`` saying why there are none (so the user hears of it)."""
    try:
        with os.scandir(path):
            pass
    except OSError as exc:
        yield BadInput(name, f"cannot list this directory ({exc.strerror or exc})")
        return
    found = False
    for f in _walk(path, recursive):
        found = True
        yield f
    if not found:
        yield BadInput(name, "empty directory: no files to read (hidden files are skipped)")


def _walk(root: Path, recursive: bool) -> Iterator[Path]:
    pattern = "**/*" if recursive else "*"
    for p in sorted(root.glob(pattern)):
        rel = p.relative_to(root).parts
        if any(part.startswith(".") for part in rel):
            continue  # hidden files and folders (.git, .DS_Store) are not inputs
        if p.is_file():
            yield p
        elif not p.is_dir():
            yield BadInput(str(p), not_a_file(p))  # a dangling link or a pipe in a folder is named, not skipped


def not_a_file(path: Path) -> str:
    """Why ``path``, which exists as a name but is neither a folder nor a regular file, is not read.

    WHY say so: a folder's dangling link (a corpus moved, its links left behind) or a named pipe
    would otherwise vanish from the run without a word; a pipe is never opened (it could block forever).
    """
    if path.is_symlink() and not path.exists():
        try:
            target = os.readlink(path)
        except OSError:
            target = "its target"
        return f"broken symbolic link ({target} cannot be reached)"
    try:
        mode = path.stat().st_mode
    except OSError as exc:
        return f"cannot read ({exc.strerror or exc})"
    kind = ("a named pipe" if stat.S_ISFIFO(mode) else "a socket" if stat.S_ISSOCK(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "not a file")
    return f"not a regular file ({kind})"


def read(item: Path | str, options: IngestOptions) -> RawInput:
    """Read one file or stdin, refusing anything larger than ``options.max_bytes``."""
    limit = options.max_bytes
    if item == STDIN:
        data = sys.stdin.buffer.read(limit + 1)
        if len(data) > limit:
            raise BadInput("<stdin>", f"larger than the size limit ({_human(limit)}); raise --max-bytes")
        return RawInput("<stdin>", data)
    path = Path(item)
    name = str(path)
    try:
        size = path.stat().st_size
        if size > limit:
            raise BadInput(name, f"file is {_human(size)}, over the size limit ({_human(limit)}); raise --max-bytes")
        with path.open("rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise BadInput(name, f"cannot read ({exc.strerror or exc})") from exc
    if len(data) > limit:  # grew while we read it
        raise BadInput(name, f"over the size limit ({_human(limit)}); raise --max-bytes")
    return RawInput(name, data, path)


def _human(n: int) -> str:
    for unit in ("B", "KiB", "MiB", "GiB"):
        if n < 1024 or unit == "GiB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"
