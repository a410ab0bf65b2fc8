"""Geocoder behaviour on a small layer: confident matches only, context, regions, ACLED fields, audit."""

from __future__ import annotations

from frontlines.geo import PlaceContext, parse_phrase
from frontlines.mention import PlaceMention


def test_lookup_variants_find_the_same_district(small_geocoder):
    ids = {small_geocoder.lookup(n)[0].entry.entry_id for n in ["Holok", "Hullok", "al-Hellok", "الهلك"]}
    assert ids == {"n:ayntal"}


def test_random_string_finds_nothing(small_geocoder):
    assert small_geocoder.lookup("Xqzvbnm") == []
    assert small_geocoder.lookup("") == []


def test_country_hint_reorders(small_geocoder):
    top = small_geocoder.lookup("Hanano", country="SY")[0]
    assert top.entry.country_code == "SY"


def test_context_city_picks_the_district(small_geocoder):
    for city, want in (("Aleppo", "n:hanano"), ("Hama", "n:hanano-hama")):
        m = PlaceMention("Hanano")
        small_geocoder.resolve([m], PlaceContext(document_places=[city]))
        assert m.resolved.gazetteer_id == want
        assert m.resolved.location == f"{city} - Hanano"
        assert m.resolved.geo_precision == 1


def test_acled_fields(small_geocoder):
    m = PlaceMention("Jebel Badro")
    small_geocoder.resolve([m], PlaceContext(document_places=["Aleppo"]))
    loc = m.resolved
    assert loc.location == "Aleppo - Jabal Badro"
    assert loc.admin1 == "Aleppo" and loc.country == "Syria" and loc.iso == 760
    assert (loc.latitude, loc.longitude) == (36.2149, 37.2063)  # 4 decimals
    assert loc.alternatives is not None and loc.score is not None


def test_regional_phrases_set_precision(small_geocoder):
    cases = {
        "countryside of Idlib": ("Idlib", 3, "ADM1"),
        "Idlib countryside": ("Idlib", 3, "ADM1"),
        "northern Hama": ("Hama", 3, "ADM1"),
        "near Idlib": ("Idlib", 2, "PPL"),
        "the outskirts of Aleppo": ("Aleppo", 2, "PPL"),
        "Idlib": ("Idlib", 1, "PPL"),
    }
    for text, (name, precision, code) in cases.items():
        m = PlaceMention(text)
        small_geocoder.resolve([m])
        assert (m.resolved.location, m.resolved.geo_precision, m.resolved.feature_class) == (name, precision, code), text


def test_parse_phrase():
    assert parse_phrase("the northern countryside of Idlib").name == "Idlib"
    assert parse_phrase("the northern countryside of Idlib").kind == "region"
    assert parse_phrase("eastern Aleppo").direction == "E"
    assert parse_phrase("Deir ez-Zor").kind is None


def test_unknown_district_falls_back_to_the_document_city_not_the_country(small_geocoder):
    m = PlaceMention("Sheikh Najjar")
    small_geocoder.resolve([m], PlaceContext(document_places=["Aleppo", "Syria"]))
    assert m.resolved.location == "Aleppo" and m.resolved.geo_precision == 2
    assert m.resolved.alternatives[0]["unresolved"] == "Sheikh Najjar"
    # With only a country in context the place stays unresolved: never a country centroid.
    m = PlaceMention("Sheikh Najjar")
    small_geocoder.resolve([m], PlaceContext(document_places=["Syria"]))
    assert m.resolved is None


def test_document_country_excludes_same_named_places_abroad(small_geocoder):
    # A small Lebanese village must not capture a near-spelling in a document about Syrian places.
    m = PlaceMention("Hanin")
    small_geocoder.resolve([m], PlaceContext(document_places=["Aleppo", "Idlib"]))
    assert m.resolved is None or m.resolved.country == "Syria"
    # Without context the same spelling does reach it.
    m = PlaceMention("Hanin")
    small_geocoder.resolve([m])
    assert m.resolved is not None and m.resolved.country == "Lebanon"


def test_resolve_accepts_a_dict_context(small_geocoder):
    m = PlaceMention("Hanano")
    small_geocoder.resolve([m], {"document_places": ["Hama"]})
    assert m.resolved.gazetteer_id == "n:hanano-hama"
