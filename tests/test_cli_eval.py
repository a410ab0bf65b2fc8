"""``frontlines eval`` and ``frontlines train`` end to end through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from conftest import DATA, ROOT, need
from frontlines.cli import _register, app

CASE_FIXTURE = ROOT / "tests" / "fixtures" / "eval" / "case_sample.tsv"
runner = CliRunner()
_register()


def test_eval_case_fixture_prints_tables_and_writes_json(tmp_path: Path):
    out = tmp_path / "case.json"
    res = runner.invoke(app, ["eval", "case", str(CASE_FIXTURE), "--json", str(out)])
    assert res.exit_code == 0, res.output
    assert "weighted F1" in res.output and "confusion" in res.output
    data = json.loads(out.read_text())
    assert data["kind"] == "case" and data["n"] == 11 and data["skipped"] == 1
    rep = data["classification"]["sub_event_type"]
    assert sum(map(sum, rep["confusion"])) == 11
    # the bundled pipeline must get some of these plain sentences right
    assert data["figures"]["accuracy"] > 0.3, data["classification"]


def test_eval_unknown_kind_is_one_line_error():
    res = runner.invoke(app, ["eval", "nope", str(CASE_FIXTURE)])
    assert res.exit_code != 0
    assert "unknown eval kind" in str(res.exception) or "unknown eval kind" in res.output


def test_eval_acled_limit_and_split(tmp_path: Path):
    gold = need(DATA / "acled_notes" / "dev.csv")
    out = tmp_path / "a.json"
    res = runner.invoke(app, ["eval", "acled", str(gold), "--limit", "20", "--split", "half-b", "--json", str(out)])
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text())
    assert data["n"] == 20 and data["split"] == "half-b"
    for name in ("event_type_accuracy", "actor1_accuracy", "fatalities_accuracy", "type6_accuracy"):
        assert 0.0 <= data["figures"][name] <= 1.0
    assert "field accuracies" in res.output


def test_train_then_eval_with_model_and_baseline(tmp_path: Path):
    gold = need(DATA / "acled_notes" / "dev.csv")
    model = tmp_path / "m.joblib"
    res = runner.invoke(app, ["train", "--acled", str(gold), "--split", "half-a", "--limit", "300",
                              "--out", str(model)])
    assert res.exit_code == 0, res.output
    assert model.exists()
    out = tmp_path / "m.json"
    res = runner.invoke(app, ["eval", "acled", str(gold), "--model", str(model), "--split", "half-b",
                              "--limit", "40", "--json", str(out)])
    assert res.exit_code == 0, res.output
    data = json.loads(out.read_text())
    assert data["system"].startswith("trained classifier")
    assert data["figures"]["event_type_accuracy"] > 0.5
    res = runner.invoke(app, ["eval", "acled", str(gold), "--baseline", "tfidf", "--limit", "20"])
    assert res.exit_code != 0  # the baseline needs --split to know its training half


def test_eval_missing_model_is_one_line_error(tmp_path: Path):
    gold = need(DATA / "acled_notes" / "dev.csv")
    res = runner.invoke(app, ["eval", "acled", str(gold), "--model", str(tmp_path / "none.joblib"), "--limit", "2"])
    assert res.exit_code != 0
    assert "no model there" in str(res.exception) + res.output


def test_many_classes_print_their_largest_confusions_not_a_matrix():
    """With more labels than a terminal row holds, the largest off-diagonal cells are listed, largest first."""
    from io import StringIO

    from rich.console import Console

    from frontlines.cli.evaluate import print_result
    from frontlines.evaluation.metrics import classification_report

    labels = [f"CLASS_{i:02d}" for i in range(16)]
    gold = labels * 2 + ["CLASS_00"] * 3 + ["CLASS_05"]
    pred = labels * 2 + ["(none)"] * 3 + ["CLASS_06"]
    rep = classification_report(gold, pred).to_dict()
    res = {"kind": "case", "path": "x", "n": len(gold), "figures": {}, "system": "s", "seconds": 0,
           "gold_sha256": "0" * 12, "classification": {"sub_event_type": rep}}
    buf = StringIO()
    print_result(res, Console(file=buf, width=120))
    text = buf.getvalue()
    assert "┃ items ┃" in text and "gold \\ pred" not in text
    start = text.index("┃ items ┃")
    rows = [line.split("│") for line in text[start:].splitlines() if line.startswith("│")]
    assert [(r[1].strip(), r[2].strip(), r[3].strip()) for r in rows] == [("CLASS_00", "(none)", "3"),
                                                                          ("CLASS_05", "CLASS_06", "1")]
