"""Fixtures for the places stage: a small real gazetteer layer built from constructed entries.

Unit tests use this layer (no default build) so they run in milliseconds; the
acceptance tests load the embedded default and the shared Aleppo file.
"""

from __future__ import annotations

import pytest

from frontlines.geo.gazetteer import ADMIN1, COUNTRY, NEIGHBOURHOOD, PLACE, Entry, Gazetteer

ALEPPO = (36.20124, 37.16117)


def _e(eid, name, level, lat, lon, *, cc="SY", admin1=None, parent=None, pop=0, alts=(), code=None, source="test"):
    return Entry(entry_id=eid, name=name, source=source, feature_code=code, level=level, country_code=cc,
                 admin1=admin1, parent=parent, latitude=lat, longitude=lon, population=pop, alt_names=list(alts))


def small_entries() -> list[Entry]:
    return [
        _e("c:SY", "Syria", COUNTRY, 33.51, 36.29, pop=22_000_000, code="PCLI", source="default"),
        _e("c:LB", "Lebanon", COUNTRY, 33.89, 35.50, cc="LB", pop=6_000_000, code="PCLI", source="default"),
        _e("a1:aleppo", "Aleppo", ADMIN1, *ALEPPO, admin1="Aleppo", pop=4_000_000, code="ADM1", alts=["Halab"],
           source="default"),
        _e("a1:idlib", "Idlib", ADMIN1, 35.93, 36.63, admin1="Idlib", pop=1_500_000, code="ADM1", source="default"),
        _e("a1:hama", "Hama", ADMIN1, 35.13, 36.75, admin1="Hama", pop=1_600_000, code="ADM1", source="default"),
        _e("p:aleppo", "Aleppo", PLACE, *ALEPPO, admin1="Aleppo", pop=2_098_210,
           alts=["Halab", "حلب", "Alep"], code="PPL", source="default"),
        _e("p:idlib", "Idlib", PLACE, 35.93062, 36.63393, admin1="Idlib", pop=128_840, alts=["Idleb", "إدلب"],
           code="PPL", source="default"),
        _e("p:hama", "Hama", PLACE, 35.13179, 36.75783, admin1="Hama", pop=696_863, alts=["Hamah", "حماة"],
           code="PPL", source="default"),
        _e("p:deir", "Deir ez-Zor", PLACE, 35.33588, 40.14084, admin1="Deir ez-Zor", pop=242_565,
           alts=["Dayr az Zawr", "دير الزور"], code="PPL", source="default"),
        _e("p:beirut", "Beirut", PLACE, 33.89, 35.50, cc="LB", admin1="Beyrouth", pop=1_916_100, code="PPL",
           source="default"),
        _e("p:hanine", "Hanine", PLACE, 33.10, 35.35, cc="LB", admin1="South", pop=2000, code="PPL",
           source="default"),
        # Two districts named alike in two cities: context must choose.
        _e("n:hanano", "Hanano", NEIGHBOURHOOD, 36.22772, 37.20323, admin1="Aleppo", parent="Aleppo",
           alts=["هنانو"], code="PPLX"),
        _e("n:hanano-hama", "Hanano", NEIGHBOURHOOD, 35.14, 36.76, admin1="Hama", parent="Hama", code="PPLX"),
        _e("n:badro", "Jabal Badro", NEIGHBOURHOOD, 36.21486, 37.20631, admin1="Aleppo", parent="Aleppo",
           alts=["جبل بدرو"], code="PPLX"),
        _e("n:ayntal", "Ayn at-Tal", NEIGHBOURHOOD, 36.24072, 37.17108, admin1="Aleppo", parent="Aleppo",
           alts=["عين التينة", "الهلك", "حي الهلك"], code="PPLX"),
    ]


@pytest.fixture(scope="session")
def small_layer() -> Gazetteer:
    return Gazetteer(small_entries(), name="small")


@pytest.fixture(scope="session")
def small_geocoder(small_layer):
    from frontlines.geo import Geocoder

    return Geocoder(default=False, layers=[small_layer])


@pytest.fixture(scope="session")
def nlp():
    from frontlines.nlp.pipeline import load_nlp

    return load_nlp()
