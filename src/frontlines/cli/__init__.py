"""The ``frontlines`` command: a thin layer that builds library objects and calls them.

Each command group lives in its own module and registers itself on ``app``.
Errors reach the user as one line (``FrontlinesError``), never a traceback.
"""

from __future__ import annotations

import sys

import typer
from rich.console import Console

from frontlines.errors import FrontlinesError
from frontlines.version import __version__

app = typer.Typer(
    name="frontlines",
    help="Turn conflict reporting into sourced, geocoded, dated ACLED-compatible event data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"frontlines {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
) -> None:
    """frontlines: conflict reporting in, event data out."""


def _register() -> None:
    # Imported for their side effect of adding commands to ``app``.
    from frontlines.cli import evaluate, events, fusion, gazetteer, ingest, run, serve  # noqa: F401


def main() -> None:
    _register()
    try:
        app()
    except FrontlinesError as exc:
        console.print(f"[red]error:[/red] {exc}", highlight=False)
        sys.exit(1)
