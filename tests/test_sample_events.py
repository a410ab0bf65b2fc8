"""Acceptance on the project's first example page (issue 3), through the public CLI path."""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.nlp.extract import extract

pytest.importorskip("frontlines.nlp.events")
pytest.importorskip("frontlines.nlp.places", reason="the gazetteer-backed place finder has not landed")

GRT = "Government regains territory"


def _mentions(sample_page, published):
    from frontlines.ingest import ingest

    opts = {"published": published} if published else {}
    doc = ingest(str(sample_page), **opts)[0]
    return doc, extract(doc)


@pytest.fixture(scope="module")
def dated(request):
    from conftest import SAMPLE, need

    return _mentions(need(SAMPLE), date(2016, 11, 27))


def _place(m):
    return next(p.text for p in m.places if p.role == "event")


def test_three_territory_events_with_dates_actors_and_claims(dated):
    _, ms = dated
    art = [m for m in ms if m.source_type == "article"]
    grt = [m for m in art if m.sub_event_type == GRT]
    assert len(grt) == 3
    by_place = {_place(m): m for m in grt}
    assert {k.split()[0] for k in by_place} == {"Hanano", "Jabal", "Holok"}
    dates = {k.split()[0]: m.date for k, m in by_place.items()}
    assert dates["Hanano"].date == date(2016, 11, 26)
    assert dates["Jabal"].date == dates["Holok"].date == date(2016, 11, 27)
    for m in grt:
        assert m.date.time_precision == 1
        assert m.actor1.name == "Military Forces of Syria (2000-)"
        assert m.actor2.name == "Jabhat Fateh al-Sham"
        assert m.claim.claimant_actor == "Military Forces of Syria (2000-)"
        assert m.claim.certainty == "claimed"


def test_displacement_claimed_by_state_media(dated):
    _, ms = dated
    disp = [m for m in ms if m.source_type == "article" and m.sub_event_type == "Displacement"]
    assert len(disp) == 1
    count = next(c for c in disp[0].counts if c.kind == "displaced")
    assert count.value >= 1500
    assert "state media" in disp[0].claim.claimant


def test_terrorists_killed_kept_as_unquantified_army_claim(dated):
    _, ms = dated
    fat = [(m, c) for m in ms if m.source_type == "article" for c in m.counts if c.kind == "fatalities"]
    assert fat
    m, c = fat[0]
    assert c.value == 0 and "large number" in c.raw
    assert m.claim.certainty == "claimed" and m.claim.claimant_actor == "Military Forces of Syria (2000-)"


def test_no_background_airstrike_and_comments_apart(dated):
    doc, ms = dated
    art = [m for m in ms if m.source_type == "article"]
    assert not any("regular airstrikes" in m.evidence for m in ms)
    assert all(m.comment_id is None for m in art)
    assert all(m.comment_id for m in ms if m.source_type == "reader_comment")
    comment_texts = [c.text for c in doc.comments]
    assert not any(m.evidence in t for m in art for t in comment_texts)


def test_without_publication_date(sample_page):
    _, ms = _mentions(sample_page, None)
    grt = [m for m in ms if m.source_type == "article" and m.sub_event_type == GRT]
    assert len(grt) == 3
    assert all(m.date.date is None and m.date.expression for m in grt)
