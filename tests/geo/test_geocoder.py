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


def _layer_with_namesakes():
    """A district of Aleppo and a West Bank village of one name, plus the Aleppo the document names."""
    from frontlines.geo import Geocoder
    from frontlines.geo.gazetteer import NEIGHBOURHOOD, PLACE, Entry, Gazetteer

    return Geocoder(default=False, layers=[Gazetteer([
        Entry("p:aleppo", "Aleppo", "default", level=PLACE, country_code="SY", admin1="Aleppo",
              latitude=36.20, longitude=37.16, population=2_098_210),
        Entry("p:wb", "Ash Shaykh Sa'd", "default", level=PLACE, country_code="PS", admin1="West Bank",
              latitude=31.75, longitude=35.25, population=2_500),
        Entry("n:ss", "Sheikh Said", "user", level=NEIGHBOURHOOD, country_code="SY", admin1="Aleppo",
              parent="Aleppo", latitude=36.19, longitude=37.19),
        Entry("p:jericho", "Jericho", "default", level=PLACE, country_code="PS", admin1="West Bank",
              latitude=31.86, longitude=35.46, population=20_000),
        Entry("p:jerusalem", "Jerusalem", "default", level=PLACE, country_code="IL", admin1="Jerusalem",
              latitude=31.77, longitude=35.22, population=801_000),
    ], name="t")])


def test_a_namesake_in_the_documents_country_beats_one_abroad():
    geocoder = _layer_with_namesakes()
    for context in (PlaceContext(document_places=["Aleppo"]), PlaceContext(outlet_country="Syria")):
        m = PlaceMention("Sheikh Said")
        geocoder.resolve([m], context)
        assert m.resolved is not None and m.resolved.gazetteer_id == "n:ss", context


def test_a_place_beside_the_documents_places_is_kept_across_a_border():
    # Jerusalem (Israel) makes Israel the document's country; Jericho, 26 km away in the West Bank, stays.
    m = PlaceMention("Jericho")
    _layer_with_namesakes().resolve([m], PlaceContext(document_places=["Jerusalem"]))
    assert m.resolved is not None and m.resolved.gazetteer_id == "p:jericho"


def test_country_names_as_acled_and_the_press_write_them():
    from frontlines.geo.geocoder import country_code

    assert country_code("Palestine") == "PS"
    assert country_code("Syria") == "SY"
    assert country_code("Bolivia") == "BO"
    assert country_code("Atlantis") is None


def test_rural_and_greater_name_the_region():
    assert (parse_phrase("Rural Damascus").name, parse_phrase("Rural Damascus").kind) == ("Damascus", "region")
    assert parse_phrase("Greater Damascus").kind == "region"


def test_lookup_is_memoised_per_normalised_name(small_geocoder):
    first = small_geocoder.lookup("al-Hellok")
    assert len(small_geocoder._cache) >= 1
    size = len(small_geocoder._cache)
    again = small_geocoder.lookup("Al Hellok")  # another spelling of the same key: no new cache entry
    assert len(small_geocoder._cache) == size
    assert [c.entry.entry_id for c in again] == [c.entry.entry_id for c in first]
    again[0].score += 5  # callers get copies
    assert small_geocoder.lookup("al-Hellok")[0].score == first[0].score
