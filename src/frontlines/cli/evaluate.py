"""CLI commands for the evaluate stage (placeholder until the stage lands)."""

from frontlines.cli import app  # noqa: F401
