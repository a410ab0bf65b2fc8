"""The pipeline as a library: ingest → extract → store → fuse, owned here and called by the CLI.

WHY a module of its own: the CLI must stay a thin layer (sqlite-utils' pattern),
so a notebook user and ``frontlines run`` call the very same functions. Stages
are imported lazily so that importing ``frontlines`` stays cheap.
"""

from __future__ import annotations

import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.text import Text

from frontlines import killpoint
from frontlines.document import Document
from frontlines.errors import BadInput
from frontlines.ingest import Capped, IngestStats, one_line, read_file, source
from frontlines.ingest.options import IngestOptions
from frontlines.store import Store, StoreResult

err_console = Console(stderr=True, highlight=False)


def ingest_store(store: Store, paths: list[str], options: IngestOptions, batch_size: int = 500,
                progress: bool = True) -> tuple[StoreResult, IngestStats]:
    """Read ``paths`` into ``store`` in transactional batches; quarantine and report bad inputs.

    Each batch commits as a whole, so a kill loses at most the batch in flight,
    and the content id makes the re-run skip what was already stored.
    """
    total = StoreResult()
    stats = IngestStats()
    items = list(source.expand(paths, options))
    batch: list[Document] = []
    batch_input: list[str] = []

    def flush() -> None:
        if batch:
            r = store.add_documents(batch, list(batch_input))
            killpoint.reached("ingest")
            total.new += r.new
            total.existing += r.existing
            batch.clear()
            batch_input.clear()

    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[docs]} docs"), TimeElapsedColumn(), console=err_console,
                  disable=not progress, transient=False) as bar:
        task = bar.add_task("ingesting", total=len(items), docs=0)
        for item in items:
            outputs = [one_line(item)] if isinstance(item, BadInput) else read_file(item, options, stats)
            if isinstance(item, BadInput):
                stats.bad += 1
            name = str(item) if not isinstance(item, BadInput) else item.input_name
            if name == source.STDIN:
                name = "<stdin>"
            for out in outputs:
                if isinstance(out, Capped):  # stored in part: recorded and said, but the input was read
                    err_console.print(Text(f"capped: {out.input_name}: {out.reason}"), soft_wrap=True)
                    store.quarantine(out.input_name, out.reason, out.detail, reader=None)
                    continue
                if isinstance(out, BadInput):
                    total.quarantined += 1
                    total.reasons[out.reason] += 1
                    err_console.print(Text(f"quarantined: {out.input_name}: {out.reason}"), soft_wrap=True)
                    store.quarantine(out.input_name, out.reason, out.detail, reader=None)
                    continue
                batch.append(out)
                batch_input.append(name)
                if len(batch) >= batch_size:
                    flush()
                bar.update(task, docs=stats.documents)
            killpoint.reached("ingest")
            bar.update(task, advance=1, docs=stats.documents)
        flush()
    return total, stats


def extract_store(store: Store, *, batch_size: int = 64, progress: bool | None = None, geocoder=None,
                  jobs: int = 1) -> Counter:
    """Extract every stored document not yet extracted by this pipeline version; one transaction per batch.

    ``jobs`` > 1 extracts in that many worker processes (``frontlines.workers``); this process alone
    writes, and the rows are the same as with one job. Each document's screening decision (language,
    relevance score, reason) is saved with its mentions; the tally counts the decisions
    (``("_screening", decision)``) and the languages not coded (``("_language", code)``).
    """
    from frontlines.nlp.screening import LANGUAGE_NOT_CODED
    from frontlines.store.mentions import extracted, save_mentions
    from frontlines.workers import extract_parallel

    if progress is None:
        progress = sys.stderr.isatty()
    done = extracted(store)
    todo = [d for d in store.documents() if d.doc_id not in done]
    tally: Counter = Counter()
    batch: list = []
    screenings: list = []
    with Progress(TextColumn("[progress.description]{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[mentions]} mentions"), TimeElapsedColumn(), console=err_console,
                  disable=not progress) as bar:
        task = bar.add_task("extracting", total=len(todo), mentions=0)
        n_mentions = 0
        for ex in extract_parallel(todo, jobs=jobs, geocoder=geocoder, screened=True):
            batch.append((ex.document.doc_id, ex.mentions))
            if ex.screening is not None:
                screenings.append(ex.screening)
                tally[("_screening", ex.screening.decision)] += 1
                if ex.screening.decision == LANGUAGE_NOT_CODED:
                    tally[("_language", ex.screening.language or "?")] += 1
            for m in ex.mentions:
                tally[(m.source_type, m.event_type, m.sub_event_type)] += 1
            n_mentions += len(ex.mentions)
            tally["_docs"] += 1
            killpoint.reached("extract")
            if len(batch) >= batch_size:
                save_mentions(store, batch, screenings=screenings)
                killpoint.reached("extract")
                batch.clear()
                screenings.clear()
            bar.update(task, advance=1, mentions=n_mentions)
        if batch:
            save_mentions(store, batch, screenings=screenings)
            killpoint.reached("extract")
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


