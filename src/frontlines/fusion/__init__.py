"""Fusion: many mentions, one event. Corroboration, contradictions and the control timeline.

Public API
----------
- ``fuse(store, sources=None) -> FusionSummary``: fold new mentions into canonical
  events (idempotent and incremental; see ``engine``).
- ``canonical_rows(store, **filters) -> list[dict]``: ACLED columns plus
  ``n_sources``, ``n_independent``, ``claimants``, ``contradiction_ids``.
- ``control_at(store, date, place=None) -> list[dict]``: who held each place on a
  date, and on whose word.
- ``contradictions(store)``, ``events(store)``, ``timeline(store, place)``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from frontlines.fusion.consensus import CanonicalEvent
from frontlines.fusion.contradictions import Contradiction
from frontlines.fusion.control import ControlChange, control_at, timeline, to_geojson
from frontlines.fusion.engine import FuseStats, fuse_store, load_contradictions, load_events
from frontlines.fusion.places import PlaceKey, PolygonIndex, norm, relation
from frontlines.fusion.rows import ACLED_COLUMNS, EXTRA_COLUMNS, acled_row
from frontlines.fusion.sources import SourceList


@dataclass
class FusionSummary:
    """What a fusion run did, and the state it left: printable with rich (``__rich__``)."""

    stats: FuseStats
    n_mentions: int
    n_events: int
    n_contradictions: int
    n_control_changes: int
    seconds: float
    events: list[CanonicalEvent] = field(default_factory=list)
    contradictions: list[Contradiction] = field(default_factory=list)
    control: list[ControlChange] = field(default_factory=list)

    def table(self, limit: int = 25):
        from frontlines.fusion.summary import summary_renderable

        return summary_renderable(self, limit)

    def __rich__(self):
        return self.table()

    def as_dict(self) -> dict[str, Any]:
        return {"new_mentions": self.stats.new_mentions, "joined": self.stats.joined,
                "new_events": self.stats.new_events, "events": self.n_events, "mentions": self.n_mentions,
                "contradictions": self.n_contradictions, "control_changes": self.n_control_changes,
                "unmatched_denials": self.stats.unmatched_denials, "skipped": self.stats.skipped,
                "seconds": round(self.seconds, 3)}


def fuse(store, sources: SourceList | str | Path | None = None, *, scorer=None, progress=None,
         detail: bool = True, recount: bool = False, regroup: bool = False) -> FusionSummary:
    """Fold the store's unfused mentions into canonical events; return what changed and what is there.

    ``sources`` is a source-list CSV (or ``SourceList``); it is remembered in the
    store. Without it, the stored list is used, or a ``sources.csv`` found beside
    the ingested inputs. ``recount`` recomputes every event's consensus, independence and
    contradictions (after upgrading frontlines) without regrouping anything. ``regroup`` discards
    every canonical event and fuses all mentions again with the current scorer: groups follow the
    new rules, and the ids of events whose founding mention changes are new.
    """
    t0 = time.perf_counter()
    stats = fuse_store(store, sources, scorer=scorer, progress=progress, recount=recount, regroup=regroup)
    seconds = time.perf_counter() - t0
    con = store.con
    n_ev = con.execute("SELECT count(*) FROM canonical_events").fetchall()[0][0]
    summary = FusionSummary(
        stats=stats,
        n_mentions=con.execute("SELECT count(*) FROM canonical_members").fetchall()[0][0],
        n_events=n_ev,
        n_contradictions=con.execute("SELECT count(*) FROM contradictions").fetchall()[0][0],
        n_control_changes=con.execute("SELECT count(*) FROM control_changes").fetchall()[0][0],
        seconds=seconds,
    )
    if detail and n_ev <= 5000:
        summary.events = load_events(store)
        summary.contradictions = load_contradictions(store)
        summary.control = timeline(store)
    return summary


def events(store, **filters) -> list[CanonicalEvent]:
    """Canonical events matching the filters (see ``canonical_rows``)."""
    where, params = [], []
    if filters.get("since"):
        where.append("event_date >= ?")
        params.append(str(filters["since"]))
    if filters.get("until"):
        where.append("event_date <= ?")
        params.append(str(filters["until"]))
    if filters.get("type"):  # either level, as `frontlines events --type`
        where.append("(lower(event_type) = lower(?) OR lower(sub_event_type) = lower(?))")
        params += [filters["type"], filters["type"]]
    if filters.get("country"):
        where.append("lower(country) = lower(?)")
        params.append(filters["country"])
    for col in ("event_type", "sub_event_type", "canonical_id"):
        if filters.get(col):
            where.append(f"{col} = ?")
            params.append(filters[col])
    if filters.get("min_sources"):
        where.append("n_independent >= ?")
        params.append(int(filters["min_sources"]))
    evs = load_events(store, ("WHERE " + " AND ".join(where)) if where else "", params)
    place = filters.get("place")
    if place:
        evs = [e for e in evs if _in_place(place, e)]
    return evs


def _in_place(query: str, ev: CanonicalEvent) -> bool:
    q = norm(query)
    loc = ev.location or {}
    pk = ev.place_key
    names = {norm(loc.get("location")), norm(loc.get("country")), norm(loc.get("admin1")),
             norm(loc.get("admin2")), norm(loc.get("admin3"))}
    if pk:
        names |= {pk.locality, pk.district}
    return q in names


def canonical_rows(store, **filters) -> list[dict[str, Any]]:
    """One row per canonical event: ACLED columns plus n_sources, n_independent, claimants, contradiction_ids.

    Filters: ``place`` (a name at any level), ``since``/``until`` (ISO dates), ``type``
    (type or sub-type), ``event_type``, ``sub_event_type``, ``country``, ``min_sources``
    (independent), ``canonical_id``.
    """
    stamps = {r[0]: int(r[1].timestamp()) if r[1] else None for r in store.con.execute(
        "SELECT canonical_id, updated_at FROM canonical_events").fetchall()}
    return [acled_row(e, stamps.get(e.canonical_id)) for e in events(store, **filters)]


def contradictions(store, canonical_ids: list[str] | None = None) -> list[Contradiction]:
    return load_contradictions(store, canonical_ids)


def control_geojson(store, when: date | str, place: str | None = None) -> dict[str, Any]:
    return to_geojson(control_at(store, when, place), PolygonIndex.from_store(store))


__all__ = [
    "ACLED_COLUMNS", "EXTRA_COLUMNS", "CanonicalEvent", "Contradiction", "ControlChange", "FusionSummary",
    "PlaceKey", "SourceList", "canonical_rows", "contradictions", "control_at", "control_geojson", "events",
    "fuse", "relation", "timeline",
]
