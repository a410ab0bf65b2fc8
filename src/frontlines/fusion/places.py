"""Places as fusion sees them: a position in the admin hierarchy, and containment between two of them.

Two reports of one event rarely name the place the same way: one says
"Aleppo", another "Aleppo - Hanano", a third only the governorate. Fusion must
treat these as compatible (one contains the other) while keeping two
different districts of one city, or two towns, apart. The gazetteer already
put every resolved place in the hierarchy country > admin1 > admin2 > admin3 >
locality > district, so containment is a comparison of paths, plus polygon
containment for points that fall inside a neighbourhood the gazetteer has a
polygon for.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Literal

import numpy as np

Relation = Literal["same", "contains", "within", "sibling"]

COUNTRY, ADMIN1, ADMIN2, ADMIN3, LOCALITY, DISTRICT = range(6)


@lru_cache(maxsize=65536)
def norm(name: str | None) -> str | None:
    """Casefolded, accent-free, whitespace-collapsed: the form names are compared in."""
    if not name:
        return None
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.casefold().replace("\u2019", "'").split()) or None


@dataclass(frozen=True)
class PlaceKey:
    """A resolved place reduced to its hierarchy path (normalised names) and level."""

    country: str | None
    admin1: str | None
    admin2: str | None
    admin3: str | None
    locality: str | None
    district: str | None
    level: int

    @classmethod
    def from_location(cls, loc: dict[str, Any] | None) -> PlaceKey | None:
        """Build from a ``Location`` (as a dict). ``None`` when nothing usable was resolved."""
        if not loc or not (loc.get("location") or loc.get("country")):
            return None
        country = norm(loc.get("country")) or (str(loc["iso"]) if loc.get("iso") else None)
        a1, a2, a3 = norm(loc.get("admin1")), norm(loc.get("admin2")), norm(loc.get("admin3"))
        name = loc.get("location") or ""
        locality = district = None
        level: int
        if " - " in name:
            head, tail = name.split(" - ", 1)
            locality, district, level = norm(head), norm(tail), DISTRICT
        else:
            n = norm(name)
            is_region = loc.get("feature_class") == "A" or (loc.get("geo_precision") or 0) >= 3
            if n is None or n == country:
                level = COUNTRY
            elif is_region:
                if n == a3 and a3 not in (a1, a2):
                    level = ADMIN3
                elif n == a2 and a2 != a1:
                    level = ADMIN2
                elif n == a1:
                    level = ADMIN1
                else:
                    level = max((lv for lv, a in ((ADMIN1, a1), (ADMIN2, a2), (ADMIN3, a3)) if a), default=COUNTRY)
            else:
                locality, level = n, LOCALITY
        return cls(country, a1, a2, a3, locality, district, level)

    # Blocking nodes: deliberately coarse (country, admin1, locality, district) so that a
    # place resolved with and without admin2/admin3 still lands in the same block.
    def node(self, upto: int) -> str:
        parts = [self.country or "?"]
        if upto >= ADMIN1:
            parts.append(self.admin1 or "?")
        if upto >= LOCALITY:
            parts.append(self.locality or "?")
        if upto >= DISTRICT:
            parts.append(self.district or "?")
        return "/".join(parts)

    @property
    def block_level(self) -> int:
        """The node this place's candidates are looked up under."""
        if self.level >= LOCALITY:
            return LOCALITY
        return ADMIN1 if self.level >= ADMIN1 else COUNTRY

    @property
    def exact_node(self) -> str:
        return self.node(DISTRICT if self.level == DISTRICT else LOCALITY if self.level == LOCALITY
                         else ADMIN1 if self.level >= ADMIN1 else COUNTRY)

    def ancestors(self) -> list[str]:
        """Nodes strictly above the block node (where coarser reports of the same event sit)."""
        out = [self.node(COUNTRY)]
        if self.block_level >= LOCALITY:
            out.append(self.node(ADMIN1))
        return out if self.block_level > COUNTRY else []

    def under(self) -> list[str]:
        """Every node this place lies at or under (for the 'under' index)."""
        levels = [COUNTRY]
        if self.level >= ADMIN1:
            levels.append(ADMIN1)
        if self.level >= LOCALITY:
            levels.append(LOCALITY)
        if self.level == DISTRICT:
            levels.append(DISTRICT)
        return [self.node(lv) for lv in levels]

    @property
    def key(self) -> str:
        """A readable, stable identifier for the place (used by the control timeline)."""
        tail = [a for a in (self.admin2, self.admin3) if a and self.level in (ADMIN2, ADMIN3)]
        return "/".join([self.exact_node, *tail])

    def to_json(self) -> list:
        return [self.country, self.admin1, self.admin2, self.admin3, self.locality, self.district, self.level]

    @classmethod
    def from_json(cls, data: list | None) -> PlaceKey | None:
        return cls(*data) if data else None


