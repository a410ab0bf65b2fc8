"""End-to-end extraction throughput against a bare spaCy full parse of the same texts.

Usage::

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_extract.py --n 2055 --shards 5 [--jobs 2] [--json OUT]

Texts: the FA-KES dev articles (../shared/data/fakes/dev.csv), replicated to at
least ``--n`` documents. Each phase runs in its own subprocesses, pinned to one
thread, so peak memory (max RSS) is per process and the rates are per core
(articles per CPU-second of the workers, not per wall second: the machine may be shared):

- ``bare``: the stock ``en_core_web_sm`` pipeline (spaCy's own attribute ruler, no
  frontlines components) ``nlp.pipe`` over every full article text - the cost of parsing everything;
- ``extract``: ``frontlines.nlp.extract.extract_many`` - sentence split,
  pre-filter, parse of candidate sentences only, events, claims, counts,
  places, dates, notes (no geocoder, no store);
- ``parse`` (only with ``--phases``): the full parse of everything with frontlines'
  pipeline (memoised attribute ruler), to separate the parse speed-up from the pre-filter's.

With ``--n`` a multiple of the 411 dev texts and ``--shards`` = ``n / 411``, each
process gets exactly one copy of the dev texts, so no cache can profit from the
replication. A bare and an extract shard run side by side (``--jobs 2``), so both
see the same machine load.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAKES = ROOT.parent / "shared" / "data" / "fakes" / "dev.csv"


def load_texts(n: int) -> list[tuple[str, str, str]]:
    rows = list(csv.DictReader(FAKES.open(encoding="utf-8")))
    base = [(r["unit_id"], r["article_title"], r["article_content"]) for r in rows if r["article_content"].strip()]
    out = []
    while len(out) < n:
        k = len(out) // len(base)
        out.extend((f"{uid}-{k}", title, text) for uid, title, text in base)
    return out[:n]


def phase(name: str, n: int, shard: int = 0, shards: int = 1) -> dict:
    texts = load_texts(n)
    texts = texts[shard * len(texts) // shards:(shard + 1) * len(texts) // shards]
    words = sum(len(t.split()) for _, _, t in texts)
    if name in ("bare", "parse"):
        from frontlines.nlp.pipeline import load_nlp

        nlp = load_nlp(components=False, memo=name == "parse")
        nlp("Rebels shelled Aleppo on Monday, killing two.")
        t0, c0 = time.perf_counter(), time.process_time()
        for _ in nlp.pipe((t for _, _, t in texts), batch_size=64):
            pass
        wall, secs = time.perf_counter() - t0, time.process_time() - c0
        extra = {"pipes": nlp.pipe_names}
    else:
        from frontlines.document import Document
        from frontlines.nlp.extract import extract_many
        from frontlines.nlp.pipeline import load_nlp, trigger_filter, units_of

        nlp = load_nlp()
        extract_many([Document("warm", "warm", paragraphs=["Rebels shelled Aleppo on Monday, killing two."])], nlp=nlp).__next__()
        docs = [Document(doc_id=uid, source_id=uid, title=title, paragraphs=[text]) for uid, title, text in texts]
        t0, c0 = time.perf_counter(), time.process_time()
        mentions = 0
        for _, ms in extract_many(docs, nlp=nlp):
            mentions += len(ms)
        wall, secs = time.perf_counter() - t0, time.process_time() - c0
        keep = trigger_filter()
        units = [u for d in docs[:411] for u in units_of(d, comments=False)]
        extra = {"mentions": mentions, "sentences_parsed_share": round(sum(bool(keep(u.text)) for u in units)
                                                                       / max(1, len(units)), 3)}
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"phase": name, "articles": len(texts), "words": words, "cpu_seconds": round(secs, 2),
            "wall_seconds": round(wall, 2),
            "articles_per_s": round(len(texts) / secs, 2), "words_per_s": round(words / secs),
            "peak_rss_mib": round(peak_mib), **extra}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=2055, help="this many articles (the dev texts, replicated as needed)")
    ap.add_argument("--json", type=Path, help="write results here")
    ap.add_argument("--shards", type=int, default=5,
                    help="run each phase as this many single-threaded processes over slices of the texts "
                         "(rates stay per CPU-second, so per core)")
    ap.add_argument("--jobs", type=int, default=2, help="processes at a time (one per phase side by side)")
    ap.add_argument("--phases", default="bare,extract", help="comma-separated: bare, extract, parse")
    ap.add_argument("--phase", choices=["bare", "extract", "parse"], help=argparse.SUPPRESS)
    ap.add_argument("--shard", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if not FAKES.exists():
        sys.exit(f"{FAKES}: not present (the benchmark needs the FA-KES dev texts)")
    if args.phase:
        print(json.dumps(phase(args.phase, args.n, args.shard, args.shards)))
        return
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    names = [p.strip() for p in args.phases.split(",") if p.strip()]
    # shard by shard, the phases side by side: every phase meets the same machine load
    todo = [(name, k) for k in range(args.shards) for name in names]
    parts: dict[str, list[dict]] = {name: [] for name in names}
    running: list[tuple[str, subprocess.Popen]] = []

    def reap(proc_name: str, proc: subprocess.Popen) -> None:
        out, _ = proc.communicate()
        if proc.returncode:
            sys.exit(f"phase {proc_name} failed")
        parts[proc_name].append(json.loads(out.strip().splitlines()[-1]))

    for name, k in todo:
        if len(running) >= max(1, args.jobs):
            reap(*running.pop(0))
        running.append((name, subprocess.Popen(
            [sys.executable, __file__, "--phase", name, "--n", str(args.n), "--shard", str(k),
             "--shards", str(args.shards)], env=env, stdout=subprocess.PIPE, text=True)))
    for item in running:
        reap(*item)
    results: dict = {}
    for name, ps in parts.items():
        arts, words, cpu = (sum(p[k] for p in ps) for k in ("articles", "words", "cpu_seconds"))
        results[name] = {"phase": name, "articles": arts, "words": words, "cpu_seconds": round(cpu, 1),
                         "wall_seconds": round(sum(p["wall_seconds"] for p in ps), 1), "processes": len(ps),
                         "articles_per_s_per_core": round(arts / cpu, 2), "words_per_s_per_core": round(words / cpu),
                         "peak_rss_mib_per_process": max(p["peak_rss_mib"] for p in ps)}
        if name == "extract":
            results[name]["mentions"] = sum(p["mentions"] for p in ps)
            results[name]["sentences_parsed_share"] = ps[0]["sentences_parsed_share"]
        else:
            results[name]["pipes"] = ps[0]["pipes"]
        print(json.dumps(results[name]))
    if "bare" in results and "extract" in results:
        speedup = results["extract"]["articles_per_s_per_core"] / results["bare"]["articles_per_s_per_core"]
        results["speedup_vs_full_parse"] = round(speedup, 2)
        print(f"end-to-end {results['extract']['articles_per_s_per_core']} articles/s/core vs bare full parse "
              f"{results['bare']['articles_per_s_per_core']} articles/s/core: x{speedup:.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
