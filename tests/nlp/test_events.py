"""Event detection and ACLED typing: sub-types, territory rules, actors, and the no-event cases."""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.nlp.actors import ActorRegistry
from frontlines.nlp.events import SUBTYPES, detect_events, primary_event, territory_subtype
from frontlines.nlp.pipeline import load_nlp
from frontlines.nlp.triggers import may_carry_event

PUB = date(2016, 11, 27)


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(components=False)


@pytest.fixture(scope="module")
def reg():
    return ActorRegistry.default()


def events(nlp, text, **kw):
    return detect_events(nlp(text)[:], **kw)


def test_taxonomy_has_acled_25_subtypes_plus_displacement():
    acled = [s for t, s in SUBTYPES if t != "Displacement"]
    assert len(acled) == 25 and len(set(acled)) == 25
    assert {t for t, _ in SUBTYPES} == {
        "Battles", "Protests", "Riots", "Explosions/Remote violence", "Violence against civilians",
        "Strategic developments", "Displacement",
    }


def test_sample_capture_claim(nlp):
    got = events(nlp, "Heavy fighting over the weekend in Eastern Aleppo has left the Syrian military with its largest "
                      "gains in weeks, with the military claiming to have captured three residential districts in a "
                      "push into the Nusra Front-held portions of the city.", when=PUB)
    assert len(got) == 1
    ev = got[0]
    assert ev.sub_event_type == "Government regains territory" and ev.event_type == "Battles"
    assert ev.actor1.name == "Military Forces of Syria (2000-)"
    assert ev.actor2.name == "Jabhat Fateh al-Sham"
    assert ev.disorder_type == "Political violence"


def test_sample_capture_with_context_actors(nlp, reg):
    ctx = [reg.resolve("the Syrian military", when=PUB), reg.resolve("the Nusra Front", when=PUB)]
    got = events(nlp, "The advance took Hanano on Saturday, and Jabal Badro by Sunday morning.", when=PUB,
                 context_actors=ctx)
    assert [(e.sub_event_type, e.trigger, e.actor1.name, e.actor2.name) for e in got] == [
        ("Government regains territory", "took", "Military Forces of Syria (2000-)", "Jabhat Fateh al-Sham")
    ]
    got = events(nlp, "By the evening, the army also reported they\u2019d taken Holok, and are making a push into three "
                      "further districts, adding that they killed \u201ca large number of terrorists.\u201d", when=PUB,
                 context_actors=ctx)
    assert [(e.sub_event_type, e.trigger) for e in got] == [("Government regains territory", "taken")]
    assert got[0].actor1.name == "Military Forces of Syria (2000-)"


def test_sample_displacement(nlp):
    got = events(nlp, "Following up on reports of civilians being trapped in rebel areas and unable to flee, the Syrian "
                      "state media has reported at least 1,500 civilians managed to escape during the offensive, "
                      "getting out of rebel-held areas and into government-held districts.", when=PUB)
    assert [(e.event_type, e.sub_event_type, e.trigger) for e in got] == [("Displacement", "Displacement", "escape")]
    assert got[0].actor1.name == "Civilians (Syria)"


@pytest.mark.parametrize(
    "text",
    [
        # habitual / generic
        "This advance cuts deeply into Nusra territory within Aleppo, and puts them in an increasingly indefensible "
        "position, surrounded by the Syrian military and facing regular airstrikes in a shrinking region.",
        "Residents of the town say they face daily shelling.",
        # hypothetical
        "The rebels threatened to attack the airport if the siege continues.",
        "Turkish forces could launch an offensive against Afrin in the coming days.",
        # negated
        "No clashes were reported in the city on Friday.",
        "The army did not shell the village.",
        # commentary, no trigger
        "Aleppo has been divided since 2012, and this appears to be the closest anyone has come since to reunifying "
        "the once major city.",
    ],
)
def test_no_event_cases(nlp, text):
    assert events(nlp, text) == []


def test_territory_rule(reg):
    army = reg.resolve("the Syrian army", country="Syria")
    turks = reg.resolve("Turkish troops", country="Syria")
    rebels = reg.resolve("rebels", country="Syria")
    assert territory_subtype(army, "Syria") == "Government regains territory"
    assert territory_subtype(turks, "Syria") == "Non-state actor overtakes territory"  # not Syria's government
    assert territory_subtype(rebels, "Syria") == "Non-state actor overtakes territory"
    assert territory_subtype(army, "Syria", fighting=False) == "Non-violent transfer of territory"


def test_primary_event_follows_precedence(nlp):
    got = events(nlp, "Suspected regime helicopters dropped barrel bombs on the village as clashes took place between "
                      "regime forces and Hayat Tahrir al-Sham near the village.", country="Syria")
    assert primary_event(got).event_type == "Battles"


def test_prefilter_keeps_event_sentences_and_drops_plain_ones():
    assert may_carry_event("The advance took Hanano on Saturday, and Jabal Badro by Sunday morning.")
    assert may_carry_event("At least 1,500 civilians fled.")
    assert not may_carry_event("The minister visited a school and praised the teachers.")
    assert not may_carry_event("")
