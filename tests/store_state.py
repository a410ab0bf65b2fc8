"""The observable state of a store after a run, for comparing two ways of running the same pipeline."""

from __future__ import annotations

import json
from pathlib import Path

from frontlines.fusion import canonical_rows, contradictions, fuse, timeline
from frontlines.orchestrator import extract_store, geocoder_for
from frontlines.store import Store


def mentions(store: Store) -> list[tuple]:
    """Every stored mention row (without its write time), in id order."""
    return store.con.execute("SELECT * EXCLUDE (created_at) FROM mentions ORDER BY mention_id").fetchall() \
        if "created_at" in {c[0] for c in store.con.execute("DESCRIBE mentions").fetchall()} else \
        store.con.execute("SELECT * FROM mentions ORDER BY mention_id").fetchall()


def run_local(path: Path, docs, jobs: int) -> dict:
    """Store ``docs``, extract with ``jobs`` processes, fuse; return the state."""
    with Store(path) as store:
        store.add_documents(docs)
        extract_store(store, progress=False, geocoder=geocoder_for(store), jobs=jobs)
        fuse(store, progress=False)
        return state(store)


def run_paths(path: Path, paths, options=None, jobs: int = 1) -> dict:
    """What ``frontlines run PATHS --jobs N`` stores (the CLI's own ingest, which records each input's name)."""
    from frontlines.cli.ingest import ingest_into
    from frontlines.ingest.options import IngestOptions

    with Store(path) as store:
        ingest_into(store, [str(p) for p in paths], options or IngestOptions(), progress=False)
        extract_store(store, progress=False, geocoder=geocoder_for(store), jobs=jobs)
        fuse(store, progress=False)
        return state(store)


def state(store: Store) -> dict:
    """Documents, mentions, canonical events (export without ``timestamp``), contradictions, control."""
    events = [{k: v for k, v in row.items() if k != "timestamp"} for row in canonical_rows(store)]
    return {
        "documents": sorted(d.doc_id for d in store.documents()),
        "mentions": mentions(store),
        "events": json.dumps(sorted(events, key=lambda r: json.dumps(r, sort_keys=True, default=str)),
                             sort_keys=True, default=str),
        "contradictions": sorted(json.dumps(c.__dict__, sort_keys=True, default=str) for c in contradictions(store)),
        "control": sorted(json.dumps(c.__dict__, sort_keys=True, default=str) for c in timeline(store)),
    }


def assert_same(one: dict, two: dict, what: str) -> None:
    for key in one:
        assert one[key] == two[key], f"{key} differ: {what}"


