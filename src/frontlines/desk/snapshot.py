"""The desk's map index: one compact in-memory row per canonical event, kept in step with the store.

WHY a separate in-memory table: the map filters on things the store keeps spread
over three tables (claimants and certainty on mentions, outlets on documents,
disputes in ``contradictions``). Joining them per request would cost seconds
at a million events; joined once into an in-memory DuckDB table sorted by date
(so date ranges skip whole row groups) a filtered count or grid aggregate costs
tens of milliseconds. The index lives in its own in-memory database, so the
desk cannot write to the store even by mistake.

WHY incremental: joining the whole store again costs about 20 s at a million
events, and a watched feed changes a handful of events at a time. Fusion
deletes and re-inserts every canonical event it rebuilds, so a changed event
is one whose ``updated_at`` differs from the index's copy (or that the index
lacks), and a removed one is in the index but no longer in the store. Only
those rows are read from the store and swapped, in one transaction of the
in-memory database; ``tests/desk/test_snapshot.py`` checks that the result
answers every query exactly as a full rebuild does.
"""

from __future__ import annotations

import threading
import time
from collections import Counter
from dataclasses import dataclass

import duckdb

from frontlines.store import CONNECTION_CONFIG

# Built on a read cursor of the store; every column the map filters or draws on. ``{only}`` narrows the
# three scans to the given canonical ids (an incremental refresh) or is empty (a full build). Every list is
# sorted: DuckDB's list aggregates and list_distinct follow no order, so an incremental refresh and a full
# build (or two builds on other thread schedules) would answer the same query with lists in other orders.
BUILD_SQL = """
WITH per_event AS (
    SELECT cm.canonical_id,
           list(DISTINCT mn.claimant ORDER BY mn.claimant) FILTER (WHERE mn.claimant IS NOT NULL) AS claimants,
           list(DISTINCT mn.certainty ORDER BY mn.certainty) FILTER (WHERE mn.certainty IS NOT NULL) AS certainties,
           list(DISTINCT mn.source_type ORDER BY mn.source_type) FILTER (WHERE mn.source_type IS NOT NULL) AS source_types,
           list(DISTINCT d.source ORDER BY d.source) FILTER (WHERE d.source IS NOT NULL) AS outlets
    FROM canonical_members cm
    LEFT JOIN {mentions} mn ON mn.mention_id = cm.mention_id
    LEFT JOIN {documents} d ON d.doc_id = cm.doc_id
    {only_members}
    GROUP BY cm.canonical_id
),
disputed AS (SELECT DISTINCT canonical_id FROM contradictions {only_contradictions})
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
       list_sort(list_distinct(list_concat(coalesce(e.claimants, []::VARCHAR[]),
                                       coalesce(p.claimants, []::VARCHAR[]))))
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
{only_events}
"""
_ALL = {"only_members": "", "only_contradictions": "", "only_events": "", "mentions": "mentions",
        "documents": "documents"}
# The delta narrows mentions and documents to those of the given events before the joins (about half the
# time of joining all of them at a million events).
_MEMBERS_OF = "(SELECT {cols} FROM canonical_members WHERE canonical_id IN (SELECT unnest($ids)))"
_SOME = {"only_members": "WHERE cm.canonical_id IN (SELECT unnest($ids))",
         "only_contradictions": "WHERE canonical_id IN (SELECT unnest($ids))",
         "only_events": "WHERE e.canonical_id IN (SELECT unnest($ids))",
         "mentions": "(SELECT mention_id, claimant, certainty, source_type FROM mentions WHERE mention_id IN "
                     + _MEMBERS_OF.format(cols="mention_id") + ")",
         "documents": "(SELECT doc_id, source FROM documents WHERE doc_id IN "
                      + _MEMBERS_OF.format(cols="doc_id") + ")"}


@dataclass(frozen=True)
class SnapshotInfo:
    generation: int
    n_events: int
    built_at: float
    seconds: float
    mode: str = "full"  # how this generation was made: "full" or "incremental"
    changed: int = 0  # events added or replaced by an incremental refresh
    removed: int = 0  # events an incremental refresh dropped
    found_by: str = ""  # how it found them: "stamps" (newer updated_at explained it all) or "keys" (all compared)


