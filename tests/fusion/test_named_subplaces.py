"""Districts the gazetteer does not know: the written name keeps them apart (or together) in fusion.

Without a neighbourhood gazetteer every Aleppo district resolves to the city
(geo_precision 2). The coordinates must stay the city's, but fusion and the
control timeline still need to tell "Sheikh Said" from "Hellok", and to see that
"Sheikh Said" and "Sheikh Saeed" are one district.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from frontlines.fusion import contradictions, fuse
from frontlines.fusion.features import features_of
from frontlines.fusion.places import DISTRICT, LOCALITY, named_subplace, place_name, relation, same_district
from frontlines.mention import PlaceMention

from .builders import GOV, REBELS, loc, mention, save

D30 = date(2016, 11, 30)
TAKE = "Government regains territory"
CITY = loc("Aleppo", 36.2021, 37.1343, precision=2, feature_class="PPLA")


def written(m, text):
    """The mention as a report would give it: the district's own name, resolved only to its city."""
    m.places = [PlaceMention(text, "event", resolved=replace(CITY))]
    return m


def test_spellings_of_one_district_match_and_title_words_alone_do_not():
    assert same_district("sheikh said", "sheikh saeed")
    assert same_district("al-hullok", "hellok")
    assert same_district("masaken hanano", "hanano")
    assert not same_district("sheikh maqsoud", "sheikh khodr")
    assert not same_district("sheikh said", "sheikh")  # "Sheikh" says no place
    assert not same_district("hellok", "hanano")


def test_only_a_written_name_below_the_resolved_town_counts():
    city = {"location": "Aleppo", "geo_precision": 2, "feature_class": "PPLA"}
    assert named_subplace("Sheikh Said", city) == "sheikh said"
    assert named_subplace("eastern edge of Aleppo", city) is None  # names the town itself
    assert named_subplace("the city", city) is None  # not a name
    assert named_subplace("Sheikh Said", {**city, "geo_precision": 1}) is None  # resolved as written
    assert named_subplace("Sheikh Said", {"location": "Aleppo", "geo_precision": 2, "feature_class": "ADM1"}) is None


def test_features_key_the_district_and_show_the_name_honestly(d):
    a = d("Army takes Sheikh Saeed", "Levant Frontline News", D30)
    f = features_of(written(mention(a, TAKE, CITY, D30), "Sheikh Saeed"), None)
    assert f.place_key.level == DISTRICT and f.place_key.locality == "aleppo"
    assert f.location["location"] == "Aleppo" and f.location["geo_precision"] == 2  # no fabricated precision
    assert place_name(f.location) == "Sheikh Saeed (Aleppo)"
    g = features_of(written(mention(a, TAKE, CITY, D30), "Aleppo"), None)
    assert g.place_key.level == LOCALITY
    assert relation(f.place_key, g.place_key) == "within"


def test_denial_of_a_differently_spelled_district_disputes_the_capture(store, d):
    claim = d("Army takes Sheikh Saeed", "Levant Frontline News", D30)
    deny = d("Rebels deny losing Sheikh Said", "Shahba Voice", date(2016, 12, 1))
    other = d("Army takes Hellok", "Syria Front Report", D30)
    ms = [written(mention(claim, TAKE, CITY, D30, claimant="a field commander", claimant_actor=GOV.name,
                          kind="party", evidence="The army took full control of Sheikh Saeed, a commander said."),
                  "Sheikh Saeed"),
          written(mention(deny, TAKE, CITY, D30, claimant="a rebel official", claimant_actor=REBELS.name,
                          kind="party", certainty="denied",
                          evidence="He denied that government forces held any part of Sheikh Said."), "Sheikh Said"),
          written(mention(other, TAKE, CITY, D30, claimant="the army", claimant_actor=GOV.name, kind="party",
                          evidence="The army seized the Hellok area on Wednesday."), "Hellok")]
    save(store, [claim, deny, other], ms)
    s = fuse(store)
    assert s.n_events == 2  # Sheikh Saeed and Hellok are two captures, not one city-wide event
    disputed = [c for c in contradictions(store) if c.kind == "capture_disputed"]
    assert len(disputed) == 1
    assert set(disputed[0].mention_ids) == {ms[0].mention_id, ms[1].mention_id}
    assert "Sheikh Saeed (Aleppo)" in disputed[0].summary
    ev = next(e for e in s.events if ms[0].mention_id in e.mention_ids)
    # the denier is named as such, and is not counted among those reporting the capture
    assert ev.n_sources == 2 and ev.n_independent == 1
    assert ev.attribution() == "claimed by Military Forces of Syria (2000-); denied by Jabhat Fateh al-Sham; " \
        "reported by 1 independent source"
    places = sorted(place_name(c.location) for c in s.control)
    assert places == ["Hellok (Aleppo)", "Sheikh Saeed (Aleppo)"]


