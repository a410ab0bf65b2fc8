"""The ``frontlines`` command: a thin layer that builds library objects and calls them.

Each command group lives in its own module and registers itself on ``app``.
Errors reach the user as one line (``FrontlinesError``), never a traceback.
"""

from __future__ import annotations

import os
import sys

import typer
from rich.console import Console
from rich.text import Text

from frontlines.errors import FrontlinesError
from frontlines.version import __version__

app = typer.Typer(
    name="frontlines",
    help="Turn conflict reporting into sourced, geocoded, dated ACLED-compatible event data.\n\n"
         "Exit status: 0 done, every input read; 1 error, nothing more done (unusable store, full disk,"
         " unwritable output, bad option value); 2 bad command line; 3 done, but some inputs could not be read"
         " (quarantined and listed in the summary).",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
console = Console(stderr=True)

# Exit status of every command (documented in --help, README and docs/ingest.md).
EXIT_OK = 0  # done; every input was read
EXIT_ERROR = 1  # the request failed: bad option, unusable store, full disk, unwritable output
EXIT_USAGE = 2  # a bad command line (click's own code for usage errors)
EXIT_QUARANTINED = 3  # done, but some inputs could not be read: quarantined, and listed in the summary


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
    from frontlines.cli import evaluate, events, fusion, gazetteer, ingest, run, screening, serve  # noqa: F401


def _one_line(exc: BaseException) -> str | None:
    """The user's line for an environmental failure (full disk, unwritable output, locked or broken store),
    or None for a bug, which keeps its traceback."""
    if isinstance(exc, FrontlinesError):
        return str(exc)
    if isinstance(exc, OSError):
        from frontlines.errors import output_error

        return str(output_error(exc.filename or "output", exc))
    if type(exc).__module__.split(".")[0] in ("duckdb", "_duckdb"):
        from frontlines.store import store_error

        mapped = store_error("the store", exc)
        return str(mapped) if mapped else "store error: " + " ".join(str(exc).split())
    return None


def main() -> None:
    """Run the CLI. Exit status: ``EXIT_OK``, ``EXIT_ERROR``, ``EXIT_USAGE`` or ``EXIT_QUARANTINED`` (above)."""
    _register()
    try:
        app()
    except BrokenPipeError:  # `frontlines events | head`: the reader left; say nothing more
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        sys.exit(EXIT_ERROR)
    except Exception as exc:
        line = _one_line(exc)
        if line is None:
            raise
        err = Text("error: ", style="red")
        err.append(" ".join(line.split()))
        console.print(err, soft_wrap=True, highlight=False)
        sys.exit(EXIT_ERROR)
