"""The sub-type model (``nlp.subtype``): the shipped file, its rebuild, and how it works with the rules.

Texts here are written for these tests (not taken from CASE or any evaluation file, nor from the corpus).
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from frontlines.document import Document
from frontlines.errors import FrontlinesError
from frontlines.evaluation.labels import SUBTYPES
from frontlines.mention import ActorRef
from frontlines.nlp import subtype
from frontlines.nlp.events import EventCandidate, detect_events
from frontlines.nlp.extract import extract
from frontlines.nlp.readings import retype, trigger_readings
from frontlines.nlp.subtype import NO_EVENT, Combination, decide

ALL_SUBTYPES = [s for subs in SUBTYPES.values() for s in subs]


@pytest.fixture
def model(monkeypatch):
    monkeypatch.delenv("FRONTLINES_SUBTYPE_MODEL", raising=False)  # the pipeline's default: the model on
    m = subtype.default_model()
    if m is None:
        pytest.fail(f"no shipped sub-type model at {subtype.model_path()}")
    return m


def _events(text: str, published: date = date(2024, 5, 20)) -> list:
    doc = Document(doc_id=f"t-{abs(hash(text))}", source_id="test", paragraphs=[text], published=published)
    return [m for m in extract(doc) if m.source_type == "article"]


def _cand(sub: str, score: float = 0.5, i: int = 0, actor1: ActorRef | None = None) -> EventCandidate:
    from frontlines.nlp.taxonomy import _TYPE_OF, DISORDER

    return EventCandidate(trigger_i=i, trigger="x", event_type=_TYPE_OF[sub], sub_event_type=sub,
                          disorder_type=DISORDER[_TYPE_OF[sub]], actor1=actor1, score=score)


def _probs(**named: float) -> dict[str, float]:
    rest = (1.0 - sum(named.values())) / (len(ALL_SUBTYPES) + 1 - len(named))
    out = {s: rest for s in [*ALL_SUBTYPES, NO_EVENT]}
    out.update({k.replace("_", " ") if k != NO_EVENT else k: v for k, v in named.items()})
    return out


# -- the shipped file --------------------------------------------------------------------------------
def test_the_shipped_model_loads_with_every_sub_type_and_no_event(model):
    assert set(model.classes) == {*ALL_SUBTYPES, NO_EVENT}
    assert model.weights.shape == (len(model.vocab), len(model.classes))
    meta = model.meta
    assert meta["corpus_size"] > 500 and len(meta["corpus_sha256"]) == 64
    p = model.proba(["w:the", "t:kill", "an unknown feature"])
    assert sum(p.values()) == pytest.approx(1.0)


def test_the_shipped_model_is_plain_json_made_from_the_current_corpus(model):
    from frontlines.nlp.corpus import load_corpus, manifest

    doc = json.loads(subtype.model_path().read_text(encoding="utf-8"))
    assert doc["format"] == subtype.MODEL_FORMAT and doc["classes"] == model.classes
    # a model trained on an older corpus must be rebuilt (`frontlines train --builtin`) when the corpus changes
    assert doc["meta"]["corpus_sha256"] == manifest(load_corpus())["sha256"]


def test_a_broken_model_file_is_one_clear_error(tmp_path):
    bad = tmp_path / "subtype.json"
    bad.write_text('{"format": 1, "classes": ["A"]', encoding="utf-8")
    with pytest.raises(FrontlinesError, match="subtype.json: not a frontlines sub-type model"):
        subtype.load(bad)
    bad.write_text('{"format": 99}', encoding="utf-8")
    with pytest.raises(FrontlinesError, match="format 1"):
        subtype.load(bad)
    with pytest.raises(FrontlinesError, match="no sub-type model there"):
        subtype.load(tmp_path / "absent.json")


def test_json_round_trip_keeps_every_score(model):
    again = subtype.SubtypeModel.from_json(model.to_json())
    feats = ["w:gunmen", "l:kidnap", "t:abduct", "tr:abduct", "pai:7"]
    assert again.proba(feats) == model.proba(feats)
    assert again.to_json() == model.to_json()


@pytest.mark.slow
def test_rebuilding_from_the_corpus_gives_the_shipped_file_byte_for_byte():
    from frontlines.nlp.subtype_search import train_builtin

    rebuilt = train_builtin()
    assert rebuilt.to_json() == subtype.model_path().read_text(encoding="utf-8")


def test_the_switch_turns_the_model_on_and_off(monkeypatch):
    from frontlines.nlp.extract import _detector

    monkeypatch.delenv("FRONTLINES_SUBTYPE_MODEL", raising=False)
    assert getattr(_detector(), "__wrapped__", None) is detect_events  # on by default (docs/quality.md)
    for on in ("on", "ON", "1"):
        monkeypatch.setenv("FRONTLINES_SUBTYPE_MODEL", on)
        assert getattr(_detector(), "__wrapped__", None) is detect_events
    for off in ("off", "OFF", "0", "false"):
        monkeypatch.setenv("FRONTLINES_SUBTYPE_MODEL", off)
        assert _detector() is detect_events


# -- the combination rule ------------------------------------------------------------------------------
COMB = Combination(veto=0.6, switch=0.5, margin=0.2, propose=0.6)


def test_a_confident_no_event_vetoes_the_rules():
    assert decide([_cand("Armed clash")], _probs(NONE=0.8), True, COMB)[0] == "veto"
    assert decide([_cand("Armed clash")], _probs(NONE=0.3, Armed_clash=0.5), True, COMB)[0] == "keep"


def test_the_model_retypes_only_with_a_clear_margin():
    action, k, sub = decide([_cand("Remote explosive/landmine/IED")], _probs(Grenade=0.7), True, COMB)
    assert (action, k, sub) == ("retype", 0, "Grenade")
    close = {**_probs(Grenade=0.5), "Remote explosive/landmine/IED": 0.4}
    assert decide([_cand("Remote explosive/landmine/IED")], close, True, COMB)[0] == "keep"


def test_the_model_promotes_a_rule_event_it_agrees_with():
    cands = [_cand("Armed clash", score=0.9, i=1), _cand("Attack", score=0.5, i=5)]
    assert decide(cands, _probs(Attack=0.7), True, COMB) == ("promote", 1, "Attack")


def test_a_proposal_needs_a_trigger_and_confidence():
    p = _probs(**{"Abduction/forced_disappearance": 0.8})
    assert decide([], p, True, COMB) == ("propose", None, "Abduction/forced disappearance")
    assert decide([], p, False, COMB)[0] == "none"  # every trigger was set aside (negated, hypothetical)
    assert decide([], _probs(**{"Abduction/forced_disappearance": 0.4}), True, COMB)[0] == "none"


def test_a_sentence_with_no_trigger_needs_the_higher_bare_bar():
    comb = Combination(veto=0.6, switch=0.5, margin=0.2, propose=0.6, propose_bare=0.85)
    sure = _probs(**{"Abduction/forced_disappearance": 0.9})
    fair = _probs(**{"Abduction/forced_disappearance": 0.7})
    assert decide([], sure, None, comb) == ("propose", None, "Abduction/forced disappearance")
    assert decide([], fair, None, comb)[0] == "none"  # enough on a trigger, not on a bare sentence
    assert decide([], fair, True, comb)[0] == "propose"
    assert decide([], sure, None, COMB)[0] == "none"  # the default bare bar (1.01) never proposes


def test_evidence_of_fighting_raises_the_veto_bar():
    comb = Combination(veto=0.4, switch=0.5, margin=0.2, propose=0.6, veto_armed=0.9)
    doubt = _probs(NONE=0.7)
    rebels = ActorRef("rebels", "Rebels (Chad)", 2, "Chad", True)
    assert decide([_cand("Attack")], doubt, True, comb)[0] == "veto"  # no actor: a flood reads the same
    assert decide([_cand("Attack", actor1=rebels)], doubt, True, comb)[0] == "keep"
    assert decide([_cand("Armed clash")], doubt, True, comb)[0] == "keep"  # two sides fighting
    assert decide([_cand("Armed clash")], _probs(NONE=0.95), True, comb)[0] == "veto"


def test_the_direction_of_a_territory_change_stays_the_rules():
    """Who took the place decides Government regains / Non-state actor overtakes; the model's two territory
    sub-types count as one for a rule territory event, so it never flips the direction."""
    army = ActorRef("the army", "Military Forces of Mali (2021-)", 1, "Mali", True)
    cand = _cand("Government regains territory", actor1=army)
    probs = {**_probs(), "Non-state actor overtakes territory": 0.6, "Government regains territory": 0.1}
    assert decide([cand], probs, True, COMB)[0] == "keep"
    # nor does it move a territory change out of the transfers of territory; it may say the place changed
    # hands without a fight
    probs = {**_probs(Armed_clash=0.8), "Government regains territory": 0.05}
    assert decide([cand], probs, True, COMB)[0] == "keep"
    probs = {**_probs(), "Non-violent transfer of territory": 0.8, "Government regains territory": 0.05}
    assert decide([cand], probs, True, COMB) == ("retype", 0, "Non-violent transfer of territory")


def test_who_was_hit_keeps_a_clash_from_becoming_an_attack_on_civilians():
    soldiers = ActorRef("soldiers", "Military Forces of Nigeria (2023-)", 1, "Nigeria", True)
    villagers = ActorRef("villagers", "Civilians (Nigeria)", 7, "Nigeria", True)
    clash = _cand("Armed clash")
    clash.actor2 = soldiers
    assert decide([clash], _probs(Attack=0.8), True, COMB)[0] == "keep"
    attack = _cand("Attack")
    attack.actor2 = villagers
    assert decide([attack], _probs(Armed_clash=0.8), True, COMB)[0] == "keep"
    # a rule clash becomes an attack on civilians only where the parse found civilians hit
    assert decide([_cand("Armed clash")], _probs(Attack=0.8), True, COMB)[0] == "keep"
    clash.actor2 = villagers
    assert decide([clash], _probs(Attack=0.8), True, COMB) == ("retype", 0, "Attack")
    # and an attack without an actor the parse found may become a clash
    assert decide([_cand("Attack")], _probs(Armed_clash=0.8), True, COMB) == ("retype", 0, "Armed clash")


def test_changing_the_event_type_needs_the_cross_type_margin():
    comb = Combination(veto=0.6, switch=0.5, margin=0.1, propose=0.6, cross_margin=0.3)
    close = {**_probs(Attack=0.6), "Armed clash": 0.25}
    assert decide([_cand("Armed clash")], close, True, comb)[0] == "keep"  # 0.35 < 0.1 + 0.3
    same_type = {**_probs(Grenade=0.6), "Remote explosive/landmine/IED": 0.25}
    assert decide([_cand("Remote explosive/landmine/IED")], same_type, True, comb)[0] == "retype"


def test_retyping_keeps_the_rules_attribution_and_actors():
    army = ActorRef("the army", "Military Forces of Kenya (2022-)", 1, "Kenya", True)
    cand = _cand("Remote explosive/landmine/IED", actor1=army)
    cand.actor2 = ActorRef("villagers", "Civilians (Kenya)", 7, "Kenya", True)
    new = retype(cand, "Grenade")
    assert (new.event_type, new.sub_event_type) == ("Explosions/Remote violence", "Grenade")
    assert new.actor1 == army and new.actor2 == cand.actor2 and new.trigger_i == cand.trigger_i
    crowd = _cand("Peaceful protest", actor1=ActorRef("residents", "Protesters (Chile)", 6, "Chile", True))
    riot = retype(crowd, "Violent demonstration")
    assert riot.actor1.name == "Rioters (Chile)" and riot.actor1.inter == 5 and riot.disorder_type == \
        "Political violence"


def test_trigger_readings_say_why_a_word_is_not_an_event(nlp):
    sent = next(nlp("The rebels threatened to attack the town.").sents)
    readings = {r.lemma: r for r in trigger_readings(sent)}
    assert readings["attack"].reality == "hypothetical"
    sent = next(nlp("Militants attacked the town on Monday.").sents)
    assert any(r.kind == "clash" and r.reality is None for r in trigger_readings(sent))


# -- the pipeline with the shipped model ---------------------------------------------------------------
def test_a_flood_that_kills_is_no_acled_event(model):
    assert _events("Flash floods swept through three villages in Kasai province on Sunday, killing at least "
                   "20 people and leaving hundreds homeless, local officials said.") == []


def test_people_taken_by_forces_are_an_abduction(model):
    found = _events("Unidentified gunmen abducted a local councillor and his two sons from their farm outside "
                    "Kaduna on Tuesday night, relatives said.")
    assert found and found[0].sub_event_type == "Abduction/forced disappearance"


def test_model_and_rules_agree_on_plain_reports(model, nlp):
    for text, sub in (("Police fired tear gas to disperse hundreds of students marching in Quito on Monday.",
                       "Protest with intervention"),
                      ("A suicide bomber blew himself up at a checkpoint in Mogadishu, killing six soldiers.",
                       "Suicide bomb")):
        found = _events(text)
        assert found and found[0].sub_event_type == sub, (text, [m.sub_event_type for m in found])


def test_the_model_changes_the_sub_type_not_the_rules_actors(nlp, reg):
    """A real (small) model fitted to prefer Grenade on the word "grenade": the rules' event is retyped, its
    trigger, actors and score kept."""
    docs = [["w:grenade", "t:grenade"], ["w:grenade", "w:hand"], ["w:flood", "w:rain"], ["w:flood", "w:river"],
            ["w:shot", "w:gunmen"], ["w:shot", "w:villager"]]
    labels = ["Grenade", "Grenade", NO_EVENT, NO_EVENT, "Attack", "Attack"]
    tiny = subtype.fit(docs, labels, subtype.Training(c=50.0, min_df=2), Combination(0.9, 0.4, 0.1, 0.6))
    sent = next(nlp("An explosion from a hand grenade wounded three traders at the market in Beni, "
                    "the army said.").sents)
    rules = detect_events(sent, registry=reg)
    assert [c.sub_event_type for c in rules] == ["Remote explosive/landmine/IED"]
    out, decision = subtype.combine(sent, rules, tiny, registry=reg)
    assert decision.action == "retype" and [c.sub_event_type for c in out] == ["Grenade"]
    (new,), (old,) = out, rules
    assert (new.trigger_i, new.actor1, new.actor2, new.score) == (old.trigger_i, old.actor1, old.actor2, old.score)
    # and a flood sentence with a killing the rules read as an attack is vetoed by the same model
    sent = next(nlp("The flood killed four people near the river.").sents)
    out, decision = subtype.combine(sent, detect_events(sent, registry=reg), tiny, registry=reg)
    assert out == [] and decision.action in ("veto", "none")


def test_a_proposal_needs_someone_the_parse_can_find(nlp, reg):
    """A real (small) model that reads every "agree" as an Agreement: where the rules find no event, its
    proposal stands only with an actor in the sentence."""
    docs = [["t:agreement", "w:agreed"], ["t:agreement", "w:deal"], ["w:rain", "w:sun"], ["w:rain", "w:cloud"]]
    tiny = subtype.fit(docs, ["Agreement", "Agreement", NO_EVENT, NO_EVENT], subtype.Training(c=50.0, min_df=1),
                       Combination(veto=0.9, switch=0.4, margin=0.1, propose=0.5))
    sent = next(nlp("It was agreed that a new timetable for the league was a priority.").sents)
    assert detect_events(sent, registry=reg) == []
    out, decision = subtype.combine(sent, [], tiny, registry=reg)
    assert tiny.proba(subtype.sentence_features(sent, cands=[], readings=trigger_readings(sent),
                                                registry=reg))["Agreement"] > 0.5  # the model did propose
    from frontlines.nlp.readings import candidate_of

    made = candidate_of(sent, "Agreement", trigger_readings(sent)[0].i, registry=reg)
    assert made is not None and made.actor1 is None and made.actor2 is None  # the event it would have made
    assert out == [] and decision.action == "none"
