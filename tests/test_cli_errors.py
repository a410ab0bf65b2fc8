"""Misuse and a hostile environment through the real CLI: one clear line, the documented exit status.

Exit status (README, docs/ingest.md, ``frontlines --help``): 0 done and every input read; 1 error,
nothing more done; 2 bad command line; 3 done, but some inputs could not be read (quarantined).
Every case runs the installed entry point in a subprocess, so what is checked is what a user sees.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from contextlib import contextmanager
from pathlib import Path

import pytest

from frontlines.store import Store

ARTICLE = ("Shelling hits Douma | Wire\n\nAt least 12 civilians were killed on March 3, 2016, when government "
           "warplanes struck a market in Douma, activists said.\n\nRescue workers said the toll could rise.\n")


def cli(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", "from frontlines.cli import main; main()", *args],
                          capture_output=True, text=True, timeout=180, cwd=cwd)


def one_error_line(r: subprocess.CompletedProcess) -> str:
    """The single line on stderr (no traceback), without its ``error: `` prefix."""
    lines = [ln for ln in r.stderr.splitlines() if ln.strip()]
    assert len(lines) == 1, r.stderr
    assert "Traceback" not in r.stderr
    assert lines[0].startswith("error: ")
    return lines[0][len("error: "):]


def _article(path: Path) -> Path:
    path.write_text(ARTICLE)
    return path


# -- --db must be a DuckDB file or a new path ----------------------------------------------------------------

def _sqlite(path: Path) -> Path:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE t (x)")
    con.commit()
    con.close()
    return path


@pytest.mark.parametrize("kind", ["csv", "sqlite", "text", "directory"])
def test_db_that_is_not_a_duckdb_file_is_refused(tmp_path, kind):
    page = _article(tmp_path / "a.txt")
    db = {"csv": tmp_path / "x.csv", "sqlite": tmp_path / "x.sqlite", "text": tmp_path / "notes.txt",
          "directory": tmp_path / "folder"}[kind]
    if kind == "csv":
        db.write_text("doc,text\n1,hello\n")
    elif kind == "sqlite":
        _sqlite(db)
    elif kind == "text":
        db.write_text("just some notes\n")
    else:
        db.mkdir()
    before = sorted(p.name for p in tmp_path.iterdir())
    content = db.read_bytes() if db.is_file() else None
    for args in (["ingest", str(page)], ["run", str(page), "--no-geocode", "--jobs", "1"], ["events"]):
        r = cli(*args, "--db", str(db))
        assert r.returncode == 1, (args, r.stdout, r.stderr)
        line = one_error_line(r)
        assert line.startswith(f"{db}: ") and "frontlines store" in line
    assert sorted(p.name for p in tmp_path.iterdir()) == before  # no WAL, no side file
    if content is not None:
        assert db.read_bytes() == content


def test_new_path_and_existing_store_are_accepted(tmp_path):
    page = _article(tmp_path / "a.txt")
    db = tmp_path / "new.duckdb"
    assert cli("ingest", str(page), "--db", str(db)).returncode == 0
    r = cli("ingest", str(page), "--db", str(db))
    assert r.returncode == 0 and "0 new, 1 already stored" in r.stdout


def test_no_extension_is_installed_or_loaded(tmp_path):
    with Store(tmp_path / "s.duckdb") as s:
        settings = dict(s.con.execute(
            "SELECT name, value FROM duckdb_settings() WHERE name IN ('autoinstall_known_extensions',"
            " 'autoload_known_extensions', 'allow_community_extensions', 'lock_configuration')").fetchall())
        assert settings == {"autoinstall_known_extensions": "false", "autoload_known_extensions": "false",
                            "allow_community_extensions": "false", "lock_configuration": "true"}
        with pytest.raises(Exception, match="locked"):
            s.con.execute("SET autoload_known_extensions = true")
        # a query that would need the sqlite extension fails instead of fetching it from the network
        with pytest.raises(Exception, match="(?i)extension|catalog|sqlite"):
            s.con.execute("SELECT * FROM sqlite_scan(?, 't')", [str(_sqlite(tmp_path / "x.sqlite"))])
        loaded = s.con.execute("SELECT extension_name FROM duckdb_extensions() WHERE loaded"
                               " AND extension_name = 'sqlite_scanner'").fetchall()
        assert loaded == []


def test_lock_conflict_is_one_line_naming_the_other_process(tmp_path):
    db = tmp_path / "s.duckdb"
    Store(db).close()
    holder = subprocess.Popen([sys.executable, "-c", "import sys, duckdb; c = duckdb.connect(sys.argv[1]);"
                               " print('held', flush=True); sys.stdin.read()", str(db)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        r = cli("ingest", str(_article(tmp_path / "a.txt")), "--db", str(db))
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)
    assert r.returncode == 1
    line = one_error_line(r)
    assert line == (f"{db}: another frontlines process (PID {holder.pid}) is writing this store; wait for it to "
                    "finish, or use another --db")


# -- inputs that cannot be read: exit 3, and the summary says which and why -----------------------------------

def test_unreadable_inputs_exit_3_with_reasons(tmp_path):
    db = tmp_path / "s.duckdb"
    table = tmp_path / "t.csv"
    table.write_text("headline,body\nA,Shelling hit Douma.\n")
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / ".hidden").write_text("x")
    cases = {
        "missing file": ([str(tmp_path / "nope.txt")], "no such file or directory"),
        "glob matching nothing": ([str(tmp_path / "*.nothing")], "no file matches this pattern"),
        "missing --text-col": ([str(table), "--text-col", "article"], "no column 'article' for --text-col"),
        "missing --date-col": ([str(table), "--text-col", "body", "--date-col", "when"],
                               "no column 'when' for --date-col"),
        "empty directory": ([str(empty)], "empty directory"),
    }
    for what, (args, reason) in cases.items():
        r = cli("ingest", *args, "--db", str(db))
        assert r.returncode == 3, (what, r.stdout, r.stderr)
        assert "Traceback" not in r.stderr
        assert f"quarantined: {args[0]}: {reason}" in r.stderr, (what, r.stderr)
        summary = r.stdout.strip().splitlines()[-1]
        assert "1 quarantined (1 " + reason in summary, (what, summary)
    # one good input and one bad: the good one is stored, the status still says something was lost
    r = cli("ingest", str(_article(tmp_path / "a.txt")), str(tmp_path / "nope.txt"), "--db", str(db))
    assert r.returncode == 3 and r.stdout.strip().splitlines()[-1].startswith("1 new, 0 already stored, 1 quarantined")
    r = cli("ingest", str(tmp_path / "a.txt"), "--db", str(db))
    assert r.returncode == 0


def _file_modes_bite() -> list[str]:
    """A command prefix under which file modes are obeyed.

    Root reads any file and lists any folder whatever its mode (the capabilities DAC_OVERRIDE and
    DAC_READ_SEARCH), and the tests run as root in the project's containers: there the CLI runs
    without those two capabilities (``setpriv``), so a mode of 0 denies it as it denies a user.
    """
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if not setpriv:
        pytest.skip("running as root without setpriv: file modes cannot deny anything here")
    return [setpriv, "--bounding-set", "-dac_override,-dac_read_search"]


def test_unreadable_file_and_unlistable_directory_exit_3(tmp_path):
    locked = _article(tmp_path / "locked.txt")
    locked.chmod(0)
    closed = tmp_path / "closed"
    closed.mkdir()
    _article(closed / "inside.txt")
    closed.chmod(0)
    try:
        r = subprocess.run([*_file_modes_bite(), sys.executable, "-c", "from frontlines.cli import main; main()",
                            "ingest", str(locked), str(closed), str(_article(tmp_path / "ok.txt")),
                            "--db", str(tmp_path / "s.duckdb")], capture_output=True, text=True, timeout=180)
    finally:
        closed.chmod(0o755)
    assert r.returncode == 3, (r.stdout, r.stderr)
    assert "Traceback" not in r.stderr
    assert f"quarantined: {locked}: cannot read (Permission denied)" in r.stderr
    assert f"quarantined: {closed}: cannot list this directory (Permission denied)" in r.stderr
    assert r.stdout.strip().splitlines()[-1].startswith("1 new, 0 already stored, 2 quarantined")


def test_run_exits_3_when_an_input_is_quarantined(tmp_path):
    r = cli("run", str(_article(tmp_path / "a.txt")), str(tmp_path / "gone.html"), "--db", str(tmp_path / "s.duckdb"),
            "--no-geocode", "--jobs", "1", "--no-fuse")
    assert r.returncode == 3, r.stderr
    assert "1 input could not be read (1 no such file or directory)" in r.stdout


# -- full disk, read-only and missing output folders ---------------------------------------------------------

@contextmanager
def _tmpfs(where: Path, options: str):
    """A real small or read-only filesystem (needs root and mount); the test skips without one."""
    where.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True)
    if r.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({r.stderr.decode().strip() or r.returncode})")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True)


def _big_corpus(root: Path, n: int) -> Path:
    """``n`` distinct ~180 KB articles: together far larger than the 3 MB filesystem."""
    import random

    rnd = random.Random(7)
    root.mkdir()
    for i in range(n):
        words = " ".join("".join(rnd.choices("abcdefghijklmnopqrstuvwxyz", k=8)) for _ in range(20000))
        (root / f"{i:03d}.txt").write_text(f"Report {i} | Wire\n\n{words}\n\nA second paragraph.\n")
    return root


def test_disk_full_is_one_line_and_the_store_stays_valid(tmp_path):
    corpus = _big_corpus(tmp_path / "big", 40)
    with _tmpfs(tmp_path / "small", "size=3M") as small:
        db = small / "s.duckdb"
        r = cli("ingest", str(corpus), "--db", str(db), "--batch-size", "5")
        assert r.returncode == 1, (r.stdout, r.stderr)
        assert one_error_line(r) == (f"disk full while writing {db}; nothing from this batch was stored; "
                                     "free space and re-run")
        with Store(db, read_only=True) as s:  # the batches before the full one are whole; nothing half-written
            stored = s.count("documents")
            assert stored % 5 == 0 and stored < 40
            last = s.con.execute("SELECT DISTINCT paragraphs[-1] FROM documents").fetchall()
            assert stored == 0 or last == [("A second paragraph.",)]
            assert s.count("documents") == stored
        # writing an export onto the full disk: one line too
        r = cli("export", "documents", str(small / "docs.jsonl"), "--db", str(db))
        assert r.returncode == 1, (r.stdout, r.stderr)
        assert one_error_line(r) == f"disk full while writing {small / 'docs.jsonl'}; free space and re-run"
        roomy = tmp_path / "roomy"
        roomy.mkdir()
        for f in small.glob("s.duckdb*"):  # the store and its WAL, moved where there is space
            shutil.move(f, roomy / f.name)
    r = cli("ingest", str(corpus), "--db", str(roomy / "s.duckdb"), "--batch-size", "5")
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip().splitlines()[-1].startswith(f"{40 - stored} new, {stored} already stored, 0 quarantined")


def test_outputs_on_a_read_only_filesystem_and_into_a_missing_folder(tmp_path):
    from frontlines.orchestrator import run

    corpus = tmp_path / "c"
    corpus.mkdir()
    _article(corpus / "a.txt")
    db = tmp_path / "s.duckdb"
    run(corpus, db, geocode=False, progress=False, jobs=1)
    with _tmpfs(tmp_path / "ro", "ro,size=1M") as ro:
        for args, target in [
            (["events", "--format", "csv", "--out", str(ro / "e.csv")], ro / "e.csv"),
            (["events", "--format", "parquet", "--out", str(ro / "e.parquet")], ro / "e.parquet"),
            (["events", "--canonical", "--format", "jsonl", "--out", str(ro / "c.jsonl")], ro / "c.jsonl"),
            (["contradictions", "--format", "csv", "--out", str(ro / "x.csv")], ro / "x.csv"),
            (["export", "documents", str(ro / "d.jsonl")], ro / "d.jsonl"),
        ]:
            r = cli(*args, "--db", str(db))
            assert r.returncode == 1, (args, r.stderr)
            assert one_error_line(r) == f"{target}: cannot write (Read-only file system)", args
    missing = tmp_path / "no" / "such"
    for fmt in ("html", "md"):
        r = cli("report", "--db", str(db), "--format", fmt, "--out", str(missing / f"brief.{fmt}"))
        assert r.returncode == 1, r.stderr
        line = one_error_line(r)
        assert line.startswith(str(missing)) and line.endswith(f"cannot write: the folder {missing} does not exist")
