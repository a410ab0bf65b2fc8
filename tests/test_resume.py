"""Kill-and-resume: SIGKILL the real CLI mid-run, then check the store is valid and a re-run loses nothing.

The run ingests a few hundred distinct pages in small transactional batches
(with bad files mixed in, whose quarantine lines tell us how far it got). It is
killed with SIGKILL (no cleanup, no atexit), so whatever survives is what DuckDB
committed. The store must open, hold only whole documents (every stored
document has all its comments), and the re-run must finish with every document
exactly once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from frontlines.store import Store

N_DOCS = 400
BAD_EVERY = 20


def _page(i: int) -> str:
    return (f"Report number {i} from the eastern districts | Dispatch {i}\n\n"
            f"Shelling was reported in district {i} overnight, residents said, and at least {i % 7} houses were hit.\n\n"
            f"A second paragraph for report {i} describes the aftermath in some detail for the record.\n\n"
            f"Author: Desk {i % 5}\n\n"
            f"  • reader{i}\n    First comment on report {i}.\n"
            f"    • reply{i}\n      A reply to the first comment on report {i}.\n")


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-c", "from frontlines.cli import main; main()", *args]


def test_sigkill_mid_run_then_resume(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(N_DOCS):
        (corpus / f"doc{i:04d}.txt").write_text(_page(i))
        if i % BAD_EVERY == 0:
            (corpus / f"doc{i:04d}.zz-empty.txt").write_bytes(b"")
    db = tmp_path / "store.duckdb"
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(_cli("ingest", str(corpus), "--db", str(db), "--batch-size", "7"),
                            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, env=env)
    seen = 0
    deadline = time.monotonic() + 120
    try:
        for line in proc.stderr:  # one quarantine line per bad file, in file order
            if b"quarantined:" in line:
                seen += 1
                if seen == 6:  # about 120 of 400 documents in
                    proc.send_signal(signal.SIGKILL)
                    break
            assert time.monotonic() < deadline
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait(timeout=30)
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"

    with Store(db) as s:  # opens (WAL replayed), schema intact, only whole documents
        partial = s.count("documents")
        assert 0 < partial < N_DOCS
        assert s.count("comments") == 2 * partial
        assert s.con.execute("SELECT count(DISTINCT doc_id) FROM documents").fetchone()[0] == partial

    r = subprocess.run(_cli("ingest", str(corpus), "--db", str(db), "--batch-size", "7"), capture_output=True,
                       env=env, timeout=300)
    assert r.returncode == 0, r.stderr.decode()
    summary = r.stdout.decode().strip().splitlines()[-1]
    assert summary.startswith(f"{N_DOCS - partial} new, {partial} already stored, ")
    with Store(db) as s:
        assert s.count("documents") == N_DOCS
        assert s.count("comments") == 2 * N_DOCS
        assert s.con.execute("SELECT count(DISTINCT source_id) FROM documents").fetchone()[0] == N_DOCS
        n_bad = len(range(0, N_DOCS, BAD_EVERY))
        assert s.count("quarantine") == n_bad  # quarantined once each, killed run or not
    assert {p.name for p in corpus.iterdir() if p.suffix == ".txt" and "empty" not in p.name} == {
        Path(sid).name for sid in _source_ids(db)}


def _source_ids(db: Path) -> list[str]:
    with Store(db) as s:
        return [r[0] for r in s.con.execute("SELECT source_id FROM documents").fetchall()]
