"""Fusion time and memory for 10k, 30k and 100k generated mentions: is the scaling linear, not quadratic?

Generates mentions of synthetic real events (1-6 reports each, from different
outlets, on a 3-year span over 14 governorates x 30 towns x 10 districts,
with city-level and governorate-level reports mixed in), writes them to a
fresh DuckDB store through the same ``mentions`` table extraction fills, and
times ``fuse``: the first full fusion, an incremental run adding 1 % new
reports, and a no-op re-run. Each size runs in its own process so that peak
RSS is that size's. Also counts scorer calls (comparisons): with blocking they
grow with N, not N^2.

    .venv/bin/python benchmarks/bench_fusion.py            # 10k 30k 100k
    .venv/bin/python benchmarks/bench_fusion.py 10000      # one size
"""

from __future__ import annotations

import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

SUBS = [("Battles", "Armed clash"), ("Battles", "Government regains territory"),
        ("Explosions/Remote violence", "Air/drone strike"),
        ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
        ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest")]
ACTORS = ["Military Forces of Syria (2000-)", "Opposition Rebels (Syria)", "Islamic State (Syria)",
          "Military Forces of Russia (2000-)", "SDF: Syrian Democratic Forces", "Hayat Tahrir al-Sham",
          "Civilians (Syria)", "Protesters (Syria)"]
OUTLETS = [f"Outlet {i}" for i in range(40)]
WORDS = ["market", "hospital", "bakery", "checkpoint", "bridge", "school", "mosque", "convoy", "road", "village", "camp", "factory", "airport", "station", "dam", "farm", "ridge", "hill", "quarter", "square", "clinic", "warehouse"]


def generate(n: int, seed: int = 7):
    from frontlines.document import Document
    from frontlines.mention import ActorRef, Claim, Count, DateRef, EventMention, Location, PlaceMention

    rnd = random.Random(seed)
    start = date(2015, 1, 1)
    docs, mentions = [], []
    ev = 0
    while len(mentions) < n:
        ev += 1
        a1, a2 = rnd.sample(range(20), 2)
        gov, town, dist = rnd.randrange(14), rnd.randrange(30), rnd.randrange(10)
        etype, sub = rnd.choice(SUBS)
        day = start + timedelta(days=rnd.randrange(3 * 365))
        actor1, actor2 = rnd.choice(ACTORS), rnd.choice(ACTORS)
        killed = rnd.choice([0, 0, 1, 2, 3, 5, 8, 12, 20, 40])
        obj = rnd.choice(WORDS)
        k = min(6, max(1, int(rnd.expovariate(0.6)) + 1))
        for j in range(k):
            if len(mentions) >= n:
                break
            level = rnd.random()
            country = "Syria"
            admin1 = f"Governorate {gov}"
            if level < 0.75:
                locname = f"Town {gov}-{town} - District {dist}"
            elif level < 0.95:
                locname = f"Town {gov}-{town}"
            else:
                locname = admin1
            loc = Location(location=locname, country=country, iso=760, admin1=admin1,
                           latitude=30 + gov + town / 40, longitude=36 + town / 10 + dist / 100,
                           geo_precision=3 if locname == admin1 else 1,
                           feature_class="A" if locname == admin1 else "P")
            outlet = OUTLETS[(ev * 7 + j * 13) % len(OUTLETS)]
            day_j = day + timedelta(days=rnd.choice([0, 0, 0, 1]) if j else 0)
            text = (f"{actor1} {sub.lower()} near the {obj} in {locname} on {day_j:%A}, "
                    f"killing {killed} people, sources told {outlet} ({ev}-{a1}-{a2}).")
            doc_id = f"d{ev:07d}-{j}"
            docs.append(Document(doc_id=doc_id, source_id=doc_id, title=f"Report {ev}/{j}", paragraphs=[text],
                                 source=outlet, published=day_j + timedelta(days=1), url=None))
            mentions.append(EventMention(
                mention_id=f"m{ev:07d}-{j}", doc_id=doc_id, source_id=doc_id, event_type=etype, sub_event_type=sub,
                disorder_type="Political violence",
                actor1=ActorRef(actor1, actor1, 1, "Syria", True), actor2=ActorRef(actor2, actor2, 2, "Syria", True),
                date=DateRef("on the day", day_j, 1), places=[PlaceMention(locname, "event", resolved=loc)],
                counts=[Count("fatalities", killed, str(killed))] if killed else [],
                claim=Claim(None, None, "author", None, "asserted"), evidence=text, source=outlet,
            ))
    return docs, mentions, ev


def load(store, docs, mentions) -> None:
    """Bulk-write documents and mentions (the columns extraction writes) via Arrow."""
    import pyarrow as pa

    from frontlines.store.mentions import mention_to_json

    dt = pa.table({"doc_id": [d.doc_id for d in docs], "source_id": [d.source_id for d in docs],
                   "source": [d.source for d in docs], "published": [d.published for d in docs],
                   "title": [d.title for d in docs], "paragraphs": [d.paragraphs for d in docs]})
    store.con.register("bench_docs", dt)
    store.con.execute("INSERT INTO documents (doc_id, source_id, source, published, title, paragraphs)"
                      " SELECT doc_id, source_id, source, published, title, paragraphs FROM bench_docs")
    mt = pa.table({"mention_id": [m.mention_id for m in mentions], "doc_id": [m.doc_id for m in mentions],
                   "source_type": ["article"] * len(mentions), "event_date": [m.date.date for m in mentions],
                   "event_type": [m.event_type for m in mentions],
                   "sub_event_type": [m.sub_event_type for m in mentions],
                   "payload": [mention_to_json(m) for m in mentions]})
    store.con.register("bench_mentions", mt)
    store.con.execute("INSERT INTO mentions (mention_id, doc_id, source_type, event_date, event_type,"
                      " sub_event_type, payload) SELECT mention_id, doc_id, source_type, event_date, event_type,"
                      " sub_event_type, payload FROM bench_mentions")
    store.con.unregister("bench_docs")
    store.con.unregister("bench_mentions")


def one(n: int) -> dict:
    from frontlines.fusion import fuse
    from frontlines.fusion.scorer import ScorerV1
    from frontlines.store import Store

    calls = [0]

    class Counting(ScorerV1):
        def __call__(self, m, c, sim):
            calls[0] += 1
            return super().__call__(m, c, sim)

    extra = max(1, n // 100)
    docs, mentions, n_events = generate(n + extra)
    # news arrives in time order: the incremental batch is the most recent 1 % of reports
    order = sorted(range(len(mentions)), key=lambda i: (mentions[i].date.date, mentions[i].mention_id))
    base_i, new_i = order[:n], order[n:]
    base_docs, base_m = [docs[i] for i in base_i], [mentions[i] for i in base_i]
    new_docs, new_m = [docs[i] for i in new_i], [mentions[i] for i in new_i]
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(Path(tmp) / "bench.duckdb")
        load(store, base_docs, base_m)
        rss0 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        t0, c0 = time.perf_counter(), time.process_time()
        s1 = fuse(store, scorer=Counting(), detail=False)
        t_full, cpu_full = time.perf_counter() - t0, time.process_time() - c0
        rss1 = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        full_calls = calls[0]
        load(store, new_docs, new_m)
        t0 = time.perf_counter()
        s2 = fuse(store, scorer=Counting(), detail=False)
        t_inc = time.perf_counter() - t0
        t0 = time.perf_counter()
        s3 = fuse(store, detail=False)
        t_noop = time.perf_counter() - t0
        quality = _quality(store)
        store.close()
    return {"mentions": n, "true_events": n_events, "canonical_events": s1.n_events, "full_s": round(t_full, 2), "full_cpu_s": round(cpu_full, 2),
            "comparisons": full_calls, "comparisons_per_mention": round(full_calls / n, 2),
            "incremental_mentions": len(new_m), "incremental_s": round(t_inc, 2),
            "incremental_new_events": s2.stats.new_events, "incremental_joined": s2.stats.joined,
            "noop_s": round(t_noop, 3), "noop_touched": s3.stats.touched,
            "peak_rss_mb": round(rss1 / 1024, 1), "rss_before_fuse_mb": round(rss0 / 1024, 1), **quality}


def _quality(store) -> dict:
    """Against the generator's truth (mention ids carry their event): pure groups and split events."""
    from collections import defaultdict

    groups, events = defaultdict(set), defaultdict(set)
    for mid, cid in store.con.execute("SELECT mention_id, canonical_id FROM canonical_members").fetchall():
        ev = mid.split("-")[0]
        groups[cid].add(ev)
        events[ev].add(cid)
    mixed = sum(1 for g in groups.values() if len(g) > 1)
    split = sum(1 for e in events.values() if len(e) > 1)
    return {"mixed_groups_pct": round(100 * mixed / max(1, len(groups)), 2),
            "split_events_pct": round(100 * split / max(1, len(events)), 2)}


def main(argv: list[str]) -> None:
    sizes = [int(a) for a in argv] or [10_000, 30_000, 100_000]
    if len(sizes) == 1:
        print(json.dumps(one(sizes[0])))
        return
    results = []
    for n in sizes:
        out = subprocess.run([sys.executable, __file__, str(n)], capture_output=True, text=True, check=True)
        r = json.loads(out.stdout.strip().splitlines()[-1])
        results.append(r)
        print(json.dumps(r), flush=True)
    base = results[0]
    for r in results[1:]:
        k = r["mentions"] / base["mentions"]
        print(f"{base['mentions']} -> {r['mentions']} (x{k:.0f}): wall x{r['full_s'] / base['full_s']:.1f}, "
              f"cpu x{r['full_cpu_s'] / base['full_cpu_s']:.1f}, "
              f"comparisons x{r['comparisons'] / max(1, base['comparisons']):.1f} (quadratic would be x{k * k:.0f})")



if __name__ == "__main__":
    main(sys.argv[1:])
