"""The in-memory layer: indexed candidates (exact, skeleton, partial, fuzzy) and hierarchy levels."""

from __future__ import annotations

from frontlines.geo.gazetteer import (
    ADMIN1,
    ADMIN3,
    COUNTRY,
    NEIGHBOURHOOD,
    PLACE,
    SPOT,
    Entry,
    Gazetteer,
    level_of,
)
from frontlines.geo.polygon import area_km2, centroid, contains, haversine_km

ORDER = ["exact", "skeleton", "partial", "fuzzy"]


def _found(layer, name):
    """entry id -> the best way any of its names was found."""
    out: dict[str, str] = {}
    for i, how in layer.candidates(name).items():
        eid = layer.entry_of(i).entry_id
        if eid not in out or ORDER.index(how) < ORDER.index(out[eid]):
            out[eid] = how
    return out


def test_candidates_by_kind(small_layer):
    assert _found(small_layer, "Aleppo")["p:aleppo"] == "exact"
    assert _found(small_layer, "Idleb")["p:idlib"] == "exact"  # an alternate name
    assert _found(small_layer, "Idlibb")["p:idlib"] == "skeleton"
    assert "n:ayntal" in _found(small_layer, "Hullok")  # via the Arabic alternate الهلك


def test_partial_postings_only_beside_generic_words():
    """"Hanano" finds "Hanano district" (the rest is generic) but not "Hanano Barracks": a token match beside
    another real word can never be a confident match, so it is not indexed."""
    layer = Gazetteer([
        Entry("d", "Hanano district", "t", level=NEIGHBOURHOOD, latitude=36.2, longitude=37.2),
        Entry("b", "Hanano Barracks", "t", level=SPOT, latitude=36.2, longitude=37.2),
        Entry("j", "Jabal Badro", "t", level=NEIGHBOURHOOD, latitude=36.2, longitude=37.2),
    ])
    assert _found(layer, "Hanano") == {"d": "partial"}
    assert _found(layer, "Badro") == {}
    assert _found(layer, "Jebel Badro") == {"j": "exact"}


def test_stored_base_keys_match_the_name_keys():
    from frontlines.geo import names as N

    layer = Gazetteer([Entry("h", "al-Hellok", "t", level=NEIGHBOURHOOD, latitude=36.2, longitude=37.2,
                             alt_names=["الهلك", "Dayr az Zawr"])])
    assert [layer.base_of(i) for i in range(len(layer.names))] == [N.base(n) for n in layer.names]
    assert list(layer.name_arabic) == [N.is_arabic(n) for n in layer.names]
    # read in bulk, in the order asked (the geocoder scores a name's candidates this way)
    ids = [2, 0, 1, 0]
    assert layer.name_keys(ids) == ([N.base(layer.names[i]) for i in ids], [N.is_arabic(layer.names[i]) for i in ids])
    assert layer.name_keys({}) == ([], [])


def test_fuzzy_candidates_come_from_the_trigram_index():
    layer = Gazetteer([Entry("x", "Kafranbel", "t", level=PLACE, latitude=35.6, longitude=36.5)])
    assert _found(layer, "Kafranbil") or _found(layer, "Kafrnabel")
    assert _found(layer, "Qwertzuiop") == {}


def test_levels_from_geonames_codes():
    assert level_of("A", "PCLI") == COUNTRY
    assert level_of("A", "ADM1") == ADMIN1
    assert level_of("A", "ADM3") == ADMIN3
    assert level_of("P", "PPLA") == PLACE
    assert level_of("P", "PPLX") == NEIGHBOURHOOD
    assert level_of("S", "MSQE") == SPOT


def test_point_in_polygon_with_hole():
    square = {"type": "Polygon", "coordinates": [
        [[37.0, 36.0], [37.2, 36.0], [37.2, 36.2], [37.0, 36.2], [37.0, 36.0]],
        [[37.05, 36.05], [37.1, 36.05], [37.1, 36.1], [37.05, 36.1], [37.05, 36.05]],
    ]}
    assert contains(square, 36.15, 37.15)
    assert not contains(square, 36.07, 37.07)  # in the hole
    assert not contains(square, 36.3, 37.1)
    lat, lon = centroid({"type": "Polygon", "coordinates": [square["coordinates"][0]]})
    assert abs(lat - 36.1) < 1e-6 and abs(lon - 37.1) < 1e-6
    assert 350 < area_km2({"type": "Polygon", "coordinates": [square["coordinates"][0]]}) < 420


def test_haversine():
    assert abs(haversine_km(36.2012, 37.1612, 35.9306, 36.6339) - 56.0) < 3
