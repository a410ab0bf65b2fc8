"""Mentions in the store: loss-free round trip, one transaction per batch, skip by pipeline version."""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.mention import ActorRef, Claim, Count, DateRef, EventMention, Location, PlaceMention
from frontlines.store.mentions import extracted, load_mentions, save_mentions


def _mention(i: int, doc_id: str = "d1") -> EventMention:
    return EventMention(
        mention_id=f"m{i}", doc_id=doc_id, source_id="s1", event_type="Battles",
        sub_event_type="Government regains territory", disorder_type="Political violence",
        actor1=ActorRef("the army", "Military Forces of Syria (2000-)", 1, "Syria", True),
        actor2=ActorRef("Nusra Front", "Jabhat Fateh al-Sham", 2, "Syria", True),
        date=DateRef("over the weekend", date(2016, 11, 26), 2, date(2016, 11, 26), date(2016, 11, 27)),
        places=[PlaceMention("Hanano", "event", 10, 16,
                             Location("Aleppo - Hanano", "Syria", 760, "Aleppo", latitude=36.2, longitude=37.2,
                                      geo_precision=1))],
        counts=[Count("fatalities", 0, "a large number of terrorists", "unquantified")],
        claim=Claim("the army", "Military Forces of Syria (2000-)", "party", "report", "claimed"),
        paragraph=1, sentence=2, char_start=0, char_end=40, evidence="The army took Hanano.", section="body",
        has_own_place=True, pipeline_version="v1",
    )


def test_round_trip_is_loss_free(store):
    m = _mention(1)
    assert save_mentions(store, [("d1", [m])], version="v1") == 1
    back = list(load_mentions(store))
    assert back == [m]
    row = store.con.execute("SELECT location, latitude, claimant, certainty, event_date FROM mentions").fetchone()
    assert row == ("Aleppo - Hanano", 36.2, "Military Forces of Syria (2000-)", "claimed", date(2016, 11, 26))


def test_resave_replaces_and_versions_are_tracked(store):
    save_mentions(store, [("d1", [_mention(1), _mention(2)]), ("d2", [])], version="v1")
    assert extracted(store, version="v1") == {"d1", "d2"}
    assert extracted(store, version="v2") == set()
    save_mentions(store, [("d1", [_mention(3)])], version="v2")
    assert [m.mention_id for m in load_mentions(store)] == ["m3"]
    assert extracted(store, version="v2") == {"d1"} and extracted(store, version="v1") == {"d2"}


def test_failed_batch_leaves_nothing(store):
    bad = _mention(2)
    bad.mention_id = None  # violates the primary key
    with pytest.raises(Exception):  # noqa: B017 - any database error
        save_mentions(store, [("d1", [_mention(1)]), ("d2", [bad])], version="v1")
    assert store.count("mentions") == 0 and extracted(store, version="v1") == set()
