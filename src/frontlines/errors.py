"""Errors users see. Each message is one line: the input, then the reason."""

from __future__ import annotations


class FrontlinesError(Exception):
    """An error to show the user as one line, without a traceback."""


class BadInput(FrontlinesError):
    """An input that cannot be read. It is quarantined with ``reason``; the batch goes on."""

    def __init__(self, input_name: str, reason: str, detail: str | None = None):
        self.input_name = input_name
        self.reason = reason
        self.detail = detail
        super().__init__(f"{input_name}: {reason}")


class DiskFull(FrontlinesError):
    """The disk filled while a batch was being written; the transaction was rolled back whole."""

    def __init__(self, path: str):
        self.path = path
        super().__init__(f"disk full while writing {path}; nothing from this batch was stored; free space and re-run")


class StoreLocked(FrontlinesError):
    """Another process holds DuckDB's write lock on the store file."""

    def __init__(self, path: str, pid: int | None = None):
        self.path = path
        self.pid = pid
        who = f"another frontlines process (PID {pid})" if pid else "another frontlines process"
        super().__init__(f"{path}: {who} is writing this store; wait for it to finish, or use another --db")


class OutputError(FrontlinesError):
    """An output file could not be written (read-only place, missing folder, full disk)."""


def output_error(path, exc: OSError) -> FrontlinesError:
    """One line for an ``OSError`` raised while writing the output ``path``."""
    import errno
    import re

    text = " ".join(str(exc.strerror or exc).split())
    code = exc.errno
    found = re.search(r"\[errno (\d+)\] ?(.*)", str(exc))  # pyarrow: "... Detail: [errno 30] Read-only ..."
    if found:
        code, text = int(found.group(1)), found.group(2).strip()
    if code == errno.ENOSPC or "No space left on device" in text:
        return OutputError(f"disk full while writing {path}; free space and re-run")
    if code == errno.ENOENT:
        return OutputError(f"{path}: cannot write: the folder {_parent(path)} does not exist")
    return OutputError(f"{path}: cannot write ({text})")


def _parent(path) -> str:
    from pathlib import Path

    return str(Path(path).parent)
