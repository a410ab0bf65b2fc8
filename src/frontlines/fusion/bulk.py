"""Bulk writes through Arrow: DuckDB's ``executemany`` runs one statement per row, far too slow for
100k memberships. One registered Arrow table and one ``INSERT ... SELECT`` is one statement."""

from __future__ import annotations

import pyarrow as pa


def insert_rows(con, table: str, columns: list[str], rows: list[list]) -> None:
    """Insert ``rows`` (values in ``columns`` order) into ``table`` in one statement."""
    if not rows:
        return
    data = pa.table({c: [r[i] for r in rows] for i, c in enumerate(columns)})
    name = f"_frontlines_bulk_{table}"
    con.register(name, data)
    try:
        cols = ", ".join(columns)
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {name}")
    finally:
        con.unregister(name)
