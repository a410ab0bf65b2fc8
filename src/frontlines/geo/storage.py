"""Gazetteer sources in the DuckDB store: add (idempotently), list, remove, read back as a layer.

A source is everything one file contributed, under one name. Re-adding a file
whose content hash is already stored under that name is a no-op; re-adding
changed content replaces the source's rows in one transaction, so a reader
never sees half a source.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from frontlines.geo.gazetteer import Entry, Gazetteer
from frontlines.store import Store


@dataclass
class SourceInfo:
    source: str
    kind: str
    path: str | None
    sha256: str | None
    n_entries: int
    loaded_at: Any = None


def add_source(store: Store, source: str, kind: str, entries: Iterable[Entry], *, path: str | None = None,
               sha256: str | None = None, options: dict[str, Any] | None = None) -> tuple[int, bool]:
    """Store ``entries`` as ``source``. Returns (entries stored, False when it was already there)."""
    row = store.con.execute("SELECT sha256 FROM gazetteer_sources WHERE source = ?", [source]).fetchone()
    if row and sha256 and row[0] == sha256:
        n = store.con.execute("SELECT count(*) FROM gazetteer_entries WHERE source = ?", [source]).fetchone()[0]
        return n, False
    entries = list(entries)
    with store.transaction() as con:
        _delete(con, source)
        con.executemany(
            "INSERT OR REPLACE INTO gazetteer_entries (entry_id, source, name, feature_class, feature_code, level,"
            " country_code, admin1, admin2, admin3, parent, latitude, longitude, population, polygon)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [[e.entry_id, source, e.name, e.feature_class, e.feature_code, e.level, e.country_code, e.admin1,
              e.admin2, e.admin3, e.parent, e.latitude, e.longitude, e.population,
              json.dumps(e.polygon) if e.polygon else None] for e in entries],
        )
        names = [[e.entry_id, n, None] for e in entries for n in dict.fromkeys(e.alt_names) if n != e.name]
        if names:
            con.executemany("INSERT INTO gazetteer_names (entry_id, name, lang) VALUES (?, ?, ?)", names)
        con.execute(
            "INSERT INTO gazetteer_sources (source, kind, path, sha256, n_entries, options) VALUES (?, ?, ?, ?, ?, ?)",
            [source, kind, path, sha256, len(entries), json.dumps(options or {})],
        )
    return len(entries), True


def _delete(con, source: str) -> None:
    con.execute(
        "DELETE FROM gazetteer_names WHERE entry_id IN (SELECT entry_id FROM gazetteer_entries WHERE source = ?)",
        [source],
    )
    con.execute("DELETE FROM gazetteer_entries WHERE source = ?", [source])
    con.execute("DELETE FROM gazetteer_sources WHERE source = ?", [source])


def remove_source(store: Store, source: str) -> int:
    """Delete a source and its entries; returns how many entries went."""
    n = store.con.execute("SELECT count(*) FROM gazetteer_entries WHERE source = ?", [source]).fetchone()[0]
    known = store.con.execute("SELECT 1 FROM gazetteer_sources WHERE source = ?", [source]).fetchone()
    if not known:
        return -1
    with store.transaction() as con:
        _delete(con, source)
    return n


def list_sources(store: Store) -> list[SourceInfo]:
    rows = store.con.execute(
        "SELECT source, kind, path, sha256, n_entries, loaded_at FROM gazetteer_sources ORDER BY loaded_at, source"
    ).fetchall()
    return [SourceInfo(*r) for r in rows]


def read_entries(store: Store) -> list[Entry]:
    """Every stored entry with its alternate names."""
    alts: dict[str, list[str]] = defaultdict(list)
    for entry_id, name in store.con.execute("SELECT entry_id, name FROM gazetteer_names").fetchall():
        alts[entry_id].append(name)
    out = []
    for r in store.con.execute(
        "SELECT entry_id, name, source, feature_class, feature_code, level, country_code, admin1, admin2, admin3,"
        " parent, latitude, longitude, population, polygon FROM gazetteer_entries ORDER BY source, entry_id"
    ).fetchall():
        out.append(Entry(
            entry_id=r[0], name=r[1], source=r[2], feature_class=r[3], feature_code=r[4], level=r[5] or 0,
            country_code=r[6], admin1=r[7], admin2=r[8], admin3=r[9], parent=r[10], latitude=r[11],
            longitude=r[12], population=r[13] or 0, polygon=json.loads(r[14]) if r[14] else None,
            alt_names=alts.get(r[0], []),
        ))
    return out


def load_layer(store: Store) -> Gazetteer | None:
    entries = read_entries(store)
    return Gazetteer(entries, name=f"store:{store.path}") if entries else None


__all__ = ["SourceInfo", "add_source", "list_sources", "load_layer", "read_entries", "remove_source"]
