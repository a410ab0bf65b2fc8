"""``--engine dask``: a LocalCluster of two worker processes stores what one process stores, even when a
worker is killed mid-run; partitions are reused and the merge is idempotent."""

from __future__ import annotations

import csv
import os
import signal
import threading
import time
from pathlib import Path

import pytest

from frontlines.distributed import merge_partition, run_shards
from frontlines.fusion import fuse
from frontlines.ingest import ingest
from frontlines.ingest.options import IngestOptions
from frontlines.orchestrator import extract_store, geocoder_for
from frontlines.store import Store
from store_state import assert_same, run_paths, state

ROOT = Path(__file__).resolve().parents[1]
REPORTS = ROOT / "examples" / "reports"
FAKES = ROOT.parent / "shared" / "data" / "fakes" / "dev.csv"


def _dask(db: Path, paths, options=None, **kw) -> dict:
    with Store(db) as store:
        run_shards(store, [str(p) for p in paths], options or IngestOptions(), extract=extract_store,
                   geocoder_for=geocoder_for, **kw)
        fuse(store, progress=False)
        return state(store)


def test_dask_two_workers_equal_one_process(tmp_path):
    local = run_paths(tmp_path / "local.duckdb", sorted(REPORTS.iterdir()))
    dask = _dask(tmp_path / "dask.duckdb", sorted(REPORTS.iterdir()), workers=2)
    assert local["mentions"]
    assert_same(local, dask, "one process vs a 2-worker LocalCluster")


def test_killed_worker_loses_nothing_and_duplicates_nothing(tmp_path):
    from dask.distributed import Client, LocalCluster

    local = run_paths(tmp_path / "local.duckdb", sorted(REPORTS.iterdir()))
    db = tmp_path / "dask.duckdb"
    parts = Path(str(db) + ".partitions")
    killed: list[int] = []
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        pids = list(client.run(os.getpid).values())

        def kill_one():
            deadline = time.time() + 240
            while time.time() < deadline and not list(parts.glob("shard-*")):
                time.sleep(0.05)
            os.kill(pids[0], signal.SIGKILL)  # mid-run: the first partition is in, the others are not
            killed.append(pids[0])

        t = threading.Thread(target=kill_one, daemon=True)
        t.start()
        dask = _dask(db, sorted(REPORTS.iterdir()), scheduler=cluster.scheduler_address, partitions=parts)
        t.join(5)
    assert killed, "the worker was not killed"
    assert_same(local, dask, "a run that lost a worker")


def test_rerun_reuses_partitions_and_merges_nothing_twice(tmp_path):
    db = tmp_path / "s.duckdb"
    first = _dask(db, sorted(REPORTS.iterdir()), workers=1)
    parts = sorted(Path(str(db) + ".partitions").glob("shard-*"))
    stamp = {p: (p / "_DONE").stat().st_mtime_ns for p in parts}
    again = _dask(db, sorted(REPORTS.iterdir()), workers=1)
    assert_same(first, again, "a second run over the same shards")
    assert {p: (p / "_DONE").stat().st_mtime_ns for p in parts} == stamp, "finished partitions were rebuilt"
    with Store(db) as store:
        before = {t: store.count(t) for t in ("documents", "mentions", "extractions", "quarantine")}
        for p in parts:
            assert not any(merge_partition(store, p).values())
        assert {t: store.count(t) for t in before} == before


@pytest.mark.devdata
def test_dask_on_400_fakes_articles_in_8_shards(tmp_path):
    if not FAKES.exists():
        pytest.skip("../shared/data absent")
    with FAKES.open(newline="", encoding="utf-8") as fh:
        reader = csv.reader(fh)
        header = next(reader)
        rows = [r for _, r in zip(range(400), reader, strict=False)]
    shards = []
    for k in range(8):
        p = tmp_path / f"fakes-{k}.csv"
        with p.open("w", newline="", encoding="utf-8") as fh:
            w = csv.writer(fh)
            w.writerow(header)
            w.writerows(rows[k * 50:(k + 1) * 50])
        shards.append(p)
    opts = dict(text_col="article_content", title_col="article_title", date_col="date")
    docs = ingest(shards, **opts)
    assert len(docs) == 400
    local = run_paths(tmp_path / "local.duckdb", shards, IngestOptions.from_kwargs(**opts))
    dask = _dask(tmp_path / "dask.duckdb", shards, IngestOptions.from_kwargs(**opts), workers=2)
    assert len(local["mentions"]) > 400
    assert_same(local, dask, "400 FA-KES articles, one process vs 2 dask workers")


def test_summary_counts_a_text_in_two_shards_once(tmp_path):
    """The summary says what the store gained, as the local engine does: a text that two shards both hold is
    one new document and one already stored, not two new ones (the partitions each hold a row for it)."""
    import json

    import frontlines

    texts = ["Gunmen killed two farmers near the village of Kobe on Monday, local officials said.",
             "Police fired tear gas at students protesting fee rises in the capital on Tuesday.",
             "The central bank left its main interest rate unchanged on Wednesday."]
    for name, chosen in (("a", texts[:2]), ("b", texts[1:])):
        with (tmp_path / f"{name}.jsonl").open("w", encoding="utf-8") as f:
            for i, text in enumerate(chosen):
                f.write(json.dumps({"id": f"{name}{i}", "text": text}) + "\n")
    shards = [str(tmp_path / "a.jsonl"), str(tmp_path / "b.jsonl")]
    local = frontlines.run(shards, tmp_path / "local.duckdb", progress=False, fuse=False)
    dask = frontlines.run(shards, tmp_path / "dask.duckdb", engine="dask", workers=1, progress=False, fuse=False)
    with Store(tmp_path / "dask.duckdb") as store:
        stored = store.count("documents")
    assert (dask.new, dask.existing) == (local.new, local.existing) == (stored, 1)
