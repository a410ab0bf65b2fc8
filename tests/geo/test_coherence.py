"""Document coherence: each place is read jointly with the document's other places.

A small constructed layer (no default build) with namesakes in several countries, as a
user's ACLED export has them: the tests check that the reading the document's other
places support wins, that a spelling variant far from where the document is gives way
to "no confident match", and that a capitalised direction that belongs to a name stays
in the name.
"""

from __future__ import annotations

import pytest

from frontlines.geo import Geocoder, PlaceContext
from frontlines.geo.gazetteer import ADMIN1, ADMIN2, COUNTRY, NEIGHBOURHOOD, PLACE, Entry, Gazetteer
from frontlines.mention import PlaceMention


def _e(eid, name, level, lat, lon, *, cc, admin1=None, admin2=None, parent=None, pop=0, source="acled", alts=()):
    return Entry(entry_id=eid, name=name, source=source, level=level, country_code=cc, admin1=admin1,
                 admin2=admin2, parent=parent, latitude=lat, longitude=lon, population=pop, alt_names=list(alts))


@pytest.fixture(scope="module")
def geocoder() -> Geocoder:
    entries = [
        _e("c:iq", "Iraq", COUNTRY, 33.3, 44.4, cc="IQ", source="default"),
        _e("c:ye", "Yemen", COUNTRY, 15.35, 44.2, cc="YE", source="default"),
        # One village name in three places; only the Yemeni one lies beside Sirwah.
        _e("p:rabiah-hama", "Rabiah", PLACE, 35.10, 36.61, cc="SY", admin1="Hama"),
        _e("p:rabiah-idleb", "Rabiah", PLACE, 35.66, 36.94, cc="SY", admin1="Idleb"),
        _e("p:rabiah-ye", "Ar Rabiah", PLACE, 15.43, 45.01, cc="YE", admin1="Marib"),
        _e("a2:sirwah", "Sirwah", ADMIN2, 15.50, 44.94, cc="YE", admin1="Marib", admin2="Sirwah"),
        # Dar'a: a town that is also its governorate; Al-Mahta: a Homs village spelled like a Dar'a district.
        _e("p:daraa", "Dar'a", PLACE, 32.62, 36.10, cc="SY", admin1="Dar'a"),
        _e("a1:daraa", "Dar'a", ADMIN1, 32.75, 36.12, cc="SY", admin1="Dar'a"),
        _e("p:mahta", "Al-Mahta", PLACE, 34.87, 36.52, cc="SY", admin1="Homs"),
        # A neighbourhood of Aleppo whose name a Dar'a district shares.
        _e("p:aleppo", "Aleppo", PLACE, 36.21, 37.15, cc="SY", admin1="Aleppo"),
        _e("n:zahraa", "Al-Zahraa", NEIGHBOURHOOD, 36.22, 37.10, cc="SY", admin1="Aleppo", parent="Aleppo"),
        # Two Ramadis: the Iraqi one is the seat of Ramadi district.
        _e("p:ramadi-sy", "Ramadi", PLACE, 34.64, 40.87, cc="SY", admin1="Deir-ez-Zor"),
        _e("p:ramadi-iq", "Ramadi", PLACE, 33.42, 43.31, cc="IQ", admin1="Anbar"),
        _e("a2:ramadi", "Ramadi", ADMIN2, 33.42, 43.17, cc="IQ", admin1="Anbar", admin2="Ramadi"),
        # A big Iranian town that GeoNames also calls "Iraq" (an old name).
        _e("p:arak", "Arak", PLACE, 34.09, 49.69, cc="IR", admin1="Markazi", pop=526_000, alts=["Iraq"],
           source="default"),
        # A province of the user's layer and its seat, known to the default layer by the same name.
        _e("a1:bushehr", "Bushehr", ADMIN1, 28.6, 51.3, cc="IR", admin1="Bushehr"),
        _e("p:bushehr", "Bushehr", PLACE, 28.97, 50.84, cc="IR", admin1="Bushehr", pop=169_000, source="default"),
        # "West Bank" is a region, not a direction and a bank; a village called Banak lies in Iran.
        _e("a1:wb", "West Bank", ADMIN1, 31.9, 35.2, cc="PS", admin1="West Bank"),
        _e("p:banak", "Banak", PLACE, 27.87, 52.03, cc="IR", admin1="Bushehr", source="default"),
        _e("p:hebron", "Hebron", PLACE, 31.53, 35.09, cc="PS", admin1="West Bank"),
    ]
    return Geocoder(default=False, layers=[Gazetteer(entries, name="acled")])


