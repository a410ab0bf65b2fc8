"""Names a settlement noun vouches for ("Has village", "the town of al-'Amiriyah"), sides written as
"pro-X", members of an "including" list, and the order places are tried in as the event's place."""

from __future__ import annotations

import pytest

from frontlines.geo import Geocoder
from frontlines.geo.gazetteer import PLACE, Entry, Gazetteer
from frontlines.mention import PlaceMention
from frontlines.nlp.pipeline import load_nlp
from frontlines.nlp.places import by_event_preference, find_places, use_geocoder


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


@pytest.fixture
def villages():
    """A user layer (as an ACLED export would give) with villages the default gazetteer lacks."""
    rows = [("a", "Al 'Amiriyah", 34.74, 36.62), ("g", "Western Ghariyeh", 32.64, 36.25),
            ("s", "Sheikh Ali", 36.17, 36.86), ("q", "Qasr Bin Wardan", 35.37, 36.96),
            ("n", "Sinnara", 36.45, 36.80), ("u", "Um Myal", 35.66, 37.03)]
    admin1 = {"a": "Homs", "g": "Dar'a", "s": "Aleppo", "q": "Hama", "n": "Aleppo", "u": "Idleb"}
    layer = Gazetteer([Entry(i, n, "acled-test", level=PLACE, country_code="SY", admin1=admin1[i], latitude=la,
                             longitude=lo) for i, n, la, lo in rows], name="acled")
    use_geocoder(Geocoder(layers=[layer]))
    yield
    use_geocoder(None)


def places(nlp, text):
    doc = nlp(text)
    return [(p.text, p.role) for s in doc.sents for p in find_places(s, None)]


def event_places(nlp, text):
    return [t for t, role in places(nlp, text) if role == "event"]


@pytest.mark.parametrize("text, place", [
    # "Has" is parsed as a verb and has no entity tag: the noun after it makes it a name
    ("Warplanes conducted several airstrikes on Has village in the southern countryside of Idleb.", "Has"),
    # the NER model tags only "Sheikh" (GPE) and "Khoraz" (PERSON)
    ("The rebel factions clashed with YPG in Sheikh Khoraz village in the northern countryside of Aleppo.",
     "Sheikh Khoraz"),
])
def test_a_settlement_noun_names_its_place(nlp, text, place):
    use_geocoder(None)
    assert event_places(nlp, text)[:1] == [place]


def test_an_article_prefixed_name_after_the_town_of(nlp, villages):
    assert event_places(nlp, "Regime forces shelled the town of al-'Amiriyah which caused material damage.") \
        == ["al-'Amiriyah"]


def test_a_lower_case_joiner_inside_a_name(nlp, villages):
    # tagged PERSON throughout; "the village of" and a user layer that knows it make it the place
    assert event_places(nlp, "Regime forces recaptured the village of Qasr bin Wardan from Islamic State "
                             "fighters.") == ["Qasr bin Wardan"]


def test_a_capitalised_direction_word_belongs_to_a_known_name(nlp, villages):
    got = places(nlp, "Regime forces fired rocket shells on Western Ghariyeh town in eastern Dar'a.")
    assert ("Western Ghariyeh", "event") in got and ("eastern Dar'a", "other") in got


def test_a_member_of_an_including_list_is_the_place_inside_the_region(nlp, villages):
    text = ("HTS fighters withdrew from the remainder of its controlled areas in western Aleppo, "
            "including Sheikh Ali.")
    assert event_places(nlp, text) == ["Sheikh Ali"]


@pytest.mark.parametrize("text, not_place", [
    ("Turkish forces shelled Kurdish areas in northern Aleppo.", "Kurdish"),
    ("Houthi forces shelled pro-Hadi positions in Taizz.", "Hadi"),
    ("Two pro Hadi soldiers were shot dead by Houthi forces in Nihm.", "Hadi"),
])
def test_groups_and_sides_are_not_places(nlp, text, not_place):
    use_geocoder(None)
    assert not any(not_place in t for t, _ in places(nlp, text))


