"""``frontlines events``: stored event mentions as ACLED columns plus provenance and claims.

Filters become parameterised SQL over the ``mentions`` table; the writers live
in ``frontlines.export``.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import typer

from frontlines.cli import app
from frontlines.cli.options import DbOption
from frontlines.errors import FrontlinesError
from frontlines.store import Store
from frontlines.tables import mention_filter


def _day(value: str | None, flag: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise FrontlinesError(f"{flag} {value!r}: not a date (use YYYY-MM-DD)") from exc


@app.command()
def events(
    db: Path = DbOption,
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv, jsonl or parquet."),
    out: Path | None = typer.Option(None, "--out", "-o", help="Output file (stdout when omitted; parquet needs it)."),
    event_type: str | None = typer.Option(None, "--type", help="Event type or sub-event type."),
    since: str | None = typer.Option(None, "--since", help="Earliest event date (YYYY-MM-DD)."),
    until: str | None = typer.Option(None, "--until", help="Latest event date (YYYY-MM-DD)."),
    source_type: str | None = typer.Option(None, "--source-type", help="article or reader_comment."),
    country: str | None = typer.Option(None, "--country", help="Country name."),
    canonical: bool = typer.Option(False, "--canonical", help="One row per fused event: ACLED columns plus"
                                   " n_sources, n_independent, claimants, contradiction_ids."),
    mentions: bool = typer.Option(False, "--mentions", help="One row per event mention (the default)."),
) -> None:
    """Write event mentions with every ACLED column plus provenance and claim columns."""
    if canonical:  # fused events: rows and writer come from frontlines.fusion
        from frontlines.fusion import canonical_rows
        from frontlines.fusion.rows import write_canonical

        if mentions or source_type or not db.exists():
            raise FrontlinesError("--canonical: not with --mentions/--source-type; needs an existing --db store")
        with Store(db, read_only=True) as store:
            write_canonical(canonical_rows(store, type=event_type, since=_day(since, "--since"),
                                           until=_day(until, "--until"), country=country), fmt, out)
        return
    from frontlines.export import FORMATS, rows, write
    from frontlines.store.mentions import load_mentions

    if fmt not in FORMATS:
        raise FrontlinesError(f"--format {fmt!r}: use one of {', '.join(FORMATS)}")
    where, params = mention_filter(event_type, _day(since, "--since"), _day(until, "--until"), source_type, country)
    if not db.exists():
        raise FrontlinesError(f"{db}: no such store; run `frontlines run PATH --db {db}` first")
    with Store(db, read_only=True) as store:
        table = rows(load_mentions(store, where, params))
    write(table, fmt, out)
