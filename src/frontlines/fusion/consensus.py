"""From a cluster of mentions to one canonical event: independence, voices, per-field consensus.

Votes are cast by independent units, not by articles: each unit (a wire and its
copies, an owner's outlets, an outlet) has one vote, split over its mentions,
so ten copies of one wire story weigh what the wire does. Denials do not vote
on what happened. Fatalities follow ACLED: the lowest credible figure, with
every figure kept beside it.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

import pycountry

from frontlines.fusion.features import TERRITORY, DocMeta, MentionFeatures
from frontlines.fusion.places import PlaceKey, relation
from frontlines.fusion.sources import SourceList
from frontlines.fusion.text import jaccard

# Verbs by which a party says an attack failed: the outcome contradicts a claimed capture.
REPELLED = re.compile(r"\b(repel\w*|repuls\w*|thwart\w*|foil\w*|fend\w* off|fought off|beat(?:en)? back|"
                      r"push\w* back|drove back|driven back)\b", re.I)

# ACLED's precedence when one event fits several sub-types (DESIGN.md).
PRECEDENCE = [
    "Government regains territory", "Non-state actor overtakes territory", "Armed clash",
    "Excessive force against protesters", "Protest with intervention", "Peaceful protest",
    "Violent demonstration", "Mob violence",
    "Chemical weapon", "Air/drone strike", "Suicide bomb", "Shelling/artillery/missile attack",
    "Remote explosive/landmine/IED", "Grenade",
    "Sexual violence", "Attack", "Abduction/forced disappearance",
    "Agreement", "Arrests", "Change to group/activity", "Disrupted weapons use",
    "Headquarters or base established", "Looting/property destruction", "Non-violent transfer of territory", "Other",
]
_RANK = {s: i for i, s in enumerate(PRECEDENCE)}
NEAR_DUPLICATE = 0.5  # estimated Jaccard of word 5-shingles above which two texts are one story


@dataclass
class SourceRef:
    """One reporting document as the canonical event cites it."""

    doc_id: str
    source: str | None
    title: str | None
    url: str | None
    published: str | None
    unit: str
    voice: str  # "party" or "third_party"
    claimants: list[str] = field(default_factory=list)
    mention_ids: list[str] = field(default_factory=list)


@dataclass
class Figure:
    mention_id: str
    doc_id: str
    source: str | None
    value: int
    raw: str | None
    qualifier: str | None
    claimant: str | None
    voice: str
    unit: str


@dataclass
class CanonicalEvent:
    canonical_id: str
    event_id_cnty: str
    event_date: str | None
    time_precision: int | None
    event_type: str
    sub_event_type: str
    disorder_type: str | None
    actor1: str | None
    actor2: str | None
    assoc_actor_1: list[str]
    inter1: int | None
    inter2: int | None
    location: dict[str, Any] | None
    place: list | None
    fatalities: int
    fatality_figures: list[Figure]
    displaced: int | None
    displaced_figures: list[Figure]
    mention_ids: list[str]
    sources: list[SourceRef]
    n_mentions: int
    n_sources: int
    n_independent: int
    claimants: list[str]  # parties claiming the event
    deniers: list[str]  # parties (or others) denying it
    notes: str
    contradiction_ids: list[str] = field(default_factory=list)

    @property
    def place_key(self) -> PlaceKey | None:
        return PlaceKey.from_json(self.place)

    def attribution(self) -> str:
        """'claimed by X; reported by N independent sources' (denials named when present)."""
        parts = []
        if self.claimants:
            parts.append("claimed by " + ", ".join(self.claimants))
        if self.deniers:
            parts.append("denied by " + ", ".join(self.deniers))
        n = self.n_independent
        parts.append(f"reported by {n} independent source{'s' if n != 1 else ''}")
        return "; ".join(parts)

    def to_dict(self) -> dict[str, Any]:
        d = dict(self.__dict__)
        d["sources"] = [dict(s.__dict__) for s in self.sources]
        d["fatality_figures"] = [dict(f.__dict__) for f in self.fatality_figures]
        d["displaced_figures"] = [dict(f.__dict__) for f in self.displaced_figures]
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> CanonicalEvent:
        d = dict(d)
        d["sources"] = [SourceRef(**s) for s in d.get("sources") or []]
        d["fatality_figures"] = [Figure(**f) for f in d.get("fatality_figures") or []]
        d["displaced_figures"] = [Figure(**f) for f in d.get("displaced_figures") or []]
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in d.items() if k in known})


def disputes(m: MentionFeatures, sub_event_type: str) -> bool:
    """Does this mention deny the event: an explicit denial, or a party saying it repelled a capture?"""
    if m.is_denial:
        return True
    return (sub_event_type in TERRITORY and m.event_type == "Battles" and not m.is_territory
            and bool(REPELLED.search(m.trigger or "") or REPELLED.search(m.evidence or "")))


# -- voices and independence -------------------------------------------------------------------

def voice_of(m: MentionFeatures, sources: SourceList) -> tuple[str, str | None]:
    """("party" | "third_party", claimant name). Party media speak for their side when the
    sentence has no other claimant."""
    outlet = sources.get(m.source, m.url)
    if m.claimant_kind == "party":
        return "party", m.claimant_actor or m.claimant or (outlet.aligned_with if outlet else None)
    if m.claimant_kind in (None, "author") and outlet is not None and outlet.is_party:
        return "party", outlet.aligned_with or outlet.name
    return "third_party", m.claimant_actor or m.claimant


def independence_units(members: list[MentionFeatures], docs: dict[str, DocMeta], sources: SourceList,
                       signatures: dict[str, Any]) -> dict[str, str]:
    """doc_id -> unit label, after merging units whose documents are near-duplicate texts."""
    from frontlines.fusion.places import norm

    doc_ids = sorted({m.doc_id for m in members})
    outlets = {m.doc_id: sources.canonical_name(m.source, m.url) for m in members}
    urls = {m.doc_id: m.url for m in members}
    present = {norm(o) for o in outlets.values() if o}
    base = {d: sources.unit(outlets.get(d), docs[d].text if d in docs else "", present, urls.get(d))
            for d in doc_ids}
    parent = {u: u for u in base.values()}

    def find(u: str) -> str:
        while parent[u] != u:
            parent[u] = parent[parent[u]]
            u = parent[u]
        return u

    signed = [d for d in doc_ids if d in signatures]
    for i, a in enumerate(signed):
        for b in signed[i + 1:]:
            if find(base[a]) != find(base[b]) and jaccard(signatures[a], signatures[b]) >= NEAR_DUPLICATE:
                ra, rb = sorted((find(base[a]), find(base[b])))
                parent[rb] = ra
    return {d: find(u) for d, u in base.items()}


# -- consensus -------------------------------------------------------------------------------------

def _vote(pairs: list[tuple[Any, float]], tiebreak=None) -> Any:
    tally: dict[Any, float] = defaultdict(float)
    for v, w in pairs:
        if v is not None:
            tally[v] += w
    if not tally:
        return None
    return min(tally, key=lambda v: (-round(tally[v], 9), tiebreak(v) if tiebreak else 0, str(v)))


def _credible(figs: list[Figure]) -> int | None:
    """ACLED's rule: the lowest credible figure. Exact numbers beat vague words when both exist."""
    if not figs:
        return None
    exact = [f for f in figs if f.qualifier not in ("vague", "unquantified")]
    pool = exact or [f for f in figs if f.qualifier != "unquantified"]  # "a large number" is no figure
    return min(f.value for f in pool) if pool else None


