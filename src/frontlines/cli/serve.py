"""``frontlines serve`` (the desk in a browser) and ``frontlines watch`` (the desk plus live feeds).

A thin layer: it opens the desk (``frontlines.desk.open_desk``), then either
follows the store for changes made by other processes (``Desk.follow``) or
starts the feed watcher (``frontlines.desk.watch``) as the store's one writer,
and runs uvicorn. Bound to 127.0.0.1 unless told otherwise, with a warning.
"""

from __future__ import annotations

import webbrowser
from pathlib import Path

import typer
from rich.console import Console
from rich.text import Text

from frontlines.cli import app
from frontlines.cli.options import DbOption
from frontlines.errors import FrontlinesError

err = Console(stderr=True, highlight=False)

HostOpt = typer.Option("127.0.0.1", "--host", help="Interface to bind (127.0.0.1: this machine only).")
PortOpt = typer.Option(8080, "--port", help="TCP port.")
OpenOpt = typer.Option(False, "--open", help="Open the desk in the default browser.")
TilesOpt = typer.Option(None, "--tiles", envvar="FRONTLINES_TILES",
                        help="Opt-in tile server URL template (https://…/{z}/{x}/{y}.png); offline base map by default.")
EveryOpt = typer.Option("10m", "--every", help="Poll interval per feed (30s, 10m, 1h).")


def parse_every(text: str) -> float:
    units = {"s": 1, "m": 60, "h": 3600}
    try:
        value = float(text[:-1]) * units[text[-1]] if text[-1] in units else float(text)
    except (ValueError, IndexError):
        raise FrontlinesError(f"--every: {text!r} is not a duration (use 30s, 10m or 1h)") from None
    if value < 1:
        raise FrontlinesError(f"--every: {text!r} is shorter than one second")
    return value


def _serve(db: Path, host: str, port: int, open_browser: bool, tiles: str | None, feeds: list[str],
           every: str) -> None:
    import uvicorn

    from frontlines.desk import LOCAL_HOSTS, open_desk

    watcher = None
    con = None
    if feeds:
        from frontlines.desk.watch import Watcher

        watcher = Watcher(db, feeds, every=parse_every(every))
        con = watcher.store.con
    with err.status(f"reading {db} into the map index…"):
        desk, asgi = open_desk(db, tiles=tiles, watcher=watcher, host=host, con=con)
    if watcher is not None:
        watcher.on_change = desk.refresh
        watcher.start()
    else:
        desk.follow()  # a `frontlines run` from another terminal shows up when it finishes
    if host not in LOCAL_HOSTS:
        err.print(Text(f"warning: binding {host}: the desk (and every document in {db}) is reachable from other "
                       "machines; there is no login. Use --host 127.0.0.1 to keep it local."))
    url = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}/"
    err.print(Text(f"frontlines desk on {url} ({desk.snapshot.info.n_events} events from {db}"
                   + (f", watching {len(feeds)} feed(s)" if feeds else
                      f", read-only, following {db}: a `frontlines run` on it appears here when it finishes")
                   + "); Ctrl-C to stop"))
    if open_browser:
        webbrowser.open(url)
    try:
        uvicorn.run(asgi, host=host, port=port, log_level="warning", limit_concurrency=64,
                    h11_max_incomplete_event_size=16 * 1024)
    finally:
        if watcher is not None:
            watcher.stop()
        else:
            desk.close()


@app.command()
def serve(
    db: Path = DbOption,
    host: str = HostOpt,
    port: int = PortOpt,
    open_browser: bool = OpenOpt,
    tiles: str | None = TilesOpt,
    watch: list[str] = typer.Option([], "--watch", help="Also poll this feed or page URL (repeatable)."),
    every: str = EveryOpt,
) -> None:
    """Open the desk: a read-only web app (map, events, places, sources, documents) over the store.

    It holds the store only while a request needs it and follows it: a `frontlines run` from another
    terminal works while the desk is open, and its events appear when it finishes.
    """
    _serve(db, host, port, open_browser, tiles, watch, every)


@app.command()
def watch(
    feeds: list[str] = typer.Argument(..., help="RSS/Atom feed or page URLs (http/https) to poll."),
    db: Path = DbOption,
    every: str = EveryOpt,
    host: str = HostOpt,
    port: int = PortOpt,
    open_browser: bool = OpenOpt,
    tiles: str | None = TilesOpt,
) -> None:
    """Poll feeds, ingest, extract and fuse new items as they come, and serve the desk that shows them."""
    _serve(db, host, port, open_browser, tiles, feeds, every)
