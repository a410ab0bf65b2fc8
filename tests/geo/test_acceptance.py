"""Issue acceptance on the shared sample page and the Aleppo neighbourhoods (skipped without shared data)."""

from __future__ import annotations

import pytest

from conftest import DATA, SAMPLE, need

NEIGHBOURHOODS = DATA / "aleppo_neighbourhoods"
CAPTURE = {"take", "capture", "seize"}


@pytest.fixture(scope="module")
def aleppo_store(tmp_path_factory):
    from frontlines.geo.sources import add_file
    from frontlines.store import Store

    need(NEIGHBOURHOODS)
    store = Store(tmp_path_factory.mktemp("geo") / "g.duckdb")
    first = add_file(store, NEIGHBOURHOODS)
    assert first.added and first.entries > 100
    assert not add_file(store, NEIGHBOURHOODS).added  # idempotent
    yield store
    store.close()


def _sample_events(nlp, geocoder):
    """Event places of the sample's capture sentences, resolved with the page's places as context."""
    from frontlines.geo import PlaceContext
    from frontlines.nlp.places import find_places, use_geocoder

    use_geocoder(geocoder)
    text = need(SAMPLE).read_text(encoding="utf-8").split("Author:")[0]
    doc = nlp(text)
    found, events = [], []
    for sent in doc.sents:
        trigger = next((t.i for t in sent if t.lemma_ in CAPTURE and t.pos_ == "VERB"), None)
        places = find_places(sent, trigger)
        found.extend(places)
        if trigger is not None:
            events.extend(p for p in places if p.role == "event")
    geocoder.resolve(events, PlaceContext(document_places=[p.text for p in found], outlet_country=None))
    return {p.text: p.resolved for p in events}


def test_neighbourhoods_resolve_with_the_file(nlp, aleppo_store):
    from frontlines.geo import Geocoder
    from frontlines.geo.polygon import haversine_km
    from frontlines.geo.storage import read_entries

    geocoder = Geocoder(aleppo_store)
    got = _sample_events(nlp, geocoder)
    entries = {e.entry_id: e for e in read_entries(aleppo_store)}
    for name in ("Hanano", "Jabal Badro", "Holok"):
        loc = got[name]
        e = entries[loc.gazetteer_id]
        assert haversine_km(loc.latitude, loc.longitude, e.latitude, e.longitude) <= 1.5
        assert loc.location == f"Aleppo - {e.name}"
        assert (loc.admin1, loc.country, loc.geo_precision) == ("Aleppo", "Syria", 1)
    assert got["Hanano"].location == "Aleppo - Hanano"
    assert got["Jabal Badro"].location == "Aleppo - Jabal Badro"


def test_without_the_file_they_fall_back_to_the_city(nlp):
    from frontlines.geo import Geocoder

    need(SAMPLE)
    got = _sample_events(nlp, Geocoder())
    for name in ("Hanano", "Jabal Badro", "Holok"):
        loc = got[name]
        assert (loc.location, loc.geo_precision, loc.country) == ("Aleppo", 2, "Syria")
        assert loc.alternatives[0]["unresolved"] == name  # the district name is kept


def test_spellings_find_the_same_neighbourhood(aleppo_store):
    from frontlines.geo import Geocoder

    geocoder = Geocoder(aleppo_store)
    tops = {n: geocoder.lookup(n)[0].entry.entry_id for n in ("Holok", "Hullok", "al-Hellok", "الهلك")}
    assert len(set(tops.values())) == 1, tops
    assert geocoder.lookup("Jebel Badro")[0].entry.name == "Jabal Badro"
    assert geocoder.lookup("Qxzvtrwplk") == []


def test_point_in_polygon_on_the_real_file(aleppo_store):
    from frontlines.geo import Geocoder

    geocoder = Geocoder(aleppo_store)
    hanano = geocoder.lookup("Hanano")[0].entry
    inside = geocoder.neighbourhood_at(hanano.latitude, hanano.longitude)
    assert inside is not None and inside.entry_id == hanano.entry_id
