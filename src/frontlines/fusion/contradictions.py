"""Disagreements inside one canonical event, as records linking the mentions that disagree.

Nothing is averaged away: a capture one side claims and the other denies or
says it repelled, fatality or displacement figures whose ranges do not meet,
different perpetrators, different days, different districts. Each kind gives
at most one record per canonical event, with every side's value, mentions and
sources, so the record id is stable while new reports extend it.
"""

from __future__ import annotations

import hashlib
import math
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from typing import Any

from frontlines.fusion.consensus import REPELLED, CanonicalEvent, Figure, disputes
from frontlines.fusion.features import MentionFeatures
from frontlines.fusion.places import PlaceKey, place_name, relation

# How far apart two figures may be and still be one figure reported twice.
REL_TOLERANCE = 0.2
ABS_TOLERANCE = 2


@dataclass
class Side:
    value: Any
    mention_ids: list[str] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    claimants: list[str] = field(default_factory=list)
    raw: list[str] = field(default_factory=list)


@dataclass
class Contradiction:
    contradiction_id: str
    canonical_id: str
    kind: str  # capture_disputed, fatalities, displaced, perpetrator, date, place
    field: str
    sides: list[Side]
    summary: str

    @property
    def mention_ids(self) -> list[str]:
        return sorted({mid for s in self.sides for mid in s.mention_ids})

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Contradiction:
        return cls(d["contradiction_id"], d["canonical_id"], d["kind"], d["field"],
                   [Side(**s) for s in d["sides"]], d["summary"])


def contradiction_id(canonical_id: str, kind: str) -> str:
    return "cx" + hashlib.sha1(f"{canonical_id}|{kind}".encode()).hexdigest()[:14]


def _side(key, members: list[MentionFeatures], claimant_of) -> Side:
    s = Side(key)
    for m in members:
        s.mention_ids.append(m.mention_id)
        if m.source and m.source not in s.sources:
            s.sources.append(m.source)
        c = claimant_of(m)
        if c and c not in s.claimants:
            s.claimants.append(c)
    return s


def _range(f: Figure) -> tuple[float, float]:
    v = float(f.value)
    q = f.qualifier or "exact"
    if q == "at_least":
        return v, math.inf
    if q == "at_most":
        return 0.0, v
    if q == "about":
        return 0.8 * v, 1.2 * v
    if q in ("vague", "unquantified"):
        return v, 10 * v
    return v, v


def _figures_disagree(figs: list[Figure]) -> bool:
    """True when some two figures' ranges (widened by the tolerance) do not meet."""
    rs = [_range(f) for f in figs]
    for i, (a0, a1) in enumerate(rs):
        for b0, b1 in rs[i + 1:]:
            lo = max(a0, b0)
            hi = min(a1, b1)
            slack = max(ABS_TOLERANCE, REL_TOLERANCE * lo)
            if lo - hi > slack:
                return True
    return False


def detect(ev: CanonicalEvent, members: list[MentionFeatures], claimant_of) -> list[Contradiction]:
    out: list[Contradiction] = []
    by_id = {m.mention_id: m for m in members}
    cid = ev.canonical_id

    def add(kind: str, fld: str, sides: list[Side], summary: str) -> None:
        out.append(Contradiction(contradiction_id(cid, kind), cid, kind, fld, sides, summary))

    # 1. capture claimed vs denied or repelled
    captures = [m for m in members if m.is_territory and not m.is_denial]
    # judged against the capture itself, whatever sub-type the event's consensus settled on
    against = [m for m in members if disputes(m, captures[0].sub_event_type if captures else ev.sub_event_type)]
    if captures and against:
        add("capture_disputed", "sub_event_type",
            [_side("captured", captures, claimant_of), _side("denied or repelled", against, claimant_of)],
            f"{place_name(ev.location) or 'the place'}: capture claimed by "
            f"{_who(captures, claimant_of)}; denied or repelled according to {_who(against, claimant_of)}")

    # 2/3. figures beyond tolerance
    for kind, figs in (("fatalities", ev.fatality_figures), ("displaced", ev.displaced_figures)):
        units = {f.unit for f in figs}
        if (len(units) >= 2 or len({f.claimant for f in figs}) >= 2) and _figures_disagree(figs):
            groups: dict[int, list[Figure]] = defaultdict(list)
            for f in figs:
                groups[f.value].append(f)
            sides = []
            for value in sorted(groups):
                fs = groups[value]
                s = _side(value, [by_id[f.mention_id] for f in fs if f.mention_id in by_id], claimant_of)
                s.raw = sorted({f.raw for f in fs if f.raw})
                sides.append(s)
            tally = "; ".join(f"{', '.join(s.raw) or s.value} ({', '.join(s.claimants or s.sources)})"
                              for s in sides)
            add(kind, kind, sides, f"{kind} figures disagree: {tally}")

    disputing = {m.mention_id for m in against}
    asserting = [m for m in members if m.mention_id not in disputing]
    # 4. perpetrators (one-sided violence and captures; who fought whom in a clash is symmetric)
    if ev.sub_event_type != "Armed clash":
        groups_m: dict[str, list[MentionFeatures]] = defaultdict(list)
        for m in asserting:
            if m.actor1 and (m.sub_event_type == ev.sub_event_type or (
                    m.event_type == ev.event_type and ev.event_type != "Battles")):
                groups_m[m.actor1].append(m)
        if len(groups_m) >= 2:
            names = sorted(groups_m)
            add("perpetrator", "actor1", [_side(n, groups_m[n], claimant_of) for n in names],
                "different perpetrators named: " + "; ".join(
                    f"{n} ({_who(groups_m[n], claimant_of)})" for n in names))

    # 5. dates (only where both sides give a day)
    days: dict[str, list[MentionFeatures]] = defaultdict(list)
    for m in asserting:
        if m.time_precision == 1 and m.date:
            days[m.date].append(m)
    if len(days) >= 2:
        ds = sorted(days)
        add("date", "event_date", [_side(d, days[d], claimant_of) for d in ds],
            "different dates given: " + "; ".join(f"{d} ({_who(days[d], claimant_of)})" for d in ds))

    # 6. places: districts that neither equal nor contain each other
    places: dict[PlaceKey, list[MentionFeatures]] = defaultdict(list)
    for m in asserting:
        if m.place_key is not None:
            places[m.place_key].append(m)
    keys = list(places)
    clash: set[PlaceKey] = set()
    for i, p in enumerate(keys):
        for q in keys[i + 1:]:
            if relation(p, q) == "sibling":
                clash |= {p, q}
    if clash:
        ordered = sorted(clash, key=lambda p: p.key)
        add("place", "location", [_side(_loc_name(places[p]), places[p], claimant_of) for p in ordered],
            "different places given: " + "; ".join(
                f"{_loc_name(places[p])} ({_who(places[p], claimant_of)})" for p in ordered))
    return out


def _loc_name(ms: list[MentionFeatures]) -> str:
    return next((place_name(m.location) for m in ms if m.location), "?")


def _who(ms: list[MentionFeatures], claimant_of) -> str:
    names = []
    for m in ms:
        n = claimant_of(m) or m.source or "unknown"
        if n not in names:
            names.append(n)
    return ", ".join(names)


__all__ = ["REPELLED", "Contradiction", "Side", "detect"]
