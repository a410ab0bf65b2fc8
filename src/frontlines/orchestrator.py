"""The pipeline as a library: ingest → extract → store → fuse, owned here and called by the CLI.

WHY a module of its own: the CLI must stay a thin layer (sqlite-utils' pattern),
so a notebook user and ``frontlines run`` call the very same functions. Stages
are imported lazily so that importing ``frontlines`` stays cheap.
"""

from __future__ import annotations

import sys
from collections import Counter

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from frontlines.store import Store

err_console = Console(stderr=True, highlight=False)


def extract_store(store: Store, *, batch_size: int = 64, progress: bool | None = None, geocoder=None,
                  jobs: int = 1) -> Counter:
    """Extract every stored document not yet extracted by this pipeline version; one transaction per batch.

    ``jobs`` > 1 extracts in that many worker processes (``frontlines.workers``); this process alone
    writes, and the rows are the same as with one job.
    """
    from frontlines.store.mentions import extracted, save_mentions
    from frontlines.workers import extract_parallel

    if progress is None:
        progress = sys.stderr.isatty()
    done = extracted(store)
    todo = [d for d in store.documents() if d.doc_id not in done]
    tally: Counter = Counter()
    batch: list = []
    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[mentions]} mentions"), TimeElapsedColumn(), console=err_console,
                  disable=not progress) as bar:
        task = bar.add_task("extracting", total=len(todo), mentions=0)
        for doc, mentions in extract_parallel(todo, jobs=jobs, geocoder=geocoder):
            batch.append((doc.doc_id, mentions))
            for m in mentions:
                tally[(m.source_type, m.event_type, m.sub_event_type)] += 1
            tally["_docs"] += 1
            if len(batch) >= batch_size:
                save_mentions(store, batch)
                batch.clear()
            bar.update(task, advance=1, mentions=sum(v for k, v in tally.items() if k != "_docs"))
        if batch:
            save_mentions(store, batch)
    tally["_skipped"] = len(done)
    return tally


def geocoder_for(store: Store):
    """The store's gazetteer-backed geocoder, or None (with a one-line notice) when none can be built."""
    try:
        from frontlines.geo import Geocoder
    except ImportError:
        return None
    try:
        return Geocoder(store)
    except Exception as exc:  # no gazetteer installed: keep place strings, say so
        err_console.print(Text(f"geocoding off: {exc}"))
        return None


__all__ = ["extract_store", "geocoder_for"]
