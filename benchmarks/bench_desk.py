"""Desk latency at 1,000,000 canonical events: map, filter, histogram and list requests over HTTP, and
the first page load in chromium.

The store is generated in bulk SQL straight into the canonical tables (events,
members, mentions, documents, contradictions), with the fusion benchmark's
vocabulary (``bench_fusion.SUBS / ACTORS / OUTLETS``): 1.5 mentions per event,
claimants on a third of the mentions, 2 % of events contradicted, dates over
three years, places over 14 governorates x 30 towns. Fusing a million mentions
is ``bench_fusion``'s subject, not this one's. Requests go through uvicorn on
127.0.0.1 (the real server, one client), each kind repeated, p50/p95 reported.
The first page load is the time from navigation until the map has drawn its
markers and the list its events, in Debian's chromium.

    .venv/bin/python benchmarks/bench_desk.py                # 1,000,000 events
    .venv/bin/python benchmarks/bench_desk.py 100000 --reps 30
    .venv/bin/python benchmarks/bench_desk.py 1000000 --db /tmp/b.duckdb --no-requests --refresh 1000
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_fusion import ACTORS, OUTLETS, SUBS  # noqa: E402

CLAIMANTS = ["Syrian Observatory for Human Rights", "Military Forces of Syria (2000-)", "Opposition Rebels (Syria)",
             "Syrian Civil Defense", "SANA", "local activists"]
CERTAINTIES = ["asserted", "reported", "claimed", "denied"]


def _list(values: list[str]) -> str:
    return "[" + ", ".join("'" + v.replace("'", "''") + "'" for v in values) + "]"


def generate(db: Path, n: int) -> float:
    """Write ``n`` canonical events (and their members, mentions, documents) in bulk SQL; returns seconds."""
    from frontlines.store import Store

    t0 = time.perf_counter()
    types, subs = _list([t for t, _ in SUBS]), _list([s for _, s in SUBS])
    with Store(db) as store:
        con = store.con
        con.execute(f"""
        CREATE TEMP TABLE g AS
        SELECT i, hash(i) AS h, hash(i * 7 + 3) AS h2,
               DATE '2015-01-01' + CAST(hash(i) % 1095 AS INTEGER) AS day,
               CAST(hash(i) % 14 AS INTEGER) AS gov, CAST(hash(i * 3) % 30 AS INTEGER) AS town,
               CAST(i % {len(SUBS)} AS INTEGER) AS k
        FROM range({n}) t(i)""")
        con.execute(f"""
        INSERT INTO canonical_events (canonical_id, event_id_cnty, event_date, time_precision, event_type,
            sub_event_type, disorder_type, actor1, actor2, location, country, admin1, latitude, longitude,
            geo_precision, fatalities, n_mentions, n_sources, n_independent, claimants, payload)
        SELECT 'ce' || lpad(CAST(i AS VARCHAR), 14, '0'), 'SYR-' || lpad(CAST(i AS VARCHAR), 14, '0'), day, 1,
               {types}[k + 1], {subs}[k + 1], 'Political violence',
               {_list(ACTORS)}[CAST(h % {len(ACTORS)} AS INTEGER) + 1],
               {_list(ACTORS)}[CAST(h2 % {len(ACTORS)} AS INTEGER) + 1],
               'Town ' || gov || '-' || town, 'Syria', 'Governorate ' || gov,
               32.4 + gov * 0.35 + town * 0.01 + (h2 % 1000) / 40000.0,
               35.8 + town * 0.2 + (h % 1000) / 20000.0, 1,
               [0, 0, 1, 2, 3, 5, 8, 12, 20, 40][CAST(h % 10 AS INTEGER) + 1],
               1 + CAST(i % 2 = 0 AS INTEGER), 1 + CAST(i % 2 = 0 AS INTEGER), 1 + CAST(i % 4 = 0 AS INTEGER),
               CASE WHEN h % 5 = 0 THEN [{_list(CLAIMANTS)}[CAST(h2 % 3 AS INTEGER) + 2]] ELSE [] END,
               json_object('canonical_id', 'ce' || lpad(CAST(i AS VARCHAR), 14, '0'),
                           'location', json_object('location', 'Town ' || gov || '-' || town, 'country', 'Syria'),
                           'deniers', CASE WHEN h % 97 = 0 THEN ['Opposition Rebels (Syria)'] ELSE [] END)
        FROM g""")
        con.execute("""
        CREATE TEMP TABLE gm AS
        SELECT i, j, 'ce' || lpad(CAST(i AS VARCHAR), 14, '0') AS cid,
               'm' || lpad(CAST(i AS VARCHAR), 14, '0') || '-' || j AS mid,
               'd' || lpad(CAST(i AS VARCHAR), 14, '0') || '-' || j AS did, day, k, hash(i * 11 + j) AS hm
        FROM g, range(2) r(j) WHERE j = 0 OR i % 2 = 0""")
        con.execute("""INSERT INTO canonical_members (mention_id, canonical_id, doc_id, event_date, score)
                       SELECT mid, cid, did, day, 1.0 FROM gm""")
        con.execute(f"""
        INSERT INTO mentions (mention_id, doc_id, source_type, event_date, event_type, sub_event_type,
                              claimant, certainty)
        SELECT mid, did, CASE WHEN hm % 20 = 0 THEN 'reader_comment' ELSE 'article' END, day,
               {types}[k + 1], {subs}[k + 1],
               CASE WHEN hm % 3 = 0 THEN {_list(CLAIMANTS)}[CAST(hm % {len(CLAIMANTS)} AS INTEGER) + 1] END,
               {_list(CERTAINTIES)}[CAST(hm % {len(CERTAINTIES)} AS INTEGER) + 1]
        FROM gm""")
        con.execute(f"""
        INSERT INTO documents (doc_id, source_id, source, published, title, paragraphs)
        SELECT did, did, {_list(OUTLETS)}[CAST(hm % {len(OUTLETS)} AS INTEGER) + 1], day + 1,
               'Report ' || i || '/' || j, ['generated']
        FROM gm""")
        con.execute("""
        INSERT INTO contradictions (contradiction_id, canonical_id, kind, field, summary)
        SELECT 'cx' || i, 'ce' || lpad(CAST(i AS VARCHAR), 14, '0'), 'fatalities', 'fatalities', 'generated'
        FROM g WHERE h % 50 = 1""")
        con.execute("CHECKPOINT")
    return time.perf_counter() - t0


def _get(url: str) -> tuple[float, int]:
    t0 = time.perf_counter()
    with urllib.request.urlopen(url) as r:  # noqa: S310 - our own server on 127.0.0.1
        body = r.read()
    return (time.perf_counter() - t0) * 1000, len(body)


def requests(n: int) -> dict[str, list[str]]:
    """Request kinds: zoomed-out maps (server-side grid), zoomed-in maps, filters, histogram, list."""
    syria, city = "35.0,32.0,43.0,37.5", "36.9,35.1,37.5,35.5"
    world = "-180,-85,180,85"
    f_claim = "claimant=" + urllib.parse.quote(CLAIMANTS[0])
    return {
        "map zoom 3 world": [f"/api/map?zoom=3&bbox={world}"],
        "map zoom 6 Syria": [f"/api/map?zoom=6&bbox={syria}"],
        "map zoom 6 + type + month": [f"/api/map?zoom=6&bbox={syria}&type=Battles&since=2016-03-01&until=2016-03-31"],
        "map zoom 6 + claimant": [f"/api/map?zoom=6&bbox={syria}&{f_claim}"],
        "map zoom 6 + corroboration=disputed": [f"/api/map?zoom=6&bbox={syria}&corroboration=disputed"],
        "map zoom 10 city + year": [f"/api/map?zoom=10&bbox={city}&since=2016-01-01&until=2016-12-31"],
        "map zoom 12 city + week": [f"/api/map?zoom=12&bbox={city}&since=2016-06-01&until=2016-06-07"],
        "histogram + actor": ["/api/histogram?actor=" + urllib.parse.quote(ACTORS[0])],
        "histogram + outlet + certainty": ["/api/histogram?outlet=Outlet%203&certainty=denied"],
        "list 60 + source_type + brush": ["/api/events?limit=60&source_type=reader_comment&since=2015-06-01"
                                          "&until=2015-09-01"],
        "list 60 + sub-type": ["/api/events?limit=60&sub=" + urllib.parse.quote(SUBS[2][1])],
    }


LOADED = ("() => document.querySelector('#event-list li.ev') && document.querySelector('path.ev-marker, path.ev-cell')"
          " && document.querySelectorAll('#histogram rect.bar').length > 0")


def first_load(url: str, runs: int = 5) -> tuple[list[float], dict[str, list[float]]]:
    """Milliseconds from navigation to markers drawn, events listed and histogram drawn, in chromium (a fresh
    context each run, so nothing is cached), and when each resource finished (ms after navigation start)."""
    chromium = Path("/usr/bin/chromium")
    if not chromium.exists():
        return [], {}
    from playwright.sync_api import sync_playwright

    out, parts = [], {}
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium), args=["--no-sandbox", "--disable-gpu"])
        for i in range(runs + 1):
            ctx = browser.new_context(viewport={"width": 1400, "height": 900})
            page = ctx.new_page()
            t0 = time.perf_counter()
            page.goto(url + "/", wait_until="commit")
            page.wait_for_function(LOADED, polling="raf")
            ms = (time.perf_counter() - t0) * 1000
            entries = page.evaluate("""() => {
                const nav = performance.getEntriesByType('navigation')[0];
                const out = {'html': nav.responseEnd, 'DOMContentLoaded': nav.domContentLoadedEventEnd};
                for (const r of performance.getEntriesByType('resource')) {
                    const u = new URL(r.name); out[u.pathname] = r.responseEnd;
                }
                return out;
            }""")
            ctx.close()
            if i == 0:
                continue  # the first run warms chromium itself, not the desk
            out.append(ms)
            for k, v in entries.items():
                parts.setdefault(k, []).append(v)
        browser.close()
    return out, parts


def refresh_times(db: Path, n_changed: int, n_removed: int) -> dict[str, float]:
    """Seconds to bring the map index up to date: unchanged; after fusion rebuilt ``n_changed`` events
    (found by their newer stamps); after it dropped ``n_removed`` (found by comparing every key); and a
    full rebuild of the same store, side by side on one copy of it."""
    import shutil

    import duckdb

    from frontlines.desk.snapshot import Snapshot
    from frontlines.store import CONNECTION_CONFIG

    work = Path(tempfile.mkdtemp()) / "refresh.duckdb"
    shutil.copy(db, work)
    try:
        con = duckdb.connect(str(work), config=dict(CONNECTION_CONFIG))
        snap = Snapshot()
        t0 = time.perf_counter()
        snap.refresh(con.cursor())
        first = time.perf_counter() - t0
        t0 = time.perf_counter()
        snap.refresh(con.cursor())
        unchanged = time.perf_counter() - t0
        # what fusion does to an event it rebuilds (a new updated_at), then to one it drops
        con.execute(f"CREATE TEMP TABLE pick AS SELECT canonical_id, row_number() OVER () AS k FROM canonical_events"
                    f" USING SAMPLE {n_changed + n_removed} ROWS (reservoir, 42)")
        con.execute("UPDATE canonical_events SET fatalities = fatalities + 1, n_independent = n_independent + 1,"
                    " updated_at = current_timestamp + INTERVAL 1 SECOND"
                    f" WHERE canonical_id IN (SELECT canonical_id FROM pick WHERE k > {n_removed})")
        t0 = time.perf_counter()
        info = snap.refresh(con.cursor())
        rebuilt = time.perf_counter() - t0
        assert info.mode == "incremental" and info.found_by == "stamps", info
        con.execute("BEGIN")
        for table in ("canonical_members", "canonical_events"):
            con.execute(f"DELETE FROM {table} WHERE canonical_id IN (SELECT canonical_id FROM pick WHERE k <= {n_removed})")
        con.execute("COMMIT")
        t0 = time.perf_counter()
        info = snap.refresh(con.cursor())
        dropped = time.perf_counter() - t0
        assert info.mode == "incremental" and info.found_by == "keys", info
        t0 = time.perf_counter()
        Snapshot().refresh(con.cursor())
        full = time.perf_counter() - t0
        con.close()
    finally:
        shutil.rmtree(work.parent, ignore_errors=True)
    return {"first_build_s": round(first, 2), "unchanged_check_s": round(unchanged, 3),
            "incremental_rebuilt_s": round(rebuilt, 2), "incremental_dropped_s": round(dropped, 2),
            "full_rebuild_s": round(full, 2),
            "changed": n_changed, "removed": n_removed}


def pct(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def main(argv: list[str]) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", nargs="?", type=int, default=1_000_000)
    ap.add_argument("--reps", type=int, default=50, help="requests per kind")
    ap.add_argument("--db", type=Path, help="reuse (or keep) this generated store")
    ap.add_argument("--loads", type=int, default=5, help="first page loads to time")
    ap.add_argument("--refresh", type=int, default=0, metavar="N",
                    help="also time refreshing the index after fusion changed N events (and dropped N/10)")
    ap.add_argument("--no-requests", action="store_true", help="skip the request timings")
    args = ap.parse_args(argv)

    from frontlines.desk import open_desk
    from frontlines.desk.server import BackgroundServer

    tmp = tempfile.TemporaryDirectory()
    db = args.db or Path(tmp.name) / "desk-bench.duckdb"
    gen_s = None
    from rich.console import Console

    console = Console(stderr=True)
    if not db.exists():
        with console.status(f"generating {args.n:,} canonical events…"):
            gen_s = generate(db, args.n)
        print(f"generated {args.n} canonical events in {gen_s:.1f}s", file=sys.stderr)
    t0 = time.perf_counter()
    with console.status("building the desk's map index…"):
        desk, app = open_desk(db)
    open_s = time.perf_counter() - t0
    result = {"events": desk.snapshot.info.n_events, "generate_s": round(gen_s, 1) if gen_s else None,
              "snapshot_s": round(open_s, 2), "reps": args.reps, "requests": {}}
    with BackgroundServer(app) as url:
        for name, paths in ({} if args.no_requests else requests(args.n)).items():
            times, size = [], 0
            _get(url + paths[0])  # warm
            for i in range(args.reps):
                ms, size = _get(url + paths[i % len(paths)])
                times.append(ms)
            result["requests"][name] = {"p50_ms": round(statistics.median(times), 1),
                                        "p95_ms": round(pct(times, 95), 1), "bytes": size}
            print(f"{name:40s} p50 {statistics.median(times):7.1f} ms  p95 {pct(times, 95):7.1f} ms  {size} B",
                  file=sys.stderr)
        page_ms, parts = first_load(url, args.loads)
        if page_ms:
            result["first_load_ms"] = {"median": round(statistics.median(page_ms)), "max": round(max(page_ms)),
                                       "runs": [round(v) for v in page_ms]}
            result["first_load_parts_ms"] = {k: round(statistics.median(v)) for k, v in
                                             sorted(parts.items(), key=lambda kv: statistics.median(kv[1]))}
            print(f"first page load: median {statistics.median(page_ms):.0f} ms, max {max(page_ms):.0f} ms",
                  file=sys.stderr)
            for k, v in result["first_load_parts_ms"].items():
                print(f"  {k:50s} done at {v:5d} ms (median)", file=sys.stderr)
    desk.close() if hasattr(desk, "close") else desk.con.close()  # (the desk before leases had no close())
    if args.refresh:
        result["refresh"] = refresh_times(db, args.refresh, max(1, args.refresh // 10))
        print(f"index refresh: {result['refresh']}", file=sys.stderr)
    print(json.dumps(result))


if __name__ == "__main__":
    main(sys.argv[1:])
