"""Readers that turn gazetteer files into ``Entry`` records.

* GeoNames dumps in their 19-column format (``SY.txt``, ``allCountries.txt``,
  ``cities500.txt``..., plain or zipped), with admin1/admin2 codes named from the
  dump's own ADM1/ADM2 rows (or the default layer's admin1 names);
* GeoNames ``alternateNamesV2.txt`` (adds names to entries already stored);
* GeoJSON / CSV gazetteers with a name-field mapping. Polygons are kept and
  their centroid is the point (a precomputed centroid field wins when given);
  a neighbourhood file with no admin fields gets its city, admin1 and country
  from the populated place it lies in (the nearest large place of the default
  layer), so "Aleppo - Hanano" can be written without the user saying so;
* ACLED exports: one entry per distinct location with its admin1..3 and
  coordinates (the median of the events coded there), plus admin regions.

Each reader yields entries and skips bad rows with a counted reason instead of
stopping; ``LoadReport`` carries the counts.
"""

from __future__ import annotations

import csv
import io
import json
import statistics
import zipfile
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from frontlines.errors import FrontlinesError
from frontlines.geo import names as N
from frontlines.geo.gazetteer import (
    ADMIN1,
    ADMIN2,
    ADMIN3,
    NEIGHBOURHOOD,
    PLACE,
    SPOT,
    Entry,
    level_of,
)
from frontlines.geo.polygon import area_km2, centroid, haversine_km

GEONAMES_COLUMNS = [
    "geonameid", "name", "asciiname", "alternatenames", "latitude", "longitude", "feature_class", "feature_code",
    "country_code", "cc2", "admin1_code", "admin2_code", "admin3_code", "admin4_code", "population", "elevation",
    "dem", "timezone", "modification_date",
]


@dataclass
class LoadReport:
    entries: list[Entry] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    alt_names: dict[str, list[str]] = field(default_factory=dict)  # for alternateNames files

    def skip(self, reason: str) -> None:
        self.skipped[reason] = self.skipped.get(reason, 0) + 1


def _open_text(path: Path) -> Iterator[str]:
    """Lines of a text file, or of the first .txt member of a zip (GeoNames ships both)."""
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as zf:
            members = [m for m in zf.namelist() if m.endswith(".txt") and not m.lower().startswith("readme")]
            if not members:
                raise FrontlinesError(f"{path}: zip holds no .txt gazetteer file")
            member = max(members, key=lambda m: zf.getinfo(m).file_size)
            with zf.open(member) as fh:
                yield from io.TextIOWrapper(fh, encoding="utf-8", errors="replace")
        return
    with path.open(encoding="utf-8", errors="replace") as fh:
        yield from fh


def sniff_format(path: Path) -> str:
    name = path.name.lower()
    if name.endswith((".geojson", ".json")):
        return "geojson"
    if "alternatename" in name:
        return "alternatenames"
    if name.endswith(".csv"):
        return "csv"
    for line in _open_text(path):
        if line.startswith("#") or not line.strip():
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) == 19:
            return "geonames"
        if len(cols) in (4, 8, 10) and cols[0].isdigit() and cols[1].isdigit():
            return "alternatenames"
        break
    raise FrontlinesError(f"{path}: cannot tell the gazetteer format; pass --format")


# -- GeoNames ------------------------------------------------------------------------------
def read_geonames(path: Path, admin1_names: dict[tuple[str, str], str] | None = None) -> LoadReport:
    """Entries from a 19-column GeoNames dump; admin names from its ADM1/ADM2 rows where present."""
    report = LoadReport()
    rows: list[list[str]] = []
    adm1: dict[tuple[str, str], str] = dict(admin1_names or {})
    adm2: dict[tuple[str, str, str], str] = {}
    for line in _open_text(path):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.rstrip("\n").split("\t")
        if len(cols) != 19:
            report.skip("not 19 tab-separated columns")
            continue
        code = cols[7]
        if code == "ADM1":
            adm1[(cols[8], cols[10])] = cols[2] or cols[1]
        elif code == "ADM2":
            adm2[(cols[8], cols[10], cols[11])] = cols[2] or cols[1]
        rows.append(cols)
    for cols in rows:
        try:
            lat, lon = float(cols[4]), float(cols[5])
        except ValueError:
            report.skip("bad coordinates")
            continue
        cc = cols[8] or None
        a1 = adm1.get((cols[8], cols[10]))
        a2 = adm2.get((cols[8], cols[10], cols[11]))
        alts = [a for a in cols[3].split(",") if a] if cols[3] else []
        if cols[2] and cols[2] != cols[1]:
            alts.insert(0, cols[2])
        report.entries.append(Entry(
            entry_id=f"geonames:{cols[0]}", name=cols[1], source="", feature_class=cols[6] or None,
            feature_code=cols[7] or None, level=level_of(cols[6], cols[7]), country_code=cc, admin1=a1,
            admin2=a2, latitude=lat, longitude=lon, population=int(cols[14] or 0) if cols[14].isdigit() else 0,
            alt_names=alts,
        ))
    return report


