"""Counts, dates and events belong to the event the clause reports, not to background (issue 10, item 5).

Team-written sentences in the shapes real war articles take: a war's running toll
beside a current event, a historical attack named with its year, a deal that is only
"possible", an aid convoy's "guarantees to enter".
"""

from __future__ import annotations

from datetime import date

import pytest

from frontlines import Document
from frontlines.nlp.extract import extract

PUBLISHED = date(2024, 5, 1)


def _mentions(text: str, published: date | None = PUBLISHED):
    doc = Document(doc_id=f"t{abs(hash(text))}", source_id="t", paragraphs=[text], published=published,
                   reader="text")
    return extract(doc)


def _fatal(m) -> list[int]:
    return [c.value for c in m.counts if c.kind == "fatalities"]


def test_running_toll_is_not_the_events_count():
    ms = _mentions("The conflict has killed more than 500,000 people since 2011, and on Monday an air strike hit "
                   "a market in Idlib, killing nine.")
    strikes = [m for m in ms if m.sub_event_type == "Air/drone strike"]
    assert strikes and all(_fatal(m) == [9] for m in strikes)


def test_a_possible_deal_is_not_an_agreement_and_takes_no_toll():
    ms = _mentions("Negotiators said a deal was still possible to end the war, which has killed 39,000 people.")
    assert not [m for m in ms if m.sub_event_type == "Agreement"]
    assert not any(39000 in _fatal(m) for m in ms)


def test_a_signed_deal_is_still_an_agreement():
    ms = _mentions("Government and rebel negotiators signed a ceasefire agreement in Doha on Tuesday.")
    assert [m for m in ms if m.sub_event_type == "Agreement"]


@pytest.mark.parametrize("text", [
    "The attacks of September 11, 2001, in which nearly 3,000 people were killed, led to the invasion of Afghanistan.",
    "In March 2013 rebels seized the town of Raqqa, which they held for four years.",
])
def test_an_event_dated_years_back_is_history(text):
    assert _mentions(text) == []


def test_the_same_sentence_reported_in_its_own_year_is_news():
    ms = _mentions("In March 2013 rebels seized the town of Raqqa after days of fighting.", published=date(2013, 3, 6))
    assert ms, "a capture reported the week it happened is an event"


def test_a_weekday_never_makes_history():
    ms = _mentions("Gunmen attacked a village in Zamfara on Sunday, killing 12 residents.")
    assert [m for m in ms if _fatal(m) == [12]]


def test_guarantees_to_enter_are_not_a_capture():
    ms = _mentions("The UN said it had received guarantees to enter the Yarmouk camp on Monday.")
    assert not [m for m in ms if m.event_type == "Battles" or "territory" in (m.sub_event_type or "")]
