"""Place containment: what fusion may treat as one place, and what it must keep apart."""

from __future__ import annotations

import json

from frontlines.fusion.places import DISTRICT, LOCALITY, PlaceKey, PolygonIndex, relation

from .builders import SYRIA, loc


def key(name, **kw):
    from dataclasses import asdict

    return PlaceKey.from_location(asdict(loc(name, **kw)))


def test_district_within_city_and_siblings_apart():
    city, hanano, saeed = key("Aleppo"), key("Aleppo - Masaken Hanano"), key("Aleppo - Sheikh Saeed")
    assert city.level == LOCALITY and hanano.level == DISTRICT
    assert relation(hanano, city) == "within"
    assert relation(city, hanano) == "contains"
    assert relation(hanano, saeed) == "sibling"
    assert relation(hanano, key("Aleppo - masaken  HANANO")) == "same"


def test_other_town_and_other_governorate_are_unrelated():
    assert relation(key("Aleppo"), key("Manbij")) is None
    assert relation(key("Aleppo"), key("Aleppo", admin1="Idlib")) is None


def test_governorate_contains_its_towns_only():
    gov = PlaceKey.from_location({"location": "Aleppo", "country": "Syria", "admin1": "Aleppo",
                                  "feature_class": "A", "geo_precision": 3})
    assert gov.level == 1
    assert relation(gov, key("Manbij")) == "contains"
    assert relation(gov, key("Saraqib", admin1="Idlib")) is None
    # admin2 missing on one side does not set the same place apart
    assert relation(key("Aleppo", admin2=None), key("Aleppo - Hanano")) == "contains"


def test_polygon_rehomes_a_neighbourhood_listed_as_a_town(store):
    square = {"type": "Polygon", "coordinates": [[[37.17, 36.21], [37.19, 36.21], [37.19, 36.23],
                                                  [37.17, 36.23], [37.17, 36.21]]]}
    store.con.execute("INSERT INTO gazetteer_entries (entry_id, source, name, level) VALUES ('c1', 't', 'Aleppo', 4)")
    store.con.execute("INSERT INTO gazetteer_entries (entry_id, source, name, level, parent, polygon)"
                      " VALUES ('n1', 't', 'Masaken Hanano', 5, 'c1', ?)", [json.dumps(square)])
    idx = PolygonIndex.from_store(store)
    assert idx.locate(37.18, 36.22).name == "Masaken Hanano"
    assert idx.locate(37.10, 36.22) is None
    town = key("Hanano Housing", lat=36.22, lon=37.18)
    moved = idx.rehome(town, 37.18, 36.22)
    assert moved.level == DISTRICT and moved.locality == "aleppo" and moved.district == "masaken hanano"
    assert idx.rehome(key("Aleppo", lat=36.22, lon=37.18), 37.18, 36.22).level == LOCALITY  # the city stays itself
    assert idx.geometry_for(key("Aleppo - Masaken Hanano"))["type"] == "Polygon"
    assert SYRIA["country"] == "Syria"