def test_one_story_retelling_its_district_capture_is_one_event(store, d):
    from frontlines.fusion.scorer import get_scorer

    story = d("Syrian forces seize Masaken Hanano", "Meridian Wire", D30)
    a = written(mention(story, TAKE, CITY, D30, evidence="Government troops captured the Masaken Hanano district "
                                                       "of east Aleppo on Wednesday, the monitor said."),
                "Masaken Hanano")
    b = written(mention(story, TAKE, CITY, D30, claimant="state television",
                        evidence='State television said the army had "restored security" to the whole of Hanano.'),
                "Hanano")
    c = written(mention(story, TAKE, CITY, D30, evidence="Troops also stormed Sheikh Khodr."), "Sheikh Khodr")
    save(store, [story], [a, b, c])
    s = fuse(store)
    groups = sorted(sorted(e.mention_ids) for e in s.events)
    assert groups == sorted([sorted([a.mention_id, b.mention_id]), [c.mention_id]])
    # the rule is v2's (kept by v3 and v4); v1 keeps one document's differently worded sentences apart
    assert get_scorer().name.endswith(("v3", "v4")) and get_scorer("frontlines.fusion_scorer.v1").name.endswith("v1")


def test_a_withdrawal_hands_the_place_on_it_does_not_keep_it(store, d):
    from frontlines.fusion import control_at

    story = d("Rebels pull back", "Meridian Wire", D30)
    m = written(mention(story, "Non-violent transfer of territory", CITY, D30, actor1=REBELS, actor2=None,
                        evidence="Rebel fighters withdrew from Sheikh Said to new defensive lines."), "Sheikh Said")
    save(store, [story], [m])
    s = fuse(store)
    change = s.control[0]
    assert change.previous_holder == REBELS.name and change.holder == "unknown"
    rows = control_at(store, D30, "Sheikh Said")
    assert rows and rows[0]["holder"] == "unknown" and rows[0]["previous_holder"] == REBELS.name


def test_a_wire_story_quoting_a_party_still_reports_as_a_third_party(store, d):
    wire = d("Syrian forces seize Hanano", "Meridian Wire", D30)
    a = written(mention(wire, TAKE, CITY, D30, claimant="the Observatory", kind="third_party",
                        evidence="Government troops captured Hanano, the Observatory said."), "Hanano")
    b = written(mention(wire, TAKE, CITY, D30, claimant="state television", claimant_actor=GOV.name, kind="party",
                        certainty="claimed", evidence="State television said the army had taken Hanano."), "Hanano")
    save(store, [wire], [a, b])
    ev = fuse(store).events[0]
    assert [s.voice for s in ev.sources] == ["third_party"]


def test_a_running_toll_does_not_join_one_incident(store, d):
    a = d("US strikes kill 15", "Meridian Wire", D30)
    b = d("Aleppo toll", "Levant Frontline News", D30)
    m1 = mention(a, "Air/drone strike", CITY, D30, actor1=None, actor2=None, fatalities=15,
                 evidence="Air strikes killed 15 civilians in Aleppo on Wednesday, the monitor said.")
    m2 = mention(b, "Air/drone strike", CITY, D30, actor1=None, actor2=None, fatalities=300,
                 evidence="More than 300 civilians have been killed in Aleppo since April, the monitor said.")
    save(store, [a, b], [m1, m2])
    assert fuse(store).n_events == 2


def test_one_story_another_act_by_another_side_is_another_event(store, d):
    from .builders import REBELS as REB

    story = d("48 executed in Hardatnin", "Meridian Wire", D30)
    a = written(mention(story, "Armed clash", CITY, D30, evidence="Regime forces killed 48 alleged rebels in "
                        "Hardatnin village, the statement said."), "Hardatnin")
    b = written(mention(story, TAKE, CITY, D30, actor1=REB, actor2=GOV, evidence="The massacre was discovered "
                        "when the rebels seized control of Hardatnin village, the statement said."), "Hardatnin")
    save(store, [story], [a, b])
    assert fuse(store).n_events == 2


def test_regroup_refuses_everything_with_the_current_rules(store, d):
    claim = d("Army takes Sheikh Saeed", "Levant Frontline News", D30)
    m = written(mention(claim, TAKE, CITY, D30, evidence="The army took Sheikh Saeed."), "Sheikh Saeed")
    save(store, [claim], [m])
    first = fuse(store)
    again = fuse(store, regroup=True)
    assert again.stats.new_mentions == 1 and again.n_events == first.n_events == 1
    assert [e.canonical_id for e in again.events] == [e.canonical_id for e in first.events]  # same founder
