"""The analyst's desk: a read-only web app over the store (map, events, places, sources, documents, live feeds).

``open_desk(db)`` returns the ``Desk`` (the state) and the Starlette app;
``frontlines serve`` runs it with uvicorn. DuckDB refuses a writing process
while any other process holds the file, so the plain desk holds it read-only
only while a request needs it (``lease.StoreLease``) and follows its changes:
`frontlines run` in another terminal works while the desk is open, and what it
fused appears on the map when it finishes. With ``watch`` (``frontlines serve
--watch`` or ``frontlines watch``) the same process also polls feeds and is the
store's one writer; the desk then reads through cursors of that connection.
See docs/desk.md.
"""

from __future__ import annotations

from contextlib import nullcontext
from pathlib import Path

import duckdb

from frontlines.errors import FrontlinesError
from frontlines.store import check_store_path

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def open_desk(db: str | Path, *, tiles: str | None = None, watcher=None, host: str = "127.0.0.1",
              con: duckdb.DuckDBPyConnection | None = None, poll_ms: int = 5000, idle: float = 2.0):
    """(Desk, app) over ``db``.

    Without ``con`` the desk holds a read-only lease on the file (opened while a request needs it,
    released after ``idle`` seconds), so another process can write the store in between; call
    ``desk.follow()`` to refresh when it does. With ``con`` (the watcher's writer connection) it reads
    through that connection's cursors.
    """
    from frontlines.desk.app import Desk, create_app
    from frontlines.desk.lease import StoreBusy, StoreLease

    path = Path(db)
    source = con
    if con is None:
        if not path.exists():
            raise FrontlinesError(f"{path}: no such store (run `frontlines run …` first, or pass --db)")
        check_store_path(path)  # a CSV or SQLite file is no store (and must not pull in an extension)
        source = StoreLease(path, idle=idle)
    try:
        with source.using() if con is None else nullcontext():
            cur = source.cursor()
            try:
                cur.execute("SELECT 1 FROM canonical_events LIMIT 0")
            finally:
                cur.close()
    except StoreBusy as exc:
        raise FrontlinesError(f"{exc}; start the desk when it has finished, or run the desk and the ingestion "
                              "in one process with `frontlines serve --watch`") from exc
    except duckdb.Error as exc:
        if con is None:
            source.close()
        raise FrontlinesError(f"{path}: not a fused frontlines store (no canonical_events table); "
                              "run `frontlines run` or `frontlines fuse` first") from exc
    desk = Desk(source, tiles=tiles, watcher=watcher, db_name=path.name, poll_ms=poll_ms)
    hosts = ["127.0.0.1", "localhost", "[::1]"] if host in LOCAL_HOSTS else None
    return desk, create_app(desk, allowed_hosts=hosts)


__all__ = ["LOCAL_HOSTS", "open_desk"]
