"""CLI for fusion and its outputs: ``fuse``, ``control``, ``contradictions``, ``report``.

Thin: each command opens the store, calls ``frontlines.fusion`` / ``frontlines.report``,
and prints. Source text reaches the terminal as plain text, never as markup.
"""

from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from frontlines.cli import app
from frontlines.cli.options import DbOption
from frontlines.errors import FrontlinesError
from frontlines.export import open_output, write_csv

out_console = Console(highlight=False)


def _store(db: Path, read_only: bool = False):
    from frontlines.store import Store

    if read_only and not db.exists():
        raise FrontlinesError(f"{db}: no such store (run `frontlines run` or `frontlines fuse` first)")
    return Store(db, read_only=read_only)


def _date(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise FrontlinesError(f"{name}: {value!r} is not a date (use YYYY-MM-DD)") from None


@app.command()
def fuse(
    db: Path = DbOption,
    sources: Path | None = typer.Option(None, "--sources", help="Source list CSV (name, owner, wire, partisanship,"
                                        " aligned_with); remembered in the store."),
    as_json: bool = typer.Option(False, "--json", help="Print the run summary as JSON."),
    recount: bool = typer.Option(False, "--recount", help="Recompute every event's consensus, source counts and"
                                 " contradictions (after an upgrade); groups and ids are kept."),
    regroup: bool = typer.Option(False, "--regroup", help="Discard all canonical events and fuse every mention"
                                 " again with the current scorer (groups follow new rules; ids may change)."),
) -> None:
    """Fold new mentions into canonical events (idempotent; only new mentions are compared)."""
    from frontlines.fusion import fuse as run_fuse

    if sources is not None and not sources.is_file():
        raise FrontlinesError(f"{sources}: no such source list")
    with _store(db) as store:
        with Progress(TextColumn("fusing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      transient=True, console=Console(stderr=True)) as bar:
            task = bar.add_task("fuse", total=None)
            summary = run_fuse(store, sources, recount=recount, regroup=regroup,
                               progress=lambda n, total: bar.update(task, completed=n, total=total))
        if as_json:
            typer.echo(json.dumps(summary.as_dict()))
        else:
            out_console.print(summary)


@app.command()
def control(
    db: Path = DbOption,
    on: str | None = typer.Option(None, "--date", help="Who held each place on this date (default: today)."),
    place: str | None = typer.Option(None, "--place", help="A place name; its districts are included."),
    fmt: str = typer.Option("table", "--format", help="table, csv or geojson."),
    out: Path | None = typer.Option(None, "--out", help="Write to this file instead of stdout."),
    history: bool = typer.Option(False, "--history", help="List every change instead of the state on --date."),
) -> None:
    """Territorial control per place on a date: holder, since when, according to whom, how corroborated."""
    from frontlines.fusion import control_at, control_geojson, timeline
    from frontlines.fusion.control import LEVELS
    from frontlines.fusion.places import place_name

    if fmt not in ("table", "csv", "geojson"):
        raise FrontlinesError(f"--format: {fmt!r} is not one of table, csv, geojson")
    day = _date(on, "--date") or date.today().isoformat()
    with _store(db, read_only=True) as store:
        if history:
            rows = [{"place": place_name(c.location), "level": LEVELS[c.placekey.level], "since": c.change_date,
                     "holder": c.holder,
                     "previous_holder": c.previous_holder,
                     "according_to": ", ".join(c.claimants) or ", ".join(
                         sorted({s["source"] for s in c.sources if s.get("source")})),
                     "denied_by": ", ".join(c.deniers), "n_independent": c.n_independent,
                     "corroboration": c.corroboration, "canonical_id": c.canonical_id}
                    for c in timeline(store, place)]
            geo = None
        else:
            rows = control_at(store, day, place)
            geo = control_geojson(store, day, place) if fmt == "geojson" else None
    if fmt == "geojson":
        if geo is None:
            raise FrontlinesError("--format geojson needs a date, not --history")
        _emit(json.dumps(geo, ensure_ascii=False, indent=1), out)
        return
    cols = ["place", "level", "since", "holder", "previous_holder", "according_to", "denied_by", "n_independent",
            "corroboration", "canonical_id"] if history else [
        "location", "level", "holder", "since", "previous_holder", "according_to", "n_independent",
        "corroboration", "canonical_id"]
    _rows_out(rows, cols, fmt, out, title=f"Control on {day}" if not history else "Control changes")


@app.command()
def contradictions(
    db: Path = DbOption,
    fmt: str = typer.Option("table", "--format", help="table, csv or json."),
    out: Path | None = typer.Option(None, "--out", help="Write to this file instead of stdout."),
) -> None:
    """Stored disagreements between mentions of one event (capture vs denial, figures, perpetrators, dates, places)."""
    from frontlines.fusion import contradictions as load

    if fmt not in ("table", "csv", "json"):
        raise FrontlinesError(f"--format: {fmt!r} is not one of table, csv, json")
    with _store(db, read_only=True) as store:
        cxs = load(store)
    if fmt == "json":
        _emit(json.dumps([c.to_dict() for c in cxs], ensure_ascii=False, indent=1), out)
        return
    rows = [{"contradiction_id": c.contradiction_id, "canonical_id": c.canonical_id, "kind": c.kind,
             "mention_ids": "; ".join(c.mention_ids), "summary": c.summary} for c in cxs]
    _rows_out(rows, ["contradiction_id", "canonical_id", "kind", "summary", "mention_ids"], fmt, out,
              title="Contradictions")


@app.command()
def report(
    db: Path = DbOption,
    place: str | None = typer.Option(None, "--place", help="Only events in this place (any level)."),
    since: str | None = typer.Option(None, "--since", help="First day (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Last day (YYYY-MM-DD)."),
    fmt: str = typer.Option("md", "--format", help="md or html (one self-contained file)."),
    out: Path | None = typer.Option(None, "--out", help="Output file (default: stdout; md writes its map beside"
                                    " --out as .png)."),
) -> None:
    """A cited situation brief by area and day, with contradictions, control changes and a map."""
    from frontlines.report import write_report

    with _store(db, read_only=True) as store:
        text, brief = write_report(store, out, fmt, place, _date(since, "--since"), _date(until, "--until"))
    if out is None:
        sys.stdout.write(text)
    else:
        Console(stderr=True).print(f"wrote {out} ({brief.n_events} events, {len(brief.citations)} sources)",
                                   highlight=False, markup=False)


def _emit(text: str, out: Path | None) -> None:
    if out is None:
        sys.stdout.write(text + "\n")
    else:
        with open_output(out) as fh:
            fh.write(text + "\n")


def _rows_out(rows: list[dict], cols: list[str], fmt: str, out: Path | None, title: str) -> None:
    if fmt == "csv":  # cells that a spreadsheet would run as formulas are neutralised (export.write_csv)
        if out is None:
            write_csv(sys.stdout, rows, cols)
        else:
            with open_output(out) as fh:
                write_csv(fh, rows, cols)
        return
    t = Table(title=title)
    for c in cols:
        t.add_column(c, overflow="fold")
    for r in rows:
        t.add_row(*[Text("" if r.get(c) is None else str(r.get(c))) for c in cols])
    if out:
        with open_output(out) as fh:
            Console(file=fh, width=200).print(t)
    else:
        out_console.print(t)
