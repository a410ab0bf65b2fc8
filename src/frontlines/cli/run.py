"""``frontlines run``: ingest, extract event mentions into the store, summarise, then fuse.

A thin layer over ``ingest_into`` (the ingest stage), ``extract_many`` (nlp) and
``save_mentions`` (store). Documents already extracted by this pipeline version
are skipped, so an interrupted run is completed by running it again.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from frontlines.cli import app
from frontlines.cli.ingest import (
    DateCol,
    IdCol,
    MaxBytesOpt,
    PathsArg,
    PublishedOpt,
    SourceCol,
    SourceOpt,
    TextCol,
    TitleCol,
    build_options,
    ingest_into,
)
from frontlines.cli.options import DbOption
from frontlines.store import Store
from frontlines.version import PIPELINE_VERSION

out_console = Console()
err_console = Console(stderr=True, highlight=False)


def extract_store(store: Store, *, batch_size: int = 64, progress: bool = True, geocoder=None) -> Counter:
    """Extract every stored document not yet extracted by this pipeline version; one transaction per batch."""
    from frontlines.nlp.extract import extract_many
    from frontlines.store.mentions import extracted, save_mentions

    done = extracted(store)
    todo = [d for d in store.documents() if d.doc_id not in done]
    tally: Counter = Counter()
    batch: list = []
    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[mentions]} mentions"), TimeElapsedColumn(), console=err_console,
                  disable=not progress) as bar:
        task = bar.add_task("extracting", total=len(todo), mentions=0)
        for doc, mentions in extract_many(todo, geocoder=geocoder):
            batch.append((doc.doc_id, mentions))
            for m in mentions:
                tally[(m.source_type, m.event_type, m.sub_event_type)] += 1
            tally["_docs"] += 1
            if len(batch) >= batch_size:
                save_mentions(store, batch)
                batch.clear()
            bar.update(task, advance=1, mentions=sum(v for k, v in tally.items() if k != "_docs"))
        if batch:
            save_mentions(store, batch)
    tally["_skipped"] = len(done)
    return tally


def _geocoder(store: Store):
    try:
        from frontlines.geo import Geocoder
    except ImportError:
        return None
    try:
        return Geocoder(store)
    except Exception as exc:  # no gazetteer installed: keep place strings, say so
        err_console.print(Text(f"geocoding off: {exc}"))
        return None


@app.command()
def run(
    paths: list[str] = PathsArg,
    db: Path = DbOption,
    published: str | None = PublishedOpt,
    source_name: str | None = SourceOpt,
    text_col: str | None = TextCol,
    title_col: str | None = TitleCol,
    date_col: str | None = DateCol,
    id_col: str | None = IdCol,
    source_col: str | None = SourceCol,
    max_bytes: int = MaxBytesOpt,
    fuse_events: bool = typer.Option(True, "--fuse/--no-fuse", help="Fuse mentions into events afterwards."),
    geocode: bool = typer.Option(True, "--geocode/--no-geocode", help="Resolve places with the gazetteer."),
) -> None:
    """Ingest PATHs and extract sourced, dated event mentions into the store; print a summary."""
    options = build_options(text_col, title_col, date_col, id_col, source_col, published, source_name, max_bytes)
    progress = sys.stderr.isatty()
    with Store(db) as store:
        result, _stats = ingest_into(store, paths, options, progress=progress)
        tally = extract_store(store, progress=progress, geocoder=_geocoder(store) if geocode else None)
        out_console.print(Text(
            f"{result.new} new documents, {result.existing} already stored, {result.quarantined} quarantined; "
            f"{tally['_docs']} extracted, {tally['_skipped']} already extracted ({PIPELINE_VERSION})"),
            soft_wrap=True)
        table = Table(title="event mentions")
        for col in ("source type", "event type", "sub-event type", "mentions"):
            table.add_column(col)
        for key, n in sorted(((k, v) for k, v in tally.items() if isinstance(k, tuple)), key=lambda kv: kv[0]):
            table.add_row(*(Text(str(x)) for x in key), str(n))
        out_console.print(table)
        if fuse_events:
            _fuse(store)


def _fuse(store: Store) -> None:
    """Fold the new mentions into canonical events and show them: sources, contradictions, control."""
    from frontlines.fusion import fuse

    out_console.print(fuse(store))