LIST_COLUMNS = ("claimants", "certainties", "source_types", "outlets")
MASK_BITS = 62  # the most frequent values of each list column get a bit in a BIGINT mask
TYPE_CODES = 16  # event types with an integer code (ACLED has six)
FULL_SHARE = 0.25  # more changed rows than this share of the index (or since the last full build): rebuild whole


@dataclass(frozen=True)
class View:
    """One generation of the index: its table, the bit of each frequent list value, the type codes.

    Readers take the current view once per request. Bits and type codes are only ever added
    between full builds, never moved, so any view's bits are right for any later rows of its
    table (a value without a bit is filtered with ``list_contains``).
    """

    table: str
    bits: dict[str, dict[str, int]]
    types: tuple[str, ...]
    facets: dict[str, list[dict]]
    info: SnapshotInfo


class SnapCursor:
    """A cursor on the in-memory index with the view it must use, reading one consistent state.

    The first statement opens a read transaction, so the count and the rows of one request see
    the same rows even if an incremental refresh commits between them.
    """

    def __init__(self, cur: duckdb.DuckDBPyConnection, view: View) -> None:
        self.cur, self.view, self.table = cur, view, view.table
        self._begun = False

    def execute(self, sql: str, params=None):
        if not self._begun:
            self.cur.execute("BEGIN TRANSACTION")
            self._begun = True
        return self.cur.execute(sql, params or [])


