"""Constructed inputs for fusion tests: real ``EventMention``/``Document`` records written to a real store.

The rows follow the ``mentions`` table contract (payload = ``EventMention.to_dict`` as JSON),
exactly as extraction writes them.
"""

from __future__ import annotations

import json
from datetime import date

from frontlines.document import Document, make_doc_id
from frontlines.mention import ActorRef, Claim, Count, DateRef, EventMention, Location, PlaceMention

SYRIA = {"country": "Syria", "iso": 760, "admin1": "Aleppo", "admin2": "Jebel Saman"}
GOV = ActorRef("the army", "Military Forces of Syria (2000-)", inter=1, country="Syria", resolved=True)
REBELS = ActorRef("rebels", "Jabhat Fateh al-Sham", inter=2, country="Syria", resolved=True)
YPG = ActorRef("YPG", "YPG: People's Protection Units", inter=2, country="Syria", resolved=True)
CIVILIANS = ActorRef("civilians", "Civilians (Syria)", inter=7, country="Syria", resolved=True)


def loc(name: str, lat: float = 36.2, lon: float = 37.16, precision: int = 1, **kw) -> Location:
    return Location(location=name, latitude=lat, longitude=lon, geo_precision=precision, **{**SYRIA, **kw})


HANANO = loc("Aleppo - Masaken Hanano", 36.222, 37.183)
SAEED = loc("Aleppo - Sheikh Saeed", 36.170, 37.170)
SHAAR = loc("Aleppo - al-Shaar", 36.210, 37.175)
ALEPPO = loc("Aleppo", 36.2021, 37.1343)


def doc(title: str, text: str, source: str, published: date, url: str | None = None) -> Document:
    paras = [p for p in text.split("\n\n") if p]
    return Document(doc_id=make_doc_id(title, paras), source_id=title, title=title, paragraphs=paras,
                    source=source, published=published, url=url or f"https://{source.lower().replace(' ', '')}.example/"
                    + title.lower().replace(" ", "-"))


_N = [0]


def mention(d: Document, sub: str, place: Location | None, day: date | None, *, etype: str | None = None,
            actor1: ActorRef | None = GOV, actor2: ActorRef | None = REBELS, evidence: str = "",
            claimant: str | None = None, claimant_actor: str | None = None, kind: str | None = None,
            certainty: str = "asserted", fatalities: int | None = None, raw: str | None = None,
            qualifier: str | None = None, displaced: int | None = None, precision: int = 1,
            trigger: str | None = None, source_type: str = "article", mention_id: str | None = None) -> EventMention:
    _N[0] += 1
    etype = etype or _TYPE[sub]
    counts = []
    if fatalities is not None:
        counts.append(Count("fatalities", fatalities, raw or str(fatalities), qualifier))
    if displaced is not None:
        counts.append(Count("displaced", displaced, str(displaced)))
    return EventMention(
        mention_id=mention_id or f"m{_N[0]:05d}-{d.doc_id[:6]}", doc_id=d.doc_id, source_id=d.source_id,
        event_type=etype, sub_event_type=sub, disorder_type="Political violence",
        actor1=actor1, actor2=actor2,
        date=DateRef("on the day", day, precision) if day else None,
        places=[PlaceMention(place.location, "event", resolved=place)] if place else [],
        counts=counts, claim=Claim(claimant, claimant_actor, kind, "say" if claimant else None, certainty),
        evidence=evidence or f"{sub} in {place.location if place else 'somewhere'}", trigger=trigger,
        source=d.source, source_type=source_type, sentence=_N[0],
    )


_TYPE = {
    "Government regains territory": "Battles", "Non-state actor overtakes territory": "Battles",
    "Armed clash": "Battles", "Air/drone strike": "Explosions/Remote violence",
    "Shelling/artillery/missile attack": "Explosions/Remote violence", "Attack": "Violence against civilians",
    "Peaceful protest": "Protests", "Non-violent transfer of territory": "Strategic developments",
}


def save(store, docs: list[Document], mentions: list[EventMention]) -> None:
    store.add_documents(docs)
    with store.transaction() as con:
        for m in mentions:
            lo = m.location
            con.execute(
                "INSERT INTO mentions (mention_id, doc_id, source_id, source_type, event_date, time_precision,"
                " event_type, sub_event_type, actor1, actor2, location, latitude, longitude, geo_precision,"
                " fatalities, claimant, certainty, evidence, pipeline_version, payload)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [m.mention_id, m.doc_id, m.source_id, m.source_type, m.date.date if m.date else None,
                 m.date.time_precision if m.date else None, m.event_type, m.sub_event_type,
                 m.actor1.name if m.actor1 else None, m.actor2.name if m.actor2 else None,
                 lo.location if lo else None, lo.latitude if lo else None, lo.longitude if lo else None,
                 lo.geo_precision if lo else None, m.fatalities, m.claim.claimant, m.claim.certainty, m.evidence,
                 "test", json.dumps(m.to_dict(), default=str)],
            )
