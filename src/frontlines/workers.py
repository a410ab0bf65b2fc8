"""Extraction on every core: worker processes that each load the model once, one writer.

WHY processes, and why this shape: the parse and the rule stages are pure
Python/Cython work under the GIL, so threads do not help; processes do. DuckDB
allows one writing process, so workers never touch the store: the parent sends
them documents in chunks, they return ``(Document, mentions)`` exactly as
``extract_many`` yields them, and the parent writes. ``imap`` keeps input order,
and every stage is a pure function of its document (mention ids are content
hashes), so ``--jobs N`` stores the very same rows as ``--jobs 1``.

Workers start with ``spawn`` (no fork of a process holding DuckDB's threads and
file handles). Each builds its own geocoder: the shipped layer from its cache,
plus the store's own gazetteer entries, which the parent reads once and sends
(they are small; the shipped layer is not sent: it is ~130 MB pickled).
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    from frontlines.document import Document
    from frontlines.geo.gazetteer import Gazetteer

# Below this many documents per worker, starting workers (model and gazetteer load, ~5 s each) costs more
# than it saves: the batch runs in this process.
MIN_DOCS_PER_JOB = 64
CHUNK = 16

_STATE: dict[str, Any] = {}


def default_jobs() -> int:
    """The cores this process may use (``sched_getaffinity`` honours container and taskset limits)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def _init(geocode: bool, layers: list[Gazetteer]) -> None:
    from frontlines.nlp.pipeline import load_nlp

    load_nlp()
    if geocode:
        from frontlines.geo import Geocoder

        _STATE["geocoder"] = Geocoder(None, layers=layers)


def _work(chunk: list[Document], screened: bool = False) -> list:
    from frontlines.nlp.extract import extract_many, extract_screened

    if screened:
        return list(extract_screened(chunk, geocoder=_STATE.get("geocoder")))
    return list(extract_many(chunk, geocoder=_STATE.get("geocoder")))


def _chunks(documents: list[Document], size: int) -> Iterator[list[Document]]:
    for i in range(0, len(documents), size):
        yield documents[i:i + size]


def extract_parallel(documents: Iterable[Document], *, jobs: int = 1, geocoder=None,
                     chunk: int = CHUNK, screened: bool = False) -> Iterator:
    """What ``extract_many`` yields (``extract_screened`` with ``screened``), in input order, computed by
    ``jobs`` worker processes.

    ``geocoder`` is the parent's: its user layers (not the shipped one) are sent to the workers.
    With one job, or too few documents to pay for the workers' start, it runs here.
    """
    from functools import partial

    from frontlines.nlp.extract import extract_many, extract_screened

    docs = list(documents)
    jobs = max(1, min(jobs, len(docs) // MIN_DOCS_PER_JOB or 1))
    if jobs == 1:
        yield from (extract_screened if screened else extract_many)(docs, geocoder=geocoder)
        return
    layers = [] if geocoder is None else [layer for layer in geocoder.layers
                                           if layer is not getattr(geocoder, "_default_layer", None)]
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(jobs, initializer=_init, initargs=(geocoder is not None, layers)) as pool:
        for result in pool.imap(partial(_work, screened=screened), _chunks(docs, chunk)):
            yield from result


__all__ = ["MIN_DOCS_PER_JOB", "default_jobs", "extract_parallel"]
