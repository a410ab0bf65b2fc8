"""Loaders on files in the real formats (GeoNames 19 columns, alternateNames, GeoJSON, CSV, ACLED)."""

from __future__ import annotations

import json
import zipfile

import pytest

from frontlines.errors import FrontlinesError
from frontlines.geo.loaders import FieldMap, read_acled, read_csv, read_geojson, read_geonames, sniff_format
from frontlines.geo.sources import add_file
from frontlines.geo.storage import list_sources, read_entries, remove_source

GEONAMES = [
    # geonameid name asciiname alternatenames lat lon fclass fcode cc cc2 adm1 adm2 adm3 adm4 pop elev dem tz date
    ["163843", "Muhafazat Halab", "Muhafazat Halab", "Aleppo Governorate,محافظة حلب", "36.25", "37.5", "A", "ADM1",
     "SY", "", "09", "", "", "", "4868000", "", "400", "Asia/Damascus", "2012-01-18"],
    ["170063", "Aleppo", "Aleppo", "Alep,Halab,حلب", "36.20124", "37.16117", "P", "PPLA", "SY", "", "09", "", "",
     "", "2098210", "", "390", "Asia/Damascus", "2019-09-05"],
    ["9999001", "Hananu", "Hananu", "Hanano,هنانو", "36.2277", "37.2032", "P", "PPLX", "SY", "", "09", "", "", "",
     "0", "", "420", "Asia/Damascus", "2019-09-05"],
]


def _geonames_file(path):
    path.write_text("\n".join("\t".join(r) for r in GEONAMES) + "\n", encoding="utf-8")
    return path


def test_geonames_dump_plain_and_zipped(tmp_path):
    txt = _geonames_file(tmp_path / "SY.txt")
    entries = read_geonames(txt).entries
    assert [e.name for e in entries] == ["Muhafazat Halab", "Aleppo", "Hananu"]
    city = entries[1]
    assert city.admin1 == "Muhafazat Halab"  # named from the dump's own ADM1 row
    assert "حلب" in city.alt_names and city.population == 2098210 and city.level == 4
    assert entries[2].level == 5
    zipped = tmp_path / "SY.zip"
    with zipfile.ZipFile(zipped, "w") as zf:
        zf.write(txt, "SY.txt")
        zf.writestr("readme.txt", "not data")
    assert [e.entry_id for e in read_geonames(zipped).entries] == [e.entry_id for e in entries]
    assert sniff_format(txt) == "geonames"


def test_bad_geonames_rows_are_counted_not_fatal(tmp_path):
    p = tmp_path / "x.txt"
    p.write_text("\t".join(GEONAMES[1]) + "\nnot\ta\tgeonames\trow\n", encoding="utf-8")
    r = read_geonames(p)
    assert len(r.entries) == 1 and r.skipped == {"not 19 tab-separated columns": 1}


def test_add_is_idempotent_and_removable(tmp_path, store):
    txt = _geonames_file(tmp_path / "SY.txt")
    first = add_file(store, txt)
    again = add_file(store, txt)
    assert first.added and not again.added and first.entries == again.entries == 3
    assert store.count("gazetteer_entries") == 3
    assert [s.source for s in list_sources(store)] == ["SY"]
    alt = tmp_path / "alternateNamesV2.txt"
    alt.write_text("1\t170063\tar\tمدينة حلب\t1\t\t\t\t\t\n2\t170063\tlink\thttps://x\t\t\t\t\t\t\n",
                   encoding="utf-8")
    res = add_file(store, alt)
    assert res.kind == "alternatenames" and res.entries == 1
    city = next(e for e in read_entries(store) if e.name == "Aleppo")
    assert "مدينة حلب" in city.alt_names and "https://x" not in city.alt_names
    assert remove_source(store, "SY") == 3
    assert store.count("gazetteer_entries") == 0
    assert remove_source(store, "SY") == -1


def test_geojson_polygons_with_name_mapping(tmp_path):
    poly = [[[37.20, 36.22], [37.21, 36.22], [37.21, 36.23], [37.20, 36.23], [37.20, 36.22]]]
    fc = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"label": "Hanano", "label_ar": "هنانو"},
         "geometry": {"type": "Polygon", "coordinates": poly}},
        {"type": "Feature", "properties": {"label": None}, "geometry": None},
    ]}
    p = tmp_path / "districts.geojson"
    p.write_text(json.dumps(fc), encoding="utf-8")
    fm = FieldMap.with_names(["label"])
    fm.alt = ["label_ar"]
    r = read_geojson(p, fm, "districts")
    (e,) = r.entries
    assert e.name == "Hanano" and e.alt_names == ["هنانو"] and e.polygon["type"] == "Polygon"
    assert abs(e.latitude - 36.225) < 1e-6 and abs(e.longitude - 37.205) < 1e-6  # centroid is the point
    assert r.skipped == {"no name": 1}


def test_csv_with_name_field(tmp_path):
    p = tmp_path / "places.csv"
    p.write_text("nom,lat,lon,country\nKafranbel,35.61,36.56,SY\nnowhere,,,SY\n", encoding="utf-8")
    r = read_csv(p, FieldMap.with_names(["nom"]), "mine")
    assert [e.name for e in r.entries] == ["Kafranbel"] and r.skipped == {"no coordinates": 1}


def test_acled_export_builds_locations_and_regions(tmp_path):
    p = tmp_path / "export.csv"
    p.write_text(
        "event_id_cnty,country,admin1,admin2,admin3,location,latitude,longitude,geo_precision\n"
        "SYR1,Syria,Aleppo,Jebel Saman,Haritan,Haritan,36.2543,37.0851,1\n"
        "SYR2,Syria,Aleppo,Jebel Saman,Haritan,Haritan,36.2545,37.0853,1\n"
        "SYR3,Syria,Aleppo,Jebel Saman,Jebel Saman,Aleppo - Hanano,36.2277,37.2032,1\n"
        "SYR4,Syria,Aleppo,,,bad,x,y,1\n",
        encoding="utf-8")
    r = read_acled(p, "acled")
    by_name = {e.name: e for e in r.entries if e.level >= 4}
    regions = {(e.name, e.level) for e in r.entries if e.level < 4}
    haritan = by_name["Haritan"]
    assert haritan.country_code == "SY" and haritan.admin2 == "Jebel Saman" and haritan.level == 4
    assert abs(haritan.latitude - 36.2544) < 1e-3
    assert by_name["Hanano"].parent == "Aleppo" and by_name["Hanano"].level == 5
    assert regions == {("Aleppo", 1), ("Jebel Saman", 2), ("Haritan", 3), ("Jebel Saman", 3)}
    assert r.skipped == {"bad coordinates": 1}
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(FrontlinesError):
        read_acled(bad, "x")
