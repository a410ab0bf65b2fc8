"""Fusion on constructed mentions: grouping, stability, incrementality, independence, contradictions."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from frontlines.fusion import canonical_rows, contradictions, fuse
from frontlines.fusion.cluster import canonical_id_for
from frontlines.fusion.scorer import ScorerV1
from frontlines.fusion.sources import Outlet, SourceList

from .builders import ALEPPO, CIVILIANS, GOV, HANANO, REBELS, SAEED, SHAAR, YPG, ActorRef, mention, save

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

D26, D27, D28, D30 = date(2016, 11, 26), date(2016, 11, 27), date(2016, 11, 28), date(2016, 11, 30)
TAKE = "Government regains territory"
RUSSIA = ActorRef("Russian jets", "Military Forces of Russia (2000-)", inter=8, country="Russia", resolved=True)

SOURCES = SourceList([
    Outlet("Syria Front Report", owner="Levant Media Holding", partisanship="party", aligned_with="Syrian government"),
    Outlet("Levant Frontline News", owner="Levant Media Holding", partisanship="party",
           aligned_with="Syrian government"),
    Outlet("Shahba Voice", owner="Shahba Media Collective", partisanship="party", aligned_with="Syrian opposition"),
    Outlet("Meridian Wire", owner="Meridian News Agency", partisanship="third_party",
           attributes={"kind": "news agency (wire)"}),
    Outlet("The Northern Ledger", owner="Ledger Group", wire="Meridian Wire", partisanship="third_party"),
])


def state(store):
    con = store.con
    return (con.execute("SELECT canonical_id, payload FROM canonical_events ORDER BY 1").fetchall(),
            con.execute("SELECT mention_id, canonical_id FROM canonical_members ORDER BY 1").fetchall(),
            con.execute("SELECT contradiction_id, detail FROM contradictions ORDER BY 1").fetchall(),
            con.execute("SELECT change_id, payload FROM control_changes ORDER BY 1").fetchall())


def hanano_reports(d):
    a = d("Army takes Hanano", "Syria Front Report", D27)
    b = d("Observatory: government forces capture Masaken Hanano", "Meridian Wire", D26)
    ms = [
        mention(a, TAKE, HANANO, D26, claimant="the army", claimant_actor=GOV.name, kind="party",
                evidence="The army said it took full control of Masaken Hanano on Saturday."),
        mention(b, TAKE, HANANO, D26, claimant="the Observatory", kind="third_party", fatalities=12, raw="dozens",
                qualifier="vague", evidence="Government forces captured Masaken Hanano, the Observatory said."),
    ]
    return [a, b], ms


def test_two_outlets_one_event_with_attribution(store, d):
    docs, ms = hanano_reports(d)
    save(store, docs, ms)
    s = fuse(store, SOURCES)
    assert s.n_events == 1 and s.stats.new_events == 1 and s.stats.joined == 1
    ev = s.events[0]
    assert ev.n_sources == 2 and ev.n_independent == 2
    assert ev.claimants == [GOV.name]
    assert ev.attribution() == f"claimed by {GOV.name}; reported by 2 independent sources"
    assert ev.canonical_id in {canonical_id_for(m.mention_id) for m in ms}  # minted from its founding mention


def test_rerun_changes_nothing_and_new_report_extends(store, d):
    docs, ms = hanano_reports(d)
    save(store, docs, ms)
    fuse(store, SOURCES)
    before = state(store)
    again = fuse(store)
    assert again.stats.new_mentions == 0 and again.stats.touched == 0
    assert state(store) == before
    assert fuse(store, recount=True).stats.touched == 1 and state(store) == before  # recomputed, identical
    cid = before[0][0][0]

    relief = d("Relief Horizon: Hanano residents flee after army takeover", "Relief Horizon Bulletin", D28)
    m3 = mention(relief, TAKE, HANANO, D26, claimant="aid workers", kind="third_party",
                 evidence="Aid workers said residents fled after the army took Masaken Hanano on Saturday.")
    save(store, [relief], [m3])
    s = fuse(store)
    assert s.stats.new_events == 0 and s.stats.joined == 1
    assert s.n_events == 1
    ev = s.events[0]
    assert ev.canonical_id == cid
    assert ev.n_sources == 3 and ev.n_independent == 3


def test_denial_alone_is_not_an_event_but_joins_a_claim(store, d):
    deny = d("Rebels deny losing Sheikh Saeed", "Shahba Voice", date(2016, 12, 1))
    md = mention(deny, TAKE, SAEED, D30, claimant="a rebel official", claimant_actor=REBELS.name, kind="party",
                 certainty="denied", evidence="A rebel official denied the army had taken Sheikh Saeed.")
    save(store, [deny], [md])
    s = fuse(store, SOURCES)
    assert s.n_events == 0 and s.stats.unmatched_denials == 1
    claim = d("Army takes Sheikh Saeed", "Levant Frontline News", D30)
    mc = mention(claim, TAKE, SAEED, D30, claimant="a field commander", claimant_actor=GOV.name, kind="party",
                 fatalities=30, raw="more than 30", qualifier="at_least",
                 evidence="A field commander said the army took Sheikh Saeed, killing more than 30 militants.")
    save(store, [claim], [mc])
    s = fuse(store)
    assert s.n_events == 1
    ev = s.events[0]
    assert ev.deniers == [REBELS.name] and ev.claimants == [GOV.name]
    kinds = {c.kind for c in contradictions(store)}
    assert "capture_disputed" in kinds
    cx = next(c for c in contradictions(store) if c.kind == "capture_disputed")
    assert set(cx.mention_ids) == {md.mention_id, mc.mention_id}
    assert s.control[0].corroboration == "disputed"


def test_repelled_assault_disputes_the_capture(store, d):
    a = d("Army takes Sheikh Saeed", "Levant Frontline News", D30)
    b = d("Rebels repel assault on Sheikh Said", "Shahba Voice", date(2016, 12, 1))
    ms = [mention(a, TAKE, SAEED, D30, claimant="a field commander", claimant_actor=GOV.name, kind="party",
                  fatalities=30, raw="more than 30", qualifier="at_least",
                  evidence="A field commander said the army took Sheikh Saeed, killing more than 30 militants."),
          mention(b, "Armed clash", SAEED, D30, actor1=REBELS, actor2=GOV, claimant="rebels",
                  claimant_actor=REBELS.name, kind="party", fatalities=12, raw="dozens", qualifier="vague",
                  trigger="repelled", evidence="Rebels said they repelled the assault on Sheikh Said, killing dozens.")]
    save(store, [a, b], ms)
    s = fuse(store, SOURCES)
    assert s.n_events == 1
    ev = s.events[0]
    assert ev.sub_event_type == TAKE and ev.actor1 == GOV.name
    assert ev.deniers == [REBELS.name]
    assert sorted(f.raw for f in ev.fatality_figures) == ["dozens", "more than 30"]  # all figures kept
    assert ev.fatalities == 30  # exact figure beats the vague word; nothing averaged
    assert [c.kind for c in contradictions(store)] == ["capture_disputed"]


def test_wire_copy_counts_once(store, d):
    text = ("Syrian government forces captured the districts of al-Sakhour, Haidariya and Sheikh Khodr on Monday, "
            "the Observatory said, after seizing Jebel Badro and al-Hullok on Sunday. About 10,000 people fled "
            "the fighting, at least 6,000 of them to Sheikh Maqsoud, it said.")
    wire = d("Army seizes more districts of east Aleppo", "Meridian Wire", D28, text=text)
    copy = d("East Aleppo collapsing as army advances", "The Northern Ledger", D28 + (D28 - D27),
             text=text.replace("it said.", "the monitor said.") + "\n\nReporting by Meridian Wire")
    ms = [mention(x, TAKE, SHAAR, D28, claimant="the Observatory", kind="third_party",
                  evidence="Syrian government forces captured al-Shaar on Monday, the Observatory said.")
          for x in (wire, copy)]
    save(store, [wire, copy], ms)
    ev = fuse(store, SOURCES).events[0]
    assert ev.n_sources == 2 and ev.n_independent == 1


def test_near_duplicate_text_counts_once_without_a_source_list(store, d):
    text = ("Government forces captured the districts of al-Sakhour, Haidariya and Sheikh Khodr on Monday, "
            "a monitoring group said, after seizing Jebel Badro on Sunday. Thousands of people fled the fighting "
            "towards Sheikh Maqsoud and the western districts, the group said, as air strikes continued.")
    other = ("Residents of al-Shaar described a night of bombardment; volunteers pulled survivors from two "
             "collapsed buildings while troops pressed into neighbouring districts from the north.")
    a = d("Army seizes districts", "Daily Echo", D28, text=text)
    b = d("More districts fall", "Evening Courier", D28, text="Breaking: " + text.replace("Thousands", "Many"))
    c = d("A night under bombs", "Weekly Observer", D28, text=other)
    ms = [mention(x, TAKE, SHAAR, D28, evidence="Government forces captured al-Shaar on Monday.") for x in (a, b, c)]
    save(store, [a, b, c], ms)
    ev = fuse(store).events[0]
    assert ev.n_sources == 3 and ev.n_independent == 2


def test_same_owner_counts_once(store, d):
    a = d("Army advances in Hanano", "Syria Front Report", D27)
    b = d("Hanano liberated", "Levant Frontline News", D27)
    ms = [mention(x, TAKE, HANANO, D26, claimant="the army", claimant_actor=GOV.name, kind="party",
                  evidence=f"The army said it took Masaken Hanano ({x.title}).") for x in (a, b)]
    save(store, [a, b], ms)
    ev = fuse(store, SOURCES).events[0]
    assert ev.n_sources == 2 and ev.n_independent == 1
    assert ev.attribution() == f"claimed by {GOV.name}; reported by 1 independent source"


def test_different_places_days_and_types_stay_apart(store, d):
    a, b, c = d("Report A", "Meridian Wire", D28), d("Report B", "Shahba Voice", D28), d("Report C")
    ms = [
        mention(a, TAKE, HANANO, D26, evidence="The army took Masaken Hanano."),
        mention(b, TAKE, SAEED, D26, evidence="Rebels said Sheikh Saeed was stormed by troops on Saturday."),
        mention(c, TAKE, HANANO, date(2016, 11, 20), evidence="The army took Masaken Hanano."),
        mention(c, "Peaceful protest", HANANO, D26, etype="Protests", actor1=CIVILIANS, actor2=None,
                evidence="Residents protested in Masaken Hanano."),
    ]
    save(store, [a, b, c], ms)
    s = fuse(store, SOURCES)
    assert s.n_events == 4


def test_one_document_naming_two_districts_gives_two_events(store, d):
    a = d("Three districts fall", "Meridian Wire", D28)
    ev = "Government forces captured al-Sakhour and Sheikh Saeed on Monday."
    save(store, [a], [mention(a, TAKE, SHAAR, D28, evidence=ev), mention(a, TAKE, SAEED, D28, evidence=ev)])
    assert fuse(store, SOURCES).n_events == 2


def test_city_level_report_joins_district_event(store, d):
    a, b = d("Army takes Hanano", "Syria Front Report", D27), d("Fighting in Aleppo", "Meridian Wire", D26)
    ms = [mention(a, TAKE, HANANO, D26, evidence="The army said it took Masaken Hanano on Saturday."),
          mention(b, TAKE, ALEPPO, D26, evidence="The army took a northern district of Aleppo on Saturday.")]
    save(store, [a, b], ms)
    s = fuse(store, SOURCES)
    assert s.n_events == 1
    assert s.events[0].location["location"] == "Aleppo - Masaken Hanano"  # the most specific place wins


def test_figures_tolerance_and_perpetrators(store, d):
    a, b, c = (d(t, s, D27) for t, s in (("Strike kills 12", "Meridian Wire"), ("Raid kills 13", "Shahba Voice"),
                                        ("Jets kill 40", "Relief Horizon Bulletin")))
    strike = "Air/drone strike"
    ms = [mention(a, strike, SHAAR, D27, actor2=CIVILIANS, fatalities=12, evidence="Air strikes on al-Shaar killed 12."),
          mention(b, strike, SHAAR, D27, actor1=RUSSIA, actor2=CIVILIANS, fatalities=13,
                  evidence="Russian air strikes on al-Shaar killed 13 people.")]
    save(store, [a, b], ms)
    fuse(store, SOURCES)
    kinds = {c.kind for c in contradictions(store)}
    assert "fatalities" not in kinds  # 12 vs 13 is one figure reported twice
    assert "perpetrator" in kinds
    save(store, [c], [mention(c, strike, SHAAR, D27, actor2=CIVILIANS, fatalities=40,
                              evidence="Air strikes on al-Shaar killed 40 people.")])
    s = fuse(store)
    assert s.n_events == 1
    cx = next(x for x in contradictions(store) if x.kind == "fatalities")
    assert [side.value for side in cx.sides] == [12, 13, 40]
    assert s.events[0].fatalities == 12


def test_reader_comments_are_not_fused(store, d):
    a = d("Army takes Hanano", "Syria Front Report", D27)
    save(store, [a], [mention(a, TAKE, HANANO, D26, source_type="reader_comment",
                              evidence="The whole of east Aleppo surrendered this morning.")])
    s = fuse(store)
    assert s.n_events == 0 and s.stats.skipped == 1


def test_id_survives_reextraction(store, d):
    docs, ms = hanano_reports(d)
    save(store, docs, ms)
    cid = fuse(store, SOURCES).events[0].canonical_id
    # a new pipeline version re-extracts both documents under new mention ids
    store.con.execute("DELETE FROM mentions")
    for m in ms:
        m.mention_id = m.mention_id + "-v2"
    save(store, [], ms)
    s = fuse(store)
    assert s.n_events == 1 and s.events[0].canonical_id == cid
    assert sorted(s.events[0].mention_ids) == sorted(m.mention_id for m in ms)


def test_blocking_compares_within_blocks_only(store, d):
    calls = []

    class Counting(ScorerV1):
        def __call__(self, m, c, sim):
            calls.append(1)
            return super().__call__(m, c, sim)

    docs, ms = [], []
    for i in range(60):
        x = d(f"Report {i}", "Meridian Wire", date(2016, 1, 1))
        day = date.fromordinal(date(2016, 1, 1).toordinal() + i * 5)
        place = HANANO if i % 2 else SAEED
        docs.append(x)
        ms.append(mention(x, TAKE, place, day, evidence=f"event {i}"))
    save(store, docs, ms)
    fuse(store, scorer=Counting())
    assert len(calls) < 60  # 60 events 5 days apart: at most a neighbour or two per block, never 60*59/2


def test_canonical_rows_have_acled_and_source_columns(store, d):
    from frontlines.fusion import ACLED_COLUMNS

    docs, ms = hanano_reports(d)
    save(store, docs, ms)
    fuse(store, SOURCES)
    rows = canonical_rows(store)
    assert len(rows) == 1
    r = rows[0]
    for col in [*ACLED_COLUMNS, "n_sources", "n_independent", "claimants", "contradiction_ids"]:
        assert col in r
    assert r["event_id_cnty"].startswith("SYR-") and r["iso"] == 760 and r["region"] == "Middle East"
    assert r["year"] == 2016 and r["n_independent"] == 2
    assert canonical_rows(store, place="Idlib") == []
    assert len(canonical_rows(store, place="Aleppo", since="2016-11-01", until="2016-11-30")) == 1


def test_source_list_csv_and_credit_lines(tmp_path: Path):
    sl = SourceList.from_csv(EXAMPLES / "sources.csv") if (EXAMPLES / "sources.csv").exists() else SOURCES
    assert sl.credited_wire("... the monitor said. --AFP") == "AFP"
    assert sl.credited_wire("BEIRUT (Reuters) - Government forces said") == "Reuters"
    assert sl.credited_wire("No credit here, said AFP sources in the city today.") is None
    # a feed titled "Meridian Wire: Syria" is Meridian Wire; so is a page on its domain
    listed = SourceList.from_csv(EXAMPLES / "sources.csv") if (EXAMPLES / "sources.csv").exists() else None
    if listed is not None:
        assert listed.get("Meridian Wire: Syria").name == "Meridian Wire"
        assert listed.get("Some Feed", "https://www.northernledger.example/x").name == "The Northern Ledger"
        assert listed.get("Meridian Wireless") is None
        assert listed.unit("The Northern Ledger", "An original report.", {"meridian wire"}) == "wire:meridian wire"
    bad = tmp_path / "bad.csv"
    bad.write_text("owner,wire\nX,Y\n")
    from frontlines.errors import FrontlinesError

    with pytest.raises(FrontlinesError, match="name"):
        SourceList.from_csv(bad)


def test_control_at_city_change_covers_districts_until_overridden(store, d):
    from frontlines.fusion import control_at, control_geojson

    a = d("Rebels take Hanano", "Meridian Wire", date(2012, 7, 25))
    b = d("Army retakes Aleppo", "Meridian Wire", date(2016, 12, 22))
    c = d("YPG enters Hanano", "Relief Horizon Bulletin", date(2017, 1, 5))
    ms = [mention(a, "Non-state actor overtakes territory", HANANO, date(2012, 7, 25), actor1=REBELS, actor2=GOV,
                  claimant="the Observatory", kind="third_party", evidence="Rebels seized Hanano."),
          mention(b, TAKE, ALEPPO, date(2016, 12, 22), claimant="the army", claimant_actor=GOV.name, kind="party",
                  evidence="The army declared full control of Aleppo."),
          mention(c, "Non-state actor overtakes territory", HANANO, date(2017, 1, 5), actor1=YPG, actor2=GOV,
                  claimant="aid workers", kind="third_party", evidence="YPG fighters entered Hanano.")]
    save(store, [a, b, c], ms)
    fuse(store, SOURCES)

    def holder(day, place="Aleppo"):
        return {r["location"]: (r["holder"], r["according_to"], r["corroboration"])
                for r in control_at(store, day, place)}

    assert holder("2013-01-01")["Aleppo - Masaken Hanano"][0] == REBELS.name
    on = holder("2016-12-30")
    assert on["Aleppo - Masaken Hanano"] == (GOV.name, GOV.name, "claimed")  # the city-wide change, on its word
    assert on["Aleppo"][0] == GOV.name
    assert holder("2017-02-01")["Aleppo - Masaken Hanano"][0] == YPG.name
    assert holder("2011-01-01")["Aleppo - Masaken Hanano"][0] is None
    assert holder("2017-02-01", "Idlib") == {}
    geo = control_geojson(store, "2017-02-01", "Aleppo")
    assert {f["geometry"]["type"] for f in geo["features"]} == {"Point"}  # no polygons loaded here


def test_unresolved_places_meet_only_by_written_name(store, d):
    from frontlines.mention import PlaceMention

    a, b, c = d("A", "Meridian Wire", D28), d("B", "Shahba Voice", D28), d("C", "Relief Horizon Bulletin", D28)
    ms = [mention(x, "Air/drone strike", None, D28, actor2=CIVILIANS,
                  evidence="Air strikes hit the Bab al-Nairab market, killing civilians.") for x in (a, b, c)]
    ms[0].places = ms[1].places = [PlaceMention("Bab al-Nairab", "event")]
    ms[2].places = [PlaceMention("Kafr Hamra", "event")]
    save(store, [a, b, c], ms)
    s = fuse(store)
    assert sorted(e.n_mentions for e in s.events) == [1, 2]


def test_audit_worksheet_lists_groups_and_neighbours(store, d):
    from frontlines.fusion.audit import worksheet

    docs, ms = hanano_reports(d)
    save(store, docs, ms)
    fuse(store, SOURCES)
    text = worksheet(store, n=10)
    assert "1 of 1 groups" in text and text.count("\n- [") == 2 and "verdict" in text
