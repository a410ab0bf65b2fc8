"""Inputs: directories, globs, any mix, stdin, archives; the reader is chosen by content, not by name."""

from __future__ import annotations

import gzip
import io
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from frontlines.errors import BadInput
from frontlines.ingest import IngestStats, iter_inputs
from frontlines.ingest.sniff import sniff_text

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def corpus(tmp_path):
    d = tmp_path / "corpus"
    (d / "sub").mkdir(parents=True)
    shutil.copy(FIXTURES / "text" / "ceasefire-dump.txt", d / "a.txt")
    shutil.copy(FIXTURES / "html" / "wordpress-thread.html", d / "sub" / "page.dat")  # misnamed
    shutil.copy(FIXTURES / "feeds" / "desk.atom", d / "sub" / "feed.xml")
    (d / "notes.csv").write_text("id,text\nn1,Shelling was reported near the bridge on Monday.\n")
    (d / ".hidden.txt").write_text("never read")
    return d


def _readers(outs):
    return sorted(o.reader for o in outs if not isinstance(o, BadInput))


def test_directory_walks_everything_but_hidden(corpus):
    outs = list(iter_inputs([corpus]))
    assert _readers(outs) == ["feed", "html", "table", "text"]
    assert not any(isinstance(o, BadInput) for o in outs)


def test_globs_and_mixes(corpus):
    outs = list(iter_inputs([str(corpus / "**" / "*.xml"), corpus / "a.txt", str(corpus / "nothing-*.txt")]))
    assert _readers(outs) == ["feed", "text"]
    (bad,) = [o for o in outs if isinstance(o, BadInput)]
    assert "no file matches" in bad.reason
    (missing,) = list(iter_inputs([corpus / "nope.txt"]))
    assert isinstance(missing, BadInput) and missing.reason == "no such file or directory"


def test_a_file_reached_twice_is_read_once(corpus):
    """``corpus/**/*`` matches the folder ``sub`` and the files in it; a folder and a file inside it may
    both be named: each file is read once, so a fresh store never reports documents "already stored"."""
    for paths in ([str(corpus / "**" / "*")], [corpus, corpus / "a.txt", corpus / "sub" / ".." / "a.txt"]):
        stats = IngestStats()
        outs = list(iter_inputs(paths, stats=stats))
        assert _readers(outs) == ["feed", "html", "table", "text"], paths
        assert stats.inputs == 4, paths


def test_dangling_links_and_pipes_are_named_not_skipped(corpus):
    """A folder's dangling link (its corpus moved) or named pipe is quarantined with a reason, whether
    the folder, a glob or the path itself names it; a pipe is never opened (reading one can block forever)."""
    import os

    (corpus / "moved.txt").symlink_to(corpus / "gone" / "story.txt")
    os.mkfifo(corpus / "sub" / "live.pipe")
    want = {"moved.txt": f"broken symbolic link ({corpus / 'gone' / 'story.txt'} cannot be reached)",
            "live.pipe": "not a regular file (a named pipe)"}
    for paths in ([corpus], [str(corpus / "*")]):
        outs = list(iter_inputs(paths))
        assert _readers(outs) == ["feed", "html", "table", "text"], paths
        assert {Path(o.input_name).name: o.reason for o in outs if isinstance(o, BadInput)} == want, paths
    outs = list(iter_inputs([corpus / "moved.txt", corpus / "sub" / "live.pipe"]))
    assert [(Path(o.input_name).name, o.reason) for o in outs] == list(want.items())


def test_zip_and_gzip_archives(corpus, tmp_path):
    z = tmp_path / "bundle.zip"
    with zipfile.ZipFile(z, "w", zipfile.ZIP_DEFLATED) as zf:
        for p in sorted(corpus.rglob("*")):
            if p.is_file():
                zf.write(p, p.relative_to(corpus).as_posix())
    outs = list(iter_inputs([z]))
    docs = [o for o in outs if not isinstance(o, BadInput)]
    assert _readers(outs) == ["feed", "html", "table", "text"]  # the hidden member is skipped too
    assert any(d.source_id.startswith(f"{z}!") for d in docs)
    g = tmp_path / "page.html.gz"
    g.write_bytes(gzip.compress((FIXTURES / "html" / "wordpress-thread.html").read_bytes()))
    (doc,) = list(iter_inputs([g]))
    assert doc.reader == "html" and len(doc.comments) == 7


def test_stdin_through_the_cli(tmp_path):
    db = tmp_path / "s.duckdb"
    page = (FIXTURES / "html" / "disqus-thread.html").read_bytes()
    r = subprocess.run([sys.executable, "-c", "from frontlines.cli import main; main()", "ingest", "-", "--db",
                        str(db)], input=page, capture_output=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert b"1 new, 0 already stored, 0 quarantined" in r.stdout


@pytest.mark.parametrize(("text", "kind"), [
    ("<?xml version='1.0'?>\n<rss version='2.0'><channel></channel></rss>", "feed"),
    ("<?xml version='1.0'?><!-- c --><feed xmlns='http://www.w3.org/2005/Atom'></feed>", "feed"),
    ("<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
    ("<div><p>fragment</p></div>", "html"),
    ('{"text": "a"}\n{"text": "b"}\n', "jsonl"),
    ('[{"text": "a"}]', "jsonl"),
    ("id,text,date\n1,hello,2016-01-01\n2,world,2016-01-02\n", "csv"),
    ("id\ttext\n1\thello\n", "tsv"),
    ("Title, with a comma | Deck\n\nBody, with commas, here.\n\nAnother, paragraph.\n", "text"),
    ("Just a line of prose.", "text"),
])
def test_sniffing_by_content(text, kind):
    assert sniff_text(text) == kind


def test_stats_count_inputs_documents_and_bad(corpus):
    (corpus / "empty.txt").write_bytes(b"")
    stats = IngestStats()
    list(iter_inputs([corpus], stats=stats))
    assert (stats.inputs, stats.documents, stats.bad) == (5, 4, 1)


def test_python_api_accepts_a_single_path_and_logs_bad_inputs(corpus, caplog):
    import frontlines

    (corpus / "bin.dat").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    docs = frontlines.ingest(str(corpus))
    assert len(docs) == 4
    assert any("binary file (PNG image)" in r.getMessage() for r in caplog.records)
    with pytest.raises(TypeError):
        frontlines.ingest(corpus, text_column="x")  # a typo fails loudly


def test_stdin_source_reads_bytes(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"Head | Deck\n\nA body line here.\n")))
    (doc,) = list(iter_inputs(["-"]))
    assert doc.source_id == "<stdin>" and doc.subtitle == "Deck"
