"""The territorial-control timeline: who held each place, from when, and on whose word.

Derived from canonical territory events (Government regains territory,
Non-state actor overtakes territory, Non-violent transfer of territory): each
is a change of holder at its place on its date. The taker (actor1) holds the
place from then until the next change at that place or at a place containing
it (a city-wide takeover also changes its districts). Each change keeps its
claimants, its independent-source count and a corroboration grade, so
"who held the districts of Aleppo on D" always comes with "according to whom".

Only settlements and their districts (``LOCALITY``, ``DISTRICT``) enter the
timeline. A territory event placed at a country, governorate or lower admin
area says nothing about who holds what: such places come from a sentence's
framing ("in Aleppo province", "east Aleppo" resolved to the governorate, "in
Syria") or from a document-level place lent to a sentence that named none,
never from a front line running along a governorate's border. And because a
change at a containing place is applied to every place inside it (see
``control_at``), one such row would hand every district of the governorate to
one side. A governorate changing hands whole is rare enough, and reported
through its towns, that the timeline loses nothing by leaving these out;
the canonical events themselves keep them.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from frontlines.fusion.consensus import CanonicalEvent
from frontlines.fusion.features import TERRITORY
from frontlines.fusion.places import DISTRICT, LOCALITY, PlaceKey, PolygonIndex, norm, place_name, relation

CORROBORATION = ("disputed", "claimed", "single source", "corroborated")
LEVELS = ("country", "admin1", "admin2", "admin3", "locality", "district")


@dataclass
class ControlChange:
    change_id: str
    place_key: str
    place: list
    location: dict[str, Any] | None
    change_date: str
    time_precision: int | None
    holder: str
    previous_holder: str | None
    canonical_id: str
    claimants: list[str]
    deniers: list[str]
    n_independent: int
    corroboration: str
    sources: list[dict[str, Any]] = field(default_factory=list)

    @property
    def placekey(self) -> PlaceKey:
        return PlaceKey.from_json(self.place)  # type: ignore[return-value]


def grade(ev: CanonicalEvent, disputed: bool) -> str:
    if disputed or ev.deniers:
        return "disputed"
    third = [s for s in ev.sources if s.voice == "third_party"]
    if ev.n_independent >= 2 and third:
        return "corroborated"
    if not third:
        return "claimed"
    return "single source"


# A transfer told as a withdrawal names who left (actor1), not who now holds the place.
WITHDRAWAL = re.compile(r"\b(withdr[ae]w\w*|retreat\w*|pull\w* (?:back|out)|pullout|evacuat\w*|abandon\w*|"
                        r"surrender\w*|relinquish\w*|hand\w* over|ceded?)\b", re.I)
# ... unless the withdrawal is only the circumstance of another side moving in: "YPG fighters moved into X as
# rebels pulled back", "entered the town after IS withdrew", "following the withdrawal of": there the
# extraction codes the side moving in as actor1 (ACLED's convention for a takeover without fighting).
_CIRCUMSTANCE = re.compile(r"\b(?:as|after|when|while|once|following|upon)(?:\s+[^\s,;.]+){0,5}?\s+$", re.I)
LEVELS_KEPT = (LOCALITY, DISTRICT)


def withdrawal_by_actor1(notes: str) -> bool:
    """Whether a transfer's text is a withdrawal told as the news itself (actor1 left), not as the
    circumstance of a takeover (actor1 moved in)."""
    found = [m for m in WITHDRAWAL.finditer(notes)]
    return bool(found) and not all(_CIRCUMSTANCE.search(notes[: m.start()]) for m in found)


def _holders(ev: CanonicalEvent) -> tuple[str, str | None]:
    """(holder after the change, previous holder)."""
    if ev.sub_event_type == "Non-violent transfer of territory" and withdrawal_by_actor1(ev.notes or ""):
        return ev.actor2 or "unknown", ev.actor1
    return ev.actor1 or "unknown", ev.actor2


def changes_from(events: list[CanonicalEvent], disputed_ids: set[str]) -> list[ControlChange]:
    out = []
    for ev in events:
        if ev.sub_event_type not in TERRITORY or not ev.place or not ev.event_date:
            continue
        pk = PlaceKey.from_json(ev.place)
        if pk.level not in LEVELS_KEPT:
            continue  # a country or admin area: who holds what is not said (module docstring)
        cid = "cc" + hashlib.sha1(f"{ev.canonical_id}|{pk.key}".encode()).hexdigest()[:14]
        holder, previous = _holders(ev)
        out.append(ControlChange(
            change_id=cid, place_key=pk.key, place=ev.place, location=ev.location, change_date=ev.event_date,
            time_precision=ev.time_precision, holder=holder, previous_holder=previous,
            canonical_id=ev.canonical_id, claimants=ev.claimants, deniers=ev.deniers,
            n_independent=ev.n_independent, corroboration=grade(ev, ev.canonical_id in disputed_ids),
            sources=[{"doc_id": s.doc_id, "source": s.source, "title": s.title, "url": s.url,
                      "published": s.published, "voice": s.voice, "claimants": s.claimants} for s in ev.sources],
        ))
    out.sort(key=lambda c: (c.place_key, c.change_date, c.change_id))
    return out


def save(store, changes: list[ControlChange]) -> None:
    from frontlines.fusion.bulk import insert_rows

    with store.transaction() as con:
        con.execute("DELETE FROM control_changes")
        insert_rows(con, "control_changes", [
            "change_id", "place_key", "location", "change_date", "time_precision", "holder", "previous_holder",
            "canonical_id", "corroboration", "n_independent", "claimants", "payload"],
            [[c.change_id, c.place_key, (c.location or {}).get("location"), date.fromisoformat(c.change_date),
              c.time_precision, c.holder, c.previous_holder, c.canonical_id, c.corroboration, c.n_independent,
              c.claimants, json.dumps(asdict(c), ensure_ascii=False)] for c in changes])


def load(store) -> list[ControlChange]:
    rows = store.con.execute("SELECT payload FROM control_changes ORDER BY place_key, change_date, change_id")
    return [ControlChange(**json.loads(r[0])) for r in rows.fetchall()]


def _matches(query: str | None, c: ControlChange) -> bool:
    """A place query names the place itself or anything containing it ("Aleppo" → its districts)."""
    if not query:
        return True
    q = norm(query)
    loc = c.location or {}
    pk = c.placekey
    names = {norm(loc.get("location")), norm(loc.get("named_place")), pk.locality, pk.district, pk.admin1,
             pk.admin2, pk.admin3}
    return q in names


def control_at(store, when: date | str, place: str | None = None) -> list[dict[str, Any]]:
    """Who held each place (matching ``place``) on ``when``, with the change that made it so.

    A change at a containing place (a whole city) applies to the places inside
    it unless a later change at the place itself overrides it.
    """
    day = when.isoformat() if isinstance(when, date) else str(when)[:10]
    changes = load(store)
    places: dict[str, ControlChange] = {}
    for c in changes:
        if _matches(place, c):
            places.setdefault(c.place_key, c)
    rows = []
    for key, sample in sorted(places.items()):
        pk = sample.placekey
        relevant = [c for c in changes if c.change_date <= day
                    and (c.place_key == key or relation(c.placekey, pk) == "contains")]
        if not relevant:
            rows.append(_row(sample, None, day))
            continue
        rank = CORROBORATION.index
        latest = max(relevant, key=lambda c: (c.change_date, c.place_key == key, rank(c.corroboration), c.change_id))
        same_day = {c.holder for c in relevant if c.change_date == latest.change_date}
        rows.append(_row(sample, latest, day, contested=len(same_day) > 1))
    return rows


def _row(place: ControlChange, c: ControlChange | None, day: str, contested: bool = False) -> dict[str, Any]:
    loc = place.location or {}
    base = {"date": day, "place_key": place.place_key, "location": place_name(loc),
            "level": LEVELS[place.placekey.level],
            "latitude": loc.get("latitude"), "longitude": loc.get("longitude"),
            "gazetteer_id": loc.get("gazetteer_id")}
    if c is None:
        return {**base, "holder": None, "since": None, "previous_holder": None, "according_to": "",
                "n_independent": 0, "corroboration": "no recorded change yet", "canonical_id": None,
                "contested": False, "sources": []}
    who = c.claimants or sorted({s["source"] for s in c.sources if s.get("source")})
    return {**base, "holder": c.holder, "since": c.change_date, "previous_holder": c.previous_holder,
            "according_to": ", ".join(who), "n_independent": c.n_independent,
            "corroboration": "contested" if contested else c.corroboration,
            "canonical_id": c.canonical_id, "contested": contested, "sources": c.sources,
            "deniers": ", ".join(c.deniers)}


def timeline(store, place: str | None = None) -> list[ControlChange]:
    return [c for c in load(store) if _matches(place, c)]


def to_geojson(rows: list[dict[str, Any]], polygons: PolygonIndex) -> dict[str, Any]:
    """Control rows as a FeatureCollection: neighbourhood polygons where the gazetteer has them."""
    feats = []
    for r in rows:
        pk = PlaceKey.from_json(r["place"]) if r.get("place") else _key_from(r)
        geom = polygons.geometry_for(pk, r.get("gazetteer_id"))
        if geom is None and r.get("latitude") is not None and r.get("longitude") is not None:
            geom = {"type": "Point", "coordinates": [r["longitude"], r["latitude"]]}
        props = {k: v for k, v in r.items() if k not in ("latitude", "longitude", "place")}
        feats.append({"type": "Feature", "geometry": geom, "properties": props})
    return {"type": "FeatureCollection", "features": feats}


def _key_from(r: dict[str, Any]) -> PlaceKey | None:
    parts = (r.get("place_key") or "").split("/")
    if len(parts) == 4:
        return PlaceKey(parts[0], parts[1], None, None, parts[2], parts[3], 5)
    return None
