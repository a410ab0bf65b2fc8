"""Police work against ordinary crime is no ACLED event (``nlp.crime``).

Team-written sentences, each negative beside a real event of the same shape (the same verb, the same
place), so a rule that drops the verb rather than reading what was seized or why people were held fails
here. None is taken from a measurement set.
"""

from __future__ import annotations

import pytest

from .coding import sub_event_types as events

PAIRS = [
    # (ordinary crime: no event, the same shape with a political or armed side: an event)
    ("Police seized 50 kilos of crystal meth and detained two men at the Shalamcheh crossing.",
     "Rebels seized the Shalamcheh crossing and detained two border guards."),
    ("Customs officers seized 22 tonnes of cocaine hidden in a shipment of bananas at the port of Guayaquil.",
     "Government forces seized the port of Guayaquil from the rebels on Tuesday."),
    ("Police in Port Sudan arrested a gang of car thieves operating near the harbour.",
     "Police in Port Sudan arrested 20 protesters near the harbour."),
    ("South African police raided a drug laboratory in Groblersdal and arrested seven men.",
     "Israeli forces raided the village of Beit Ummar and arrested seven men."),
    ("The navy intercepted a boat carrying 3,000 kilos of cocaine off Tumaco.",
     "The navy intercepted a boat carrying weapons for the rebels off Tumaco."),
    ("Police dismantled a cocaine laboratory in Chapare on Monday.",
     "Police dismantled an explosives workshop run by militants in Chapare on Monday."),
]


@pytest.mark.parametrize(("crime", "event"), PAIRS, ids=[p[0][:40] for p in PAIRS])
def test_police_work_against_crime_is_no_event_and_the_same_shape_against_a_party_is(nlp, crime, event):
    assert events(nlp, crime) == [], crime
    assert events(nlp, event), event


def test_weapons_or_a_political_figure_keep_the_event(nlp):
    # seizing weapons is ACLED's Disrupted weapons use, whatever else was in the haul
    assert events(nlp, "Customs officers seized 300 kg of heroin and 20 rifles at the border crossing.")
    # an opposition leader held on a fraud charge is a political arrest
    assert events(nlp, "Police arrested an opposition leader on charges of fraud in Harare.")
