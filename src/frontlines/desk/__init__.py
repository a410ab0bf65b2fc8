"""The analyst's desk: a read-only web app over the store (map, events, places, sources, documents, live feeds).

``open_desk(db)`` opens the store read-only and returns the ``Desk`` (the state)
and the Starlette app; ``frontlines serve`` runs it with uvicorn. With
``watch`` (``frontlines serve --watch`` or ``frontlines watch``) the same process
also polls feeds and is the store's one writer: DuckDB lets one process
write while readers in that process use cursors of the same connection, but
refuses a second process, so the desk and ingestion share one process rather
than two. See docs/desk.md.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from frontlines.errors import FrontlinesError
from frontlines.store import CONNECTION_CONFIG, check_store_path

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")


def open_desk(db: str | Path, *, tiles: str | None = None, watcher=None, host: str = "127.0.0.1",
              con: duckdb.DuckDBPyConnection | None = None, poll_ms: int = 5000):
    """(Desk, app) over ``db``: read-only, unless ``con`` (the watcher's writer connection) is given."""
    from frontlines.desk.app import Desk, create_app

    path = Path(db)
    if con is None:
        if not path.exists():
            raise FrontlinesError(f"{path}: no such store (run `frontlines run …` first, or pass --db)")
        try:
            check_store_path(path)  # a CSV or SQLite file is no store (and must not pull in an extension)
            con = duckdb.connect(str(path), read_only=True, config=dict(CONNECTION_CONFIG))
        except duckdb.Error as exc:
            raise FrontlinesError(
                f"{path}: cannot open read-only ({str(exc).splitlines()[0]}); another process is writing it: "
                "stop it, or run the desk and the ingestion in one process with `frontlines serve --watch`"
            ) from exc
    try:
        con.execute("SELECT 1 FROM canonical_events LIMIT 0")
    except duckdb.Error as exc:
        raise FrontlinesError(f"{path}: not a fused frontlines store (no canonical_events table); "
                              "run `frontlines run` or `frontlines fuse` first") from exc
    desk = Desk(con, tiles=tiles, watcher=watcher, db_name=path.name, poll_ms=poll_ms)
    hosts = ["127.0.0.1", "localhost", "[::1]"] if host in LOCAL_HOSTS else None
    return desk, create_app(desk, allowed_hosts=hosts)


__all__ = ["LOCAL_HOSTS", "open_desk"]
