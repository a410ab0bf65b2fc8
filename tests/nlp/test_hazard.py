"""Harm a natural force, an accident or an illness did is no ACLED event (``nlp.hazard``).

Team-written sentences, each negative beside a real event of the same shape (the same verb, the same
noun, the same place), so a rule that drops the event's words rather than reading who or what did the
harm fails here. None is taken from a measurement set.
"""

from __future__ import annotations

import pytest

from frontlines.nlp.readings import trigger_readings

from .coding import sub_event_types as events

PAIRS = [
    # (a hazard did it: no event, someone did it: an event)
    ("A gas cylinder explosion killed five people near the market in Kano.",
     "A car bomb explosion killed five people near the market in Kano."),
    ("A boiler exploded at a textile factory in Faisalabad, killing 10 workers.",
     "A bomb exploded at a textile factory in Faisalabad, killing 10 workers."),
    ("An explosion at a chemical plant in Jiangsu killed 12 workers, officials said.",
     "An explosion at a checkpoint in Jiangsu killed 12 soldiers, officials said."),
    ("A fire at a wedding hall in Mosul killed 11 guests, officials said.",
     "Gunmen opened fire at a wedding hall in Mosul, killing 11 guests, officials said."),
    ("A fire in the main market of Maiduguri destroyed 200 stalls on Sunday.",
     "A fire set by militants destroyed 200 stalls in the main market of Maiduguri on Sunday."),
    ("Floods killed 30 people in Khyber Pakhtunkhwa province on Sunday.",
     "Militants killed 30 people in Khyber Pakhtunkhwa province on Sunday."),
    ("Five residents died in a fire at a nursing home in Thessaloniki.",
     "Five residents died in an attack on a nursing home in Thessaloniki."),
    ("Two trains collided in Sohag province, killing 19 passengers.",
     "Rebels ambushed two trains in Sohag province, killing 19 passengers."),
    ("Typhoon Haima killed 12 people in the northern Philippines on Wednesday.",
     "Soldiers killed 12 people in the northern Philippines on Wednesday."),
    ("A landslide at an illegal gold mine in Gorontalo killed 15 miners.",
     "Three soldiers were killed when their vehicle struck a mine near Gorontalo."),
    ("A plane crashed near Pokhara airport, killing all 72 people on board.",
     "A warplane bombed the airport in Pokhara, killing 72 people."),
    ("A tornado tore through the town overnight, killing at least 25 people.",
     "Gunmen tore through the town overnight, killing at least 25 people."),
    ("Seven workers died after inhaling toxic fumes in a sewer in Karachi.",
     "Seven workers died after gunmen attacked their bus in Karachi."),
    ("Firefighters battled a blaze at a warehouse in Lagos for six hours.",
     "Soldiers battled rebels at a warehouse in Lagos for six hours."),
]


@pytest.mark.parametrize(("hazard", "event"), PAIRS, ids=[p[0][:40] for p in PAIRS])
def test_a_hazards_harm_is_no_event_and_the_same_shape_done_by_someone_is(nlp, hazard, event):
    assert events(nlp, hazard) == [], hazard
    assert events(nlp, event), event


def test_a_hazard_in_a_sentence_that_names_an_attack_leaves_the_attack(nlp):
    # the fire is the shelling's doing, and the sentence says so
    assert events(nlp, "Shelling started a fire that killed three people in the village on Monday.")
    # a fire someone set is arson, whatever burned
    assert events(nlp, "Rioters set fire to the market in Bunia, destroying dozens of shops.")


def test_an_attack_denied_does_not_make_a_hazard_an_event(nlp):
    assert events(nlp, "Police ruled out an attack after a gas explosion killed three people in a restaurant.") == []


def test_the_reading_stops_the_model_proposing_an_event(nlp):
    # the sub-type model proposes events only on triggers the reality filter passed (``subtype._usable``)
    readings = trigger_readings(next(nlp("Floods killed 30 people in Khyber Pakhtunkhwa province.").sents))
    kills = [r for r in readings if r.kind == "kill"]
    assert kills and all(r.reality == "hazard" for r in kills)
    readings = trigger_readings(next(nlp("Militants killed 30 people in Khyber Pakhtunkhwa province.").sents))
    assert any(r.kind == "kill" and r.reality is None for r in readings)


def test_weapons_fire_is_no_blaze(nlp):
    assert events(nlp, "Troops came under fire near the market, and two soldiers were killed.")
    assert events(nlp, "Security forces opened fire on the crowd, killing four protesters.")