# Words that say what kind of place a district is, not which one ("Masaken Hanano" is Hanano's
# housing blocks, "Hay al-Sukkari" the Sukkari quarter).
_DISTRICT_WORDS = frozenset({"masaken", "mskn", "hay", "hayy", "hai", "harat", "haret", "hara", "district",
                             "neighbourhood", "neighborhood", "quarter", "area", "sector", "suburb"})


# Skeletons of the title words many place names start with (Sheikh, Jabal, Kafr, Tal, Deir, Bab,
# Abu, Ain, Beit, Karm, Bustan, Ras).
_PREFIX_SKELETONS = frozenset({"sk", "jbl", "kfr", "tl", "dr", "bb", "b", "n", "bt", "krm", "bstn", "rs"})


@lru_cache(maxsize=65536)
def _district_tokens(name: str) -> frozenset[str]:
    from frontlines.geo.names import token_skeletons, tokens

    kept = " ".join(t for t in tokens(name) if t not in _DISTRICT_WORDS)
    return frozenset(token_skeletons(kept or name))


def same_district(a: str | None, b: str | None) -> bool:
    """Two spellings of one district: equal, or one's name words (as transliteration skeletons,
    generic words like "Masaken" dropped) all among the other's ("Sheikh Saeed" ~ "Sheikh Said",
    "al-Hullok" ~ "Hellok", "Masaken Hanano" ~ "Hanano")."""
    if a == b:
        return True
    if not a or not b:
        return False
    x, y = _district_tokens(a), _district_tokens(b)
    small = x if len(x) <= len(y) else y
    # a shared name word must say which place: "Sheikh", "Jabal", "Kafr" alone do not
    return bool(small - _PREFIX_SKELETONS) and (x <= y or y <= x)


_ARTICLE = re.compile(r"^(?:[ae][lnrsdtz]|[ae]sh)[-\u2019']")


def named_subplace(written: str | None, loc: dict[str, Any] | None) -> str | None:
    """The written name of a place the gazetteer could only put in its town (geo_precision 2).

    Without a neighbourhood gazetteer "Sheikh Said" resolves to Aleppo, which is
    honest for the coordinates but too coarse to tell two districts' events, or
    two districts' control, apart. The name as written still tells them apart; it is
    kept beside the town, never turned into coordinates.
    """
    fc = str((loc or {}).get("feature_class") or "P")
    if not written or not loc or loc.get("geo_precision") != 2 or not (fc == "P" or fc.startswith("PPL")):
        return None
    town = norm(loc.get("location"))
    name = norm(written)
    if not town or not name or " - " in (loc.get("location") or "") or town in name or name in town:
        return None
    first = _ARTICLE.sub("", written.strip())[:1]  # "al-Rashidin" is a name; "the city" is not
    if not (first.isupper() or "\u0600" <= first <= "\u06ff"):
        return None  # "the city", "eastern edge of it": not a name
    return name


def place_name(loc: dict[str, Any] | None) -> str | None:
    """How a resolved place is shown: the ACLED location, with the written district name when the
    gazetteer could only place it in its town ("Sheikh Said (Aleppo)")."""
    if not loc:
        return None
    sub = loc.get("named_place")
    return f"{sub} ({loc.get('location')})" if sub else loc.get("location")


def _admin(p: PlaceKey, level: int) -> str | None:
    return {COUNTRY: p.country, ADMIN1: p.admin1, ADMIN2: p.admin2, ADMIN3: p.admin3}[level]


def relation(a: PlaceKey, b: PlaceKey) -> Relation | None:
    """How place ``a`` stands to place ``b``: same, contains, within, sibling district, or unrelated (None).

    Admin names are compared only where both sides have them, so a place
    resolved without admin2 is not set apart from the same place with it.
    """
    for lv in (COUNTRY, ADMIN1, ADMIN2, ADMIN3):
        x, y = _admin(a, lv), _admin(b, lv)
        if x and y and x != y:
            return None
    if a.level >= LOCALITY and b.level >= LOCALITY:
        if a.locality != b.locality:
            return None
        if same_district(a.district, b.district):
            return "same"
        if a.district is None:
            return "contains"
        if b.district is None:
            return "within"
        return "sibling"
    if a.level >= LOCALITY:
        # b is a region that a falls in (admins matched where known)
        return "within" if _region_holds(b, a) else None
    if b.level >= LOCALITY:
        return "contains" if _region_holds(a, b) else None
    if a.level == b.level:
        return "same" if all(_admin(a, lv) == _admin(b, lv) for lv in range(a.level + 1)) else None
    if a.level < b.level:
        return "contains" if _region_holds(a, b) else None
    return "within" if _region_holds(b, a) else None


