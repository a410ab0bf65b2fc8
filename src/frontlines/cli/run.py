"""CLI commands for the run stage (placeholder until the stage lands)."""

from frontlines.cli import app  # noqa: F401
