"""``--jobs N`` stores exactly what ``--jobs 1`` stores: same mention ids, same canonical events.

Runs the real pipeline (spaCy, gazetteer, fusion) twice, once in this process and
once in two spawned worker processes, and compares the stores row for row. The
canonical events are compared as exported, without the ``timestamp`` column
(the time of the run).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from frontlines import workers
from frontlines.fusion import canonical_rows, contradictions, fuse, timeline
from frontlines.ingest import ingest
from frontlines.orchestrator import extract_store, geocoder_for
from frontlines.store import Store

ROOT = Path(__file__).resolve().parents[1]
FAKES = ROOT.parent / "shared" / "data" / "fakes" / "dev.csv"


def _mentions(store: Store) -> list[tuple]:
    return store.con.execute("SELECT * EXCLUDE (created_at) FROM mentions ORDER BY mention_id").fetchall() \
        if "created_at" in {c[0] for c in store.con.execute("DESCRIBE mentions").fetchall()} else \
        store.con.execute("SELECT * FROM mentions ORDER BY mention_id").fetchall()


def _state(path: Path, docs, jobs: int) -> dict:
    with Store(path) as store:
        store.add_documents(docs)
        extract_store(store, progress=False, geocoder=geocoder_for(store), jobs=jobs)
        fuse(store, progress=False)
        events = [{k: v for k, v in row.items() if k != "timestamp"} for row in canonical_rows(store)]
        return {
            "documents": sorted(d.doc_id for d in store.documents()),
            "mentions": _mentions(store),
            "events": json.dumps(sorted(events, key=lambda r: json.dumps(r, sort_keys=True, default=str)),
                                 sort_keys=True, default=str),
            "contradictions": sorted(json.dumps(c.__dict__, sort_keys=True, default=str)
                                     for c in contradictions(store)),
            "control": sorted(json.dumps(c.__dict__, sort_keys=True, default=str) for c in timeline(store)),
        }


def _compare(tmp_path: Path, docs, monkeypatch, chunk: int) -> dict:
    monkeypatch.setattr(workers, "MIN_DOCS_PER_JOB", 1)
    monkeypatch.setattr(workers, "CHUNK", chunk)
    one = _state(tmp_path / "one.duckdb", docs, jobs=1)
    two = _state(tmp_path / "two.duckdb", docs, jobs=2)
    for key in one:
        assert one[key] == two[key], f"{key} differ between --jobs 1 and --jobs 2"
    return one


def test_jobs_two_equals_jobs_one_on_the_examples(tmp_path, monkeypatch):
    docs = ingest([ROOT / "examples" / "reports"])
    one = _compare(tmp_path, docs, monkeypatch, chunk=2)
    assert one["mentions"] and json.loads(one["events"]), "the examples yield events: the comparison is not empty"


@pytest.mark.devdata
def test_jobs_two_equals_jobs_one_on_fakes(tmp_path, monkeypatch):
    if not FAKES.exists():
        pytest.skip("../shared/data absent")
    with FAKES.open(newline="", encoding="utf-8") as fh:
        n = sum(1 for _ in csv.reader(fh))
    assert n > 400
    docs = ingest([FAKES], text_col="article_content", title_col="article_title", date_col="date")[:400]
    assert len(docs) == 400
    one = _compare(tmp_path, docs, monkeypatch, chunk=16)
    assert len(one["mentions"]) > 400


def test_small_batches_stay_in_process(monkeypatch):
    calls = []
    monkeypatch.setattr(workers.multiprocessing, "get_context", lambda *_a: calls.append(1))
    docs = ingest([ROOT / "examples" / "reports"])
    out = list(workers.extract_parallel(docs, jobs=8))  # 8 documents: fewer than MIN_DOCS_PER_JOB per worker
    assert not calls and [d.doc_id for d, _ in out] == [d.doc_id for d in docs]
