"""``frontlines run``: ingest, extract event mentions into the store, summarise, then fuse.

A thin layer over ``ingest_into`` (the ingest stage) and ``frontlines.orchestrator``
(extraction into the store, geocoding). Documents already extracted by this pipeline version
are skipped, so an interrupted run is completed by running it again.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer
from rich.console import Console
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
from frontlines.orchestrator import extract_store, geocoder_for
from frontlines.store import Store
from frontlines.version import PIPELINE_VERSION
from frontlines.workers import default_jobs

out_console = Console()
err_console = Console(stderr=True, highlight=False)


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
    jobs: int = typer.Option(0, "--jobs", "-j", min=0,
                             help="Worker processes for extraction (0: one per core). The output is the same."),
    engine: str = typer.Option("local", "--engine", help="local (this machine, --jobs processes) or dask."),
    scheduler: str | None = typer.Option(None, "--scheduler",
                                         help="Dask scheduler address (tcp://host:8786); default: a LocalCluster."),
    workers: int = typer.Option(2, "--workers", min=1, help="LocalCluster workers for --engine dask."),
) -> None:
    """Ingest PATHs and extract sourced, dated event mentions into the store; print a summary."""
    options = build_options(text_col, title_col, date_col, id_col, source_col, published, source_name, max_bytes)
    progress = sys.stderr.isatty()
    if engine not in ("local", "dask"):
        raise typer.BadParameter(f"unknown engine {engine!r}: use local or dask", param_hint="--engine")
    with Store(db) as store:
        if engine == "dask":
            _run_dask(store, paths, options, scheduler, workers, geocode, progress)
            if fuse_events:
                _fuse(store)
            return
        result, _stats = ingest_into(store, paths, options, progress=progress)
        tally = extract_store(store, progress=progress, geocoder=geocoder_for(store) if geocode else None,
                              jobs=jobs or default_jobs())
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


def _run_dask(store: Store, paths, options, scheduler, workers, geocode, progress) -> None:
    from frontlines.distributed import run_shards

    results = run_shards(store, paths, options, scheduler=scheduler, workers=workers, geocode=geocode,
                         progress=progress)
    docs = sum(r.rows.get("documents", 0) for r in results)
    mentions = sum(r.rows.get("mentions", 0) for r in results)
    out_console.print(Text(f"{len(results)} shards on dask: {docs} documents and {mentions} mentions in their "
                           f"partitions, merged into {store.path}"), soft_wrap=True)


def _fuse(store: Store) -> None:
    """Fold the new mentions into canonical events and show them: sources, contradictions, control."""
    from frontlines.fusion import fuse

    out_console.print(fuse(store))
