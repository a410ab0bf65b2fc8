"""Canonical events while fusion runs: clusters of mention features, and the block index that finds them.

The index maps (place node, day) to clusters. A cluster is registered under
every node its places lie at or under ("under") and at its exact node ("at"),
for every day its mentions may have happened on. A new mention looks up its
own locality (or region) in "under" and the coarser nodes above it in "at",
for each day of its window: so a district report finds reports of the same
district, of its city and of its governorate, and nothing else. Comparisons
happen only inside those blocks, never across all pairs.
"""

from __future__ import annotations

import hashlib
import math
from collections import Counter, defaultdict
from datetime import date

from frontlines.fusion.features import MentionFeatures, days
from frontlines.fusion.places import PlaceKey

Vec = tuple[list[int], list[float]]  # a sparse TF-IDF row: column indices and weights
NOWHERE = "\u2205"  # node for mentions without a resolved place


def canonical_id_for(founder_mention_id: str) -> str:
    """Minted once from the founding mention; stored, never recomputed."""
    return "ce" + hashlib.sha1(founder_mention_id.encode()).hexdigest()[:14]


class Cluster:
    def __init__(self, canonical_id: str, existing: bool = False):
        self.canonical_id = canonical_id
        self.existing = existing
        self.members: list[MentionFeatures] = []
        self.new_members: list[tuple[MentionFeatures, float]] = []
        self.docs: set[str] = set()
        self.places: dict[PlaceKey, set[str]] = {}
        self._sum: dict[int, float] = {}
        self._norm: float | None = None
        self._subs: Counter = Counter()
        self._types: dict[str, str] = {}
        self._actors: set[str] = set()
        self._figs: list[int] = []
        self._precise: list[date] = []
        self._ivs: list[tuple[date, date]] = []

    def add(self, m: MentionFeatures, vec: Vec | None, score: float | None = None) -> None:
        self.members.append(m)
        if score is not None:
            self.new_members.append((m, score))
        self.docs.add(m.doc_id)
        p = m.place_key
        if p is not None:
            self.places.setdefault(p, set()).add(m.doc_id)
        if vec is not None:
            for i, v in zip(*vec, strict=True):
                self._sum[i] = self._sum.get(i, 0.0) + v
            self._norm = None
        if not m.is_denial:
            self._subs[m.sub_event_type] += 1
            self._types[m.sub_event_type] = m.event_type
            iv = m.interval()
            if iv:
                self._ivs.append(iv)
                if m.time_precision == 1 and m.day:
                    self._precise.append(m.day)
        self._actors |= m.actors
        if m.fatalities:
            self._figs.append(m.fatalities)

    # -- what the scorer compares against -----------------------------------------------------
    def main_type(self) -> tuple[str, str]:
        if not self._subs:
            m = self.members[0]
            return m.event_type, m.sub_event_type
        sub = min(self._subs, key=lambda s: (-self._subs[s], s))
        return self._types[sub], sub

    def actor_names(self) -> set[str]:
        return self._actors

    def figures(self) -> list[int]:
        return self._figs

    def core_interval(self) -> tuple[date, date] | None:
        if self._precise:
            # the modal day, not the span: a next-day report may join but must not widen the window
            # for the report after it (that is how "daily strikes on Aleppo" chain into one event)
            day = min(Counter(self._precise).items(), key=lambda kv: (-kv[1], kv[0]))[0]
            return day, day
        ivs = self._ivs or [iv for iv in (m.interval() for m in self.members) if iv]
        if not ivs:
            return None
        lo, hi = max(a for a, _ in ivs), min(b for _, b in ivs)
        return (lo, hi) if lo <= hi else (min(a for a, _ in ivs), max(b for _, b in ivs))

    def text_sim(self, vec: Vec | None) -> float:
        """Cosine between a mention's TF-IDF row and the sum (direction of the centroid) of the members'."""
        if vec is None or not self._sum:
            return 0.0
        if self._norm is None:
            self._norm = math.sqrt(sum(v * v for v in self._sum.values()))
        get = self._sum.get
        dot = sum(get(i, 0.0) * v for i, v in zip(*vec, strict=True))
        return dot / self._norm if self._norm else 0.0


class BlockIndex:
    def __init__(self, slack_days: int = 1):
        self.under: dict[tuple[str, int], set[int]] = defaultdict(set)
        self.at: dict[tuple[str, int], set[int]] = defaultdict(set)
        self.slack = slack_days

    def add(self, idx: int, m: MentionFeatures) -> None:
        iv = m.interval()
        if iv is None:
            return
        p = m.place_key
        under = p.under() if p else [NOWHERE]
        exact = p.exact_node if p else NOWHERE
        for d in days(iv):
            for n in under:
                self.under[(n, d)].add(idx)
            self.at[(exact, d)].add(idx)

    def candidates(self, m: MentionFeatures) -> set[int]:
        iv = m.interval()
        if iv is None:
            return set()
        p = m.place_key
        out: set[int] = set()
        if p is None:
            for d in days(iv, self.slack):
                out |= self.at.get((NOWHERE, d), set())
            return out
        block = p.node(p.block_level)
        above = p.ancestors()
        country_only = p.level == 0
        for d in days(iv, self.slack):
            if country_only:
                out |= self.at.get((block, d), set())
            else:
                out |= self.under.get((block, d), set())
            for n in above:
                out |= self.at.get((n, d), set())
        return out
