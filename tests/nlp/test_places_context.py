"""Which place of a sentence is the event's: towns the NER model calls persons, a region against the
more specific place inside it, and Arabic names with a lower-case article."""

from __future__ import annotations

import pytest

from frontlines.nlp.pipeline import load_nlp
from frontlines.nlp.places import find_places


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def places(nlp, text, verb=None):
    doc = nlp(text)
    sent = next(iter(doc.sents))
    trigger = next((t.i for t in sent if t.text == verb), None) if verb else None
    return [(p.text, p.role) for p in find_places(sent, trigger)]


def event_places(nlp, text, verb=None):
    return [t for t, role in places(nlp, text, verb) if role == "event"]


def test_a_town_tagged_as_a_person_in_a_locative_slot(nlp):
    # the small model tags "Calais" PERSON here; after "in" a gazetteer town is a place
    assert any("Calais" in t for t in event_places(nlp, "One refugee was shot in the foot in downtown Calais.",
                                                  "shot"))


def test_the_captured_subject_stays_a_person(nlp):
    got = event_places(nlp, "Ocalan was captured in 1999 in Kenya and sentenced to death.", "captured")
    assert got == ["Kenya"]


@pytest.mark.parametrize("text, verb, place", [
    ("Clashes took place between rebel factions and YPG fighters in Tall Refaat town in northern Aleppo.",
     None, "Tall Refaat"),
    ("In Dagestan Wednesday, police shot and killed two gunmen in the town of Buinaksk.", "shot", "Buinaksk"),
    ("Pro-Houthi fighters fired artillery shells at Saudi soldiers in the Tawal area of Jizan.", None, "Tawal"),
])
def test_the_region_yields_to_the_place_inside_it(nlp, text, verb, place):
    assert event_places(nlp, text, verb) == [place]


def test_a_far_clause_does_not_take_the_event_from_its_region(nlp):
    text = ("In recent weeks, the RCD has captured key towns in North Kivu from the RCD-ML which is allied "
            "with the government in Kinshasa.")
    assert "Kinshasa" not in event_places(nlp, text, "captured")


def test_lower_case_article_joins_the_name(nlp):
    got = places(nlp, "Regime forces shelled the town of Ma'arrat an-Nu'man, causing material damage.")
    assert ("Ma'arrat an-Nu'man", "event") in got


@pytest.mark.parametrize("headline, place", [
    ("Hama car bomb kills 4", "Hama"),  # "Hama" is an untagged proper noun here
    ("Raqqa offensive stalls as Daesh fights back", "Raqqa"),
])
def test_a_major_city_in_a_headline_is_a_place(nlp, headline, place):
    assert place in [t for t, _ in places(nlp, headline)]


def test_an_untagged_small_namesake_is_not_made_a_place(nlp):
    # a name that only small places bear is not taken as a place outside a place slot
    assert [t for t, _ in places(nlp, "Sherman told reporters the talks would resume.")] == []


def test_a_capital_that_speaks_is_not_where_the_event_was(nlp):
    got = places(nlp, "Damascus said the air strikes hit rebel positions in Idlib.", "hit")
    assert ("Damascus", "announced") in got and ("Idlib", "event") in got
