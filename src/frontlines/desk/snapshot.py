"""The desk's map index: one compact in-memory row per canonical event, rebuilt when the store changes.

WHY a separate in-memory table: the map filters on things the store keeps spread
over three tables (claimants and certainty on mentions, outlets on documents,
disputes in ``contradictions``). Joining them per request would cost seconds
at a million events; joined once into an in-memory DuckDB table sorted by date
(so date ranges skip whole row groups) a filtered count or grid aggregate costs
tens of milliseconds. The index lives in its own in-memory database, so the
desk cannot write to the store even by mistake, and a rebuild is swapped in
atomically while readers keep using the old one.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

import duckdb

# Built on a read cursor of the store; every column the map filters or draws on.
BUILD_SQL = """
WITH per_event AS (
    SELECT cm.canonical_id,
           list(DISTINCT mn.claimant) FILTER (WHERE mn.claimant IS NOT NULL) AS claimants,
           list(DISTINCT mn.certainty) FILTER (WHERE mn.certainty IS NOT NULL) AS certainties,
           list(DISTINCT mn.source_type) FILTER (WHERE mn.source_type IS NOT NULL) AS source_types,
           list(DISTINCT d.source) FILTER (WHERE d.source IS NOT NULL) AS outlets
    FROM canonical_members cm
    LEFT JOIN mentions mn ON mn.mention_id = cm.mention_id
    LEFT JOIN documents d ON d.doc_id = cm.doc_id
    GROUP BY cm.canonical_id
),
disputed AS (SELECT DISTINCT canonical_id FROM contradictions)
SELECT e.canonical_id AS id,
       e.event_date AS day,
       e.event_type AS type,
       e.sub_event_type AS sub,
       e.actor1, e.actor2,
       CASE WHEN e.payload->>'$.location.named_place' IS NOT NULL
            THEN (e.payload->>'$.location.named_place') || ' (' || coalesce(e.location, '') || ')'
            ELSE e.location END AS place,
       e.country,
       e.latitude AS lat, e.longitude AS lon,
       coalesce(e.fatalities, 0) AS fat,
       coalesce(e.n_independent, 0) AS n_ind,
       coalesce(e.n_sources, 0) AS n_src,
       list_distinct(list_concat(coalesce(e.claimants, []::VARCHAR[]), coalesce(p.claimants, []::VARCHAR[])))
           AS claimants,
       coalesce(p.certainties, []::VARCHAR[]) AS certainties,
       coalesce(p.source_types, []::VARCHAR[]) AS source_types,
       coalesce(p.outlets, []::VARCHAR[]) AS outlets,
       CASE WHEN x.canonical_id IS NOT NULL
                 OR coalesce(json_array_length(e.payload->'$.deniers'), 0) > 0 THEN 'disputed'
            WHEN coalesce(e.n_independent, 0) >= 2 THEN 'corroborated'
            ELSE 'single' END AS corroboration,
       e.updated_at
FROM canonical_events e
LEFT JOIN per_event p ON p.canonical_id = e.canonical_id
LEFT JOIN disputed x ON x.canonical_id = e.canonical_id
"""


@dataclass
class SnapshotInfo:
    generation: int
    n_events: int
    built_at: float
    seconds: float


class Snapshot:
    """The in-memory map index (table ``ev``) and the facet lists, swapped whole on refresh."""

    def __init__(self) -> None:
        self.mem = duckdb.connect(":memory:")
        self._lock = threading.Lock()
        self.info = SnapshotInfo(0, 0, 0.0, 0.0)
        self.facets: dict[str, list[dict]] = {}

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self.mem.cursor()

    def rebuild(self, store_cursor: duckdb.DuckDBPyConnection) -> SnapshotInfo:
        """Read the store once (on ``store_cursor``) and swap in the new index."""
        t0 = time.perf_counter()
        table = store_cursor.sql(BUILD_SQL + " ORDER BY day NULLS LAST, id").to_arrow_table()
        with self._lock:
            cur = self.mem.cursor()
            try:
                cur.register("_fresh", table)
                cur.execute("CREATE OR REPLACE TABLE ev_next AS SELECT * FROM _fresh")
                cur.unregister("_fresh")
                cur.execute("BEGIN")
                cur.execute("DROP TABLE IF EXISTS ev")
                cur.execute("ALTER TABLE ev_next RENAME TO ev")
                cur.execute("COMMIT")
                self.facets = _facets(cur)
                n = cur.execute("SELECT count(*) FROM ev").fetchone()[0]
            finally:
                cur.close()
            self.info = SnapshotInfo(self.info.generation + 1, n, time.time(), time.perf_counter() - t0)
        return self.info


_FACET_SQL = {
    "type": "SELECT type AS value, count(*) AS n FROM ev WHERE type IS NOT NULL GROUP BY 1",
    "sub": "SELECT sub AS value, count(*) AS n FROM ev WHERE sub IS NOT NULL GROUP BY 1",
    "actor": "SELECT value, count(*) AS n FROM (SELECT actor1 AS value FROM ev UNION ALL SELECT actor2 FROM ev)"
             " WHERE value IS NOT NULL GROUP BY 1",
    "claimant": "SELECT value, count(*) AS n FROM (SELECT unnest(claimants) AS value FROM ev) GROUP BY 1",
    "certainty": "SELECT value, count(*) AS n FROM (SELECT unnest(certainties) AS value FROM ev) GROUP BY 1",
    "source_type": "SELECT value, count(*) AS n FROM (SELECT unnest(source_types) AS value FROM ev) GROUP BY 1",
    "outlet": "SELECT value, count(*) AS n FROM (SELECT unnest(outlets) AS value FROM ev) GROUP BY 1",
    "corroboration": "SELECT corroboration AS value, count(*) AS n FROM ev GROUP BY 1",
}
FACET_LIMIT = 300


def _facets(cur: duckdb.DuckDBPyConnection) -> dict[str, list[dict]]:
    """The values each filter offers, most frequent first (fixed SQL, no input)."""
    out = {}
    for name, sql in _FACET_SQL.items():
        rows = cur.execute(f"{sql} ORDER BY n DESC, value LIMIT {FACET_LIMIT}").fetchall()
        out[name] = [{"value": v, "n": n} for v, n in rows]
    return out