class Snapshot:
    """The in-memory map index: built whole once, then refreshed with only what changed."""

    def __init__(self) -> None:
        self.mem = duckdb.connect(":memory:", config=dict(CONNECTION_CONFIG))  # no extension, ever
        self._lock = threading.Lock()
        self.view = View("ev_g0", {}, (), {}, SnapshotInfo(0, 0, 0.0, 0.0))
        self._counts: dict[str, Counter] = {}
        self._since_full = 0  # rows changed by incremental refreshes since the last full build
        self._tables: list[str] = []
        self._fingerprint: tuple | None = None  # (rows, xor of row hashes) of the index's (id, updated_at)
        self._watermark = None  # the index's newest updated_at

    @property
    def info(self) -> SnapshotInfo:
        return self.view.info

    @property
    def facets(self) -> dict[str, list[dict]]:
        return self.view.facets

    def cursor(self) -> SnapCursor:
        return SnapCursor(self.mem.cursor(), self.view)

    # -- refresh ------------------------------------------------------------------------------------
    def refresh(self, store_cursor: duckdb.DuckDBPyConnection, *, full_share: float = FULL_SHARE) -> SnapshotInfo:
        """Bring the index in step with the store: nothing if unchanged, the changed rows, or all.

        The store is read in one transaction (its keys and the changed rows agree). A full
        build happens first, and when the changes since the last one reach ``full_share`` of
        the index (a regrouping re-fusion, say), which also restores the date order that
        appended rows loosen.
        """
        if self.view.info.generation == 0:
            return self.rebuild(store_cursor)
        t0 = time.perf_counter()
        store_cursor.execute("BEGIN TRANSACTION")
        try:
            n_fp, x_fp = store_cursor.execute(FINGERPRINT_SQL.format(table="canonical_events", id="canonical_id")
                                              ).fetchall()[0]
            store_fp = (n_fp, x_fp or 0)  # bit_xor of no rows is NULL
            if store_fp == self._fingerprint:
                return self.view.info  # the cheap check a poll makes: one scan of two columns
            changed, removed = self._newer(store_cursor, store_fp)
            found_by = "stamps"
            if changed is None:
                found_by = "keys"  # something else changed too (an event removed, an older stamp): compare all
                keys = store_cursor.sql("SELECT canonical_id AS id, updated_at FROM canonical_events").to_arrow_table()
                with self._lock:
                    cur = self.mem.cursor()
                    try:
                        changed, removed = _delta(cur, self.view.table, keys)
                    finally:
                        cur.close()
            if not changed and not removed:
                return self.view.info
            if self._since_full + len(changed) + len(removed) > full_share * max(self.view.info.n_events, 1):
                return self._build(store_cursor, t0)
            fresh = store_cursor.sql(BUILD_SQL.format(**_SOME), params={"ids": changed}).to_arrow_table()
        finally:
            store_cursor.execute("COMMIT")
        with self._lock:
            return self._apply(fresh, changed, removed, t0, found_by)

    def _newer(self, store_cursor, store_fp: tuple) -> tuple[list[str] | None, list[str]]:
        """The events stamped after the index's newest, if they alone explain the store's fingerprint.

        The usual change (a watched item, a run of new reports) only adds and rebuilds events, each
        with a new ``updated_at``. If replacing the index's copies of those by the store's gives the
        store's fingerprint, they are the whole change, and the million-row key comparison is not
        needed; otherwise (None) it is.
        """
        if self._watermark is None:
            return None, []
        rows = store_cursor.execute(f"SELECT canonical_id, {ROW_HASH.format(id='canonical_id')} FROM canonical_events"
                                    " WHERE updated_at > ?", [self._watermark]).fetchall()
        ids = [r[0] for r in rows]
        cur = self.mem.cursor()
        try:
            n_old, x_old = cur.execute(FINGERPRINT_SQL.format(table=self.view.table, id="id")
                                       + " WHERE id IN (SELECT unnest(?))", [ids]).fetchall()[0]
        finally:
            cur.close()
        n_fp, x_fp = self._fingerprint
        x_new = 0
        for _, h in rows:
            x_new ^= h
        expected = (n_fp - n_old + len(rows), (x_fp or 0) ^ (x_old or 0) ^ x_new)
        return (ids, []) if expected == store_fp else (None, [])

    def rebuild(self, store_cursor: duckdb.DuckDBPyConnection) -> SnapshotInfo:
        """Read the whole store once (on ``store_cursor``) and swap in a new index."""
        return self._build(store_cursor, time.perf_counter())

    def _build(self, store_cursor, t0: float) -> SnapshotInfo:
        """A new table holding every event, its masks computed from scratch, swapped in whole.

        Each list column (claimants, certainties, source types, outlets) gets a BIGINT mask with
        one bit per frequent value, and the event type a small integer code: a filter on a list
        becomes one AND on an integer, and the zoomed-out grid counts types with integer
        comparisons (DuckDB's ``mode`` on strings cost 100 ms at a million rows; this costs a few).
        """
        fresh = store_cursor.sql(BUILD_SQL.format(**_ALL)).to_arrow_table()
        with self._lock:
            gen = self.view.info.generation + 1
            table = f"ev_g{gen}"
            cur = self.mem.cursor()
            try:
                cur.register("_fresh", fresh)
                cur.execute("CREATE OR REPLACE TEMP TABLE arriving AS SELECT * FROM _fresh")
                cur.unregister("_fresh")
                bits: dict[str, dict[str, int]] = {}
                for col in LIST_COLUMNS:
                    top = [r[0] for r in cur.execute(
                        f"SELECT v FROM (SELECT unnest({col}) AS v FROM arriving) WHERE v IS NOT NULL GROUP BY v"
                        f" ORDER BY count(*) DESC, v LIMIT {MASK_BITS}").fetchall()]
                    bits[col] = {v: i for i, v in enumerate(top)}
                types = tuple(r[0] for r in cur.execute(
                    "SELECT type FROM arriving WHERE type IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1"
                    f" LIMIT {TYPE_CODES}").fetchall())
                cur.execute(f"CREATE TABLE {table} AS {_coded(cur, bits, types)} ORDER BY day NULLS LAST, id")
                self._counts = _facet_counts(cur, "arriving")
                cur.execute("DROP TABLE arriving")
                n = cur.execute(f"SELECT count(*) FROM {table}").fetchall()[0][0]
                n_fp, x_fp = cur.execute(FINGERPRINT_SQL.format(table=table, id="id")).fetchall()[0]
                self._fingerprint = (n_fp, x_fp or 0)
                self._watermark = cur.execute(f"SELECT max(updated_at) FROM {table}").fetchall()[0][0]
                info = SnapshotInfo(gen, n, time.time(), time.perf_counter() - t0)
                self.view = View(table, bits, types, _top(self._counts), info)
                self._since_full = 0
                self._tables.append(table)
                # every table but this one and the one before it: no request can still be reading those
                while len(self._tables) > 2:
                    cur.execute(f"DROP TABLE IF EXISTS {self._tables.pop(0)}")
            finally:
                cur.close()
        return self.view.info

    def _apply(self, fresh, changed: list[str], removed: list[str], t0: float, found_by: str) -> SnapshotInfo:
        """Replace the changed rows and drop the removed ones in one transaction of the index.

        New list values take free bits (never moving a bit that is taken) and new event types
        free codes, so rows already in the table keep valid masks; facet counts are adjusted by
        the rows that leave and the rows that arrive.
        """
        view = self.view
        table = view.table
        cur = self.mem.cursor()
        try:
            cur.register("_fresh", fresh)
            cur.execute("CREATE OR REPLACE TEMP TABLE arriving AS SELECT * FROM _fresh")
            cur.unregister("_fresh")
            gone = changed + removed
            cur.execute(f"CREATE OR REPLACE TEMP TABLE leaving AS SELECT * EXCLUDE ({_MASKS}, tcode) FROM {table}"
                        " WHERE id IN (SELECT unnest(?))", [gone])
            bits = {col: dict(b) for col, b in view.bits.items()}
            for col in LIST_COLUMNS:
                known = bits.setdefault(col, {})
                for (v,) in cur.execute(
                        f"SELECT v FROM (SELECT unnest({col}) AS v FROM arriving) WHERE v IS NOT NULL GROUP BY v"
                        " ORDER BY count(*) DESC, v").fetchall():
                    if len(known) >= MASK_BITS:
                        break
                    if v not in known:
                        known[v] = len(known)
            types = list(view.types)
            for (t,) in cur.execute("SELECT DISTINCT type FROM arriving WHERE type IS NOT NULL ORDER BY 1").fetchall():
                if t not in types and len(types) < TYPE_CODES:
                    types.append(t)
            counts = {k: Counter(c) for k, c in self._counts.items()}
            for k, c in _facet_counts(cur, "leaving").items():
                counts.setdefault(k, Counter()).subtract(c)
            for k, c in _facet_counts(cur, "arriving").items():
                counts.setdefault(k, Counter()).update(c)
            counts = {k: Counter({v: n for v, n in c.items() if n > 0}) for k, c in counts.items()}
            coded = _coded(cur, bits, tuple(types))
            cur.execute("BEGIN TRANSACTION")
            cur.execute(f"DELETE FROM {table} WHERE id IN (SELECT unnest(?))", [gone])
            cur.execute(f"INSERT INTO {table} {coded}")
            # the fingerprint and newest stamp follow from the rows that left and arrived (no full scan)
            n_out, x_out = cur.execute(FINGERPRINT_SQL.format(table="leaving", id="id")).fetchall()[0]
            n_in, x_in, newest = cur.execute(FINGERPRINT_SQL.format(table="arriving", id="id").replace(
                "FROM", ", max(updated_at) FROM")).fetchall()[0]
            cur.execute("COMMIT")
            n = view.info.n_events - n_out + n_in
            fingerprint = (n, (self._fingerprint[1] or 0) ^ (x_out or 0) ^ (x_in or 0))
            watermark = max((w for w in (self._watermark, newest) if w is not None), default=None)
            cur.execute("DROP TABLE arriving")
            cur.execute("DROP TABLE leaving")
        finally:
            cur.close()
        n_changed, n_removed = len(fresh), len(gone) - len(fresh)
        info = SnapshotInfo(view.info.generation + 1, n, time.time(), time.perf_counter() - t0, "incremental",
                            n_changed, max(0, n_removed), found_by)
        self._counts = counts
        self._fingerprint = fingerprint
        self._watermark = watermark
        self._since_full += len(changed) + len(removed)
        self.view = View(table, bits, tuple(types), _top(counts), info)
        return info


