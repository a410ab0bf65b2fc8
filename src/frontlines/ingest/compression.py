"""Bounded decompression: gzip (multi-member, as in WARC.gz) and zip, with zip-bomb guards.

A compressed input may expand to at most ``max_decompressed_bytes`` and at most
``max_ratio`` times its compressed size. Both are checked while inflating, in
small chunks, so a bomb is refused after reading a few megabytes, not after
filling memory.
"""

from __future__ import annotations

import contextlib
import io
import zipfile
import zlib
from collections.abc import Iterator

from frontlines.errors import BadInput
from frontlines.ingest.options import IngestOptions
from frontlines.ingest.source import RawInput

GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"
ZIP_EMPTY = b"PK\x05\x06"


def _cap(compressed_size: int, options: IngestOptions) -> int:
    return min(options.max_decompressed_bytes, max(compressed_size, 1024) * options.max_ratio)


def gunzip(raw: RawInput, options: IngestOptions) -> tuple[bytes, str | None]:
    """Inflate every gzip member of ``raw`` (WARC.gz is one member per record).

    Returns the inflated bytes and, when the stream is cut short or damaged, a
    reason saying so. What inflated before the damage is returned, not thrown
    away: a truncated ``.html.gz`` or ``.warc.gz`` still holds most of its text
    and all the records before the cut. A zip bomb still raises.
    """
    cap = _cap(len(raw.data), options)
    out = bytearray()
    data = raw.data
    members = 0
    while data:
        if not data.startswith(GZIP_MAGIC):
            if data.strip(b"\x00") == b"":
                break  # trailing padding after the last member is common and harmless
            return bytes(out), _damage("garbage after gzip member", members, len(out))
        d = zlib.decompressobj(wbits=31)
        buf = data
        try:
            while True:
                # max_length bounds each step's output, so a bomb never inflates past the cap.
                out += d.decompress(buf, cap - len(out) + 1)
                if len(out) > cap:
                    raise BadInput(raw.name, _bomb(len(raw.data), cap, options))
                if d.eof:
                    break
                buf = d.unconsumed_tail
                if not buf:
                    with contextlib.suppress(zlib.error):
                        out += d.flush()
                    return bytes(out), _damage("truncated gzip stream", members, len(out))
        except zlib.error as exc:
            return bytes(out), _damage(f"corrupt gzip stream ({exc})", members, len(out))
        members += 1
        data = d.unused_data
    return bytes(out), None


def _damage(what: str, members: int, inflated: int) -> str:
    if not inflated:
        return f"{what}: nothing could be inflated"
    return (f"{what}: the file ends early; the first {inflated:,} bytes ({members} complete gzip member"
            f"{'s' if members != 1 else ''}) were read and the rest is lost")


def unzip(raw: RawInput, options: IngestOptions) -> Iterator[RawInput | BadInput]:
    """Members of a zip archive as inputs named ``archive.zip!member``; each bounded like gzip."""
    try:
        zf = zipfile.ZipFile(io.BytesIO(raw.data))
        infos = [i for i in zf.infolist() if not i.is_dir()]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
        raise BadInput(raw.name, f"corrupt zip archive ({exc})") from exc
    if len(infos) > options.max_archive_members:
        raise BadInput(raw.name, f"zip archive has {len(infos)} members, over the limit "
                                 f"({options.max_archive_members})")
    total_cap = _cap(len(raw.data), options)
    total = 0
    for info in infos:
        name = f"{raw.name}!{info.filename}"
        if any(part.startswith(".") or part == "__MACOSX" for part in info.filename.split("/")):
            continue
        member_cap = min(total_cap - total, options.max_bytes)
        try:
            with zf.open(info) as fh:
                data = fh.read(member_cap + 1)
        except (zipfile.BadZipFile, NotImplementedError, RuntimeError, ValueError, EOFError, OSError,
                zlib.error) as exc:
            yield BadInput(name, f"cannot extract zip member ({exc})")
            continue
        if len(data) > member_cap:
            if total_cap - total <= options.max_bytes:
                raise BadInput(raw.name, _bomb(len(raw.data), total_cap, options))
            yield BadInput(name, f"zip member over the size limit ({options.max_bytes} bytes)")
            continue
        total += len(data)
        yield RawInput(name, data, raw.path)


def _bomb(compressed: int, cap: int, options: IngestOptions) -> str:
    return (f"decompresses beyond {cap} bytes from {compressed} compressed "
            f"(limits: ratio {options.max_ratio}x, {options.max_decompressed_bytes} bytes); refused as a likely zip bomb")