def read_alternate_names(path: Path) -> LoadReport:
    """geonameid -> extra names from alternateNamesV2 (links, codes and postcodes dropped)."""
    report = LoadReport()
    for line in _open_text(path):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 4 or not cols[1].isdigit():
            report.skip("not an alternate-names row")
            continue
        lang = cols[2]
        if lang in ("link", "post", "iata", "icao", "faac", "fr_1793", "abbr", "wkdt", "unlc"):
            continue
        report.alt_names.setdefault(f"geonames:{cols[1]}", []).append(cols[3])
    return report


# -- GeoJSON / CSV -------------------------------------------------------------------------
@dataclass
class FieldMap:
    """Which columns/properties hold what. ``name`` may list several fields (first non-empty wins)."""

    name: list[str] = field(default_factory=lambda: ["name", "NAME", "Name", "name_en", "NAME_EN"])
    alt: list[str] = field(default_factory=lambda: ["NAME_A", "name_ar", "alternatenames", "alt_names",
                                                    "alternative_names", "alternative_english",
                                                    "alternative_arabic"])
    lat: list[str] = field(default_factory=lambda: ["latitude", "lat", "ycoord", "y", "LAT"])
    lon: list[str] = field(default_factory=lambda: ["longitude", "lon", "lng", "xcoord", "x", "LON"])
    id: list[str] = field(default_factory=lambda: ["id", "Id", "ID", "fid", "geonameid"])
    country: list[str] = field(default_factory=lambda: ["country_code", "country", "iso2", "ISO"])
    admin1: list[str] = field(default_factory=lambda: ["admin1", "ADM1", "province", "governorate"])
    admin2: list[str] = field(default_factory=lambda: ["admin2", "ADM2", "district"])
    admin3: list[str] = field(default_factory=lambda: ["admin3", "ADM3", "subdistrict"])
    parent: list[str] = field(default_factory=lambda: ["parent", "city"])
    feature_code: list[str] = field(default_factory=lambda: ["feature_code", "fcode"])
    population: list[str] = field(default_factory=lambda: ["population", "pop"])

    @classmethod
    def with_names(cls, name_fields: list[str] | None) -> FieldMap:
        fm = cls()
        if name_fields:
            fm.name = list(name_fields)
        return fm


def _first(props: dict[str, Any], keys: list[str]) -> Any:
    for k in keys:
        v = props.get(k)
        if v not in (None, ""):
            return v
    return None


def _alts(props: dict[str, Any], keys: list[str]) -> list[str]:
    out: list[str] = []
    for k in keys:
        v = props.get(k)
        if isinstance(v, str) and v:
            out.extend(s.strip() for s in (v.split("|") if "|" in v else v.split(";") if ";" in v else [v]))
        elif isinstance(v, list):
            out.extend(str(s).strip() for s in v if s)
    return [s for s in out if s]


def _feature_entry(props: dict[str, Any], geometry: dict | None, fm: FieldMap, source: str, n: int,
                   report: LoadReport) -> Entry | None:
    name = _first(props, fm.name)
    if not name:
        report.skip("no name")
        return None
    lat, lon = _first(props, fm.lat), _first(props, fm.lon)
    polygon = geometry if geometry and geometry.get("type") in ("Polygon", "MultiPolygon") else None
    try:
        lat, lon = (float(lat), float(lon)) if lat is not None and lon is not None else (None, None)
    except (TypeError, ValueError):
        lat = lon = None
    if lat is None and geometry:
        if geometry.get("type") == "Point":
            lon, lat = geometry["coordinates"][:2]
        elif polygon:
            c = centroid(polygon)
            if c:
                lat, lon = c
    if lat is None:
        report.skip("no coordinates")
        return None
    ident = _first(props, fm.id)
    pop = _first(props, fm.population)
    code = _first(props, fm.feature_code)
    return Entry(
        entry_id=f"{source}:{ident if ident is not None else n}:{N.base(str(name))}", name=str(name).strip(),
        source=source, feature_code=code, level=level_of(None, code) if code else PLACE,
        country_code=_first(props, fm.country), admin1=_first(props, fm.admin1), admin2=_first(props, fm.admin2),
        admin3=_first(props, fm.admin3), parent=_first(props, fm.parent), latitude=float(lat),
        longitude=float(lon), population=int(float(pop)) if pop else 0, polygon=polygon,
        alt_names=_alts(props, fm.alt),
    )