def _resolve(geocoder: Geocoder, texts: list[str]) -> list[PlaceMention]:
    mentions = [PlaceMention(t) for t in texts]
    return geocoder.resolve(mentions, PlaceContext(document_places=texts))


def test_the_namesake_beside_the_documents_other_place_wins(geocoder):
    rabiah, sirwah = _resolve(geocoder, ["Rabiah valley", "Sirwah"])
    assert rabiah.resolved.gazetteer_id == "p:rabiah-ye"
    assert sirwah.resolved.gazetteer_id == "a2:sirwah"
    # Alone, the name has no context and any Rabiah may come back; with Hama named, the Hama one.
    rabiah, _ = _resolve(geocoder, ["Rabiah", "Hama"])
    assert rabiah.resolved.gazetteer_id == "p:rabiah-hama"


def test_a_far_spelling_variant_gives_way_to_the_named_city(geocoder):
    # "Al Mahatah district in Dar'a city": Al-Mahta (a Homs village, 250 km away) is only a variant spelling.
    district, city = _resolve(geocoder, ["Al Mahatah", "Dar'a"])
    assert district.resolved is None
    assert city.resolved.gazetteer_id == "p:daraa"
    # Without the city the variant is still a confident match: nothing says it is elsewhere.
    (alone,) = _resolve(geocoder, ["Al Mahatah"])
    assert alone.resolved.gazetteer_id == "p:mahta"


def test_a_neighbourhood_of_another_city_is_not_read_in_a_localised_document(geocoder):
    district, _ = _resolve(geocoder, ["Zahraa", "Dar'a"])
    assert district.resolved is None or district.resolved.admin1 == "Dar'a"
    district, _ = _resolve(geocoder, ["Zahraa", "Aleppo"])
    assert district.resolved.gazetteer_id == "n:zahraa"


def test_the_town_that_is_its_districts_seat_is_the_bare_name(geocoder):
    (ramadi,) = _resolve(geocoder, ["Ramadi"])
    assert ramadi.resolved.gazetteer_id == "p:ramadi-iq"


def test_a_capitalised_direction_that_is_part_of_a_name_stays_in_it(geocoder):
    bank, hebron = _resolve(geocoder, ["West Bank", "Hebron"])
    assert bank.resolved.gazetteer_id == "a1:wb"
    assert hebron.resolved.gazetteer_id == "p:hebron"
    # A lower-case direction is an extent word: "northern Hebron" is part of Hebron.
    (part,) = _resolve(geocoder, ["northern Hebron"])
    assert part.resolved.gazetteer_id == "p:hebron" and part.resolved.geo_precision == 2


def test_a_bare_region_name_is_its_seat_and_a_region_word_the_region(geocoder):
    (bare,) = _resolve(geocoder, ["Bushehr"])
    assert bare.resolved.gazetteer_id == "p:bushehr" and bare.resolved.geo_precision == 1
    (region,) = _resolve(geocoder, ["Bushehr province"])
    assert region.resolved.gazetteer_id == "a1:bushehr" and region.resolved.geo_precision == 3


def test_a_country_name_is_the_country_not_a_town_that_also_bears_it(geocoder):
    iraq, _ = _resolve(geocoder, ["Iraq", "Ramadi"])
    assert iraq.resolved.gazetteer_id == "c:iq" and iraq.resolved.geo_precision == 3
    (alone,) = _resolve(geocoder, ["Iraq"])
    assert alone.resolved.gazetteer_id == "c:iq"
