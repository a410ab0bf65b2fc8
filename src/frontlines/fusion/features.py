"""What fusion keeps of each mention: a compact, JSON-serialisable ``MentionFeatures``.

Fusion compares a new mention against the members of existing canonical
events. Storing those members' features beside their membership means a later
run can match against them without re-reading (or re-extracting) the mentions
they came from, and a canonical event keeps its id even when its mentions are
re-extracted under a new pipeline version.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from frontlines.fusion.places import DISTRICT, LOCALITY, PlaceKey, named_subplace, norm
from frontlines.mention import (
    ActorRef,
    Claim,
    Count,
    DateRef,
    EventMention,
    Location,
    PlaceMention,
)

TERRITORY = ("Government regains territory", "Non-state actor overtakes territory",
             "Non-violent transfer of territory")


@dataclass
class DocMeta:
    """The document facts fusion and the report need: outlet, title, url, date, text."""

    doc_id: str
    source: str | None = None
    title: str | None = None
    url: str | None = None
    published: date | None = None
    text: str = ""


@dataclass
class MentionFeatures:
    mention_id: str
    doc_id: str
    source: str | None
    event_type: str
    sub_event_type: str
    disorder_type: str | None
    actor1: str | None
    actor2: str | None
    assoc: list[str]
    inter1: int | None
    inter2: int | None
    location: dict[str, Any] | None
    place: list | None  # PlaceKey.to_json()
    date: str | None  # ISO
    start: str | None
    end: str | None
    time_precision: int | None
    fatalities: int | None  # None = no figure given (not zero)
    fatalities_raw: str | None
    fatalities_qualifier: str | None
    displaced: int | None
    displaced_raw: str | None
    claimant: str | None
    claimant_actor: str | None
    claimant_kind: str | None
    certainty: str
    evidence: str
    trigger: str | None
    published: str | None
    title: str | None = None
    url: str | None = None
    sentence: int | None = None
    displaced_qualifier: str | None = None
    own_place: bool | None = None  # False: the sentence names no place; it was lent the document's
    extra: dict[str, Any] = field(default_factory=dict)

    # -- derived ------------------------------------------------------------------------------
    @property
    def place_key(self) -> PlaceKey | None:
        return PlaceKey.from_json(self.place)

    @property
    def day(self) -> date | None:
        return date.fromisoformat(self.date) if self.date else None

    def interval(self) -> tuple[date, date] | None:
        """The days the event may have happened on, from its date and time_precision."""
        if self.start and self.end:
            return date.fromisoformat(self.start), date.fromisoformat(self.end)
        d = self.day
        if d is None:
            return None
        if self.time_precision == 3:
            first = d.replace(day=1)
            nxt = (first + timedelta(days=32)).replace(day=1)
            return first, nxt - timedelta(days=1)
        if self.time_precision == 2:
            return d - timedelta(days=3), d + timedelta(days=3)
        return d, d

    @property
    def actors(self) -> set[str]:
        return {a for a in (self.actor1, self.actor2, *self.assoc) if a}

    @property
    def is_denial(self) -> bool:
        return self.certainty == "denied"

    @property
    def is_territory(self) -> bool:
        return self.sub_event_type in TERRITORY

    def to_json(self) -> str:
        return json.dumps(self.__dict__, ensure_ascii=False, sort_keys=True)  # flat: no asdict deep copy

    @classmethod
    def from_json(cls, text: str | dict) -> MentionFeatures:
        data = json.loads(text) if isinstance(text, str) else dict(text)
        known = set(cls.__dataclass_fields__)
        return cls(**{k: v for k, v in data.items() if k in known})


def _figure(counts: list[Count], kind: str) -> tuple[int | None, str | None, str | None]:
    """The mention's figure of one kind: the largest, since smaller ones are usually subsets
    ("22 killed, including six civilians")."""
    hits = [c for c in counts if c.kind == kind]
    if not hits:
        return None, None, None
    best = max(hits, key=lambda c: c.value)
    return best.value, best.raw, best.qualifier


def features_of(m: EventMention, doc: DocMeta | None, polygons=None) -> MentionFeatures:
    loc = m.location
    locd = dict(loc.__dict__) if loc else None  # flat record: no asdict deep copy
    place = PlaceKey.from_location(locd)
    if polygons is not None and loc is not None:
        place = polygons.rehome(place, loc.longitude, loc.latitude)
    written = next((p.text for p in m.places if p.role == "event" and p.text), None)
    sub = named_subplace(written, locd) if place is not None and place.level == LOCALITY else None
    if sub is not None:
        place = PlaceKey(place.country, place.admin1, place.admin2, place.admin3, place.locality, sub, DISTRICT)
        locd["named_place"] = written
    if place is None and written and norm(written):
        # Not geocoded: block on the place as written, so reports naming it the same way can
        # still meet; an unresolved name never matches a resolved place (no country to agree on).
        place = PlaceKey(None, None, None, None, norm(written), None, LOCALITY)
    dref = m.date
    d = dref.date if dref else None
    published = doc.published if doc else None
    precision = dref.time_precision if dref else None
    start = dref.start if dref and dref.start and dref.end else None
    end = dref.end if start else None
    if d is None and published is not None:
        # An undated report describes something recent: the week before publication.
        d, precision = published - timedelta(days=3), 2
        start, end = published - timedelta(days=7), published
    fat, fat_raw, fat_q = _figure(m.counts, "fatalities")
    disp, disp_raw, disp_q = _figure(m.counts, "displaced")
    return MentionFeatures(
        mention_id=m.mention_id,
        doc_id=m.doc_id,
        source=m.source or (doc.source if doc else None),
        event_type=m.event_type,
        sub_event_type=m.sub_event_type,
        disorder_type=m.disorder_type,
        actor1=m.actor1.name if m.actor1 else None,
        actor2=m.actor2.name if m.actor2 else None,
        assoc=[a.name for a in (*m.assoc_actor_1, *m.assoc_actor_2)],
        inter1=m.actor1.inter if m.actor1 else None,
        inter2=m.actor2.inter if m.actor2 else None,
        location=locd,
        place=place.to_json() if place else None,
        date=d.isoformat() if d else None,
        start=start.isoformat() if start else None,
        end=end.isoformat() if end else None,
        time_precision=precision or (1 if d else None),
        fatalities=fat,
        fatalities_raw=fat_raw,
        fatalities_qualifier=fat_q,
        displaced=disp,
        displaced_raw=disp_raw,
        claimant=m.claim.claimant,
        claimant_actor=m.claim.claimant_actor,
        claimant_kind=m.claim.claimant_kind,
        certainty=m.claim.certainty,
        evidence=m.evidence or "",
        trigger=m.trigger,
        published=published.isoformat() if published else None,
        title=doc.title if doc else None,
        url=doc.url if doc else None,
        sentence=m.sentence,
        displaced_qualifier=disp_q,
        own_place=m.has_own_place,
    )


# -- EventMention from its stored JSON payload -------------------------------------------------

def _d(v: Any) -> date | None:
    if v is None or isinstance(v, date):
        return v
    return date.fromisoformat(str(v)[:10])


def _actor(d: dict | None) -> ActorRef | None:
    if not d:
        return None
    return ActorRef(**{k: v for k, v in d.items() if k in ActorRef.__dataclass_fields__})


def mention_from_payload(payload: str | dict) -> EventMention:
    """Rebuild an ``EventMention`` from ``mentions.payload`` (``EventMention.to_dict`` as JSON)."""
    d = json.loads(payload) if isinstance(payload, str) else dict(payload)
    date_ref = None
    if d.get("date"):
        dr = d["date"]
        date_ref = DateRef(expression=dr.get("expression"), date=_d(dr.get("date")),
                           time_precision=dr.get("time_precision"), start=_d(dr.get("start")), end=_d(dr.get("end")))
    places = []
    for p in d.get("places") or []:
        res = p.get("resolved")
        loc = Location(**{k: v for k, v in res.items() if k in Location.__dataclass_fields__}) if res else None
        places.append(PlaceMention(text=p.get("text", ""), role=p.get("role", "event"), start=p.get("start"),
                                   end=p.get("end"), resolved=loc))
    counts = [Count(**{k: v for k, v in c.items() if k in Count.__dataclass_fields__}) for c in d.get("counts") or []]
    claim_d = d.get("claim") or {}
    claim = Claim(**{k: v for k, v in claim_d.items() if k in Claim.__dataclass_fields__})
    skip = {"date", "places", "counts", "claim", "actor1", "actor2", "assoc_actor_1", "assoc_actor_2"}
    simple = {k: v for k, v in d.items() if k in EventMention.__dataclass_fields__ and k not in skip}
    return EventMention(
        **simple,
        actor1=_actor(d.get("actor1")),
        actor2=_actor(d.get("actor2")),
        assoc_actor_1=[a for a in map(_actor, d.get("assoc_actor_1") or []) if a],
        assoc_actor_2=[a for a in map(_actor, d.get("assoc_actor_2") or []) if a],
        date=date_ref,
        places=places,
        counts=counts,
        claim=claim,
    )


def days(iv: tuple[date, date], slack: int = 0) -> list[int]:
    """The day ordinals an interval covers, widened by ``slack`` days each side (the blocking key of time)."""
    a, b = iv[0] - timedelta(days=slack), iv[1] + timedelta(days=slack)
    return list(range(a.toordinal(), b.toordinal() + 1))

