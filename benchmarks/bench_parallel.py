"""Every core and a cluster: ``--jobs 1`` vs ``--jobs 2``, and a Dask LocalCluster of 1 vs 2 workers.

Usage::

    .venv/bin/python benchmarks/bench_parallel.py --n 20000 [--conflict-share 0.1] [--json OUT]

The corpus mimics what a crawl of the news holds: ordinary news (the BBC dev
articles, all sections) with a share of conflict reporting (FA-KES dev articles),
replicated to ``--n`` articles. Each copy gets a distinct closing line, so every
article is a distinct document (no content-hash shortcut) while the text the
pipeline reads is the same. It is written as JSONL shards of ``--shard-size``
articles (the shards are the Dask tasks).

All four runs happen in this one invocation, one after the other, on the same
machine, each into a fresh store, each the full ``frontlines.run`` (ingest,
extract, geocode, store, fuse): the ratios are side by side. Peak memory is the
largest resident set of any worker process.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def corpus(n: int, conflict_share: float) -> list[dict]:
    bbc = [json.loads(line) for line in (DATA / "bbc_news" / "dev.jsonl").open(encoding="utf-8")]
    fakes = [r for r in csv.DictReader((DATA / "fakes" / "dev.csv").open(encoding="utf-8")) if r["article_content"]]
    n_conf = round(n * conflict_share)
    out = []
    # copy k of a source text closes with "Copy k.": the document id is a content hash, so without a distinct
    # line every copy would be one stored document (the first version of this corpus made 2,415 of 20,000)
    for i in range(n):
        if i < n_conf:
            r, k = fakes[i % len(fakes)], i // len(fakes)
            out.append({"id": f"f{i}", "title": r["article_title"], "text": r["article_content"] + f"\n\nCopy {k}.",
                        "date": r["date"]})
        else:
            j = i - n_conf
            r, k = bbc[j % len(bbc)], j // len(bbc)
            out.append({"id": f"b{i}", "title": r.get("title", ""), "text": r["text"] + f"\n\nCopy {k}.",
                        "date": "2005-01-15"})
    return out


def write_shards(rows: list[dict], folder: Path, size: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for s in range(0, len(rows), size):
        p = folder / f"shard-{s // size:05d}.jsonl"
        with p.open("w", encoding="utf-8") as fh:
            for r in rows[s:s + size]:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        paths.append(p)
    return paths


OPTS = dict(text_col="text", title_col="title", id_col="id", date_col="date")


def _cpu(who: int) -> float:
    r = resource.getrusage(who)
    return r.ru_utime + r.ru_stime


def run_local(paths, db: Path, jobs: int) -> dict:
    import frontlines

    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    cpu0 = _cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    s = frontlines.run([str(p) for p in paths], db, jobs=jobs, progress=False, **OPTS)
    wall = time.perf_counter() - t
    child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return {"wall_s": round(wall, 1), "documents": s.new, "mentions": s.n_mentions,
            "events": s.fusion.n_events if s.fusion else None,
            # this process and its (finished) workers: the work, whatever the machine's load
            "cpu_s": round(_cpu(resource.RUSAGE_SELF) + _cpu(resource.RUSAGE_CHILDREN) - cpu0, 1),
            "load_avg_1m_after": round(os.getloadavg()[0], 1),
            "peak_rss_mb_worker": round((child if jobs > 1 and child > before else
                                         resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024)}


def run_dask(paths, db: Path, workers: int) -> dict:
    from dask.distributed import Client, LocalCluster

    import frontlines

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None) as cluster, \
            Client(cluster) as client:
        t = time.perf_counter()
        s = frontlines.run([str(p) for p in paths], db, engine="dask", scheduler=cluster.scheduler_address,
                           progress=False, **OPTS)
        wall = time.perf_counter() - t
        rss = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        cpu = client.run(lambda: _cpu(resource.RUSAGE_SELF))  # each worker's CPU since it started
    return {"wall_s": round(wall, 1), "documents": s.new, "mentions": s.n_mentions,
            "events": s.fusion.n_events if s.fusion else None,
            "cpu_s_workers": round(sum(cpu.values()), 1), "load_avg_1m_after": round(os.getloadavg()[0], 1),
            "peak_rss_mb_worker": round(max(rss.values()) / 1024)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=20000)
    ap.add_argument("--conflict-share", type=float, default=0.1)
    ap.add_argument("--shard-size", type=int, default=500)
    ap.add_argument("--only", choices=("jobs", "dask"), default=None)
    ap.add_argument("--json", type=Path, default=None)
    args = ap.parse_args()
    if not (DATA / "bbc_news" / "dev.jsonl").exists():
        print("needs ../shared/data (bbc_news, fakes)", file=sys.stderr)
        return 2
    work = Path(tempfile.mkdtemp(prefix="bench-parallel-"))
    try:
        paths = write_shards(corpus(args.n, args.conflict_share), work / "in", args.shard_size)
        res: dict = {"n": args.n, "conflict_share": args.conflict_share, "shards": len(paths),
                     "cores": len(os.sched_getaffinity(0))}
        runs = []
        if args.only in (None, "jobs"):
            runs += [("jobs1", run_local, 1), ("jobs2", run_local, 2)]
        if args.only in (None, "dask"):
            runs += [("dask1", run_dask, 1), ("dask2", run_dask, 2)]
        for key, fn, n in runs:
            res[key] = fn(paths, work / f"{key}.duckdb", n)
            res[key]["articles_per_s"] = round(args.n / res[key]["wall_s"], 1)
            print(key, json.dumps(res[key]), file=sys.stderr, flush=True)  # each run as it ends
        for a, b in (("jobs1", "jobs2"), ("dask1", "dask2")):
            if a in res and b in res:
                res[f"{a[:-1]}_speedup"] = round(res[a]["wall_s"] / res[b]["wall_s"], 2)
        print(json.dumps(res, indent=1))
        if args.json:
            args.json.write_text(json.dumps(res, indent=1) + "\n")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
