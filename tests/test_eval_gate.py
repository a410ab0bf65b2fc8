"""The quality gate: dev-set figures against the floors pinned in ``tests/eval_baseline.json``.

``test_quality_gate`` runs every evaluation listed there on ``../shared/data``
(skipped where that folder is absent) and fails on any regression beyond
epsilon or on a changed gold file. The other tests pin the gate's own rules.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import DATA, ROOT, need
from frontlines.evaluation import gate

BASELINE = ROOT / "tests" / "eval_baseline.json"


@pytest.mark.devdata
@pytest.mark.slow
def test_quality_gate():
    need(DATA)
    baseline = gate.load_baseline(BASELINE)
    assert baseline["evals"], "no evaluations pinned"
    findings = gate.run_gate(baseline, DATA)
    report = "\n".join(map(str, findings))
    print(report)
    assert not [f for f in findings if f.fail], report


def test_baseline_file_is_well_formed():
    baseline = json.loads(BASELINE.read_text())
    assert 0 < baseline["epsilon"] <= 0.01
    for kind, entry in baseline["evals"].items():
        assert entry["path"] and not Path(entry["path"]).is_absolute(), kind
        assert len(entry["sha256"]) == 64, kind
        assert entry["floors"] and all(0.0 <= v <= 1.0 for v in entry["floors"].values()), kind
    for h in baseline["history"]:
        assert h["reason"], h


def test_compare_fails_only_beyond_epsilon():
    floors = {"a": 0.80, "b": 0.50, "c": 0.30}
    found = {f.figure: f for f in gate.compare("k", {"a": 0.796, "b": 0.49, "d": 1.0}, floors, 0.005)}
    assert not found["a"].fail  # within epsilon
    assert found["b"].fail  # dropped by 0.01
    assert found["c"].fail and "no longer measured" in found["c"].message


def test_floors_only_move_up_unless_a_reason_is_given():
    baseline = {"evals": {"k": {"floors": {"a": 0.8, "b": 0.5}}}, "history": []}
    lines = gate.update(baseline, {"k": {"a": 0.85, "b": 0.4, "new": 0.3}}, when="t")
    floors = baseline["evals"]["k"]["floors"]
    assert floors == {"a": 0.85, "b": 0.5, "new": 0.3}
    assert any("kept" in line for line in lines)
    with pytest.raises(ValueError):
        gate.update(baseline, {"k": {"b": 0.4}}, lower=True, reason=" ")
    gate.update(baseline, {"k": {"b": 0.4}}, lower=True, reason="gold relabelled upstream", when="t2")
    assert floors["b"] == 0.4
    assert baseline["history"][-1] == {"when": "t2", "kind": "k", "figure": "b", "from": 0.5, "to": 0.4,
                                       "reason": "gold relabelled upstream"}


def test_changed_gold_is_refused(tmp_path: Path):
    gold = tmp_path / "gold.csv"
    gold.write_text("x\n1\n")
    entry = {"path": "gold.csv", "sha256": gate.sha256_file(gold), "floors": {}}
    assert gate.check_gold("k", entry, tmp_path) is None
    gold.write_text("x\n2\n")
    finding = gate.check_gold("k", entry, tmp_path)
    assert finding is not None and finding.fail and "changed" in finding.message


def test_gate_skips_without_shared_data(tmp_path: Path, capsys):
    assert gate.main(["--data", str(tmp_path / "absent"), "--baseline", str(BASELINE)]) == 0
    assert "absent" in capsys.readouterr().out


def test_unregistered_kind_fails(tmp_path: Path):
    findings = gate.run_gate({"evals": {"no-such-kind": {"path": "x", "floors": {"a": 0.1}}}}, tmp_path)
    assert findings[0].fail and "not registered" in findings[0].message
