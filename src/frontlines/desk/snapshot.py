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

from frontlines.store import CONNECTION_CONFIG

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


LIST_COLUMNS = ("claimants", "certainties", "source_types", "outlets")
MASK_BITS = 62  # the most frequent values of each list column get a bit in a BIGINT mask


@dataclass(frozen=True)
class View:
    """One generation of the index: its table, the bit of each frequent list value, the type codes.

    Readers take the current view once per request, so a rebuild swapping in the
    next generation never mixes one generation's bits with another's table.
    """

    table: str
    bits: dict[str, dict[str, int]]
    types: tuple[str, ...]
    facets: dict[str, list[dict]]
    info: SnapshotInfo


class SnapCursor:
    """A cursor on the in-memory index with the view it must use."""

    def __init__(self, cur: duckdb.DuckDBPyConnection, view: View) -> None:
        self.cur, self.view, self.table = cur, view, view.table

    def execute(self, sql: str, params=None):
        return self.cur.execute(sql, params or [])


class Snapshot:
    """The in-memory map index, one table per generation, swapped whole on refresh."""

    def __init__(self) -> None:
        self.mem = duckdb.connect(":memory:", config=dict(CONNECTION_CONFIG))  # no extension, ever
        self._lock = threading.Lock()
        self.view = View("ev_g0", {}, (), {}, SnapshotInfo(0, 0, 0.0, 0.0))

    @property
    def info(self) -> SnapshotInfo:
        return self.view.info

    @property
    def facets(self) -> dict[str, list[dict]]:
        return self.view.facets

    def cursor(self) -> SnapCursor:
        return SnapCursor(self.mem.cursor(), self.view)

    def rebuild(self, store_cursor: duckdb.DuckDBPyConnection) -> SnapshotInfo:
        """Read the store once (on ``store_cursor``) and swap in the new index.

        Besides the columns, each list column (claimants, certainties, source types,
        outlets) gets a BIGINT mask with one bit per frequent value, and the event type a
        small integer code: a filter on a list becomes one AND on an integer, and the
        zoomed-out grid counts types with integer comparisons (DuckDB's ``mode`` on
        strings cost 100 ms at a million rows; this costs a few).
        """
        t0 = time.perf_counter()
        fresh = store_cursor.sql(BUILD_SQL).to_arrow_table()
        with self._lock:
            gen = self.view.info.generation + 1
            table = f"ev_g{gen}"
            cur = self.mem.cursor()
            try:
                cur.register("_fresh", fresh)
                cur.execute("CREATE OR REPLACE TEMP TABLE ev0 AS SELECT row_number() OVER () AS rid, * FROM _fresh")
                cur.unregister("_fresh")
                bits: dict[str, dict[str, int]] = {}
                joins, cols = [], []
                for col in LIST_COLUMNS:
                    top = [r[0] for r in cur.execute(
                        f"SELECT v FROM (SELECT unnest({col}) AS v FROM ev0) GROUP BY v ORDER BY count(*) DESC, v"
                        f" LIMIT {MASK_BITS}").fetchall()]
                    bits[col] = {v: i for i, v in enumerate(top)}
                    cur.execute(f"CREATE OR REPLACE TEMP TABLE d_{col} (v VARCHAR, k INTEGER)")
                    if top:
                        cur.executemany(f"INSERT INTO d_{col} VALUES (?, ?)", list(bits[col].items()))
                    joins.append(f"LEFT JOIN (SELECT rid, bit_or(1::BIGINT << k) AS m FROM (SELECT rid, unnest({col})"
                                 f" AS v FROM ev0) JOIN d_{col} USING (v) GROUP BY rid) m_{col} USING (rid)")
                    cols.append(f"coalesce(m_{col}.m, 0)::BIGINT AS {col}_mask")
                types = tuple(r[0] for r in cur.execute(
                    "SELECT type FROM ev0 WHERE type IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 16"
                ).fetchall())
                cur.execute("CREATE OR REPLACE TEMP TABLE d_type (type VARCHAR, tcode TINYINT)")
                if types:
                    cur.executemany("INSERT INTO d_type VALUES (?, ?)", [(t, i) for i, t in enumerate(types)])
                cur.execute(
                    f"CREATE TABLE {table} AS SELECT ev0.* EXCLUDE (rid), {', '.join(cols)},"
                    f" coalesce(d_type.tcode, -1)::TINYINT AS tcode FROM ev0 {' '.join(joins)}"
                    " LEFT JOIN d_type USING (type) ORDER BY day NULLS LAST, id")
                cur.execute("DROP TABLE ev0")
                n = cur.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                facets = _facets(cur, table)
                info = SnapshotInfo(gen, n, time.time(), time.perf_counter() - t0)
                self.view = View(table, bits, types, facets, info)
                # the generation before the previous one: no request can still be reading it
                if gen > 2:
                    cur.execute(f"DROP TABLE IF EXISTS ev_g{gen - 2}")
            finally:
                cur.close()
        return self.view.info


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


def _facets(cur: duckdb.DuckDBPyConnection, table: str) -> dict[str, list[dict]]:
    """The values each filter offers, most frequent first (fixed SQL, no input)."""
    out = {}
    for name, sql in _FACET_SQL.items():
        sql = sql.replace("FROM ev", f"FROM {table}")
        rows = cur.execute(f"{sql} ORDER BY n DESC, value LIMIT {FACET_LIMIT}").fetchall()
        out[name] = [{"value": v, "n": n} for v, n in rows]
    return out