def read_geojson(path: Path, fm: FieldMap, source: str) -> LoadReport:
    """Features of a GeoJSON FeatureCollection (or a directory of them, merged by name)."""
    report = LoadReport()
    files = sorted(path.glob("*.geojson")) + sorted(path.glob("*.json")) if path.is_dir() else [path]
    collections: list[dict] = []
    name_lists: list[dict] = []
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise FrontlinesError(f"{f}: not readable JSON ({exc})") from exc
        if isinstance(data, dict) and data.get("type") == "FeatureCollection":
            collections.append(data)
        elif isinstance(data, dict):
            name_lists.append(data)  # e.g. a names table keyed by id: merged as alternate names below
    if not collections:
        raise FrontlinesError(f"{path}: no GeoJSON FeatureCollection found")
    # With several collections (polygons + centroids) prefer the one whose features carry polygons,
    # then take explicit centroid fields from the others, matched by name.
    collections.sort(key=lambda c: -sum(1 for f in c.get("features", []) if (f.get("geometry") or {}).get("type")
                                        in ("Polygon", "MultiPolygon")))
    main = collections[0]
    extra_points: dict[str, tuple[float, float]] = {}
    for other in collections[1:]:
        for f in other.get("features", []):
            props = f.get("properties") or {}
            nm, lat, lon = _first(props, fm.name), _first(props, fm.lat), _first(props, fm.lon)
            if nm and lat is not None and lon is not None:
                extra_points.setdefault(N.base(str(nm)).replace(" new", ""), (float(lat), float(lon)))
    extra_alts: dict[str, list[str]] = defaultdict(list)
    for table in name_lists:
        for rec in table.values():
            if not isinstance(rec, dict):
                continue
            nm = _first(rec, ["original_name", *fm.name])
            if nm:
                extra_alts[N.base(str(nm))].extend(_alts(rec, ["original_name_a", *fm.alt]))
    seen: dict[str, Entry] = {}
    for n, f in enumerate(main.get("features", [])):
        props = dict(f.get("properties") or {})
        nm = _first(props, fm.name)
        if nm and _first(props, fm.lat) is None and N.base(str(nm)) in extra_points:
            props["latitude"], props["longitude"] = extra_points[N.base(str(nm))]
        e = _feature_entry(props, f.get("geometry"), fm, source, n, report)
        if e is None:
            continue
        e.alt_names.extend(extra_alts.get(N.base(e.name), []))
        key = N.base(e.name)
        if key in seen:  # the same place split over several features: keep one, note the duplicate
            report.skip("duplicate feature name")
            continue
        seen[key] = e
        report.entries.append(e)
    return report


def read_csv(path: Path, fm: FieldMap, source: str) -> LoadReport:
    report = LoadReport()
    with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
        for n, row in enumerate(csv.DictReader(fh)):
            geometry = None
            wkt_or_json = row.get("geometry") or row.get("geojson")
            if wkt_or_json and wkt_or_json.strip().startswith("{"):
                try:
                    geometry = json.loads(wkt_or_json)
                except ValueError:
                    geometry = None
            e = _feature_entry(row, geometry, fm, source, n, report)
            if e is not None:
                report.entries.append(e)
    return report


def attach_to_cities(entries: list[Entry], places: list[Entry], max_km: float = 12.0) -> None:
    """Give sub-city entries without admin fields the city, admin1 and country they lie in.

    A small polygon (or point) within ``max_km`` of a large populated place is a
    neighbourhood of it; the nearest such place (by distance over log population)
    is its city. Entries that already name a parent or admin1 are left as they are.
    """
    big = [p for p in places if p.level == PLACE and p.population >= 100_000 and p.latitude is not None]
    for e in entries:
        if e.parent or e.admin1 or e.latitude is None:
            continue
        if e.polygon and area_km2(e.polygon) > 100:
            continue
        best, best_d = None, max_km
        for p in big:
            if abs(p.latitude - e.latitude) > 0.2 or abs(p.longitude - e.longitude) > 0.3:
                continue
            d = haversine_km(e.latitude, e.longitude, p.latitude, p.longitude)
            if d < best_d:
                best, best_d = p, d
        if best is None:
            continue
        e.parent = best.name
        e.admin1 = e.admin1 or best.admin1
        e.admin2 = e.admin2 or best.admin2
        e.country_code = e.country_code or best.country_code
        if e.level == PLACE and not e.feature_code:
            e.level, e.feature_code = NEIGHBOURHOOD, "PPLX"


