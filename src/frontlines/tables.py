"""What the store knows, as Arrow tables for notebooks: events, canonical events, control, contradictions,
documents.

WHY Arrow: one columnar object that pandas (``.to_pandas()``), Polars, DuckDB and
Parquet all read without a copy, with the same columns the CLI exports, so a
notebook and ``frontlines events --format parquet`` agree to the cell. Filters
are the CLI's, as parameterised SQL: values never enter the SQL text.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:  # pragma: no cover
    import duckdb
    import pyarrow as pa


class Store(Protocol):
    """What these views need of ``frontlines.store.Store`` (which calls them): its connection."""

    con: duckdb.DuckDBPyConnection


def mention_filter(event_type=None, since=None, until=None, source_type=None, country=None) -> tuple[str, list]:
    """A WHERE clause over ``mentions`` and its parameters."""
    clauses, params = [], []
    if event_type:
        clauses.append("(lower(event_type) = lower(?) OR lower(sub_event_type) = lower(?))")
        params += [event_type, event_type]
    if since:
        clauses.append("event_date >= ?")
        params.append(since)
    if until:
        clauses.append("event_date <= ?")
        params.append(until)
    if source_type:
        clauses.append("source_type = ?")
        params.append(source_type)
    if country:
        clauses.append("(lower(payload->>'$.actor1.country') = lower(?) OR "
                       "lower(json_extract_string(payload, '$.places[0].resolved.country')) = lower(?))")
        params += [country, country]
    return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def _arrow(rows: list[dict[str, Any]], columns: list[str]) -> pa.Table:
    import pyarrow as pa

    def plain(v):
        return v.isoformat() if isinstance(v, date) else v

    if not rows:
        return pa.table({c: pa.array([], pa.string()) for c in columns})
    return pa.Table.from_pylist([{c: plain(r.get(c)) for c in columns} for r in rows])


def events(store: Store, *, canonical: bool = False, event_type: str | None = None, since=None, until=None,
           source_type: str | None = None, country: str | None = None, place: str | None = None) -> pa.Table:
    """Event mentions (ACLED columns + provenance), or with ``canonical=True`` the fused events."""
    if canonical:
        from frontlines.fusion import canonical_rows
        from frontlines.fusion.rows import CANONICAL_COLUMNS

        return _arrow(canonical_rows(store, type=event_type, since=since, until=until, country=country,
                                     place=place), list(CANONICAL_COLUMNS))
    from frontlines.export import COLUMNS, rows
    from frontlines.store.mentions import load_mentions

    where, params = mention_filter(event_type, since, until, source_type, country)
    return _arrow(rows(load_mentions(store, where, params)), list(COLUMNS))


def control(store: Store, when: date | str | None = None, place: str | None = None) -> pa.Table:
    """The control timeline (every change of hands), or with ``when`` who held each place that day."""
    import dataclasses

    from frontlines.fusion import control_at, timeline

    if when is not None:
        recs = control_at(store, when, place)
    else:
        recs = [dataclasses.asdict(c) for c in timeline(store, place)]
    return _arrow([{k: _scalar(v) for k, v in r.items()} for r in recs], sorted({k for r in recs for k in r}))


def contradictions(store: Store) -> pa.Table:
    """Every disagreement between sources that fusion recorded."""
    import dataclasses

    from frontlines.fusion import contradictions as load

    recs = [dataclasses.asdict(c) for c in load(store)]
    return _arrow([{k: _scalar(v) for k, v in r.items()} for r in recs], sorted({k for r in recs for k in r}))


def documents(store: Store) -> pa.Table:
    """Stored documents, one row each (comments as a nested list), straight from DuckDB."""
    return store.con.execute("SELECT d.*, (SELECT count(*) FROM comments c WHERE c.doc_id = d.doc_id) AS n_comments "
                             "FROM documents d ORDER BY d.doc_id").arrow()


def _scalar(v):
    """Lists and dicts become JSON text: one type per column, whatever a record holds."""
    import json

    if isinstance(v, (list, dict, tuple)):
        return json.dumps(v, default=str, ensure_ascii=False)
    return v.isoformat() if isinstance(v, date) else v


__all__ = ["contradictions", "control", "documents", "events", "mention_filter"]
