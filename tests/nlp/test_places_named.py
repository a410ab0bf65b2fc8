"""District names the NER model mistakes for people, and the place an event happened in a
"X, the district on the edge of Y" phrase."""

from __future__ import annotations

import pytest

from frontlines.nlp.events import detect_events
from frontlines.nlp.pipeline import load_nlp
from frontlines.nlp.places import find_places


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def event_places(nlp, text):
    d = nlp(text)
    cands = detect_events(d[:], country="Syria")
    trig = cands[0].trigger_i if cands else None
    return [p.text for p in find_places(d[:], trig) if p.role == "event"]


@pytest.mark.parametrize("text, place", [
    # "Sheikh Saeed" is tagged PERSON; the noun "neighbourhood" says it is a place
    ("Army units took full control of the Sheikh Saeed neighbourhood on the south-eastern edge of Aleppo "
     "on Wednesday.", "Sheikh Saeed"),
    # an appositive settlement noun, and the partitive "all of"
    ("Army units restored security on Saturday to all of Masaken Hanano, the large housing district on the "
     "north-eastern edge of Aleppo.", "Masaken Hanano"),
    # a share of a place is that place
    ("He denied that government forces held any part of Sheikh Said.", "Sheikh Said"),
])
def test_named_district_is_the_event_place(nlp, text, place):
    assert event_places(nlp, text) == [place]


def test_a_person_is_not_made_a_place(nlp):
    assert event_places(nlp, "Gunmen captured Ahmed Hassan on Sunday.") == []
    assert "Ahmed Hassan" not in event_places(nlp, "Ahmed Hassan, the district governor, was killed in Aleppo.")


@pytest.mark.parametrize("first, expected", [
    ("ALEPPO, Thursday 1 December 2016 (Shahba Voice) — Opposition factions said ...", ["Aleppo"]),
    ("BEIRUT (Meridian Wire) – Syrian government troops captured ...", ["Beirut"]),
    ("DEIR EZ-ZOR, Syria — Fighters ...", ["Deir Ez-Zor"]),
    ("Syrian government troops captured the district on Saturday.", []),
    ("UN officials said ...", []),
])
def test_dateline_city_is_read(first, expected):
    from frontlines.document import Document, make_doc_id
    from frontlines.nlp.extract import _dateline_place

    doc = Document(doc_id=make_doc_id("t", [first]), source_id="t", title="t", paragraphs=[first])
    assert _dateline_place(doc) == expected


def test_dateline_date_is_not_the_event_date():
    from datetime import date

    from frontlines.document import Document, make_doc_id
    from frontlines.nlp.extract import extract

    paras = ["ALEPPO, 27 November 2016 (Syria Front Report) — Units of the Syrian Arab Army took full control "
             "on Saturday of the Hanano district of Aleppo, a military source said."]
    doc = Document(doc_id=make_doc_id("t", paras), source_id="t", title="Army takes Hanano", paragraphs=paras,
                   source="Syria Front Report", published=date(2016, 11, 27))
    got = [m for m in extract(doc) if m.sub_event_type == "Government regains territory"]
    assert got and got[0].date.date == date(2016, 11, 26)  # "on Saturday", not the dateline's 27 November


@pytest.mark.parametrize("text, absent", [
    ("The evacuation agreement was brokered by Russia and Turkey and announced on Tuesday.", "Turkey"),
    ("The Observatory, a monitoring group based in Britain, said rebels had been killed in heavy fighting.",
     "Britain"),
])
def test_agents_and_seats_are_not_event_places(nlp, text, absent):
    assert absent not in event_places(nlp, text)


def test_passive_agent_does_not_hide_the_place(nlp):
    assert event_places(nlp, "Aleppo was captured by government forces.") == ["Aleppo"]
