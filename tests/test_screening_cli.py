"""``frontlines screening``: the audit list of what the screen set aside, read from a real run's store."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

from frontlines.cli import _register, app

_register()

# Written for this test: one event report, two ordinary articles in the vocabulary of war, one in German.
ROWS = [
    {"id": "wire-1", "title": "Gunmen kill villagers in central Mali",
     "text": "Gunmen on motorbikes killed at least 14 villagers in an attack on Dioura in central Mali on Sunday, "
             "local officials said. The army sent reinforcements to the area."},
    {"id": "sport-1", "title": '=HYPERLINK("http://evil.example","United lay siege")',
     "text": "United laid siege to the visitors' goal for most of the second half but could not find a winner. "
             "Their captain shot wide from ten yards after a swift counter-attack. The visitors defended deep, "
             "and their midfield battled for every loose ball. The draw leaves United fourth in the table. "
             "The manager said his side had attacked with purpose and would fight for a top-four place."},
    {"id": "markets-1", "title": "Shares bombed as the dollar rallied",
     "text": "Technology shares bombed on Wednesday as the dollar rallied against the yen. A hostile takeover "
             "bid was launched before the market opened. Analysts said the bid would trigger a battle for "
             "control of the board. The index closed 2.3% lower. Bond yields fell as investors sought safety."},
    {"id": "de-1", "title": "Die Regierung plant neue Steuern",
     "text": "Die Bundesregierung will im kommenden Jahr die Steuern für große Unternehmen erhöhen, wie der "
             "Finanzminister am Montag in Berlin sagte. Die Opposition kritisierte den Plan scharf und sprach "
             "von einer Belastung für die Wirtschaft."},
]


def _store(tmp_path):
    src = tmp_path / "news.jsonl"
    src.write_text("".join(json.dumps(r) + "\n" for r in ROWS), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    r = CliRunner().invoke(app, ["run", str(src), "--db", str(db), "--text-col", "text", "--title-col", "title",
                                 "--id-col", "id", "--published", "2024-03-04", "--no-fuse", "--no-geocode",
                                 "--jobs", "1"])
    assert r.exit_code == 0, r.output
    return db


def test_the_audit_lists_what_was_set_aside_with_reasons_and_keeps_csv_cells_inert(tmp_path):
    db = _store(tmp_path)
    r = CliRunner().invoke(app, ["screening", "--db", str(db), "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(line) for line in r.output.splitlines()]
    by_source = {row["source_id"]: row for row in rows}
    # the event report was coded, so the default list (all but coded) leaves it out
    assert set(by_source) == {"sport-1", "markets-1", "de-1"}
    assert by_source["de-1"]["decision"] == "language_not_coded" and by_source["de-1"]["language"] == "de"
    assert by_source["sport-1"]["decision"] == "not_relevant" and by_source["sport-1"]["reason"]
    # grouped by decision, the highest-scoring set-aside document first within a group
    decisions = [row["decision"] for row in rows]
    assert decisions == sorted(decisions)

    r = CliRunner().invoke(app, ["screening", "--db", str(db), "--all", "--format", "csv"])
    assert r.exit_code == 0, r.output
    table = list(csv.DictReader(io.StringIO(r.output)))
    assert {row["source_id"] for row in table} == {"wire-1", "sport-1", "markets-1", "de-1"}
    sport = next(row for row in table if row["source_id"] == "sport-1")
    assert sport["title"].startswith("'=HYPERLINK(")  # a spreadsheet shows it as text

    r = CliRunner().invoke(app, ["screening", "--db", str(db), "--decision", "coded", "--format", "jsonl"])
    assert [json.loads(line)["source_id"] for line in r.output.splitlines()] == ["wire-1"]


def test_a_bad_decision_or_a_missing_store_is_one_line_and_a_failure(tmp_path):
    from test_cli_errors import cli, one_error_line

    r = cli("screening", "--db", str(tmp_path / "none.duckdb"))
    assert r.returncode == 1 and one_error_line(r).endswith("none.duckdb: no such store")
    db = _store(tmp_path)
    r = cli("screening", "--db", str(db), "--decision", "maybe")
    assert r.returncode == 1 and one_error_line(r).startswith("--decision 'maybe': use one of coded")