def _region_holds(region: PlaceKey, place: PlaceKey) -> bool:
    """A region holds a place when the place's admin name at the region's level is the region's."""
    for lv in range(COUNTRY, min(region.level, ADMIN3) + 1):
        r, p = _admin(region, lv), _admin(place, lv)
        if r and not p and lv == region.level:
            return False  # the place does not say it is in this region: do not assume
        if r and p and r != p:
            return False
    return True


# -- polygons --------------------------------------------------------------------------------------

@dataclass
class Polygon:
    """A neighbourhood polygon from the gazetteer (rings as numpy arrays of lon, lat)."""

    entry_id: str
    name: str
    locality: str | None
    geometry: dict[str, Any]
    rings: list[np.ndarray]
    bbox: tuple[float, float, float, float]

    def contains(self, lon: float, lat: float) -> bool:
        x0, y0, x1, y1 = self.bbox
        if not (x0 <= lon <= x1 and y0 <= lat <= y1):
            return False
        inside = False
        for ring in self.rings:  # even-odd over all rings handles holes and multipolygons
            if _ray_cast(ring, lon, lat):
                inside = not inside
        return inside


def _ray_cast(ring: np.ndarray, x: float, y: float) -> bool:
    xs, ys = ring[:, 0], ring[:, 1]
    xj, yj = np.roll(xs, 1), np.roll(ys, 1)
    crosses = (ys > y) != (yj > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        xint = (xj - xs) * (y - ys) / (yj - ys) + xs
    return bool(np.count_nonzero(crosses & (x < xint)) % 2)


def _rings(geometry: dict[str, Any]) -> list[np.ndarray]:
    kind, coords = geometry.get("type"), geometry.get("coordinates") or []
    polys = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    return [np.asarray(ring, dtype=float)[:, :2] for poly in polys for ring in poly if len(ring) >= 3]


class PolygonIndex:
    """Neighbourhood polygons by name, and point-in-polygon lookup by bounding box then ray casting."""

    def __init__(self, polygons: list[Polygon] | None = None):
        self.polygons = polygons or []
        self.by_name: dict[str, Polygon] = {}
        for p in self.polygons:
            self.by_name.setdefault(norm(p.name) or "", p)

    @classmethod
    def from_store(cls, store) -> PolygonIndex:
        """Polygons the gazetteer holds (``gazetteer_entries.polygon``); empty when none are loaded."""
        try:
            rows = store.con.execute(
                # ``parent`` is an entry id or, for attached neighbourhoods, the city's name
                "SELECT e.entry_id, e.name, coalesce(p.name, e.parent), e.polygon FROM gazetteer_entries e"
                " LEFT JOIN gazetteer_entries p ON p.entry_id = e.parent WHERE e.polygon IS NOT NULL"
            ).fetchall()
        except Exception:  # gazetteer tables absent in an older store: no polygons, not an error
            return cls()
        polys = []
        for entry_id, name, parent, geom in rows:
            geometry = json.loads(geom) if isinstance(geom, str) else geom
            if isinstance(geometry, dict) and geometry.get("type") == "Feature":
                geometry = geometry.get("geometry") or {}
            rings = _rings(geometry or {})
            if not rings:
                continue
            allpts = np.vstack(rings)
            bbox = (allpts[:, 0].min(), allpts[:, 1].min(), allpts[:, 0].max(), allpts[:, 1].max())
            polys.append(Polygon(entry_id, name, norm(parent), geometry, rings, bbox))
        return cls(polys)

    def __bool__(self) -> bool:
        return bool(self.polygons)

    def locate(self, lon: float | None, lat: float | None) -> Polygon | None:
        if lon is None or lat is None:
            return None
        return next((p for p in self.polygons if p.contains(lon, lat)), None)

    def geometry_for(self, place: PlaceKey | None, gazetteer_id: str | None = None) -> dict | None:
        if gazetteer_id:
            hit = next((p for p in self.polygons if p.entry_id == gazetteer_id), None)
            if hit:
                return hit.geometry
        if place and place.district:
            hit = self.by_name.get(place.district)
            if hit and (hit.locality is None or hit.locality == place.locality):
                return hit.geometry
        return None

    def rehome(self, place: PlaceKey | None, lon: float | None, lat: float | None) -> PlaceKey | None:
        """A locality whose point lies inside a city's neighbourhood polygon is that neighbourhood.

        Gazetteers list many neighbourhoods as separate populated places; the
        polygon puts them back under their city, so a report naming "Sheikh
        Maqsoud" and one naming "Aleppo - Sheikh Maqsoud" meet in one block.
        """
        if not self or place is None or place.level != LOCALITY:
            return place
        poly = self.locate(lon, lat)
        if poly is None or poly.locality is None or poly.locality == place.locality:
            return place
        return PlaceKey(place.country, place.admin1, place.admin2, place.admin3,
                        poly.locality, norm(poly.name), DISTRICT)
