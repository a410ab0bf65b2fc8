"""End-to-end extraction throughput against a bare spaCy full parse of the same texts.

Usage::

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_extract.py --n 2055 --shards 5 [--jobs 2] [--json OUT]
    # ordinary news (BBC) and conflict news (FA-KES) side by side, with the screen's own cost:
    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_extract.py --corpus both --n 411 --shards 1 \
        --phases bare,screen,extract

Texts: the FA-KES dev articles (../shared/data/fakes/dev.csv, conflict news) or the
BBC dev articles (../shared/data/bbc_news/dev.jsonl, mostly ordinary news: ``--corpus
bbc``), replicated to at least ``--n`` documents (``--corpus both``: ``--n`` of each). Each phase runs in its own subprocesses, pinned to one
thread, so peak memory (max RSS) is per process and the rates are per core
(articles per CPU-second of the workers, not per wall second: the machine may be shared):

- ``bare``: the stock ``en_core_web_sm`` pipeline (spaCy's own attribute ruler, no
  frontlines components) ``nlp.pipe`` over every full article text - the cost of parsing everything;
- ``extract``: ``frontlines.nlp.extract.extract_many`` - sentence split,
  pre-filter, parse of candidate sentences only, events, claims, counts,
  places, dates, notes (no geocoder, no store);
- ``parse`` (only with ``--phases``): the full parse of everything with frontlines'
  pipeline (memoised attribute ruler), to separate the parse speed-up from the pre-filter's;
- ``screen`` (only with ``--phases``): the language gate and the relevance stage alone
  (sentence split, relevance scores, decisions; no parse): the screen's own CPU cost.

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
BBC = ROOT.parent / "shared" / "data" / "bbc_news" / "dev.jsonl"
CORPORA = {"fakes": FAKES, "bbc": BBC}


def load_texts(n: int, corpus: str = "fakes") -> list[tuple[str, str, str]]:
    if corpus == "bbc":
        rows = [json.loads(line) for line in BBC.open(encoding="utf-8") if line.strip()]
        base = [(r["id"], r.get("title") or "", r["text"]) for r in rows if r["text"].strip()]
    else:
        rows = list(csv.DictReader(FAKES.open(encoding="utf-8")))
        base = [(r["unit_id"], r["article_title"], r["article_content"]) for r in rows
                if r["article_content"].strip()]
    out = []
    while len(out) < n:
        k = len(out) // len(base)
        out.extend((f"{uid}-{k}", title, text) for uid, title, text in base)
    return out[:n]


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()] or [text]


def phase(name: str, n: int, shard: int = 0, shards: int = 1) -> dict:
    name, _, corpus = name.partition(":")
    texts = load_texts(n, corpus or "fakes")
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
    elif name == "screen":
        from frontlines.document import Document
        from frontlines.nlp.pipeline import screen, trigger_filter, units_of
        from frontlines.nlp.relevance import load_model

        model, keep = load_model(), trigger_filter()
        docs = [Document(doc_id=uid, source_id=uid, title=title, paragraphs=_paragraphs(text))
                for uid, title, text in texts]
        t0, c0 = time.perf_counter(), time.process_time()
        decisions = [screen(d, units_of(d), model, keep) for d in docs]
        wall, secs = time.perf_counter() - t0, time.process_time() - c0
        extra = {"coded_share": round(sum(s.coded for s in decisions) / max(1, len(decisions)), 3),
                 "sentences_parsed_share": round(sum(s.n_parsed for s in decisions)
                                                 / max(1, sum(s.n_sentences for s in decisions)), 3)}
    else:
        from frontlines.document import Document
        from frontlines.nlp.extract import extract_many, extract_screened
        from frontlines.nlp.pipeline import load_nlp

        nlp = load_nlp()
        extract_many([Document("warm", "warm", paragraphs=["Rebels shelled Aleppo on Monday, killing two."])], nlp=nlp).__next__()
        docs = [Document(doc_id=uid, source_id=uid, title=title, paragraphs=_paragraphs(text))
                for uid, title, text in texts]
        t0, c0 = time.perf_counter(), time.process_time()
        mentions = parsed = sentences = 0
        for ex in extract_screened(docs, nlp=nlp):
            mentions += len(ex.mentions)
            if ex.screening is not None:
                parsed += ex.screening.n_parsed
                sentences += ex.screening.n_sentences
        wall, secs = time.perf_counter() - t0, time.process_time() - c0
        extra = {"mentions": mentions, "sentences_parsed_share": round(parsed / max(1, sentences), 3)}
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
    ap.add_argument("--phases", default="bare,extract", help="comma-separated: bare, extract, parse, screen")
    ap.add_argument("--corpus", choices=["fakes", "bbc", "both"], default="fakes",
                    help="conflict news (FA-KES), ordinary news (BBC), or both side by side")
    ap.add_argument("--phase", help=argparse.SUPPRESS)
    ap.add_argument("--shard", type=int, default=0, help=argparse.SUPPRESS)
    args = ap.parse_args()
    corpora = ["fakes", "bbc"] if args.corpus == "both" else [args.corpus]
    for c in corpora:
        if not CORPORA[c].exists():
            sys.exit(f"{CORPORA[c]}: not present (the benchmark needs these dev texts)")
    if args.phase:
        print(json.dumps(phase(args.phase, args.n, args.shard, args.shards)))
        return
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}
    names = [f"{p.strip()}:{c}" for c in corpora for p in args.phases.split(",") if p.strip()]
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
        kind = name.partition(":")[0]
        if kind == "extract":
            results[name]["mentions"] = sum(p["mentions"] for p in ps)
        if kind in ("extract", "screen"):
            results[name]["sentences_parsed_share"] = round(sum(p["sentences_parsed_share"] * p["articles"]
                                                                for p in ps) / max(1, arts), 3)
        if kind == "screen":
            results[name]["coded_share"] = round(sum(p["coded_share"] * p["articles"] for p in ps) / max(1, arts), 3)
        if kind in ("bare", "parse"):
            results[name]["pipes"] = ps[0]["pipes"]
        print(json.dumps(results[name]))
    for c in corpora:
        bare, ext = results.get(f"bare:{c}"), results.get(f"extract:{c}")
        if bare and ext:
            speedup = ext["articles_per_s_per_core"] / bare["articles_per_s_per_core"]
            results[f"speedup_vs_full_parse:{c}"] = round(speedup, 2)
            print(f"{c}: end-to-end {ext['articles_per_s_per_core']} articles/s/core vs bare full parse "
                  f"{bare['articles_per_s_per_core']} articles/s/core: x{speedup:.2f}")
    if len(corpora) == 2 and all(f"extract:{c}" in results for c in corpora):
        ratio = results["extract:bbc"]["articles_per_s_per_core"] / results["extract:fakes"]["articles_per_s_per_core"]
        results["bbc_vs_fakes_rate"] = round(ratio, 2)
        print(f"ordinary news (BBC) {results['extract:bbc']['articles_per_s_per_core']} vs conflict news (FA-KES) "
              f"{results['extract:fakes']['articles_per_s_per_core']} articles/s/core: x{ratio:.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
