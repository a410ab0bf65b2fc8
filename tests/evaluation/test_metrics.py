"""Metrics on cases small enough to compute by hand."""

from __future__ import annotations

import pytest

from frontlines.evaluation.labels import (
    CASE_CODES,
    SUBTYPES,
    case_code,
    fakes_actor,
    fakes_cause,
    lenient_actor_match,
    to_acled2018,
)
from frontlines.evaluation.metrics import classification_report, field_accuracy


def test_report_by_hand():
    # gold: A A A B B C ; pred: A A B B C C
    # A: tp2 fp0 fn1 -> P1 R2/3 F0.8 ; B: tp1 fp1 fn1 -> .5 .5 .5 ; C: tp1 fp1 fn0 -> .5 1 2/3
    rep = classification_report(list("AAABBC"), list("AABBCC"))
    by = {c.label: c for c in rep.classes}
    assert rep.accuracy == pytest.approx(4 / 6)
    assert (by["A"].precision, by["A"].recall, by["A"].f1) == pytest.approx((1.0, 2 / 3, 0.8))
    assert (by["B"].precision, by["B"].recall, by["B"].f1) == pytest.approx((0.5, 0.5, 0.5))
    assert (by["C"].precision, by["C"].recall, by["C"].f1) == pytest.approx((0.5, 1.0, 2 / 3))
    assert rep.macro_f1 == pytest.approx((0.8 + 0.5 + 2 / 3) / 3)
    assert rep.weighted_f1 == pytest.approx((0.8 * 3 + 0.5 * 2 + 2 / 3 * 1) / 6)
    assert rep.labels == ["A", "B", "C"]
    assert rep.confusion == [[2, 1, 0], [0, 1, 1], [0, 0, 1]]


def test_predicted_only_class_is_not_averaged_but_costs_recall():
    rep = classification_report(["A", "A", "B", "B"], ["A", "(none)", "B", "B"])
    assert rep.labels == ["A", "B", "(none)"]
    none = rep.classes[-1]
    assert none.support == 0 and none.predicted == 1 and none.f1 == 0.0
    # macro over gold classes only: A (P1, R.5, F2/3) and B (P1, R1, F1)
    assert rep.macro_f1 == pytest.approx((2 / 3 + 1.0) / 2)
    assert sum(map(sum, rep.confusion)) == 4


def test_empty_and_mismatched():
    rep = classification_report([], [])
    assert rep.n == 0 and rep.accuracy == 0.0 and rep.macro_f1 == 0.0
    with pytest.raises(ValueError):
        classification_report(["A"], [])


def test_field_accuracy_skips_unscoreable_gold():
    f = field_accuracy("fatalities", [(0, 0), (3, 2), (None, 5), (10, 10)])
    assert (f.correct, f.total) == (2, 3)
    assert f.accuracy == pytest.approx(2 / 3)
    assert field_accuracy("x", []).accuracy == 0.0


def test_acled2018_mapping_inverts_the_readme_table():
    assert to_acled2018("Battles", "Government regains territory") == "Battle-Government regains territory"
    assert to_acled2018("Battles", "Armed clash") == "Battle-No change of territory"
    assert to_acled2018("Riots", "Mob violence") == "Riots/Protests"
    assert to_acled2018("Strategic developments", "Arrests") == "Strategic development"
    assert to_acled2018("Strategic developments", "Non-violent transfer of territory") == \
        "Non-violent transfer of territory"
    assert to_acled2018("Displacement", "Displacement") == "(none)"
    assert to_acled2018(None, None) == "(none)"


def test_case_codes_cover_the_25_subtypes_once():
    subtypes = {s for subs in SUBTYPES.values() for s in subs}
    assert len(CASE_CODES) == 25 and set(CASE_CODES.values()) == subtypes
    assert case_code("nonstate_terit") == "NON_STATE_ACTOR_OVERTAKES_TER"
    assert case_code("ORG_CRIME") is None


def test_fakes_mappings():
    assert fakes_cause("Air/drone strike") == "shelling"
    assert fakes_cause("Suicide bomb") == "explosion"
    assert fakes_cause("Attack", "executed") == "execution"
    assert fakes_cause("Attack", "shot") == "shooting"
    assert fakes_cause(None) == "unknown"
    assert fakes_actor("Military Forces of Syria (2000-)") == "syrian government or russian troops"
    assert fakes_actor("QSD: Syrian Democratic Forces") == "self administration forces"
    assert fakes_actor("Jabhat Fateh al-Sham") == "al-nusra front"
    assert fakes_actor("Islamic State (Syria)").endswith("isis")
    assert fakes_actor("Opposition Rebels (Syria)") == "armed opposition groups"
    assert fakes_actor(None) == "unknown"


def test_lenient_actor_match_is_weaker_than_exact():
    gold = "Military Forces of Syria (2000-) Syrian Arab Air Force"
    assert lenient_actor_match(gold, "Military Forces of Syria (2000-)")
    assert lenient_actor_match("Islamic State (Iraq)", "islamic state")
    assert not lenient_actor_match("Military Forces of Syria (2000-)", "Military Forces of Iraq (2014-)")
    assert not lenient_actor_match("Islamic State (Iraq)", None)
