"""Place words and gazetteer lookups for the place finder: prepositions, settlement and region nouns, and the
cached questions it asks the gazetteer ("is this a known town?").

WHY at the bottom: every later step of place finding (name spans, the event place's
choice, the finder itself) asks these questions, and ``use_geocoder`` must clear
every cache that depends on the gazetteer in one place.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover

    from frontlines.geo import Geocoder


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


# The small models call Aleppo a LANGUAGE or NORP now and then; only number-like labels rule a chunk out.
NOT_PLACE_LABELS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT", "QUANTITY"})


LOCATIVE_PREPS = frozenset({"in", "at", "near", "on", "into", "inside", "outside", "around", "across", "within",
                            "throughout", "toward", "towards", "through", "along", "off", "beyond", "nearby",
                            "outskirts", "between", "over", "to", "from", "of", "including"})


STRONG_PREPS = frozenset({"in", "at", "near", "on", "into", "inside", "outside", "around", "within", "across",
                          "throughout", "off", "nearby"})


CAPTURE_VERBS = frozenset({
    "take", "capture", "seize", "recapture", "retake", "storm", "enter", "overrun", "liberate", "control",
    "besiege", "shell", "bomb", "strike", "hit", "attack", "raid", "target", "reach", "occupy", "encircle",
    "surround", "clear", "free", "regain", "lose", "evacuate", "invade", "bombard", "pound", "assault", "siege",
    "secure", "recover", "fall", "cross", "rock", "shake",
})


REPORT_VERBS = frozenset({
    "say", "tell", "announce", "report", "claim", "state", "add", "deny", "confirm", "declare", "note", "write",
    "quote", "insist", "warn", "explain", "accuse", "speak", "comment", "brief", "tweet", "post",
})


REGION_NOUNS = frozenset({"countryside", "outskirts", "suburbs", "suburb", "province", "governorate", "region",
                          "vicinity", "environs", "hinterland", "desert", "outskirt", "edge", "edges", "countrysides"})


DIRECTION_WORDS = frozenset({"north", "south", "east", "west", "northern", "southern", "eastern", "western",
                             "northeast", "northwest", "southeast", "southwest", "northeastern", "northwestern",
                             "southeastern", "southwestern", "central", "rural"})


NEAR_PREPS = frozenset({"near", "outside", "around", "nearby"})


TERRITORY_VERBS = frozenset({"take", "capture", "seize", "recapture", "retake", "storm", "enter", "overrun",
                             "liberate", "besiege", "encircle", "surround", "regain", "occupy", "control", "hold"})


PLACE_NOUNS = frozenset({"town", "city", "village", "district", "neighbourhood", "neighborhood", "area", "camp",
                         "province", "governorate", "region", "suburb", "quarter", "municipality", "capital",
                         "outskirts", "countryside", "hamlet", "settlement", "county", "state", "border", "port",
                         "airport", "base", "checkpoint", "crossing", "square", "street", "road", "highway",
                         "market", "mosque", "hospital", "school", "prison", "island", "valley", "mountain",
                         "hill", "strip", "enclave", "pocket", "countrysides", "subdistrict", "community",
                         "locality", "headquarters", "embassy", "consulate", "office", "building", "compound",
                         "hotel", "university", "museum", "palace", "parliament", "stadium", "church", "refinery",
                         "commune", "coastline", "outpost", "garrison", "neighbourhoods", "suburbs", "site",
                         "sites", "front", "coast", "coasts", "axis", "farm", "farms", "plain", "plains", "dam",
                         "oilfield", "field", "fields", "areas", "villages", "towns", "hills", "mountains"})


FACILITY_NOUNS = frozenset({"street", "road", "square", "hospital", "school", "mosque", "market", "souk", "museum",
                            "university", "airport", "base", "bridge", "roundabout", "junction", "checkpoint",
                            "church", "stadium", "hotel", "prison", "highway", "crossing", "gate", "station"})


# The level a noun names, to tell container from contained in "the X <noun> of Y".
NOUN_LEVEL = {"country": 0, "province": 1, "governorate": 1, "state": 1, "region": 1, "county": 2,
              "district": 5, "subdistrict": 3, "city": 4, "town": 4, "village": 4, "capital": 4, "hamlet": 4,
              "neighbourhood": 5, "neighborhood": 5, "quarter": 5, "suburb": 5, "camp": 5, "commune": 3, "area": 5,
              "municipality": 3, "locality": 4}


# First words that make a proper-noun chunk a place name whatever spaCy's label: "Jabal Badro", "Tal Rifaat".
PLACE_PREFIXES = frozenset({"jabal", "jebel", "jabel", "jbel", "tal", "tell", "tel", "deir", "dayr", "kafr", "kfar",
                            "ain", "ayn", "ein", "khan", "bab", "ras", "wadi", "beit", "bayt", "khirbet", "khirbat",
                            "qasr", "marj", "tall", "umm", "mount", "lake", "camp", "fort"})


_NOT_PLACES = frozenset({
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december", "god", "allah",
    "ramadan", "eid", "today", "yesterday", "tomorrow", "president", "minister", "army", "police", "state",
    "government", "ministry", "council", "un", "news", "agency", "reuters", "ap", "afp",
})




_GEOCODER: Geocoder | None = None


# Arabic articles inside a name, written lower case: "Ma'arrat an-Nu'man", "Deir ez-Zor".
_ARTICLES = frozenset({"al", "el", "ez", "ad", "ash", "an", "as", "at", "az", "ar", "ed", "es", "er", "en", "ath",
                       "adh"})


def use_geocoder(geocoder: Geocoder | None) -> None:
    """Set the gazetteer the matcher consults (e.g. one with a user's neighbourhoods loaded)."""
    global _GEOCODER
    _GEOCODER = geocoder
    _known.cache_clear()
    _known_town.cache_clear()
    _major_place.cache_clear()
    parse_name.cache_clear()
    _countries_of.cache_clear()
    _fits.cache_clear()
    for clear in CACHE_CLEARS:
        clear()


# Caches of the modules built on this one (registered there): a new gazetteer empties them too.
CACHE_CLEARS: list = []


@lru_cache(maxsize=1)
def default_geocoder() -> Geocoder:
    """The shipped gazetteer alone: what the matcher consults when the caller gives no gazetteer.

    One instance per process (the shipped layer never changes), so its lookups are cached across runs.
    """
    from frontlines.geo import Geocoder

    return Geocoder()


def _geocoder() -> Geocoder:
    global _GEOCODER
    if _GEOCODER is None:
        _GEOCODER = default_geocoder()
    return _GEOCODER


@lru_cache(maxsize=100_000)
def _known(text: str, strict: bool) -> bool:
    """True when the gazetteer has a confident entry for ``text`` (strict: exact name, user layer or big place)."""
    if not text or text.lower() in _NOT_PLACES or len(text) < 3:
        return False
    cands = _geocoder().lookup(parse_name(text), limit=5)
    if not cands:
        return False
    if not strict:
        return cands[0].match == "exact" or cands[0].name_score >= 0.9
    # Outside a locative position only a layer the user loaded (their districts, their ACLED places) counts.
    return any(c.match in ("exact", "skeleton") and c.entry.source != "default" for c in cands)


@lru_cache(maxsize=100_000)
def _known_town(text: str) -> bool:
    """True when the gazetteer's best reading is an exact-name town, region or country.

    The small NER models call many towns persons ("downtown Calais", "Jaffna was
    captured"); in a locative slot a name that is a real town is a place.
    """
    from frontlines.geo.gazetteer import ADMIN1, PLACE

    e = _exact_entry(text, 3)
    return e is not None and (e.level <= ADMIN1 or (e.level == PLACE and e.population >= 1000)
                              or e.source != "default")


def _exact_entry(text: str, min_len: int):
    """The gazetteer's best reading of a name when it is an exact-name match, else None."""
    if not text or text.lower() in _NOT_PLACES or len(text) < min_len:
        return None
    cands = _geocoder().lookup(parse_name(text), limit=3)
    return cands[0].entry if cands and cands[0].match == "exact" else None


@lru_cache(maxsize=100_000)
def _major_place(text: str) -> bool:
    """An exact-name country, region or city of 100,000+: a place in any slot ("Aleppo bomb blast kills
    six", a headline whose "Aleppo" the NER model leaves untagged)."""
    from frontlines.geo.gazetteer import ADMIN1, PLACE

    e = _exact_entry(text, 4)
    return e is not None and (e.level <= ADMIN1 or (e.level == PLACE and e.population >= 100_000))


@lru_cache(maxsize=100_000)
def parse_name(text: str) -> str:
    """The place name inside a mention: extent words and headline words ("Syrias", "State") removed.

    A capitalised direction word may begin the name itself ("Western Ghariyeh", "Southern Mazzar"): the
    whole name is kept when the gazetteer knows it exactly.
    """
    from frontlines.geo.geocoder import _strip_place_words, _trim_non_place_words, parse_phrase

    phrase = parse_phrase(text)
    if phrase.kind == "part" and text[:1].isupper():
        whole = _trim_non_place_words(_strip_place_words(text.strip()))
        cands = _geocoder().lookup(whole, limit=1)
        if cands and cands[0].match == "exact":
            return whole
    return _trim_non_place_words(phrase.name)


@lru_cache(maxsize=100_000)
def _countries_of(text: str) -> frozenset[str]:
    """Countries of a name's good readings: a short name has namesakes in many ("Jaba", "Mahmudiyah")."""
    cands = _geocoder().lookup(text, limit=10)
    return frozenset(c.entry.country_code for k, c in enumerate(cands)
                     if c.entry.country_code and (k == 0 or c.name_score >= 0.9))


_TOWN_REACH_KM = 25.0  # how far from a town's point its districts and suburbs reach


@lru_cache(maxsize=100_000)
def _fits(text: str, container_text: str) -> bool:
    """Whether a place said to lie in another can be read there: True when the gazetteer has no reading of
    it (nothing to contradict), or one of its good readings shares the container's first-level region."""
    from frontlines.geo import names as N
    from frontlines.geo.gazetteer import PLACE
    from frontlines.geo.polygon import haversine_km

    cands = [c for c in _geocoder().lookup(parse_name(text), limit=8) if c.name_score >= 0.8]
    if not cands:
        return True
    outer = _geocoder().lookup(parse_name(container_text), limit=1)
    if not outer:
        return True
    o = outer[0].entry
    # (region names compared by consonant skeleton: layers spell them apart, Idleb ~ Idlib, Hama ~ Hamah)
    regions = {N.skeleton(o.admin1 or ""), N.skeleton(o.name)} - {""}
    # in the container's first-level region, or near its point (a city's suburbs may lie in another admin1)
    return any(c.entry.country_code == o.country_code and N.skeleton(c.entry.admin1 or "") in regions
               or o.level >= PLACE and None not in (o.latitude, c.entry.latitude)
               and haversine_km(c.entry.latitude, c.entry.longitude, o.latitude, o.longitude) <= _TOWN_REACH_KM
               for c in cands)
