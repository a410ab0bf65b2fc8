"""Read-only access to the store that lets go of the file between uses, and follows its changes.

WHY: DuckDB refuses a writing process while any other process holds the file,
even read-only. A desk that kept the store open would lock `frontlines run`
out for as long as it is up, and would never see a new run. So the desk holds
the file only while a request (or a refresh of its map index) needs it, and
closes it after ``idle`` seconds without use. The map, the histogram, the
list and the facets are answered from the in-memory index and never touch the
file, so a desk left open on the map holds no lock at all.

Following: every ``every`` seconds a thread compares the file's size and
modification time (and its write-ahead log's) with what they were at the last
refresh, which costs a ``stat``, not a lock. When they differ it opens the
store, refreshes the index incrementally (``Snapshot.refresh``: a fingerprint
scan, then only the changed events) and lets go again; the map page sees the
new generation in ``/api/status`` and redraws. While another process writes,
opening fails: detail pages answer ``503`` with that reason, the map keeps
answering from the index, and the refresh is tried again on the next tick.
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import duckdb

from frontlines.errors import FrontlinesError, StoreLocked
from frontlines.store import CONNECTION_CONFIG, store_error


class StoreBusy(FrontlinesError):
    """The store cannot be opened now (another process is writing it); the request may be retried."""


class StoreLease:
    """A read-only connection to ``path``, opened on demand and closed when idle."""

    def __init__(self, path: str | Path, *, idle: float = 2.0) -> None:
        self.path = Path(path)
        self.idle = idle
        self._con: duckdb.DuckDBPyConnection | None = None
        self._lock = threading.Lock()
        self._in_flight = 0
        self._last_used = 0.0
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self.opened = 0  # how many times the file was opened (the tests watch it let go)

    # -- use --------------------------------------------------------------------------------------
    @contextmanager
    def using(self) -> Iterator[None]:
        """Hold the lease open while the block runs (a request, a refresh)."""
        with self._lock:
            self._in_flight += 1
        try:
            yield
        finally:
            with self._lock:
                self._in_flight -= 1
                self._last_used = time.monotonic()

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor of the open connection, opening the file read-only if it is closed."""
        with self._lock:
            if self._con is None:
                try:
                    self._con = duckdb.connect(str(self.path), read_only=True, config=dict(CONNECTION_CONFIG))
                except duckdb.Error as exc:
                    if isinstance(store_error(str(self.path), exc), StoreLocked):
                        raise StoreBusy(str(store_error(str(self.path), exc))) from exc
                    raise FrontlinesError(f"{self.path}: cannot open read-only "
                                          f"({' '.join(str(exc).split())})") from exc
                self.opened += 1
            self._last_used = time.monotonic()
            return self._con.cursor()

    @property
    def is_open(self) -> bool:
        return self._con is not None

    def release_if_idle(self) -> bool:
        """Close the file if no request holds it and none has for ``idle`` seconds."""
        with self._lock:
            if self._con is None or self._in_flight or time.monotonic() - self._last_used < self.idle:
                return False
            self._con.close()
            self._con = None
            return True

    def close(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
        with self._lock:
            if self._con is not None:
                self._con.close()
                self._con = None

    # -- follow -----------------------------------------------------------------------------------
    def signature(self) -> tuple:
        """Size and modification time of the store and of its write-ahead log: a change costs a stat."""
        out: list = []
        for p in (self.path, self.path.with_name(self.path.name + ".wal")):
            try:
                st = os.stat(p)
                out.append((st.st_size, st.st_mtime_ns))
            except OSError:
                out.append(None)
        return tuple(out)

    def follow(self, on_change: Callable[[], None], *, every: float = 2.0) -> None:
        """In a thread: let go of the file when idle, and call ``on_change`` after the file changed."""
        seen = self.signature()

        def loop() -> None:
            nonlocal seen
            while not self._stop.wait(every):
                now = self.signature()
                if now != seen:
                    try:
                        on_change()
                        seen = now
                    except StoreBusy:
                        pass  # another process is writing: try again on the next tick
                    except Exception as exc:  # noqa: BLE001 - a failed refresh keeps the last index and retries
                        from rich.console import Console

                        Console(stderr=True, highlight=False).print(
                            f"desk: could not refresh the map index from {self.path}: {' '.join(str(exc).split())}",
                            markup=False)
                self.release_if_idle()

        self._thread = threading.Thread(target=loop, name="frontlines-desk-follow", daemon=True)
        self._thread.start()
