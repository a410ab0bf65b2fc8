"""The map index refreshed incrementally answers every query exactly as one rebuilt from scratch.

The store is changed the way it really changes: a new report run through the real pipeline (new
events and events that gain a source), an event fusion dropped, and an event fusion rebuilt with
other values. Then the incrementally refreshed index and a freshly built one are compared row by
row and through the desk's own queries, for every value of every filter.
"""

from __future__ import annotations

import duckdb
import pytest

from frontlines.desk import queries
from frontlines.desk.filters import Filters
from frontlines.desk.snapshot import LIST_COLUMNS, Snapshot
from frontlines.store import CONNECTION_CONFIG

NEW_REPORT = (
    "Title: Shelling on Aleppo's Salaheddine district\n"
    "Published: 2016-12-09\n"
    "Source: Aleppo Evening Ledger\n\n"
    "Government forces shelled the Salaheddine district of Aleppo on Friday, killing 4 civilians, "
    "the Syrian Civil Defense said.\n\n"
    "Separately, rebel fighters attacked an army checkpoint near Hanano on Thursday, the Syrian "
    "Observatory for Human Rights reported.\n")

WORLD = (-180.0, -90.0, 180.0, 90.0)


def _read(db):
    return duckdb.connect(str(db), read_only=True, config=dict(CONNECTION_CONFIG))


def _rows(snap: Snapshot) -> list[tuple]:
    cur = snap.cursor()
    masks = ", ".join(f"{c}_mask" for c in LIST_COLUMNS)
    return [tuple(sorted(v) if isinstance(v, list) else v for v in r) for r in cur.execute(
        f"SELECT * EXCLUDE ({masks}, tcode) FROM {cur.table} ORDER BY id").fetchall()]


def _round_cells(layer: dict) -> dict:
    """Cell centres are averages: summed in another row order they can differ in the last bits."""
    if layer["mode"] == "cells":
        layer = {**layer, "cells": [{**c, "lat": round(c["lat"], 9), "lon": round(c["lon"], 9)}
                                    for c in layer["cells"]]}
    return layer


def _answers(snap: Snapshot, filters: Filters) -> dict:
    return {
        "cells": _round_cells(queries.map_layer(snap.cursor(), filters, WORLD, 3, point_limit=1)),
        "points": queries.map_layer(snap.cursor(), filters, WORLD, 12),
        "histogram": queries.histogram(snap.cursor(), filters),
        "list": queries.event_list(snap.cursor(), filters, 2000),
        "ids": queries.event_ids(snap.cursor(), filters, 100_000),
    }


@pytest.fixture
def changed_store(watch_db, tmp_path):
    """(index built before the changes, the store after them)."""
    con = _read(watch_db)
    before = Snapshot()
    before.refresh(con.cursor())
    con.close()

    from frontlines.orchestrator import run

    report = tmp_path / "new" / "salaheddine.txt"
    report.parent.mkdir()
    report.write_text(NEW_REPORT, encoding="utf-8")
    run([str(report)], watch_db, progress=False)

    con = duckdb.connect(str(watch_db), config=dict(CONNECTION_CONFIG))
    ids = [r[0] for r in con.execute("SELECT canonical_id FROM canonical_events ORDER BY canonical_id").fetchall()]
    dropped, rebuilt = ids[0], ids[1]
    # fusion drops an event whose mentions were all withdrawn, and deletes and re-inserts one it rebuilds
    for table in ("contradictions", "canonical_members", "canonical_events"):
        con.execute(f"DELETE FROM {table} WHERE canonical_id = ?", [dropped])
    con.execute("CREATE TEMP TABLE again AS SELECT * FROM canonical_events WHERE canonical_id = ?", [rebuilt])
    con.execute("DELETE FROM canonical_events WHERE canonical_id = ?", [rebuilt])
    con.execute("UPDATE again SET event_type = 'Riots', sub_event_type = 'Mob violence', actor2 = 'A new actor',"
                " fatalities = 17, updated_at = current_timestamp + INTERVAL 1 SECOND")
    con.execute("INSERT INTO canonical_events SELECT * FROM again")
    con.close()
    return before, watch_db, dropped, rebuilt


