"""Option groups shared by several commands, so every verb spells them the same way."""

from __future__ import annotations

from pathlib import Path

import typer

from frontlines.store import DEFAULT_DB

DbOption = typer.Option(Path(DEFAULT_DB), "--db", help="DuckDB store file.", envvar="FRONTLINES_DB")
