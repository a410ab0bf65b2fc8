"""Choosing the combination's thresholds (``nlp.subtype_search``) on made-up out-of-fold probabilities.

The items and probabilities are built here for the test (no corpus parse, no model fit), so the rules of the
choice are checked on cases whose right answer is known.
"""

from __future__ import annotations

from frontlines.evaluation.labels import SUBTYPES
from frontlines.mention import ActorRef
from frontlines.nlp.corpus import CorpusItem
from frontlines.nlp.events import EventCandidate
from frontlines.nlp.subtype import NO_EVENT, Parsed
from frontlines.nlp.subtype_search import VETO_ARMED, choose_combination

ALL = [s for subs in SUBTYPES.values() for s in subs]
REBELS = ActorRef("rebels", "Rebels (Chad)", 2, "Chad", True)


def _cand(sub: str, actor1: ActorRef | None = None) -> EventCandidate:
    from frontlines.nlp.taxonomy import _TYPE_OF, DISORDER

    return EventCandidate(trigger_i=0, trigger="x", event_type=_TYPE_OF[sub], sub_event_type=sub,
                          disorder_type=DISORDER[_TYPE_OF[sub]], actor1=actor1, score=0.5)


def _p(top: str, p: float) -> dict[str, float]:
    rest = (1.0 - p) / len(ALL)
    out = {s: rest for s in [*ALL, NO_EVENT]}
    out[top] = p
    return out


def _item(i: int, label: str, sentences) -> Parsed:
    it = CorpusItem(f"t{i}", "text", label, "event", "Chad", "Africa", "news", "test.jsonl")
    return Parsed(it, [([], cands, True) for cands, _ in sentences])


def _world(p_none_of_the_armed_report: float):
    """Floods the rules read as attacks (the model sure they are none), attacks by rebels it agrees with, and
    one rebel attack whose second sentence the model doubts at ``p_none_of_the_armed_report``."""
    items, probs = [], []
    for i in range(20):
        items.append(_item(i, NO_EVENT, [([_cand("Attack")], None)]))
        probs.append([_p(NO_EVENT, 0.9)])
    for i in range(20, 40):
        items.append(_item(i, "Attack", [([_cand("Attack", REBELS)], None)]))
        probs.append([_p("Attack", 0.9)])
    items.append(_item(40, "Attack", [([_cand("Attack", REBELS)], None), ([_cand("Attack", REBELS)], None)]))
    probs.append([_p("Attack", 0.9), _p(NO_EVENT, p_none_of_the_armed_report)])
    return items, probs


def test_vetoes_of_reports_with_evidence_of_fighting_stop_below_every_such_sentence():
    items, probs = _world(0.75)
    comb, cv = choose_combination(items, probs)
    assert comb.veto <= 0.5  # the floods are vetoed: the plain veto is the F1's
    assert comb.veto_armed == 0.8  # the lowest bar of the grid above the doubted rebel sentence (0.75)
    assert cv["weighted_f1"] == 1.0 and cv["kept"] == 1.0
    items, probs = _world(0.95)
    assert choose_combination(items, probs)[0].veto_armed == VETO_ARMED[-1] > 1.0  # never


def _clash_world(clashes: int):
    """Shelling the rules read as an armed clash (the model sure it is shelling), and ``clashes`` real armed
    clashes the rules read right that the model, fooled by the same words, also calls shelling."""
    items, probs = [], []
    for i in range(40):
        items.append(_item(i, "Shelling/artillery/missile attack", [([_cand("Armed clash")], None)]))
        probs.append([_p("Shelling/artillery/missile attack", 0.9)])
    for i in range(40, 40 + clashes):
        items.append(_item(i, "Armed clash", [([_cand("Armed clash")], None)]))
        probs.append([_p("Shelling/artillery/missile attack", 0.9)])
    return items, probs


def test_a_retype_across_event_types_must_keep_the_types_the_rules_had_right():
    # nothing the rules typed right is lost: the model's retype to shelling is taken
    comb, cv = choose_combination(*_clash_world(0))
    assert comb.cross_margin < 1.0 and cv["weighted_f1"] == 1.0
    # ten real clashes would lose their event type: the sub-type F1 still prefers the retype (40 right, 10
    # wrong), the type constraint does not, and no retype crosses the type line
    comb, cv = choose_combination(*_clash_world(10))
    assert comb.cross_margin > 1.0
    assert cv["type_kept"] == 1.0 and cv["weighted_f1"] < 1.0