def iso3(loc: dict[str, Any] | None) -> str:
    if not loc:
        return "XXX"
    try:
        if loc.get("iso"):
            c = pycountry.countries.get(numeric=f"{int(loc['iso']):03d}")
            if c:
                return c.alpha_3
        if loc.get("country"):
            return pycountry.countries.lookup(loc["country"]).alpha_3
    except (LookupError, ValueError):
        pass
    return "XXX"


def build(canonical_id: str, members: list[MentionFeatures], docs: dict[str, DocMeta], sources: SourceList,
          signatures: dict[str, Any]) -> CanonicalEvent:
    members = sorted(members, key=lambda m: (m.published or "", m.doc_id, m.sentence or 0, m.mention_id))
    units = independence_units(members, docs, sources, signatures)
    per_unit: dict[str, int] = defaultdict(int)
    for m in members:
        per_unit[units[m.doc_id]] += 1
    weight = {m.mention_id: 1.0 / per_unit[units[m.doc_id]] for m in members}
    voices = {m.mention_id: voice_of(m, sources) for m in members}
    asserting = [m for m in members if not m.is_denial] or members

    sub = _vote([(m.sub_event_type, weight[m.mention_id]) for m in asserting], lambda s: _RANK.get(s, 99))
    etype = next(m.event_type for m in asserting if m.sub_event_type == sub)
    against = {m.mention_id for m in members if disputes(m, sub)}
    asserting = [m for m in asserting if m.mention_id not in against] or asserting
    disorder = _vote([(m.disorder_type, weight[m.mention_id]) for m in asserting])
    typed = [m for m in asserting if m.sub_event_type == sub and m.actor1] or [
        m for m in asserting if m.event_type == etype]
    actor1 = _vote([(m.actor1, weight[m.mention_id]) for m in typed])
    actor2 = _vote([(m.actor2, weight[m.mention_id]) for m in typed if m.actor2 != actor1])
    assoc = sorted({a for m in typed for a in m.assoc if a not in (actor1, actor2)})
    inter1 = next((m.inter1 for m in typed if m.actor1 == actor1 and m.inter1), None)
    inter2 = next((m.inter2 for m in typed if m.actor2 == actor2 and m.inter2), None)

    place, loc = _place(asserting, weight)
    event_date, precision = _date(asserting, weight)

    fat_figs, disp_figs = [], []
    for m in members:
        v, claimant = voices[m.mention_id]
        if m.is_denial:  # a side that says it repelled the attack still reports its dead: keep them
            continue
        if m.fatalities is not None:
            fat_figs.append(Figure(m.mention_id, m.doc_id, m.source, m.fatalities, m.fatalities_raw,
                                   m.fatalities_qualifier, claimant, v, units[m.doc_id]))
        if m.displaced is not None:
            disp_figs.append(Figure(m.mention_id, m.doc_id, m.source, m.displaced, m.displaced_raw, m.displaced_qualifier,
                                    claimant, v, units[m.doc_id]))

    refs: dict[str, SourceRef] = {}
    for m in members:
        d = docs.get(m.doc_id)
        ref = refs.get(m.doc_id)
        if ref is None:
            # party until one of its asserting mentions speaks as a third party (a source that only
            # disputes the event keeps the voice of its dispute)
            v = voices[m.mention_id][0] if all(x.mention_id in against for x in members if x.doc_id == m.doc_id) \
                else "party"
            ref = refs[m.doc_id] = SourceRef(
                m.doc_id, m.source or (d.source if d else None), m.title or (d.title if d else None),
                m.url or (d.url if d else None), m.published or (d.published.isoformat() if d and d.published else None),
                units[m.doc_id], v)
        ref.mention_ids.append(m.mention_id)
        v, claimant = voices[m.mention_id]
        if v == "third_party" and m.mention_id not in against:
            # a report that gives the event on its own or a third party's word is third-party
            # reporting, even when it also quotes a party ("..., the Observatory said. State TV said ...")
            ref.voice = "third_party"
        if claimant and claimant not in ref.claimants:
            ref.claimants.append(claimant)

    claimants = sorted({c for m in asserting for v, c in [voices[m.mention_id]] if v == "party" and c})
    deniers = sorted({c or (m.source or "unknown") for m in members if m.mention_id in against
                      for _, c in [voices[m.mention_id]]})
    lead = max(asserting, key=lambda m: (voices[m.mention_id][0] == "third_party", weight[m.mention_id],
                                         len(m.evidence), m.mention_id))
    return CanonicalEvent(
        canonical_id=canonical_id,
        event_id_cnty=f"{iso3(loc)}-{canonical_id[2:]}",
        event_date=event_date.isoformat() if event_date else None,
        time_precision=precision,
        event_type=etype,
        sub_event_type=sub,
        disorder_type=disorder,
        actor1=actor1,
        actor2=actor2,
        assoc_actor_1=assoc,
        inter1=inter1,
        inter2=inter2,
        location=loc,
        place=place.to_json() if place else None,
        fatalities=_credible(fat_figs) or 0,
        fatality_figures=fat_figs,
        displaced=_credible(disp_figs),
        displaced_figures=disp_figs,
        mention_ids=[m.mention_id for m in members],
        sources=list(refs.values()),
        n_mentions=len(members),
        n_sources=len(refs),
        # who reports the event happened: a source that only denies it is named as a denier, not counted
        n_independent=len({units[m.doc_id] for m in members if m.mention_id not in against}) or len(set(units.values())),
        claimants=claimants,
        deniers=deniers,
        notes=lead.evidence.strip(),
    )


