"""Plumbing every evaluator shares: gold-file hashing, the deterministic half split, progress, result shape.

Every evaluator returns the same JSON-able shape so the CLI prints any kind and
the quality gate pins any kind without knowing it:

``{"kind", "path", "gold_sha256", "system", "n", "split", "seconds",
"classification": {name: ClassificationReport dict}, "fields": {name: FieldAccuracy dict},
"figures": {name: float}}``

``figures`` holds the flat numbers the gate compares with its floors.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from frontlines.document import normalise_text
from frontlines.errors import FrontlinesError
from frontlines.progress import track

T = TypeVar("T")
SPLITS = ("half-a", "half-b")


def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def half_of(text: str) -> str:
    """``half-a`` or ``half-b`` from a hash of the normalised text.

    Hashing the text rather than the row id keeps identical notes (ACLED codes
    one note once per location) in the same half, so the held-out half never
    contains a training note verbatim.
    """
    digest = hashlib.sha1(normalise_text(text).lower().encode()).digest()
    return SPLITS[digest[0] & 1]


def check_split(split: str | None) -> str | None:
    if split is not None and split not in SPLITS:
        raise FrontlinesError(f"--split {split!r}: expected one of {', '.join(SPLITS)}")
    return split


def other_half(split: str) -> str:
    return SPLITS[1 - SPLITS.index(split)]


def subset(rows: list[T], text: Callable[[T], str], split: str | None, limit: int | None,
           every: int | None = None) -> list[T]:
    """One half (by text hash), then every ``every``-th row (spread over the file), then the first ``limit``."""
    check_split(split)
    if split:
        rows = [r for r in rows if half_of(text(r)) == split]
    if every and every > 1:
        rows = rows[::every]
    return rows[:limit] if limit else rows


def predict(rows: list[Any], system: Any, kind: str, progress: bool) -> list[Any]:
    """``system``'s predictions for each row's ``document()``, in order, with a progress bar."""
    preds = system.predict_all(r.document() for r in rows)
    return list(track(preds, len(rows), f"{kind} · {system.name}", progress))


def failures(preds: Iterable[Any]) -> dict[str, Any]:
    """How many texts the system failed on (scored as no event), with the first few reasons."""
    errs = [p.extra["error"] for p in preds if getattr(p, "extra", None) and "error" in p.extra]
    return {"failed": len(errs), "failures": errs[:10]}


def require(path: Path) -> Path:
    if not path.exists():
        raise FrontlinesError(f"{path}: gold file not found")
    return path


def result(
    kind: str,
    path: Path,
    system: str,
    n: int,
    started: float,
    *,
    split: str | None = None,
    classification: dict[str, Any] | None = None,
    fields: dict[str, Any] | None = None,
    figures: dict[str, float] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    return {
        "kind": kind,
        "path": str(path),
        "gold_sha256": sha256_file(path),
        "system": system,
        "n": n,
        "split": split,
        "seconds": round(time.perf_counter() - started, 2),
        "classification": classification or {},
        "fields": fields or {},
        "figures": {k: round(v, 4) for k, v in (figures or {}).items()},
        **extra,
    }
