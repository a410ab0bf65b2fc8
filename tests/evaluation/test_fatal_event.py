"""The fatal event: which mention of a report says how the dead it counts died (FA-KES cause of death)."""

from __future__ import annotations

from frontlines.evaluation.fakes import cause_event
from frontlines.evaluation.labels import fakes_cause
from frontlines.evaluation.system import doc_prediction, fatal_event, names_instrument
from frontlines.mention import Claim, Count, EventMention

_TYPE = {
    "Attack": "Violence against civilians",
    "Armed clash": "Battles",
    "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence",
    "Chemical weapon": "Explosions/Remote violence",
    "Peaceful protest": "Protests",
}


def _m(sentence: int, sub: str, trigger: str, fatalities: int = 0) -> EventMention:
    return EventMention(
        mention_id=str(sentence), doc_id="d", source_id="s", event_type=_TYPE[sub], sub_event_type=sub,
        paragraph=0, sentence=sentence, char_start=sentence * 10, claim=Claim(certainty="asserted"),
        counts=[Count("fatalities", fatalities, str(fatalities))] if fatalities else [], trigger=trigger,
    )


def test_outcome_words_say_that_people_died_not_how():
    assert not names_instrument(_m(0, "Attack", "killed", 45))
    assert not names_instrument(_m(0, "Armed clash", "attacks", 4))
    assert names_instrument(_m(0, "Armed clash", "clashes", 29))  # fighting: gunfire
    assert names_instrument(_m(0, "Attack", "executed", 3))
    assert names_instrument(_m(0, "Air/drone strike", "attack", 3))  # the typer found the weapon
    assert not names_instrument(_m(0, "Peaceful protest", "protests", 280000))  # a mis-read toll


def test_a_counted_lead_without_a_weapon_defers_to_the_counted_sentence_that_names_one():
    # "At least 45 people have been killed in Aleppo" ... "12 civilians were killed by airstrikes in Marjeh"
    lead = _m(0, "Attack", "killed", 45)
    strikes = _m(1, "Air/drone strike", "airstrikes", 12)
    assert fatal_event([lead, strikes]) is strikes
    assert fakes_cause(*cause_event(doc_prediction([lead, strikes]))) == "shelling"


def test_without_a_counted_weapon_the_first_weapon_of_the_report_names_the_cause():
    # "Terrorist attacks kill 10 in Aleppo" ... "terrorists fired rocket shells on the neighbourhood"
    lead = _m(0, "Armed clash", "attacks", 10)
    rockets = _m(1, "Shelling/artillery/missile attack", "rocket")
    assert fatal_event([lead, rockets]) is rockets
    # a chemical attack told first, its toll later as "the attack killed 18"
    chem = _m(0, "Chemical weapon", "toxic gas")
    toll = _m(1, "Attack", "attack", 18)
    assert fatal_event([chem, toll]) is chem


def test_counted_fighting_stays_the_cause_and_nothing_counted_gives_none():
    clash = _m(0, "Armed clash", "clashes", 29)
    later = _m(1, "Air/drone strike", "airstrikes")
    assert fatal_event([clash, later]) is clash
    assert fatal_event([_m(0, "Air/drone strike", "airstrikes")]) is None
    # only unspecific counts and no weapon anywhere: the first count
    only = _m(0, "Attack", "killed", 5)
    assert fatal_event([only, _m(1, "Attack", "died", 2)]) is only


def test_shooting_needs_fire_or_fighting_in_the_words():
    from frontlines.evaluation.fakes import cause_of

    assert cause_of("Armed clash", "clashes") == "shooting"
    assert cause_of("Attack", "shot dead") == "shooting"
    assert cause_of("Attack", "sniper fire") == "shooting"
    # "Syrian army kills 70 IS militants", "the offensive", "captured": that they died, not how
    assert cause_of("Armed clash", "kills") == "unknown"
    assert cause_of("Armed clash", "offensive") == "unknown"
    assert cause_of("Government regains territory", "captured") == "unknown"
    # the weapon classes and executions are unaffected
    assert cause_of("Air/drone strike", "raids") == "shelling"
    assert cause_of("Attack", "executed") == "execution"
    assert cause_of(None) == "unknown"


def test_a_counted_capture_defers_to_counted_fighting():
    captured = _m(0, "Armed clash", "offensive", 20)
    clashes = _m(1, "Armed clash", "clashes", 20)
    assert fatal_event([captured, clashes]) is clashes
