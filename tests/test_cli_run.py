"""``frontlines run`` and ``frontlines events``: store, idempotence, every ACLED column, filters."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from frontlines.cli import _register, app
from frontlines.export import ACLED_COLUMNS, COLUMNS, interaction

pytest.importorskip("frontlines.nlp.events")

REPORT = """Rebels Shell Town

Rebels shelled the town of Idlib on Saturday, killing four civilians, activists said.

Government forces recaptured Palmyra on Sunday, state media reported.
"""


@pytest.fixture(scope="module")
def runner():
    _register()
    return CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory, runner):
    tmp_path = tmp_path_factory.mktemp("run")
    page = tmp_path / "report.txt"
    page.write_text(REPORT, encoding="utf-8")
    path = tmp_path / "t.duckdb"
    r = runner.invoke(app, ["run", str(page), "--db", str(path), "--published", "2016-11-27", "--no-fuse",
                               "--no-geocode"])
    assert r.exit_code == 0, r.output
    return path, page


def test_run_stores_mentions_and_is_idempotent(db, runner):
    from frontlines.store import Store

    path, page = db
    with Store(path) as s:
        n = s.count("mentions")
        assert n >= 1 and s.count("extractions") == 1
    r = runner.invoke(app, ["run", str(page), "--db", str(path), "--no-fuse", "--no-geocode"])
    assert r.exit_code == 0 and "1 already extracted" in r.output
    with Store(path) as s:
        assert s.count("mentions") == n


def test_events_csv_has_every_acled_column_in_order(db, runner):
    path, _ = db
    r = runner.invoke(app, ["events", "--db", str(path), "--format", "csv"])
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert list(rows[0].keys())[:len(ACLED_COLUMNS)] == ACLED_COLUMNS
    assert list(rows[0].keys()) == COLUMNS
    assert all(row["source_id"].endswith("report.txt") and row["evidence"] for row in rows)
    assert {row["event_date"] for row in rows} <= {"2016-11-26", "2016-11-27"}


def test_events_filters_and_formats(db, runner, tmp_path):
    path, _ = db
    r = runner.invoke(app, ["events", "--db", str(path), "-f", "jsonl", "--since", "2016-11-27"])
    lines = [json.loads(x) for x in r.stdout.splitlines() if x.strip()]
    assert all(x["event_date"] == "2016-11-27" for x in lines)
    out = tmp_path / "e.parquet"
    r = runner.invoke(app, ["events", "--db", str(path), "-f", "parquet", "--out", str(out)])
    assert r.exit_code == 0 and out.stat().st_size > 0
    r = runner.invoke(app, ["events", "--db", str(path), "-f", "xml"])
    assert r.exit_code != 0


def test_events_table_escapes_markup(db, runner):
    path, _ = db
    r = runner.invoke(app, ["events", "--db", str(path)])
    assert r.exit_code == 0 and "sub_event_type" in r.stdout


def test_interaction_codes():
    assert interaction(1, 2) == 12 and interaction(2, 1) == 12 and interaction(1, None) == 10
    assert interaction(None, 3) is None
