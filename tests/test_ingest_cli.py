"""The ingest verbs end to end: ``frontlines ingest``, ``inspect`` (tree and JSON) and ``export documents``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import frontlines.cli.ingest  # noqa: F401  (registers the verbs)
from frontlines.cli import app
from frontlines.store import Store

FIXTURES = Path(__file__).parent / "fixtures"
runner = CliRunner()


def run(*args: str, input: str | bytes | None = None):
    result = runner.invoke(app, list(args), input=input, catch_exceptions=False)
    return result


def test_ingest_reports_new_existing_quarantined(tmp_path):
    db = tmp_path / "s.duckdb"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.txt").write_text((FIXTURES / "text" / "ceasefire-dump.txt").read_text())
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "bin.dat").write_bytes(b"\x00\x01\x02\x03" * 100)
    r = run("ingest", str(tmp_path / "in"), "--db", str(db))
    assert r.exit_code == 3, r.output  # 3: done, but some inputs could not be read
    assert "1 new, 0 already stored, 2 quarantined (" in r.stdout and "1 empty file" in r.stdout
    assert "empty.txt: empty file" in r.output
    r = run("ingest", str(tmp_path / "in" / "page.txt"), "--db", str(db))
    assert "0 new, 1 already stored, 0 quarantined" in r.stdout
    with Store(db) as s:
        assert s.count("documents") == 1 and s.count("comments") == 6
        reasons = s.con.execute("SELECT input, reason FROM quarantine ORDER BY input").fetchall()
    assert [Path(i).name for i, _ in reasons] == ["bin.dat", "empty.txt"]


def test_fakes_acceptance_via_cli(data_dir, tmp_path):
    path = str(data_dir / "fakes" / "dev.csv")
    mapping = ["--text-col", "article_content", "--title-col", "article_title", "--date-col", "date",
               "--source-col", "source"]
    r = run("inspect", path, *mapping, "--json")
    docs = json.loads(r.stdout)
    assert len(docs) == 411 and all(d["published"] for d in docs)
    r = run("ingest", path, *mapping, "--db", str(tmp_path / "f.duckdb"))
    assert "404 new, 7 already stored, 0 quarantined" in r.stdout


def test_inspect_json_fields_and_tree(sample_page):
    r = run("inspect", str(sample_page), "--json")
    (doc,) = json.loads(r.stdout)
    for key in ("doc_id", "source_id", "url", "source", "published", "published_from", "title", "subtitle",
                "byline", "paragraphs", "author_bio", "language", "comments"):
        assert key in doc
    assert {"id", "parent_id", "author", "depth", "text", "posted"} <= set(doc["comments"][0])
    r = run("inspect", str(sample_page))
    assert "7 comments" in r.stdout and "Gary Sellars" in r.stdout
    # the tree is drawn: Gary's line is indented deeper than the first commenter's
    lines = r.stdout.splitlines()
    col = {name: next(ln.index(name) for ln in lines if name in ln) for name in ("paridell", "Gary Sellars")}
    assert col["Gary Sellars"] > col["paridell"]


def test_inspect_escapes_markup(tmp_path):
    p = tmp_path / "m.txt"
    p.write_text("[bold red]Title[/bold red] | deck\n\nBody with [link=http://evil]x[/link] markup.\n")
    r = run("inspect", str(p))
    assert "[bold red]Title[/bold red]" in r.stdout and "[link=http://evil]" in r.stdout


def test_stdin_and_export(tmp_path):
    db = tmp_path / "s.duckdb"
    text = (FIXTURES / "text" / "tabs.txt").read_text()
    r = run("ingest", "-", "--db", str(db), "--source", "Stdin Wire", "--published", "2016-12-05", input=text)
    assert "1 new" in r.stdout
    out = tmp_path / "docs.jsonl"
    r = run("export", "documents", str(out), "--db", str(db))
    assert r.exit_code == 0
    (doc,) = [json.loads(line) for line in out.read_text().splitlines()]
    assert doc["source"] == "Stdin Wire" and doc["published"] == "2016-12-05" and doc["published_from"] == "cli"
    assert doc["source_id"] == "<stdin>" and len(doc["comments"]) == 4
    r = run("export", "documents", str(tmp_path / "docs.parquet"), "--db", str(db))
    assert (tmp_path / "docs.parquet").stat().st_size > 0


@pytest.mark.parametrize("bad", [["--published", "yesterday"], ["--max-bytes", "0"]])
def test_bad_options_are_one_line_errors(tmp_path, bad):
    from frontlines.errors import FrontlinesError

    with pytest.raises(FrontlinesError):
        runner.invoke(app, ["ingest", str(tmp_path), "--db", str(tmp_path / "x.duckdb"), *bad],
                      catch_exceptions=False)
