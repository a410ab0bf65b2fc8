"""CLI commands for the ingest stage (placeholder until the stage lands)."""

from frontlines.cli import app  # noqa: F401