def test_an_unresolvable_event_place_falls_back_to_the_place_it_lies_in():
    # "Depositors of Alborz credit institute protested in Valiasr street in Tehran."
    found = [PlaceMention("Alborz", "other", 14, 20), PlaceMention("Valiasr street", "event", 51, 65),
             PlaceMention("Tehran", "other", 69, 75), PlaceMention("Qom", "announced", 80, 83)]
    assert [p.text for p in by_event_preference(found)] == ["Valiasr street", "Tehran", "Alborz"]


def test_a_place_written_before_its_container_keeps_the_event_whatever_the_parse(nlp, villages):
    # the parser hangs "in Afrin district" on the verb; the words say Afrin is where Sinnara lies
    text = ("Turkish warplanes conducted several air strikes on Sinnara town in Afrin district in the northern "
            "countryside of Aleppo, neither injuries nor fatalities reported.")
    assert event_places(nlp, text) == ["Sinnara"]


def test_a_member_of_an_including_list_takes_the_slot_of_the_list(nlp, villages):
    text = ("Following clashes, regime forces took control of a number of towns and villages south of Abul "
            "Thohur in eastern Idleb, including Um Myal.")
    assert event_places(nlp, text) == ["Um Myal"]


def test_a_passive_report_places_the_event_not_the_speaker(nlp):
    use_geocoder(None)
    got = places(nlp, "Three coalition airstrikes were reported in Huth city, Amran province.")
    assert ("Huth", "announced") not in got and any(t.startswith("Huth") for t, _ in got)
    assert ("Damascus", "announced") in places(nlp, "The army said in Damascus that it had taken the town.")


@pytest.mark.parametrize("text, body", [
    ("Hundreds gathered in front of the Guardian Council's office to protest.", "Guardian Council"),
    ("Families protested outside the headquarters of the UN Development Program.", "UN Development Program"),
])
def test_an_institution_is_not_a_place(nlp, text, body):
    use_geocoder(None)
    assert body not in [t for t, _ in places(nlp, text)]


def test_a_region_is_tried_after_the_named_places_of_the_text():
    found = [PlaceMention("Sadah province", "event", 60, 74), PlaceMention("Al-Buqa", "event", 190, 197),
             PlaceMention("Atfayn", "other", 230, 236)]
    assert [p.text for p in by_event_preference(found)][:2] == ["Al-Buqa", "Sadah province"]


@pytest.mark.parametrize("text, place", [
    # the tagger calls "Gharanij" a plural noun and the NER model an organisation; the slot and the gazetteer
    # say it is the town
    ("Tensions prevail in Gharanij after QSD forces killed a man.", "Gharanij"),
    # a lower-case article joined by a hyphen
    ("Pro-Hadi soldiers killed six Houthi militiamen during clashes in ad-Dabab", "ad-Dabab"),
])
def test_a_name_in_a_locative_slot_the_gazetteer_knows(nlp, text, place):
    rows = [("h", "Gharanij", 34.95, 40.55, "SY"), ("d", "Ad Dabab", 13.52, 43.99, "YE")]
    layer = Gazetteer([Entry(i, n, "acled-test", level=PLACE, country_code=cc, latitude=la, longitude=lo)
                       for i, n, la, lo, cc in rows], name="acled")
    use_geocoder(Geocoder(layers=[layer]))
    try:
        assert event_places(nlp, text) == [place]
    finally:
        use_geocoder(None)


def test_a_town_named_in_a_body_or_facility_is_the_place(nlp):
    use_geocoder(None)
    assert [t for t, _ in places(nlp, "Workers of Ahvaz Steel Company gathered in protest outside the "
                                      "provincial government.")] == ["Ahvaz"]
    assert "Erbil" in [t for t, _ in places(nlp, "Coalition forces established a base at the Erbil Airport "
                                                 "on Monday.")]


def test_a_named_suburb_is_its_own_place(nlp):
    use_geocoder(None)
    got = places(nlp, "Three shells fell on the Jaramana suburb of Damascus with no injuries reported.")
    assert ("Jaramana", "event") in got and not any("suburb" in t for t, _ in got)


def test_the_town_centre_is_the_town(nlp):
    use_geocoder(None)
    assert event_places(nlp, "Regime forces fired rocket shells at areas in Dar'a al-Balad on Monday.") \
        == ["Dar'a"]
