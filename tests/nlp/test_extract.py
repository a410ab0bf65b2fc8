"""Extraction: provenance, one mention per place, summaries, comments kept apart, document context."""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.document import Comment, Document, make_doc_id
from frontlines.mention import PlaceMention
from frontlines.nlp.extract import extract
from frontlines.nlp.pipeline import load_nlp

events = pytest.importorskip("frontlines.nlp.events")


def _doc(paragraphs, title=None, comments=(), published=date(2016, 11, 27)) -> Document:
    return Document(doc_id=make_doc_id(title, paragraphs, list(comments)), source_id="src-1", title=title,
                    paragraphs=list(paragraphs), comments=list(comments), published=published, source="Outlet")


def _object_places(sent, trigger_i):
    """Test place finder with the contract of nlp.places: capitalised objects of the trigger's clause."""
    out = []
    for t in sent:
        if t.ent_type_ in ("GPE", "LOC", "FAC", "ORG", "PERSON") and t.ent_iob_ == "B":
            ent = next(e for e in sent.ents if e.start == t.i)
            out.append(PlaceMention(ent.text, "event", ent.start_char, ent.end_char))
    return out


@pytest.fixture
def places(monkeypatch):
    import frontlines.nlp.extract as ex

    monkeypatch.setattr(ex, "_place_finder", lambda *_a: _object_places)


def test_provenance_fields(places):
    doc = _doc(["Nothing happened here.", "Gunmen killed three soldiers in Homs on Saturday, activists said."])
    ms = extract(doc)
    assert ms, "an event sentence must yield a mention"
    m = ms[0]
    assert (m.doc_id, m.source_id, m.source, m.source_type) == (doc.doc_id, "src-1", "Outlet", "article")
    assert (m.paragraph, m.sentence, m.section) == (1, 1, "body")
    assert doc.body[m.char_start:m.char_end] == m.evidence
    assert m.claim.claimant == "activists" and m.claim.certainty == "reported"
    assert m.date.date == date(2016, 11, 26) and m.date.time_precision == 1
    assert m.pipeline_version and m.notes and m.notes.startswith("On 26 November 2016")
    place = next(p for p in m.places if p.role == "event")
    assert doc.body[place.start:place.end] == place.text == "Homs"


def test_mention_ids_are_stable(places):
    doc = _doc(["Gunmen killed three soldiers in Homs on Saturday."])
    assert [m.mention_id for m in extract(doc)] == [m.mention_id for m in extract(doc)]


def test_one_mention_per_place_each_with_its_date(places):
    doc = _doc(["Government forces recaptured Palmyra on Saturday, and Qaryatayn by Sunday morning."])
    ms = [m for m in extract(doc) if m.event_type == "Battles"]
    got = {next(p.text for p in m.places if p.role == "event"): m.date.date for m in ms}
    assert got == {"Palmyra": date(2016, 11, 26), "Qaryatayn": date(2016, 11, 27)}


def test_comments_tagged_and_kept_apart(places):
    comments = [Comment("c1", None, "reader", None, 0, "Rebels shelled Idlib yesterday, killing four.")]
    doc = _doc(["The weather was mild."], comments=comments)
    ms = extract(doc)
    assert ms and all(m.source_type == "reader_comment" and m.comment_id == "c1" for m in ms)
    assert all(m.date.date is None for m in ms)  # no posting time: the comment's "yesterday" is not guessed
    assert doc.comments[0].text[ms[0].char_start:ms[0].char_end] == ms[0].evidence


def test_headline_summary_is_not_a_separate_event(places):
    doc = _doc(["Government forces recaptured Palmyra on Saturday, state media said."],
               title="Syrian Army Recaptures Town")
    ms = extract(doc)
    assert [m.section for m in ms] == ["body"]


def test_no_event_from_background_or_habitual_sentence(places):
    doc = _doc(["The town has long been facing regular airstrikes in a shrinking region."])
    assert extract(doc) == []


def test_without_publication_date_dates_stay_null_with_expression(places):
    doc = _doc(["Government forces recaptured Palmyra on Saturday."], published=None)
    m = extract(doc)[0]
    assert m.date.date is None and m.date.expression == "on Saturday"


def test_document_context_supplies_opposing_side():
    """A territory event with no named loser takes the side the document says held the area."""
    doc = _doc(["The army pushed into areas held by the Islamic State group in the province.",
                "The army said it captured the town of Qaryatayn on Sunday."])
    ms = [m for m in extract(doc, nlp=load_nlp()) if m.event_type == "Battles"]
    assert ms and ms[-1].actor2 is not None and ms[-1].actor2.name == "Islamic State (Syria)"
    assert ms[-1].sub_event_type == "Government regains territory"
    assert ms[-1].claim.certainty == "claimed"


def test_background_month_date_does_not_date_later_events(places):
    doc = _doc(["The conflict began in March 2011. Gunmen killed three soldiers in Homs."])
    ms = extract(doc)
    assert ms and all(m.date.expression is None and m.date.date is None for m in ms)


def test_day_date_carries_to_following_undated_event_sentence(places):
    doc = _doc(["Rebels shelled Idlib on Saturday, killing four. Gunmen also killed two soldiers in Homs."])
    ms = {next(p.text for p in m.places if p.role == "event"): m for m in extract(doc)}
    assert ms["Homs"].date.date == date(2016, 11, 26) and ms["Homs"].date.expression == "on Saturday"


def test_place_in_the_speakers_name_is_not_the_event_place(places):
    doc = _doc(["Gunmen killed three soldiers in Homs on Saturday, the Britain-based Observatory said."])
    ms = extract(doc)
    assert ms and all(next(p.text for p in m.places if p.role == "event") == "Homs" for m in ms)
    assert any(p.text == "Britain" and p.role == "announced" for p in ms[0].places)


def test_a_failing_sentence_is_skipped_not_fatal(places, caplog):
    calls = []

    def detector(sent, when=None, registry=None):
        calls.append(sent.text)
        if "boom" in sent.text:
            raise ValueError("detector bug")
        return events.detect_events(sent, when=when, registry=registry)

    doc = _doc(["Rebels shelled Idlib on Saturday, killing four. The boom attack killed two in Homs."])
    ms = extract(doc, detector=detector)
    assert len(calls) == 2 and ms and all("boom" not in m.evidence for m in ms)
    assert "detector bug" in caplog.text and "src-1" in caplog.text