def _place(members: list[MentionFeatures], weight: dict[str, float]) -> tuple[PlaceKey | None, dict | None]:
    """The most specific place that at least half of the best-supported place's weight backs."""
    located = [(m.place_key, m) for m in members if m.place_key is not None]
    if not located:
        return None, None
    places = {p for p, _ in located}
    support = {p: sum(weight[m.mention_id] for q, m in located if q == p or relation(q, p) == "within")
               for p in places}
    top = max(support.values())
    eligible = [p for p in places if support[p] >= 0.5 * top - 1e-9]
    best = max(eligible, key=lambda p: (p.level, support[p], tuple(str(x) for x in p.to_json())))
    loc = next(m.location for p, m in located if p == best)
    return best, loc


def _date(members: list[MentionFeatures], weight: dict[str, float]) -> tuple[date | None, int | None]:
    precise = [(m.day, weight[m.mention_id]) for m in members if m.time_precision == 1 and m.day]
    if precise:
        return _vote(precise, lambda d: d.toordinal()), 1
    ivs = [(m.interval(), m.time_precision or 2) for m in members if m.interval()]
    if not ivs:
        return None, None
    lo, hi = max(iv[0] for iv, _ in ivs), min(iv[1] for iv, _ in ivs)
    if lo > hi:
        lo, hi = min(iv[0] for iv, _ in ivs), max(iv[1] for iv, _ in ivs)
    mid = lo + timedelta(days=(hi - lo).days // 2)
    return mid, max(2, min(p for _, p in ivs))