def test_incremental_refresh_equals_a_full_rebuild(changed_store):
    before, db, dropped, rebuilt = changed_store
    n0 = before.info.n_events
    old_reader = before.cursor()
    old_count = old_reader.execute(f"SELECT count(*) FROM {old_reader.table}").fetchall()[0][0]

    con = _read(db)
    info = before.refresh(con.cursor())
    full = Snapshot()
    full.refresh(con.cursor())
    con.close()

    assert info.mode == "incremental" and info.generation == 2
    assert info.found_by == "keys"  # an event was removed: only comparing every key finds it
    assert info.removed == 1 and info.changed >= 2  # the rebuilt event and at least one from the new report
    assert info.n_events == full.info.n_events != n0
    # a request that began before the refresh keeps reading the state it began with
    assert old_reader.execute(f"SELECT count(*) FROM {old_reader.table}").fetchall()[0][0] == old_count

    assert _rows(before) == _rows(full)
    # list columns come sorted, so both answer in one order whatever DuckDB's threads did
    for snap in (before, full):
        listed = queries.event_list(snap.cursor(), Filters.parse({}), 2000)["events"]
        assert listed and all(e["claimants"] == sorted(e["claimants"]) for e in listed)
    assert before._fingerprint == full._fingerprint  # kept up by the delta, computed whole by the build
    con = _read(db)
    assert before.refresh(con.cursor()) is info  # and so the next poll finds nothing to do
    con.close()
    ids = {r[0] for r in _rows(before)}
    assert dropped not in ids and rebuilt in ids
    assert before.facets == full.facets
    assert any(v["value"] == "A new actor" for v in before.facets["actor"])

    checked = 0
    for name, values in full.facets.items():
        for v in values:
            f = Filters.parse({name: v["value"]})
            assert _answers(before, f) == _answers(full, f), (name, v["value"])
            checked += 1
    for f in (Filters(), Filters.parse({"since": "2016-12-01", "until": "2016-12-31"})):
        assert _answers(before, f) == _answers(full, f)
    assert checked >= 20


def test_masks_stay_true_after_an_incremental_refresh(changed_store):
    """Every value with a bit is set in exactly the rows whose list holds it (new values took free bits)."""
    before, db, _, _ = changed_store
    con = _read(db)
    before.refresh(con.cursor())
    con.close()
    cur = before.cursor()
    for col, bits in cur.view.bits.items():
        for value, bit in bits.items():
            by_mask, by_list = cur.execute(
                f"SELECT count(*) FILTER (WHERE ({col}_mask & ?) <> 0), count(*) FILTER (WHERE list_contains({col}, ?))"
                f" FROM {cur.table}", [1 << bit, value]).fetchall()[0]
            assert by_mask == by_list, (col, value)
    assert "Aleppo Evening Ledger" in cur.view.bits["outlets"]


def test_an_unchanged_store_keeps_its_generation(desk_db):
    con = _read(desk_db)
    snap = Snapshot()
    first = snap.refresh(con.cursor())
    assert snap.refresh(con.cursor()) is first
    con.close()


def test_added_and_rebuilt_events_are_found_by_their_stamps(watch_db, tmp_path):
    """A run that only adds and rebuilds events is found without comparing every key, and still equals a full build."""
    con = _read(watch_db)
    before = Snapshot()
    before.refresh(con.cursor())
    con.close()
    from frontlines.orchestrator import run

    report = tmp_path / "salaheddine.txt"
    report.write_text(NEW_REPORT, encoding="utf-8")
    run([str(report)], watch_db, progress=False)
    con = _read(watch_db)
    info = before.refresh(con.cursor())
    full = Snapshot()
    full.refresh(con.cursor())
    con.close()
    assert info.mode == "incremental" and info.found_by == "stamps" and info.changed >= 1
    assert _rows(before) == _rows(full) and before.facets == full.facets
    for f in (Filters(), Filters.parse({"outlet": "Aleppo Evening Ledger"})):
        assert _answers(before, f) == _answers(full, f)


def test_events_restamped_alike_in_pairs_are_seen(watch_db):
    """Fusion stamps every event it rebuilds in one transaction with one time: an even number of them must
    still change the fingerprint (a XOR of separable hashes would cancel them out)."""
    con = duckdb.connect(str(watch_db), config=dict(CONNECTION_CONFIG))
    snap = Snapshot()
    snap.refresh(con.cursor())
    two = [r[0] for r in con.execute("SELECT canonical_id FROM canonical_events ORDER BY 1 LIMIT 2").fetchall()]
    con.execute("UPDATE canonical_events SET fatalities = coalesce(fatalities, 0) + 5,"
                " updated_at = TIMESTAMP '2030-01-01 00:00:00' WHERE canonical_id IN (SELECT unnest(?))", [two])
    info = snap.refresh(con.cursor())
    con.close()
    assert info.mode == "incremental" and info.changed == 2 and info.found_by == "stamps"
