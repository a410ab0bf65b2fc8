"""Records that cross the extraction boundary: claims, actors, dates, counts, places, event mentions.

An ``EventMention`` is one event as one source tells it, tied to the sentence
it came from and to the party that claims it. Resolution stages (actors,
gazetteer, dates) fill the ``resolved`` parts; fusion groups mentions into
canonical events later. Nothing here knows about spaCy or DuckDB.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any, Literal

Certainty = Literal["asserted", "claimed", "reported", "denied", "unconfirmed"]
SourceType = Literal["article", "reader_comment"]
CountKind = Literal["fatalities", "injured", "displaced", "arrested"]


@dataclass
class Claim:
    """Who asserts an event, with which verb, and how firmly."""

    claimant: str | None = None  # verbatim: "the army", "state media"
    claimant_actor: str | None = None  # resolved actor name, when known
    claimant_kind: str | None = None  # "party" (a side of the conflict), "third_party", "author"
    verb: str | None = None  # lemma of the reporting verb: say, claim, report, deny, according_to
    certainty: Certainty = "asserted"


@dataclass
class ActorRef:
    """An actor as written, and what the registry made of it."""

    text: str
    name: str  # canonical ACLED-style name, or the verbatim text when unresolved
    inter: int | None = None  # ACLED inter code 1-8
    country: str | None = None
    resolved: bool = False


@dataclass
class DateRef:
    """A date expression resolved against the publication date (or not: never guess)."""

    expression: str | None
    date: date | None = None
    time_precision: int | None = None  # 1 day, 2 span/week, 3 month
    start: date | None = None
    end: date | None = None


@dataclass
class Count:
    """A number of people: ``value`` is the conservative integer, ``raw`` the phrase."""

    kind: CountKind
    value: int
    raw: str
    qualifier: str | None = None  # "at_least", "at_most", "about", "vague", "unquantified"


@dataclass
class Location:
    """A place resolved against the gazetteer, with ACLED location fields and an audit trail."""

    location: str  # ACLED style: "Aleppo - Hanano"
    country: str | None = None
    iso: int | None = None  # ISO 3166 numeric, as ACLED
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    geo_precision: int | None = None
    gazetteer_id: str | None = None
    feature_class: str | None = None
    score: float | None = None
    alternatives: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class PlaceMention:
    """A place string in the text and its role for the event ("event", "announced", "other")."""

    text: str
    role: str = "event"
    start: int | None = None  # character offsets within the document's text
    end: int | None = None
    resolved: Location | None = None


@dataclass
class EventMention:
    """One event as told by one source sentence."""

    mention_id: str
    doc_id: str
    source_id: str
    event_type: str
    sub_event_type: str
    disorder_type: str | None = None
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    assoc_actor_1: list[ActorRef] = field(default_factory=list)
    assoc_actor_2: list[ActorRef] = field(default_factory=list)
    date: DateRef | None = None
    places: list[PlaceMention] = field(default_factory=list)
    counts: list[Count] = field(default_factory=list)
    claim: Claim = field(default_factory=Claim)
    source_type: SourceType = "article"
    comment_id: str | None = None
    paragraph: int | None = None
    sentence: int | None = None
    char_start: int | None = None
    char_end: int | None = None
    evidence: str = ""
    trigger: str | None = None
    notes: str | None = None
    source: str | None = None  # outlet name
    pipeline_version: str | None = None
    score: float | None = None
    section: str | None = None  # "title", "body" or "comment": what the offsets index into
    has_own_place: bool | None = None  # False: the place comes from the document, not the sentence

    @property
    def fatalities(self) -> int:
        return next((c.value for c in self.counts if c.kind == "fatalities"), 0)

    @property
    def location(self) -> Location | None:
        place = next((p for p in self.places if p.role == "event" and p.resolved), None)
        return place.resolved if place else None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
