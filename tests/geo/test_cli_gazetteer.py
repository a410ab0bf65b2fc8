"""``frontlines gazetteer`` verbs end to end on a temporary store."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from frontlines.cli import _register, app

_register()
runner = CliRunner()


def test_add_list_remove(tmp_path):
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"NAME": "Hanano", "latitude": 36.2277, "longitude": 37.2032,
                                           "admin1": "Aleppo", "country_code": "SY", "parent": "Aleppo"},
         "geometry": None}]}
    f = tmp_path / "mine.geojson"
    f.write_text(json.dumps(fc), encoding="utf-8")
    db = str(tmp_path / "g.duckdb")
    r = runner.invoke(app, ["gazetteer", "add", str(f), "--db", db])
    assert r.exit_code == 0, r.output
    assert "mine: 1 entries added" in r.output
    r = runner.invoke(app, ["gazetteer", "add", str(f), "--db", db])
    assert "already loaded" in r.output
    r = runner.invoke(app, ["gazetteer", "list", "--db", db])
    assert r.exit_code == 0
    r = runner.invoke(app, ["gazetteer", "remove", "mine", "--db", db])
    assert r.exit_code == 0 and "removed 1" in r.output
    r = runner.invoke(app, ["gazetteer", "remove", "mine", "--db", db])
    assert r.exit_code != 0


def test_add_needs_a_file(tmp_path):
    r = runner.invoke(app, ["gazetteer", "add", "--db", str(tmp_path / "g.duckdb")])
    assert r.exit_code != 0