# Equal in the store and in the index when both hold the same (id, updated_at) pairs (the same DuckDB
# computes both); a change of any event, or one removed or added, changes it. The pair is hashed as one
# string: DuckDB's hash(a, b) is hash(a) mixed XOR hash(b), so under bit_xor an even number of events
# moving from one shared stamp to another (one fusion transaction stamps them all alike) would cancel out.
ROW_HASH = "hash({id} || '@' || coalesce(CAST(epoch_us(updated_at) AS VARCHAR), ''))"
FINGERPRINT_SQL = "SELECT count(*), bit_xor(" + ROW_HASH + ") FROM {table}"
_MASKS = ", ".join(f"{col}_mask" for col in LIST_COLUMNS)


def _delta(cur, table: str, keys) -> tuple[list[str], list[str]]:
    """(ids new or updated in the store, ids the store no longer has), against the index ``table``."""
    cur.register("_keys", keys)
    try:
        changed = [r[0] for r in cur.execute(
            f"SELECT k.id FROM _keys k LEFT JOIN {table} t ON t.id = k.id"
            " WHERE t.id IS NULL OR t.updated_at IS DISTINCT FROM k.updated_at ORDER BY 1").fetchall()]
        removed = [r[0] for r in cur.execute(
            f"SELECT t.id FROM {table} t LEFT JOIN _keys k ON k.id = t.id WHERE k.id IS NULL ORDER BY 1").fetchall()]
    finally:
        cur.unregister("_keys")
    return changed, removed


