"""ACLED rows from mentions: derived codes, country fields, provenance, notes."""

from __future__ import annotations

from datetime import date

from frontlines.export import ACLED_COLUMNS, COLUMNS, rows
from frontlines.mention import ActorRef, Claim, Count, DateRef, EventMention, PlaceMention
from frontlines.nlp.notes import write_notes


def _m(**kw) -> EventMention:
    base = dict(
        mention_id="m1", doc_id="d1", source_id="s1", event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike", disorder_type="Political violence",
        actor1=ActorRef("warplanes", "Military Forces of Syria (2000-)", 1, "Syria", True),
        actor2=ActorRef("civilians", "Civilians (Syria)", 7, "Syria", True),
        date=DateRef("on Friday", date(2017, 4, 7), 1), places=[PlaceMention("Douma", "event", 5, 10)],
        counts=[Count("fatalities", 12, "12 people"), Count("injured", 30, "30")],
        claim=Claim("activists", None, "third_party", "say", "reported"),
    )
    base.update(kw)
    return EventMention(**base)


def test_acled_columns_and_derived_codes():
    (r,) = rows([_m()], timestamp=1)
    assert list(r)[:len(ACLED_COLUMNS)] == ACLED_COLUMNS and list(r) == COLUMNS
    assert (r["event_id_cnty"], r["iso"], r["region"], r["country"]) == ("SYR1", 760, "Middle East",
                                                                         "Syrian Arab Republic")
    assert (r["inter1"], r["inter2"], r["interaction"]) == (1, 7, 17)
    assert r["civilian_targeting"] == "Civilian targeting"
    assert (r["event_date"], r["year"], r["time_precision"], r["fatalities"], r["injured"]) == (
        "2017-04-07", 2017, 1, 12, 30)
    assert (r["location"], r["place_text"], r["certainty"], r["claimant"]) == ("Douma", "Douma", "reported",
                                                                              "activists")


def test_battle_is_not_civilian_targeting_and_unknowns_stay_empty():
    m = _m(event_type="Battles", sub_event_type="Armed clash", actor2=None, date=DateRef("on Friday"),
           counts=[Count("fatalities", 0, "a large number of terrorists", "unquantified")])
    (r,) = rows([m], timestamp=1)
    assert r["civilian_targeting"] is None and r["interaction"] == 10
    assert r["event_date"] is None and r["date_expression"] == "on Friday"
    assert (r["fatalities"], r["fatalities_raw"]) == (0, "a large number of terrorists")


def test_notes_say_date_actors_place_fatalities_and_source():
    assert write_notes(_m()) == ("On 7 April 2017, Military Forces of Syria (2000-) carried out air or drone "
                                 "strikes in Douma; 12 killed; according to activists.")
    m = _m(sub_event_type="Government regains territory", event_type="Battles", date=DateRef("on Saturday"),
           actor2=ActorRef("Nusra", "Jabhat Fateh al-Sham", 2, "Syria", True),
           counts=[Count("fatalities", 0, "a large number of terrorists", "unquantified")],
           claim=Claim("army", "Military Forces of Syria (2000-)", "party", "report", "claimed"))
    note = write_notes(m)
    assert note.startswith('On a date given as "on Saturday" (not resolved), Military Forces of Syria (2000-) '
                           "regained control of Douma from Jabhat Fateh al-Sham")
    assert 'fatalities unquantified ("a large number of terrorists")' in note
    assert note.endswith("claimed by Military Forces of Syria (2000-).")
