"""CLI commands for the fusion stage (placeholder until the stage lands)."""

from frontlines.cli import app  # noqa: F401
