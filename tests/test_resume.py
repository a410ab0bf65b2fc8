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
    assert r.returncode == 3, r.stderr.decode()  # 3: done, some inputs (the empty files) quarantined
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


# -- kill-and-resume across every stage of `frontlines run` --------------------------------------------------
#
# FRONTLINES_TEST_KILL_AT=stage:n (frontlines.killpoint) makes the real CLI SIGKILL itself at the n-th kill
# point of a stage: ingest (after each input read, inside and after each batch's transaction), extract
# (after each document, inside and after each batch's transaction) and fuse (start, before its transaction,
# after memberships, after each rebuild chunk, after control, after the commit). Each killed store is re-run
# without the hook and must end exactly as one uninterrupted run: documents, mentions, canonical events,
# contradictions and control changes.

TOWNS = ["Douma", "Saraqib", "Maarat al-Numan", "Khan Shaykhun", "Jisr al-Shughur", "Ariha"]
OUTLETS = ["SANA", "Syrian Observatory for Human Rights", "Reuters", "Al Jazeera"]
BATCH = 4


def _fakes_like_corpus(root: Path) -> int:
    """Air strikes reported by two to four outlets each, with differing tolls, captures and a denial:
    the shape of FA-KES (several outlets, one event, disagreeing figures). Returns the number of inputs."""
    root.mkdir()
    n = 0
    for t, town in enumerate(TOWNS):
        for o, outlet in enumerate(OUTLETS[: 2 + t % 3]):
            day = 3 + 2 * t
            paras = [f"{town} | {outlet}", f"Published: 2016-03-{day + 1:02d}",
                     f"At least {10 + 3 * t + 2 * o} civilians were killed on March {day}, 2016, when government "
                     f"warplanes struck a market in {town}, {outlet} reported.",
                     f"Rescue workers said the air strikes on {town} also wounded dozens of people and destroyed "
                     f"several buildings.",
                     "The Syrian Observatory for Human Rights said the toll was likely to rise."]
            if t % 2 == 0:
                paras.append(f"Rebel fighters captured the village of Tal {town} near {town} on March {day}, 2016, "
                             f"after clashes with government forces.")
                if o == 1:
                    paras.append(f"The Syrian army denied that rebels had captured Tal {town}.")
            (root / f"{n:03d}-{town.replace(' ', '_')}.txt").write_text("\n\n".join(paras) + "\n")
            n += 1
    (root / f"{n:03d}-empty.txt").write_bytes(b"")  # quarantined on every run, killed or not
    return n + 1


def _run(corpus: Path, db: Path, kill_at: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "FRONTLINES_TEST_KILL_AT"}
    if kill_at:
        env["FRONTLINES_TEST_KILL_AT"] = kill_at
    return subprocess.run(_cli("run", str(corpus), "--db", str(db), "--jobs", "1", "--no-geocode",
                               "--batch-size", str(BATCH)), capture_output=True, env=env, timeout=300)


def _state(db: Path) -> dict:
    from store_state import state

    with Store(db) as s:
        out = state(s)
        out["quarantine"] = sorted(r[0] for r in s.con.execute("SELECT DISTINCT input FROM quarantine").fetchall())
        return out


def _spread(last: int, k: int) -> list[int]:
    """``k`` distinct kill points from 1 to ``last``, evenly spread."""
    return sorted({1 + round(i * (last - 1) / (k - 1)) for i in range(k)})


def test_sigkill_at_many_points_of_run_then_resume(tmp_path):
    import shutil

    corpus = tmp_path / "corpus"
    n_inputs = _fakes_like_corpus(corpus)
    n_docs = n_inputs - 1
    baseline = tmp_path / "baseline.duckdb"
    r = _run(corpus, baseline)
    assert r.returncode == 3, r.stderr.decode()  # 3: done, but the empty input was quarantined
    want = _state(baseline)
    assert len(want["documents"]) == n_docs and want["mentions"]
    assert want["events"] != "[]" and want["contradictions"] and want["control"], "fixture must exercise fusion"

    # ingest: one point per input, two per batch (inside its transaction, after its commit); extract: one per
    # document, two per batch (the same)
    points = [("ingest", n) for n in _spread(n_inputs + 2 * (n_docs // BATCH), 7)]
    points += [("extract", n) for n in _spread(n_docs + 2 * (n_docs // BATCH), 7)]
    # fusion: killed `run`s start from a store where ingest and extraction are done (cheaper, same path)
    extracted = tmp_path / "extracted.duckdb"
    r = subprocess.run(_cli("run", str(corpus), "--db", str(extracted), "--jobs", "1", "--no-geocode",
                            "--batch-size", str(BATCH), "--no-fuse"), capture_output=True, timeout=300)
    assert r.returncode == 3, r.stderr.decode()
    points += [("fuse", n) for n in range(1, 8)]
    assert len(points) >= 20

    def kill_and_resume(point: tuple[str, int]) -> str:
        stage, n = point
        db = tmp_path / f"{stage}-{n}.duckdb"
        if stage == "fuse":
            shutil.copy(extracted, db)
        killed = _run(corpus, db, kill_at=f"{stage}:{n}")
        assert killed.returncode == -signal.SIGKILL, f"{stage}:{n} was not reached ({killed.stderr.decode()[-300:]})"
        resumed = _run(corpus, db)
        assert resumed.returncode == 3, resumed.stderr.decode()
        got = _state(db)
        db.unlink()
        return next((f"{key} differ after a kill at {stage}:{n} and a re-run" for key in want if got[key] != want[key]),
                    "")

    # the pairs are independent processes on independent stores: run two at a time where there are cores
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=max(1, min(4, os.cpu_count() or 1))) as pool:
        failures = [f for f in pool.map(kill_and_resume, points) if f]
    assert not failures, failures


def test_fusion_repairs_a_store_left_half_done(tmp_path):
    """A store an older frontlines left with memberships but no events (killed between its two commits)
    gets its events, contradictions and control back on the next plain fusion run."""
    from frontlines.fusion import fuse
    from frontlines.orchestrator import run

    corpus = tmp_path / "corpus"
    _fakes_like_corpus(corpus)
    db = tmp_path / "s.duckdb"
    run(corpus, db, geocode=False, progress=False)
    want = _state(db)
    with Store(db) as s:
        for table in ("canonical_events", "contradictions", "control_changes"):
            s.con.execute(f"DELETE FROM {table}")
        assert s.count("canonical_members") > 0
        stats = fuse(s, progress=False).stats
        assert stats.new_mentions == 0 and stats.touched > 0
    assert _state(db) == want
