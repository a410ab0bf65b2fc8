"""A denial of control is a denied capture; a capture of things or people is not of territory.

The fusion stage can only show "captured according to X, denied by Y" when the
denial itself becomes a (denied) territory mention. "Held" on its own states a
situation ("rebels hold the town"), so it is an event only under a denial.
"""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.document import Document, make_doc_id
from frontlines.nlp.events import detect_events
from frontlines.nlp.extract import extract
from frontlines.nlp.pipeline import load_nlp

TERRITORY = {"Government regains territory", "Non-state actor overtakes territory"}


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def subtypes(nlp, text):
    return [c.sub_event_type for c in detect_events(nlp(text)[:], country="Syria")]


@pytest.mark.parametrize("text", [
    "He denied that government forces held any part of Sheikh Said.",
    "The group rejected reports that the army controlled the village of Kafr Naha.",
])
def test_denied_control_is_a_capture_mention(nlp, text):
    assert "Government regains territory" in subtypes(nlp, text)


@pytest.mark.parametrize("text", [
    "Rebels still hold the eastern districts of the city.",
    "The ministry held talks with tribal elders in the town.",
    "Fighters seized a tank and two trucks.",
    "The group said its fighters captured three soldiers.",
])
def test_no_territory_event(nlp, text):
    assert not TERRITORY & set(subtypes(nlp, text))


def test_capture_of_a_place_still_counts(nlp):
    assert subtypes(nlp, "Government forces seized the village of Kafr Naha on Sunday.") == [
        "Government regains territory"]


def test_extracted_denial_carries_denied_certainty(nlp):
    paras = ["A rebel commander said on Thursday the assault on the district in east Aleppo had failed.",
             "He denied that government forces held any part of Sheikh Said and said rebel fighters had "
             "killed dozens of attackers."]
    doc = Document(doc_id=make_doc_id("t", paras), source_id="t", title="Rebels deny", paragraphs=paras,
                   source="Test", published=date(2016, 12, 1))
    denied = [m for m in extract(doc, nlp=nlp) if m.sub_event_type == "Government regains territory"]
    assert denied and all(m.claim.certainty == "denied" for m in denied)
    assert denied[0].actor1 is not None and denied[0].actor1.name == "Military Forces of Syria (2000-)"


def test_restoring_security_to_a_place_is_a_capture(nlp):
    # state media's stock wording for a capture
    text = ("Units of the Syrian Arab Army, fighting alongside allied forces, restored security and stability "
            "on Saturday to all of Masaken Hanano.")
    assert "Government regains territory" in subtypes(nlp, text)


@pytest.mark.parametrize("text", [
    "Regime forces established control of Tal Rifaat village after clashes with rebels.",
    "The YPG established full control over the town of Manbij.",
])
def test_established_control_of_a_place_is_a_capture(nlp, text):
    assert TERRITORY & set(subtypes(nlp, text))


def test_control_of_something_else_is_not(nlp):
    assert not TERRITORY & set(subtypes(nlp, "Rebels lost control of their emotions."))
