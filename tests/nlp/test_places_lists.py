"""Lists after a plural settlement noun, and institutions NER calls places."""

from __future__ import annotations

import pytest

from frontlines.nlp.places import find_places


def places(nlp, text):
    return [p.text for s in nlp(text).sents for p in find_places(s, None)]


@pytest.mark.parametrize(
    "text, expected",
    [
        # NER calls these persons and organisations; "the districts of" says what they are
        ("Government forces captured the districts of al-Sakhour, Haidariya and Sheikh Khodr on Monday.",
         {"al-Sakhour", "Haidariya", "Sheikh Khodr"}),
        ("Government forces captured the towns of Kafr Hamra, Hreitan and Anadan.",
         {"Kafr Hamra", "Hreitan", "Anadan"}),
    ],
)
def test_every_member_of_a_list_after_a_plural_settlement_noun_is_a_place(nlp, text, expected):
    assert expected <= set(places(nlp, text))


def test_a_group_after_the_noun_is_not_a_place(nlp):
    assert not any("Nusra" in p for p in places(nlp, "Clashes erupted in the areas of the Nusra Front near Idlib."))


def test_an_institution_is_not_a_place_even_when_ner_calls_it_one(nlp):
    found = places(nlp, "Air strikes hit the town of Saraqeb, the Syrian Observatory for Human Rights said.")
    assert "Saraqeb" in found
    assert not any("Observatory" in p for p in found)
