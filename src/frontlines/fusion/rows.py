"""Canonical events as flat rows: every ACLED export column, plus frontlines' source and claim columns."""

from __future__ import annotations

from datetime import date
from typing import Any

from frontlines.export import interaction
from frontlines.fusion.consensus import CanonicalEvent

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction", "civilian_targeting",
    "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude", "longitude", "geo_precision",
    "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
EXTRA_COLUMNS = ["canonical_id", "n_mentions", "n_sources", "n_independent", "claimants", "deniers",
                 "attribution", "fatality_figures", "contradiction_ids", "mention_ids", "doc_ids"]

def _region(alpha3: str) -> str | None:
    """ACLED's region for a country: the table the mention export uses, so both outputs agree."""
    from frontlines.export import _REGIONS

    return _REGIONS.get(alpha3)


def acled_row(ev: CanonicalEvent, timestamp: int | None = None) -> dict[str, Any]:
    loc = ev.location or {}
    d = date.fromisoformat(ev.event_date) if ev.event_date else None
    civ = "Civilian targeting" if ev.inter2 == 7 and ev.event_type in (
        "Violence against civilians", "Explosions/Remote violence") else ""
    fat_figs = "; ".join(f"{f.raw or f.value} ({f.claimant or f.source})" for f in ev.fatality_figures)
    return {
        "event_id_cnty": ev.event_id_cnty,
        "event_date": ev.event_date,
        "year": d.year if d else None,
        "time_precision": ev.time_precision,
        "disorder_type": ev.disorder_type,
        "event_type": ev.event_type,
        "sub_event_type": ev.sub_event_type,
        "actor1": ev.actor1,
        "assoc_actor_1": "; ".join(ev.assoc_actor_1),
        "inter1": ev.inter1,
        "actor2": ev.actor2,
        "assoc_actor_2": "",
        "inter2": ev.inter2,
        "interaction": interaction(ev.inter1, ev.inter2),
        "civilian_targeting": civ,
        "iso": loc.get("iso"),
        "region": _region(ev.event_id_cnty.split("-")[0]),
        "country": loc.get("country"),
        "admin1": loc.get("admin1"),
        "admin2": loc.get("admin2"),
        "admin3": loc.get("admin3"),
        "location": loc.get("location"),
        "latitude": loc.get("latitude"),
        "longitude": loc.get("longitude"),
        "geo_precision": loc.get("geo_precision"),
        "source": "; ".join(sorted({s.source for s in ev.sources if s.source})),
        "source_scale": "",
        "notes": ev.notes,
        "fatalities": ev.fatalities,
        "tags": "; ".join(t for t in (
            "disputed" if ev.deniers else "", "claim only" if ev.claimants and not any(
                s.voice == "third_party" for s in ev.sources) else "") if t),
        "timestamp": timestamp,
        "canonical_id": ev.canonical_id,
        "n_mentions": ev.n_mentions,
        "n_sources": ev.n_sources,
        "n_independent": ev.n_independent,
        "claimants": "; ".join(ev.claimants),
        "deniers": "; ".join(ev.deniers),
        "attribution": ev.attribution(),
        "fatality_figures": fat_figs,
        "contradiction_ids": "; ".join(ev.contradiction_ids),
        "mention_ids": "; ".join(ev.mention_ids),
        "doc_ids": "; ".join(s.doc_id for s in ev.sources),
    }


CANONICAL_COLUMNS = ACLED_COLUMNS + EXTRA_COLUMNS
_TABLE_COLUMNS = ["event_date", "sub_event_type", "location", "actor1", "fatalities", "n_sources", "n_independent",
                  "attribution", "contradiction_ids"]


def write_canonical(table: list[dict[str, Any]], fmt: str, out=None) -> None:
    """Write canonical rows as table, csv, jsonl or parquet (stdout for text formats without ``out``)."""
    from frontlines.export import write

    write(table, fmt, out, columns=CANONICAL_COLUMNS, table_columns=_TABLE_COLUMNS,
          title=f"{len(table)} canonical events", width=200)
