"""A capped input was read (in part), so it is reported as capped, not as quarantined, and exits 0.

Runs the real entry point in a subprocess: the exit status and the summary are what a user sees.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from frontlines.ingest.comments import MAX_COMMENTS
from frontlines.store import Store

BODY = ("Government forces shelled the northern town on Tuesday, killing four civilians, residents said.",
        "Rescue workers said the toll could rise as families searched the rubble of two houses.")


def _capped_page(n: int) -> str:
    """A page whose reader thread has more comments than the per-page limit."""
    items = "".join(f'<li class="comment" id="c{i}"><cite class="fn">reader{i}</cite>'
                    f'<time datetime="2016-11-29T10:{i % 60:02d}">t</time><p>Comment number {i} here.</p></li>'
                    for i in range(n))
    return (f"<html><body><article><h1>Town shelled</h1>{''.join(f'<p>{s}</p>' for s in BODY)}</article>"
            f"<ol class='commentlist'>{items}</ol></body></html>")


def cli(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    return subprocess.run([sys.executable, "-c", "from frontlines.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=300, env=env)


@pytest.fixture
def pages(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "big-thread.html").write_text(_capped_page(MAX_COMMENTS + 50), encoding="utf-8")
    return folder


def test_ingest_capped_input_exits_0_and_is_reported_apart(pages, tmp_path):
    db = tmp_path / "s.duckdb"
    r = cli("ingest", str(pages), "--db", str(db))
    assert r.returncode == 0, r.stdout + r.stderr
    assert "1 new, 0 already stored, 0 quarantined" in r.stdout
    assert "1 input stored in part" in r.stdout
    assert f"capped: {pages / 'big-thread.html'}: comment thread capped" in r.stderr
    with Store(db) as s:  # the cap is still on record beside the stored page
        (reason,) = s.con.execute("SELECT reason FROM quarantine").fetchone()
        assert s.count("documents") == 1 and s.count("comments") == MAX_COMMENTS
    assert f"{MAX_COMMENTS:,} read" in reason


def test_ingest_capped_and_unreadable_still_exits_3(pages, tmp_path):
    (pages / "empty.html").write_bytes(b"")
    r = cli("ingest", str(pages), "--db", str(tmp_path / "s.duckdb"))
    assert r.returncode == 3, r.stdout + r.stderr
    assert "1 quarantined (1 empty file)" in r.stdout and "1 input stored in part" in r.stdout


def test_run_capped_input_exits_0(pages, tmp_path):
    pytest.importorskip("frontlines.nlp.events")
    r = cli("run", str(pages), "--db", str(tmp_path / "r.duckdb"), "--published", "2016-11-29",
            "--no-fuse", "--no-geocode", "--jobs", "1")
    assert r.returncode == 0, r.stdout + r.stderr
    assert "1 new documents, 0 already stored, 0 quarantined" in r.stdout
    assert "1 input stored in part" in r.stdout


def test_dask_run_reports_a_capped_input_apart_and_again_when_its_partition_is_reused(pages, tmp_path):
    pytest.importorskip("dask.distributed")
    pytest.importorskip("frontlines.nlp.events")
    db = tmp_path / "d.duckdb"
    for attempt in ("first", "re-run: the finished partition is reused"):
        r = cli("run", str(pages), "--db", str(db), "--engine", "dask", "--workers", "1", "--published",
                "2016-11-29", "--no-fuse", "--no-geocode")
        assert r.returncode == 0, f"{attempt}: {r.stdout}{r.stderr}"
        assert "0 quarantined" in r.stdout and "1 input stored in part" in r.stdout, attempt
    with Store(db) as s:  # the cap is on record once, however many runs
        assert s.con.execute("SELECT count(*) FROM quarantine").fetchone()[0] == 1
