"""Counts of killed, injured, displaced and arrested people, ACLED-style."""

from __future__ import annotations

import pytest

from frontlines.nlp.counts import extract_counts, parse_number
from frontlines.nlp.pipeline import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp(components=False)


def counts(nlp, text):
    return [(c.kind, c.value, c.qualifier) for c in extract_counts(nlp(text)[:])]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("1,500", (1500, None)),
        ("twenty-one", (21, None)),
        ("three hundred", (300, None)),
        ("dozens", (12, "vague")),
        ("hundreds", (100, "vague")),
        ("several", (10, "vague")),
        ("70+", (70, "at_least")),
        ("banana", (None, None)),
    ],
)
def test_parse_number(text, expected):
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The state media reported at least 1,500 civilians managed to escape during the offensive.",
         [("displaced", 1500, "at_least")]),
        ("Coalition strikes hit a car, killing four civilians and wounding another 2 seriously.",
         [("fatalities", 4, None), ("injured", 2, None)]),
        ("Militants detonated a sticky bomb, killing one and wounding two of the occupants.",
         [("fatalities", 1, None), ("injured", 2, None)]),
        ("Two soldiers and three civilians were killed in the attack.", [("fatalities", 5, None)]),
        ("At least 29 Syrian rebels were killed in clashes with regime troops.", [("fatalities", 29, "at_least")]),
        ("Dozens of people were wounded in the blast.", [("injured", 12, "vague")]),
        ("Hundreds of families fled the town.", [("displaced", 100, "vague")]),
        ("A child was killed in a landmine explosion.", [("fatalities", 1, None)]),
        ("Police arrested 12 protesters in the capital.", [("arrested", 12, None)]),
        ("Twenty-one people died in the fire.", [("fatalities", 21, None)]),
        ("Regime forces shelled the town. No fatalities were reported.", [("fatalities", 0, "none")]),
    ],
)
def test_counts(nlp, text, expected):
    assert counts(nlp, text) == expected


def test_unquantified_keeps_the_raw_phrase(nlp):
    got = extract_counts(nlp('The army added that they killed "a large number of terrorists."')[:])
    assert len(got) == 1
    c = got[0]
    assert (c.kind, c.value, c.qualifier) == ("fatalities", 0, "unquantified")
    assert c.raw == "a large number of terrorists"


def test_sentence_without_people_counts(nlp):
    assert extract_counts(nlp("Three districts were captured on Saturday.")[:]) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # headlines without punctuation put the date right before the casualty noun
        ("Saturday 15 April 2017 Death toll mounts after bomb blast on Aleppo evacuee bus convoy.", []),
        ("Death toll rises in Aleppo 20 October 2016 6 killed in rocket attacks.", [("fatalities", 6, None)]),
        # a year is no date's day: the figure after it still counts
        ("In 2016 12 civilians were killed in the town.", [("fatalities", 12, None)]),
    ],
)
def test_a_dates_numbers_are_not_victims(nlp, text, expected):
    assert counts(nlp, text) == expected
