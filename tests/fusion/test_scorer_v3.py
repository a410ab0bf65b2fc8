"""Fusion scorer v3: a borrowed place is no evidence of a retelling, and a month's toll sums incidents.

Both rules come from the FA-KES fusion audit (docs/quality.md, Fusion): commentary
sentences of an evacuation story ("Many people felt that they had been forced to
leave") carried the story's district and joined its headline, and a monitor's
monthly casualty figure joined a single air strike.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from frontlines.fusion import fuse
from frontlines.fusion.scorer import get_scorer
from frontlines.mention import PlaceMention

from .builders import CIVILIANS, GOV, loc, mention, save

D15 = date(2017, 4, 15)
CITY = loc("Aleppo", 36.2021, 37.1343, precision=2, feature_class="PPLA")


def at(m, text, own=True):
    """The mention as the extractor leaves it: the district name resolved only to its city; ``own``
    False when the sentence names no place and was lent the document's."""
    m.places = [PlaceMention(text, "event", resolved=replace(CITY))]
    m.has_own_place = own
    return m


def _groups(store, scorer="frontlines.fusion_scorer.v3"):
    """Groups after fusing every stored mention afresh with ``scorer``."""
    return sorted(sorted(e.mention_ids) for e in fuse(store, scorer=get_scorer(scorer), regroup=True).events)


def test_v3_and_older_versions_stay_registered():
    assert get_scorer("frontlines.fusion_scorer.v3").name == "frontlines.fusion_scorer.v3"
    assert get_scorer("frontlines.fusion_scorer.v2").name.endswith("v2")


def test_a_sentence_lent_the_stories_district_does_not_join_its_headline(store, d):
    story = d("Death toll mounts after bomb blast on Rashidin evacuee convoy", day=D15)
    head = at(mention(story, "Displacement", CITY, D15, etype="Displacement", actor1=CIVILIANS, actor2=None,
                      evidence="Death toll mounts after bomb blast on evacuee convoy in Rashidin."), "Rashidin")
    talk = at(mention(story, "Displacement", CITY, D15, etype="Displacement", actor1=CIVILIANS, actor2=None,
                      evidence="Many people felt that they had been forced to leave, he said."), "Rashidin", own=False)
    save(store, [story], [head, talk])
    assert _groups(store, "frontlines.fusion_scorer.v2") == [sorted([head.mention_id, talk.mention_id])]
    assert _groups(store) == sorted([[head.mention_id], [talk.mention_id]])


def test_two_sentences_naming_the_district_themselves_still_join(store, d):
    """The v2 retelling rule holds when each sentence names the place (the control for the test above)."""
    story = d("Death toll mounts after bomb blast on Rashidin evacuee convoy", day=D15)
    head = at(mention(story, "Displacement", CITY, D15, etype="Displacement", actor1=CIVILIANS, actor2=None,
                      evidence="Death toll mounts after bomb blast on evacuee convoy in Rashidin."), "Rashidin")
    again = at(mention(story, "Displacement", CITY, D15, etype="Displacement", actor1=CIVILIANS, actor2=None,
                       evidence="Buses waited for hours at al-Rashidin before leaving."), "al-Rashidin")
    save(store, [story], [head, again])
    assert _groups(store) == [sorted([head.mention_id, again.mention_id])]


def test_a_months_toll_never_joins_one_strike(store, d):
    strike = d("US strikes Syrian air base", "Meridian Wire", date(2017, 4, 7))
    monitor = d("Airwars: civilian deaths in March", "Levant Frontline News", date(2017, 4, 7))
    base = loc("Shayrat", 34.49, 36.91)
    one = mention(strike, "Air/drone strike", base, date(2017, 3, 30), actor1=GOV, actor2=None, precision=2,
                  evidence="US air strikes on the Shayrat air base killed six people, the monitor said.", fatalities=6)
    month = mention(monitor, "Air/drone strike", base, date(2017, 3, 16), actor1=GOV, actor2=None, precision=3,
                    evidence="US air strikes killed 1,472 people in March, the monitor said.", fatalities=1472)
    save(store, [strike, monitor], [one, month])
    assert _groups(store, "frontlines.fusion_scorer.v2") == [sorted([one.mention_id, month.mention_id])]
    assert _groups(store) == sorted([[one.mention_id], [month.mention_id]])
