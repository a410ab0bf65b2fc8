"""Evaluators by kind, so each stage registers its own measurements for ``frontlines eval KIND``.

An evaluator takes the gold file path and options and returns a JSON-able dict
of metrics; the CLI prints it and writes it with ``--json``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

Evaluator = Callable[..., dict[str, Any]]
EVALUATORS: dict[str, Evaluator] = {}


def register(kind: str) -> Callable[[Evaluator], Evaluator]:
    def deco(fn: Evaluator) -> Evaluator:
        EVALUATORS[kind] = fn
        return fn

    return deco


def evaluate(kind: str, path: str | Path, **options: Any) -> dict[str, Any]:
    from frontlines.evaluation import load_all

    load_all()
    if kind not in EVALUATORS:
        from frontlines.errors import FrontlinesError

        raise FrontlinesError(f"unknown eval kind {kind!r}; known: {', '.join(sorted(EVALUATORS))}")
    return EVALUATORS[kind](Path(path), **options)
