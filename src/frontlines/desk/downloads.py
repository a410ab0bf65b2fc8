"""The current filter as files: ACLED CSV, GeoJSON, Parquet, and the situation report.

Rows are fusion's own ``acled_row`` (the columns of ``frontlines events
--canonical``), so a download here and an export from the CLI agree. CSV cells
that a spreadsheet would run as a formula are neutralised by the one CSV writer,
``frontlines.export.write_csv``; GeoJSON and Parquet keep the raw text.
"""

from __future__ import annotations

import io
import json
from typing import Any

from starlette.responses import Response

from frontlines.desk import queries
from frontlines.desk.filters import BadRequest, Filters

MAX_ROWS = 100_000
FORMATS = {"events.csv": "text/csv; charset=utf-8", "events.geojson": "application/geo+json",
           "events.parquet": "application/vnd.apache.parquet", "report.html": "text/html; charset=utf-8",
           "report.md": "text/markdown; charset=utf-8"}


def rows_for(desk, filters: Filters) -> list[dict[str, Any]]:
    from frontlines.fusion.engine import load_events
    from frontlines.fusion.rows import acled_row

    ids = queries.event_ids(desk.snapshot.cursor(), filters, MAX_ROWS)
    if not ids:
        return []
    reader = queries.Reader(desk.store_cursor())
    # the timestamp column as `frontlines events --canonical` writes it (fusion.canonical_rows): whole
    # seconds, truncated (a cast in SQL would round, and a download would then differ by a second)
    stamps = {cid: int(ts.timestamp()) if ts else None for cid, ts in reader.con.execute(
        "SELECT canonical_id, updated_at FROM canonical_events WHERE canonical_id IN (SELECT unnest(?))",
        [ids]).fetchall()}
    events = load_events(reader, "WHERE canonical_id IN (SELECT unnest(?))", [ids])
    return [acled_row(e, stamps.get(e.canonical_id)) for e in events]


def respond(desk, filters: Filters, fmt: str) -> Response:
    if fmt not in FORMATS:
        raise BadRequest(f"download: unknown file {fmt!r} (use {', '.join(FORMATS)})")
    if fmt.startswith("report."):
        return _report(desk, filters, fmt)
    from frontlines.fusion.rows import CANONICAL_COLUMNS

    rows = rows_for(desk, filters)
    headers = {"content-disposition": f'attachment; filename="frontlines-{fmt}"'}
    if fmt == "events.csv":
        from frontlines.export import write_csv

        buf = io.StringIO()
        write_csv(buf, rows, CANONICAL_COLUMNS)
        body: bytes = buf.getvalue().encode("utf-8")
    elif fmt == "events.geojson":
        feats = [{"type": "Feature",
                  "geometry": ({"type": "Point", "coordinates": [r["longitude"], r["latitude"]]}
                               if r.get("latitude") is not None and r.get("longitude") is not None else None),
                  "properties": {k: r.get(k) for k in CANONICAL_COLUMNS if k not in ("latitude", "longitude")}}
                 for r in rows]
        body = json.dumps({"type": "FeatureCollection", "features": feats}, ensure_ascii=False).encode("utf-8")
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        sample = rows or [dict.fromkeys(CANONICAL_COLUMNS)]
        table = pa.Table.from_pylist([{k: r.get(k) for k in CANONICAL_COLUMNS} for r in sample]).slice(0, len(rows))
        sink = io.BytesIO()
        pq.write_table(table, sink)
        body = sink.getvalue()
    return Response(body, media_type=FORMATS[fmt], headers=headers)


def _report(desk, filters: Filters, fmt: str) -> Response:
    """The situation brief for the filter's place and period (the brief's own filters)."""
    from frontlines.report import write_report

    reader = queries.Reader(desk.store_cursor())
    text, _ = write_report(reader, None, fmt=fmt.split(".")[1], place=filters.place, since=filters.since,
                           until=filters.until, image=fmt == "report.html")
    headers = {"content-disposition": f'attachment; filename="frontlines-{fmt}"'}
    if fmt == "report.html":  # its own scripts-free policy: inline style and the embedded PNG only
        headers["content-security-policy"] = "default-src 'none'; img-src data:; style-src 'unsafe-inline'"
    return Response(text.encode("utf-8"), media_type=FORMATS[fmt], headers=headers)
