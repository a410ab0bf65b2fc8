"""CLI commands for the gazetteer stage (placeholder until the stage lands)."""

from frontlines.cli import app  # noqa: F401
