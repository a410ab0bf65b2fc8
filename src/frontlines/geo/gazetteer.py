"""In-memory gazetteer layers: entries plus the name index the geocoder queries.

A ``Gazetteer`` is one layer (the embedded default, or everything a user loaded
into a store). Candidates come from an index, never from a scan of the names:

* ``base`` keys (folded, article-free) and ``skeleton`` keys (consonant classes,
  see ``names``) are 64-bit hashes in sorted numpy arrays, looked up with
  ``searchsorted``; per-token skeletons give partial matches ("Hanano" for
  "Hanano district");
* a trigram index over the distinct skeletons (CSR numpy arrays) gives the
  fuzzy candidates when nothing matches a key exactly.

Each name's ``base`` key is stored too (UTF-8, packed, with offsets), so scoring a
candidate compares two stored keys instead of re-normalising the candidate's name:
that re-normalisation was most of the cost of an uncached lookup. A token posting
is kept only where the name's other words are generic ("Hanano district", "Hay
Hanano"): a partial match beside another real word ("Hanano Barrack") can never
be a confident match, so indexing it only cost scoring time.

Arrays rather than dicts keep a million-entry GeoNames dump within memory.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from frontlines.geo import names as N

# Hierarchy levels: country > admin1 > admin2 > admin3 > populated place > neighbourhood > spot.
COUNTRY, ADMIN1, ADMIN2, ADMIN3, PLACE, NEIGHBOURHOOD, SPOT = range(7)
LEVEL_NAMES = ["country", "admin1", "admin2", "admin3", "populated place", "neighbourhood", "spot"]

# Words that may follow or precede a name without changing the place: "Hanano district".
GENERIC_WORDS = frozenset({
    "district", "districts", "neighbourhood", "neighborhood", "quarter", "city", "town", "village", "camp", "area",
    "municipality", "subdistrict", "sub", "hay", "hayy", "madinat", "qaryat", "i", "ii", "iii", "iv", "v",
    "حي", "مدينه", "قريه", "منطقه", "governorate", "province", "muhafazat", "region", "old", "the",
    # Terrain and installation words: a report names "Jarah valley" or "Mas camp" where a gazetteer has
    # "Wadi al Jarah" or "Mas Military Camp". Not "jabal": Jabal Badro is a district, not a hill of Badro.
    "wadi", "valley", "hill", "hills", "mountain", "mountains", "military", "base", "airbase",
    "airport", "checkpoint",
})


def level_of(feature_class: str | None, feature_code: str | None) -> int:
    """Hierarchy level from GeoNames feature class/code (the codes ACLED-style data uses too)."""
    code = (feature_code or "").upper()
    fc = (feature_class or "").upper()
    if code.startswith("PCL") or code in ("TERR", "ZN"):
        return COUNTRY
    if code == "ADM1" or code == "ADM1H":
        return ADMIN1
    if code in ("ADM2", "ADM2H"):
        return ADMIN2
    if code.startswith("ADM3") or code.startswith("ADM4") or code.startswith("ADM5") or code == "ADMD":
        return ADMIN3
    if code in ("PPLX", "PPLQ") or code.startswith("NBHD"):
        return NEIGHBOURHOOD
    if fc == "P" or code.startswith("PPL"):
        return PLACE
    if fc == "A":
        return ADMIN3
    return SPOT


@dataclass(slots=True)
class Entry:
    """One gazetteer place. ``parent`` is the containing city of a neighbourhood or spot."""

    entry_id: str
    name: str
    source: str
    feature_class: str | None = None
    feature_code: str | None = None
    level: int = PLACE
    country_code: str | None = None
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    parent: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    polygon: Any = None  # GeoJSON geometry dict, kept for point-in-polygon
    alt_names: list[str] = field(default_factory=list)

    def all_names(self) -> list[str]:
        seen: dict[str, None] = {self.name: None}
        for n in self.alt_names:
            seen.setdefault(n, None)
        return list(seen)


def stable_hash(key: str) -> int:
    """A 63-bit hash that is the same in every process, so indexes can be cached.

    Two CRC-32s (of the key and of the key reversed) are fast C calls; a rare
    collision only adds a candidate that then fails name scoring.
    """
    b = key.encode("utf-8")
    return (zlib.crc32(b) << 31) ^ zlib.crc32(b[::-1])


def _usable(name: str) -> bool:
    # IATA-like codes ("ALP") and one-letter names only make false matches.
    stripped = name.strip()
    if len(stripped) < 2:
        return False
    return not (len(stripped) <= 3 and stripped.isupper() and stripped.isascii())


def partial_keys(base: str) -> set[str]:
    """Token skeletons under which a multi-word name is found by a partial query.

    Only a token whose companions are all generic words qualifies: "Hanano" finds
    "Hanano district" but not "Hanano Barrack", which the geocoder would score
    below confidence anyway.
    """
    words = base.split()
    skels = [N.keys(w)[1] for w in words]
    out: set[str] = set()
    for sk in set(skels):
        if len(sk) >= 2 and all(w in GENERIC_WORDS for w, s in zip(words, skels, strict=True) if s != sk):
            out.add(sk)
    return out


class _KeyIndex:
    """Sorted hash -> entry postings; ``get`` is a binary search."""

    def __init__(self, hashes: list[int], ids: list[int]):
        h = np.asarray(hashes, dtype=np.int64)
        i = np.asarray(ids, dtype=np.int32)
        order = np.argsort(h, kind="stable")
        self.h = h[order]
        self.i = i[order]

    def get(self, key: str) -> np.ndarray:
        if not key:
            return self.i[:0]
        k = stable_hash(key)
        lo = np.searchsorted(self.h, k, side="left")
        hi = np.searchsorted(self.h, k, side="right")
        return self.i[lo:hi]


class _TrigramIndex:
    """Trigram -> skeleton-key postings (CSR), for fuzzy candidates without scanning."""

    def __init__(self, keys: list[str]):
        self.keys = keys
        grams: list[int] = []
        owners: list[int] = []
        for k_id, key in enumerate(keys):
            for g in N.trigrams(key):
                grams.append(stable_hash(g))
                owners.append(k_id)
        g = np.asarray(grams, dtype=np.int64)
        o = np.asarray(owners, dtype=np.int32)
        order = np.argsort(g, kind="stable")
        self.g = g[order]
        self.o = o[order]
        self.sizes = np.bincount(o, minlength=len(keys)).astype(np.int32)

    def similar(self, key: str, limit: int = 50, min_share: float = 0.5) -> list[str]:
        grams = N.trigrams(key)
        parts = []
        for gram in grams:
            h = stable_hash(gram)
            lo = np.searchsorted(self.g, h, side="left")
            hi = np.searchsorted(self.g, h, side="right")
            if hi - lo > 200_000:  # a gram shared by everything says nothing
                continue
            parts.append(self.o[lo:hi])
        if not parts:
            return []
        ids, counts = np.unique(np.concatenate(parts), return_counts=True)
        # Dice coefficient on trigram sets.
        dice = 2 * counts / (len(grams) + self.sizes[ids])
        keep = dice >= min_share
        ids, dice = ids[keep], dice[keep]
        top = ids[np.argsort(-dice, kind="stable")[:limit]]
        return [self.keys[i] for i in top]


class Gazetteer:
    """One layer of places with its name index. Build with ``Gazetteer(entries)``.

    Index postings point at *names* (``names[i]`` belongs to ``entries[name_entry[i]]``),
    so scoring a candidate compares the query with the one name that matched, not
    with every alternate name of the place.
    """

    MAX_SKELETON_POSTINGS = 3000  # a 2-consonant skeleton shared by thousands of names is no evidence

    def __init__(self, entries: Iterable[Entry], name: str = "gazetteer"):
        self.name = name
        self.entries: list[Entry] = list(entries)
        self.names: list[str] = []
        owner: list[int] = []
        base_h: list[int] = []
        base_i: list[int] = []
        skel_h: list[int] = []
        skel_i: list[int] = []
        tok_h: list[int] = []
        tok_i: list[int] = []
        skeletons: dict[str, None] = {}
        bases = bytearray()
        offsets: list[int] = [0]
        arabic: list[bool] = []
        for idx, e in enumerate(self.entries):
            seen: set[str] = set()
            for nm in e.all_names():
                if not _usable(nm) or nm in seen:
                    continue
                seen.add(nm)
                b, sk, toks = N.keys(nm)
                if not b:
                    continue
                nid = len(self.names)
                self.names.append(nm)
                owner.append(idx)
                bases += b.encode("utf-8")
                offsets.append(len(bases))
                arabic.append(N.is_arabic(nm))
                base_h.append(stable_hash(b))
                base_i.append(nid)
                if len(sk) >= 2:
                    skel_h.append(stable_hash(sk))
                    skel_i.append(nid)
                    skeletons[sk] = None
                if len(toks) > 1:
                    for t in partial_keys(b):
                        tok_h.append(stable_hash(t))
                        tok_i.append(nid)
        self.name_entry = np.asarray(owner, dtype=np.int32)
        self._bases = bytes(bases)
        self._base_at = np.asarray(offsets, dtype=np.int64)
        self.name_arabic = np.asarray(arabic, dtype=bool)
        self._base = _KeyIndex(base_h, base_i)
        self._skel = _KeyIndex(skel_h, skel_i)
        self._tok = _KeyIndex(tok_h, tok_i)
        self._tri = _TrigramIndex(list(skeletons))

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def base_of(self, name_id: int) -> str:
        """The stored ``base`` key of a name (what ``names.base`` gives, without recomputing it)."""
        return self._bases[self._base_at[name_id]:self._base_at[name_id + 1]].decode("utf-8")

    def name_keys(self, name_ids) -> tuple[list[str], list[bool]]:
        """The ``base`` key and the Arabic-script flag of each name id, read from the arrays in one pass.

        WHY: a first-seen name has ~180 candidate names; reading them one numpy scalar at a time
        (``base_of``, ``name_arabic[i]``) cost more than scoring them.
        """
        ids = np.fromiter(name_ids, dtype=np.int64)
        raw = self._bases
        bases = [raw[s:e].decode("utf-8") for s, e in zip(self._base_at[ids].tolist(),
                                                            self._base_at[ids + 1].tolist(), strict=True)]
        return bases, self.name_arabic[ids].tolist()

    def entry_of(self, name_id: int) -> Entry:
        return self.entries[int(self.name_entry[name_id])]

    def by_base(self, name: str) -> list[Entry]:
        return [self.entry_of(i) for i in self._base.get(N.base(name))]

    def similar_skeletons(self, skel: str, limit: int = 30) -> list[str]:
        return self._tri.similar(skel, limit=limit)

    def candidates(self, name: str) -> dict[int, str]:
        """Name ids that could be ``name``, each with how it was found (exact first)."""
        found: dict[int, str] = {}
        for i in self._base.get(N.base(name)):
            found.setdefault(int(i), "exact")
        _, skel, _ = N.keys(name)
        if len(skel) >= 2:
            hits = self._skel.get(skel)
            if len(hits) <= self.MAX_SKELETON_POSTINGS or len(skel) >= 4:
                for i in hits:
                    found.setdefault(int(i), "skeleton")
            hits = self._tok.get(skel)
            if len(hits) <= self.MAX_SKELETON_POSTINGS or len(skel) >= 4:
                for i in hits:
                    found.setdefault(int(i), "partial")
            if not found and len(skel) >= 4:
                for key in self._tri.similar(skel, limit=20):
                    for i in self._skel.get(key):
                        found.setdefault(int(i), "fuzzy")
        return found


__all__ = [
    "ADMIN1", "ADMIN2", "ADMIN3", "COUNTRY", "LEVEL_NAMES", "NEIGHBOURHOOD", "PLACE", "SPOT",
    "GENERIC_WORDS", "Entry", "Gazetteer", "level_of", "partial_keys", "stable_hash",
]