def _coded(cur, bits: dict[str, dict[str, int]], types: tuple[str, ...]) -> str:
    """SELECT of ``arriving`` with its masks and type code, from the bit and code tables it (re)writes."""
    joins, cols = [], []
    for col in LIST_COLUMNS:
        cur.execute(f"CREATE OR REPLACE TEMP TABLE d_{col} (v VARCHAR, k INTEGER)")
        if bits.get(col):
            cur.executemany(f"INSERT INTO d_{col} VALUES (?, ?)", list(bits[col].items()))
        joins.append(f"LEFT JOIN (SELECT id, bit_or(1::BIGINT << k) AS m FROM (SELECT id, unnest({col}) AS v"
                     f" FROM arriving) JOIN d_{col} USING (v) GROUP BY id) m_{col} USING (id)")
        cols.append(f"coalesce(m_{col}.m, 0)::BIGINT AS {col}_mask")
    cur.execute("CREATE OR REPLACE TEMP TABLE d_type (type VARCHAR, tcode TINYINT)")
    if types:
        cur.executemany("INSERT INTO d_type VALUES (?, ?)", [(t, i) for i, t in enumerate(types)])
    return (f"SELECT arriving.*, {', '.join(cols)}, coalesce(d_type.tcode, -1)::TINYINT AS tcode FROM arriving"
            f" {' '.join(joins)} LEFT JOIN d_type USING (type)")


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


def _facet_counts(cur: duckdb.DuckDBPyConnection, table: str) -> dict[str, Counter]:
    """Every value of each filter in ``table`` with its count (fixed SQL, no input)."""
    out = {}
    for name, sql in _FACET_SQL.items():
        rows = cur.execute(sql.replace("FROM ev", f"FROM {table}")).fetchall()
        out[name] = Counter({v: n for v, n in rows if v is not None})
    return out


def _top(counts: dict[str, Counter]) -> dict[str, list[dict]]:
    """The values each filter offers, most frequent first, then by value (``FACET_LIMIT`` each)."""
    return {name: [{"value": v, "n": n} for v, n in sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))[:FACET_LIMIT]]
            for name, c in counts.items()}