# -- ACLED exports -------------------------------------------------------------------------
def read_acled(path: Path, source: str, rows: list[dict[str, str]] | None = None) -> LoadReport:
    """Entries from the coded locations of an ACLED export (any column order, ACLED column names)."""
    report = LoadReport()
    if rows is None:
        with path.open(encoding="utf-8-sig", errors="replace", newline="") as fh:
            rows = list(csv.DictReader(fh))
    if rows and not {"location", "latitude", "longitude"} <= set(rows[0]):
        raise FrontlinesError(f"{path}: not an ACLED export (needs location, latitude, longitude columns)")
    from frontlines.geo.geocoder import country_code

    points: dict[tuple, list[tuple[float, float, int]]] = defaultdict(list)
    for row in rows:
        try:
            lat, lon = float(row["latitude"]), float(row["longitude"])
        except (TypeError, ValueError, KeyError):
            report.skip("bad coordinates")
            continue
        loc = (row.get("location") or "").strip()
        if not loc:
            report.skip("no location")
            continue
        try:
            prec = int(row.get("geo_precision") or 1)
        except ValueError:
            prec = 1
        key = (row.get("country", "").strip(), row.get("admin1", "").strip(), row.get("admin2", "").strip(),
               row.get("admin3", "").strip(), loc)
        points[key].append((lat, lon, prec))
    # "Aleppo - Hanano" is a district of a city the export also codes on its own; "Omar - Omar Ushaghi"
    # or "Surka - Sorke" is one village under two names (ACLED's Syria data writes both), and reports
    # use either: a first part the export never codes alone is also a name of the place.
    standalone = {(country, N.base(loc)) for (country, _, _, _, loc) in points if " - " not in loc}
    regions: dict[tuple, list[tuple[float, float]]] = defaultdict(list)
    for (country, a1, a2, a3, loc), pts in points.items():
        cc = country_code(country) if country else None
        lat = statistics.median(p[0] for p in pts)
        lon = statistics.median(p[1] for p in pts)
        parent, name = (loc.split(" - ", 1) + [""])[:2] if " - " in loc else (None, loc)
        level = NEIGHBOURHOOD if parent else PLACE
        alts = [name] if parent else []
        if parent and (country, N.base(parent)) not in standalone:
            alts.append(parent)
        report.entries.append(Entry(
            entry_id=f"{source}:{cc or country}:{N.base(loc)}:{N.base(a1)}:{N.base(a2)}", name=loc if not parent
            else name, source=source, feature_class="P", feature_code="PPLX" if parent else "PPL", level=level,
            country_code=cc, admin1=a1 or None, admin2=a2 or None, admin3=a3 or None, parent=parent,
            latitude=lat, longitude=lon, population=0, alt_names=alts + ([loc] if parent else []),
        ))
        for lvl, region in ((ADMIN1, (a1,)), (ADMIN2, (a1, a2)), (ADMIN3, (a1, a2, a3))):
            if region[-1]:
                regions[(cc or country, lvl, region)].append((lat, lon))
    for (cc, lvl, region), pts in regions.items():
        name = region[-1]
        report.entries.append(Entry(
            entry_id=f"{source}:{cc}:adm{lvl}:{':'.join(N.base(r) for r in region)}", name=name, source=source,
            feature_class="A", feature_code=f"ADM{lvl}", level=lvl, country_code=cc, admin1=region[0],
            admin2=region[1] if lvl >= ADMIN2 else None, admin3=region[2] if lvl >= ADMIN3 else None,
            latitude=statistics.median(p[0] for p in pts), longitude=statistics.median(p[1] for p in pts),
        ))
    return report


__all__ = [
    "GEONAMES_COLUMNS", "FieldMap", "LoadReport", "SPOT", "attach_to_cities", "read_acled",
    "read_alternate_names", "read_csv", "read_geojson", "read_geonames", "sniff_format",
]
