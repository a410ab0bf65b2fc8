"""ACLED's demonstration and territory-transfer sub-types, as minimal contrasts: one sentence frame, one detail
changed, and the codebook's line between the two readings (``nlp/protests.py``, ``events.py``).

Each pair changes only what the codebook says decides the sub-type: who acts (forces or demonstrators),
what the force did (dispersal, arrests, less-lethal rounds, or killing and live fire), whether a harm is
the protest's grievance or happened at it, and whether a place changed hands with or without fighting.
"""

from __future__ import annotations

import pytest

from frontlines.nlp.events import detect_events, primary_event

PEACEFUL, INTERVENTION, FORCE = "Peaceful protest", "Protest with intervention", "Excessive force against protesters"
VIOLENT, NVTT, OVERTAKES = "Violent demonstration", "Non-violent transfer of territory", "Non-state actor overtakes territory"


def subtype(nlp, reg, text: str) -> str | None:
    ev = primary_event(detect_events(nlp(text)[:], registry=reg))
    return ev.sub_event_type if ev is not None else None


CONTRASTS = [
    # a killing the protest is about is its grievance; a killing at the protest is force against it
    ("Hundreds of students marched peacefully in Nairobi against the killing of a classmate by police.", PEACEFUL),
    ("Police shot dead a student as hundreds of students marched peacefully in Nairobi.", FORCE),
    # arrests demanded undone are the grievance; arrests of the demonstrators are an intervention
    ("Teachers protested in Harare, demanding the release of colleagues arrested last week.", PEACEFUL),
    ("Police arrested dozens of teachers protesting in Harare.", INTERVENTION),
    # who stormed: demonstrators are violent, forces intervene
    ("Protesters stormed the parliament building in Colombo.", VIOLENT),
    ("Police stormed the protesters' camp in Colombo.", INTERVENTION),
    # who dispersed: a crowd going home is no dispersal by force
    ("The protesters dispersed peacefully after the rally in Lagos.", PEACEFUL),
    ("Police dispersed the protesters after the rally in Lagos.", INTERVENTION),
    # less-lethal rounds suppress; live ammunition is lethal force
    ("Police fired rubber bullets at protesters in Santiago, wounding several.", INTERVENTION),
    ("Police fired live ammunition at protesters in Santiago, wounding several.", FORCE),
    # who died: a policeman killed at a protest means the protest was violent
    ("A policeman was killed during a protest in Conakry.", VIOLENT),
    ("A protester was killed during a protest in Conakry.", FORCE),
    # what burned: an effigy is a symbol, a police vehicle is destruction
    ("Protesters burned an effigy of the president in Dhaka.", PEACEFUL),
    ("Protesters burned a police vehicle in Dhaka.", VIOLENT),
]


@pytest.mark.parametrize(("text", "expected"), CONTRASTS)
def test_demonstration_subtypes_follow_the_codebook(nlp, reg, text, expected):
    assert subtype(nlp, reg, text) == expected


def test_water_cannon_is_crowd_control_not_artillery(nlp, reg):
    # crowd control implies a crowd: the people it was used on were demonstrating, and the arrests are part of it
    text = "Police used water cannon against climate activists in The Hague and detained dozens."
    assert subtype(nlp, reg, text) == INTERVENTION
    assert subtype(nlp, reg, "Government forces used cannon against rebel positions near the town.") != INTERVENTION


TERRITORY = [
    ("Rebels captured the town after heavy fighting with government troops.", OVERTAKES),
    ("Rebels took over the town without fighting after government troops withdrew.", NVTT),
    # an agreement that frames a handover is its circumstance; an agreement alone is an Agreement
    ("Rebels handed the town to government forces under the agreement.", NVTT),
    ("Rebels and government forces signed an agreement on the town.", "Agreement"),
]


@pytest.mark.parametrize(("text", "expected"), TERRITORY)
def test_territory_changes_hands_with_or_without_fighting(nlp, reg, text, expected):
    assert subtype(nlp, reg, text) == expected


def test_only_an_armed_side_leaving_transfers_territory(nlp, reg):
    assert subtype(nlp, reg, "The rebels left their positions in the town overnight.") == NVTT
    assert subtype(nlp, reg, "The families left their homes in the town overnight.") != NVTT
