"""Measured quality: ``frontlines eval`` readers and metrics for every stage."""

from __future__ import annotations

import importlib
import pkgutil


def load_all() -> None:
    """Import every module in this package so their ``@register`` calls run."""
    for info in pkgutil.iter_modules(__path__):
        if info.name != "registry":
            importlib.import_module(f"{__name__}.{info.name}")