@dataclass
class RunSummary:
    """What one ``run`` did: inputs read, documents extracted, mentions by type, and the fusion's result."""

    db: str
    new: int = 0
    existing: int = 0
    quarantined: int = 0
    quarantine_reasons: Counter = field(default_factory=Counter)  # reason -> inputs
    capped: list[str] = field(default_factory=list)  # "input: limit" for inputs stored in part (not quarantined)
    extracted: int = 0
    already_extracted: int = 0
    mentions: Counter = field(default_factory=Counter)  # (source_type, event_type, sub_event_type) -> n
    screening: Counter = field(default_factory=Counter)  # decision (nlp.screening) -> documents
    languages: Counter = field(default_factory=Counter)  # language not coded yet -> documents
    fusion: Any = None  # frontlines.fusion.FusionSummary, when fused
    engine: str = "local"

    @property
    def n_mentions(self) -> int:
        return sum(self.mentions.values())

    def as_dict(self) -> dict[str, Any]:
        return {"db": self.db, "engine": self.engine, "new": self.new, "existing": self.existing,
                "quarantined": self.quarantined, "capped": len(self.capped), "extracted": self.extracted,
                "already_extracted": self.already_extracted, "mentions": self.n_mentions,
                "screening": dict(self.screening), "languages_not_coded": dict(self.languages),
                "fusion": self.fusion.as_dict() if self.fusion is not None else None}


def run(paths: str | Path | list[str | Path], db: str | Path = "frontlines.duckdb", *, jobs: int = 1,
        engine: str = "local", scheduler: str | None = None, workers: int = 2, fuse: bool = True,
        geocode: bool = True, progress: bool | None = None, options: IngestOptions | None = None,
        batch_size: int | None = None, **ingest_options: Any) -> RunSummary:
    """Ingest ``paths`` into the store ``db``, extract, store and fuse: ``frontlines run`` as a function.

    ``ingest_options`` are ``IngestOptions`` fields (``text_col=``, ``published=``, ...), or pass a
    built ``options``;
    ``engine="dask"`` runs ingest and extraction on a Dask cluster (``frontlines.distributed``).
    ``batch_size`` is the documents per store transaction in ingest and extraction (default 500 and 64).
    """
    from frontlines.fusion import fuse as fuse_store

    if engine not in ("local", "dask"):
        from frontlines.errors import FrontlinesError

        raise FrontlinesError(f"unknown engine {engine!r}: use local or dask")
    items = [str(p) for p in ([paths] if isinstance(paths, (str, Path)) else paths)]
    options = options or IngestOptions.from_kwargs(**ingest_options)
    progress = sys.stderr.isatty() if progress is None else progress
    summary = RunSummary(db=str(db), engine=engine)
    with Store(db) as store:
        if engine == "dask":
            from frontlines.distributed import run_shards

            stored_before = store.count("documents")
            results = run_shards(store, items, options, extract=extract_store, geocoder_for=geocoder_for,
                                 scheduler=scheduler, workers=workers, geocode=geocode, progress=progress)
            # what the merge added, not the partitions' rows: a text in two shards is one document, as on the
            # local engine (the partitions' sum said 19,848 new where the store held 19,841)
            summary.new = store.count("documents") - stored_before
            summary.existing = sum(r.rows.get("documents", 0) for r in results) - summary.new
            summary.extracted = sum(r.rows.get("extractions", 0) for r in results)
            summary.capped = [c for r in results for c in r.capped]  # on record, but read: not quarantined
            summary.quarantined = sum(r.rows.get("quarantine", 0) for r in results) - len(summary.capped)
            summary.mentions = Counter({tuple(r[:3]): r[3] for r in store.con.execute(
                "SELECT source_type, event_type, sub_event_type, count(*) FROM mentions GROUP BY ALL").fetchall()})
            from frontlines.store.mentions import screening_counts

            summary.screening, summary.languages = screening_counts(store)
        else:
            result, stats = ingest_store(store, items, options, progress=progress, batch_size=batch_size or 500)
            summary.new, summary.existing, summary.quarantined = result.new, result.existing, result.quarantined
            summary.capped = list(stats.capped)
            summary.quarantine_reasons = result.reasons
            tally = extract_store(store, progress=progress, geocoder=geocoder_for(store) if geocode else None,
                                  jobs=jobs, batch_size=batch_size or 64)
            summary.extracted, summary.already_extracted = tally.pop("_docs", 0), tally.pop("_skipped", 0)
            summary.mentions = Counter({k: v for k, v in tally.items() if isinstance(k, tuple) and len(k) == 3})
            summary.screening = Counter({k[1]: v for k, v in tally.items() if isinstance(k, tuple)
                                         and k[0] == "_screening"})
            summary.languages = Counter({k[1]: v for k, v in tally.items() if isinstance(k, tuple)
                                         and k[0] == "_language"})
        if fuse:
            summary.fusion = fuse_store(store, progress=progress)
    return summary


__all__ = ["RunSummary", "extract_store", "geocoder_for", "ingest_store", "run"]
