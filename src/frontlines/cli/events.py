"""CLI commands for the events stage (placeholder until the stage lands)."""

from frontlines.cli import app  # noqa: F401
