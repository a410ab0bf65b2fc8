"""``frontlines run``: ingest, extract event mentions into the store, summarise, then fuse.

A thin layer over ``frontlines.orchestrator.run`` (the same function a notebook calls):
this module only parses options and prints the summary. Documents already extracted by this pipeline version
are skipped, so an interrupted run is completed by running it again.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from frontlines import orchestrator
from frontlines.cli import EXIT_QUARANTINED, app
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
    capped_line,
    why,
)
from frontlines.cli.options import DbOption
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
    batch_size: int | None = typer.Option(None, "--batch-size", min=1,
                                          help="Documents per store transaction (default: 500 read, 64 extracted)."),
) -> None:
    """Ingest PATHs and extract sourced, dated event mentions into the store; print a summary."""
    options = build_options(text_col, title_col, date_col, id_col, source_col, published, source_name, max_bytes)
    if engine not in ("local", "dask"):
        raise typer.BadParameter(f"unknown engine {engine!r}: use local or dask", param_hint="--engine")
    summary = orchestrator.run(paths, db, jobs=jobs or default_jobs(), engine=engine, scheduler=scheduler,
                               workers=workers, fuse=fuse_events, geocode=geocode, options=options,
                               batch_size=batch_size)
    if engine == "dask":
        out_console.print(Text(f"on dask: {summary.new} documents and {summary.extracted} extractions merged "
                               f"into {summary.db}; {summary.quarantined} quarantined"), soft_wrap=True)
    else:
        out_console.print(Text(
            f"{summary.new} new documents, {summary.existing} already stored, {summary.quarantined} quarantined; "
            f"{summary.extracted} extracted, {summary.already_extracted} already extracted ({PIPELINE_VERSION})"),
            soft_wrap=True)
    for line in screening_lines(summary):
        out_console.print(Text(line), soft_wrap=True)
    table = Table(title="event mentions")
    for col in ("source type", "event type", "sub-event type", "mentions"):
        table.add_column(col)
    for key, n in sorted(summary.mentions.items(), key=lambda kv: tuple(str(x) for x in kv[0])):
        table.add_row(*(Text(str(x)) for x in key), str(n))
    out_console.print(table)
    if summary.fusion is not None:
        out_console.print(summary.fusion)
    if summary.capped:
        out_console.print(Text(capped_line(summary.capped)), soft_wrap=True)
    if summary.quarantined:
        out_console.print(Text(f"{summary.quarantined} input{'s' * (summary.quarantined != 1)} could not be read" + why(summary.quarantine_reasons)),
                          soft_wrap=True)
        raise typer.Exit(EXIT_QUARANTINED)


def screening_lines(summary: orchestrator.RunSummary) -> list[str]:
    """What the screen set aside: documents judged to report no event, documents in languages not coded."""
    from frontlines.nlp.screening import EMPTY, NOT_RELEVANT

    lines = []
    if summary.screening:
        lines.append(f"{summary.screening.get(NOT_RELEVANT, 0)} documents judged not to report events "
                     f"(relevance stage; list them with: frontlines screening --db {summary.db})")
    if summary.languages:
        langs = ", ".join(f"{k} {v}" for k, v in sorted(summary.languages.items(), key=lambda kv: (-kv[1], kv[0])))
        lines.append(f"{sum(summary.languages.values())} documents in languages not coded yet: {langs}")
    if summary.screening.get(EMPTY):
        lines.append(f"{summary.screening[EMPTY]} documents without text")
    return lines
