"""Fusion on the real pipeline's output for the bundled example corpus (ingest → extract → geocode → fuse).

Asserts what fusion guarantees whatever extraction finds: re-running changes
nothing, a new corroborating report extends an existing event instead of
creating one, wire copies do not add independent sources, reader comments
never become events, and the report's citations resolve to stored documents.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from frontlines.fusion import fuse

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _extract(store, docs):
    from frontlines.nlp.extract import extract_many
    from frontlines.orchestrator import geocoder_for as _geocoder
    from frontlines.store.mentions import save_mentions

    store.add_documents(docs)
    save_mentions(store, [(d.doc_id, ms) for d, ms in extract_many(docs, geocoder=_geocoder(store))])


@pytest.fixture(scope="module")
def example_store(tmp_path_factory):
    if not (EXAMPLES / "reports").is_dir():
        pytest.skip("examples/reports not present")
    from frontlines.ingest import ingest
    from frontlines.store import Store

    store = Store(tmp_path_factory.mktemp("ex") / "ex.duckdb")
    docs = ingest([EXAMPLES / "reports"])
    _extract(store, docs)
    yield store, docs
    store.close()


def _snapshot(store):
    q = store.con.execute
    return (q("SELECT canonical_id, payload FROM canonical_events ORDER BY 1").fetchall(),
            q("SELECT contradiction_id, detail FROM contradictions ORDER BY 1").fetchall(),
            q("SELECT change_id, payload FROM control_changes ORDER BY 1").fetchall())


def test_examples_fuse_rerun_and_extend(example_store):
    from frontlines.document import Document, make_doc_id

    store, docs = example_store
    s = fuse(store, EXAMPLES / "sources.csv")
    assert s.n_events > 0 and s.n_events < s.n_mentions  # some reports were fused together
    assert s.stats.skipped_reasons.get("reader comment", 0) >= 1  # comments never become events
    comment_ids = {r[0] for r in store.con.execute(
        "SELECT mention_id FROM mentions WHERE source_type = 'reader_comment'").fetchall()}
    assert not comment_ids & {m for e in s.events for m in e.mention_ids}
    # the Northern Ledger's near copy of Meridian's 28 November item adds a source, not an independent one
    ledger = {d.doc_id for d in docs if d.source == "The Northern Ledger"}
    for ev in s.events:
        docs_in = {x.doc_id for x in ev.sources}
        if docs_in & ledger and any(x.source and x.source.startswith("Meridian") for x in ev.sources):
            assert ev.n_independent < ev.n_sources
    # the corpus's conflicting pair: a capture one outlet reports claimed and another reports denied
    from frontlines.fusion import contradictions

    disputes = [c for c in contradictions(store) if c.kind == "capture_disputed"]
    assert disputes
    for c in disputes:
        outlets = {store.con.execute("SELECT d.source FROM mentions m JOIN documents d USING (doc_id)"
                                     " WHERE m.mention_id = ?", [mid]).fetchone()[0] for mid in c.mention_ids}
        assert len(outlets) >= 2
    before = _snapshot(store)
    again = fuse(store)
    assert again.stats.new_mentions == 0 and _snapshot(store) == before

    # a new outlet republishes one Meridian story: its mentions join existing events, nothing new is founded
    meridian = next(d for d in docs if (d.source or "").startswith("Meridian") and d.published
                    and d.published.isoformat() == "2016-11-26")
    paras = list(meridian.paragraphs)
    new = Document(doc_id=make_doc_id("Hanano falls, monitor says", paras + ["Syndicated."]),
                   source_id="test-new", title="Hanano falls, monitor says", paragraphs=paras + ["Syndicated."],
                   source="Gulf Courier", published=meridian.published, url="https://gulfcourier.example/hanano")
    n_before = {e.canonical_id: e.n_sources for e in again.events}
    _extract(store, [new])
    s3 = fuse(store)
    assert s3.stats.new_mentions > 0
    assert s3.stats.new_events == 0 and s3.n_events == again.n_events
    grown = [e for e in s3.events if new.doc_id in {x.doc_id for x in e.sources}]
    assert grown and all(e.n_sources == n_before[e.canonical_id] + 1 for e in grown)


def test_examples_report_cites_stored_documents(example_store, tmp_path):
    from frontlines.report import write_report

    store, docs = example_store
    fuse(store, EXAMPLES / "sources.csv")
    md, brief = write_report(store, tmp_path / "r.md", "md")
    stored = {d.doc_id: d for d in docs}
    stored.update({r[0]: None for r in store.con.execute("SELECT doc_id FROM documents").fetchall()})
    for c in brief.citations:
        assert c.doc_id in stored
        row = store.con.execute("SELECT source, title FROM documents WHERE doc_id = ?", [c.doc_id]).fetchall()[0]
        assert (c.source, c.title) == (row[0], row[1])
    used = {int(n) for n in re.findall(r"\[\^(\d+)\](?!:)", md)}
    assert used == {c.number for c in brief.citations}
