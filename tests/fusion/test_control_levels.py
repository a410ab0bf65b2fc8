"""The control timeline: only settlements and districts change hands, and a transfer's new holder.

A territory event placed at a governorate ("east Aleppo" resolved to Aleppo
governorate) would, through containment, hand every district inside it to one
side; such events stay canonical events but make no control change. A
non-violent transfer told as a withdrawal names who left (actor1); told as the
circumstance of another side moving in, actor1 is the side that moved in.
"""

from __future__ import annotations

from datetime import date

from frontlines.fusion import control_at, fuse, timeline
from frontlines.fusion.consensus import CanonicalEvent
from frontlines.fusion.control import _holders

from .builders import GOV, HANANO, REBELS, YPG, loc, mention, save

D28 = date(2016, 11, 28)
TAKE = "Government regains territory"
TRANSFER = "Non-violent transfer of territory"
GOVERNORATE = loc("Aleppo", 36.2, 37.16, precision=3, feature_class="A")
COUNTRY = loc("Syria", 35.0, 38.0, precision=3, feature_class="A", admin1=None, admin2=None)


def test_only_localities_and_districts_enter_the_timeline(store, d):
    a, b, c = d("Army takes Hanano"), d("Army advances in Aleppo province"), d("Army advances in Syria")
    ms = [mention(a, TAKE, HANANO, D28, evidence="Government forces captured Masaken Hanano."),
          mention(b, TAKE, GOVERNORATE, D28, evidence="Rebels in east Aleppo lost control of the north."),
          mention(c, TAKE, COUNTRY, D28, evidence="The army advanced across Syria.")]
    save(store, [a, b, c], ms)
    summary = fuse(store)
    assert summary.n_events == 3
    changes = timeline(store)
    assert [c.location["location"] for c in changes] == ["Aleppo - Masaken Hanano"]
    # a governorate-level row would have been applied to the district through containment
    rows = {r["location"]: r["holder"] for r in control_at(store, "2016-12-01", "Aleppo")}
    assert rows == {"Aleppo - Masaken Hanano": GOV.name}


def _event(notes: str, actor1: str, actor2: str | None) -> CanonicalEvent:
    return CanonicalEvent(
        canonical_id="ce1", event_id_cnty="SYR-1", event_date="2016-11-28", time_precision=1,
        event_type="Strategic developments", sub_event_type=TRANSFER, disorder_type="Strategic developments",
        actor1=actor1, actor2=actor2, assoc_actor_1=[], inter1=2, inter2=2, location=None, place=None,
        fatalities=0, fatality_figures=[], displaced=None, displaced_figures=[], mention_ids=[], sources=[],
        n_mentions=1, n_sources=1, n_independent=1, claimants=[], deniers=[], notes=notes)


def test_a_withdrawal_as_news_hands_the_place_to_the_other_side():
    ev = _event("Rebel fighters withdrew from Kafr Naha on Sunday, a monitor said.", REBELS.name, GOV.name)
    assert _holders(ev) == (GOV.name, REBELS.name)


def test_a_withdrawal_as_circumstance_leaves_the_taker_as_holder():
    for notes in ("Kurdish YPG fighters moved into parts of Sheikh Fares as rebels pulled back, the monitor said.",
                  "Government forces entered the town after rebel fighters withdrew.",
                  "YPG fighters took over the village following the withdrawal of the rebels."):
        assert _holders(_event(notes, YPG.name, REBELS.name)) == (YPG.name, REBELS.name), notes


def test_a_withdrawal_after_a_comma_is_still_the_news():
    ev = _event("Following heavy shelling, rebels withdrew from the village.", REBELS.name, GOV.name)
    assert _holders(ev) == (GOV.name, REBELS.name)
