"""CPU cost of the sub-type model per candidate sentence, beside the rules it works with.

Usage::

    OMP_NUM_THREADS=1 .venv/bin/python benchmarks/bench_subtype.py [--n 2000] [--repeat 3] [--json OUT]

Sentences: those of the FA-KES dev articles (../shared/data/fakes/dev.csv) that pass the lexicon pre-filter,
i.e. what extraction parses (the team-written corpus when the shared data is absent). They are parsed once,
outside the timing. Then, on the same parsed sentences, in one process, interleaved ``--repeat`` times so both
see the same machine load:

- ``rules``: ``events.detect_events`` alone;
- ``rules+model``: ``detect_events`` and ``subtype.combine`` (trigger readings, features, scoring, the
  combination); the model's own cost is the difference;
- ``load``: loading the shipped model file (once per process).

Times are CPU seconds of this process (``time.process_time``), so other jobs on a shared machine slow the
wall clock but not the figure.
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FAKES = ROOT.parent / "shared" / "data" / "fakes" / "dev.csv"


def sentences(n: int) -> tuple[list[str], str]:
    from frontlines.nlp.pipeline import split_sentences
    from frontlines.nlp.triggers import may_carry_event

    if FAKES.exists():
        texts = [r["article_content"] for r in csv.DictReader(FAKES.open(encoding="utf-8"))]
        source = "FA-KES dev articles"
    else:
        from frontlines.nlp.corpus import load_corpus

        texts = [it.text for it in load_corpus()]
        source = "the team-written corpus"
    out = []
    for text in texts:
        for para in text.split("\n"):
            out += [para[s:e] for s, e in split_sentences(para) if may_carry_event(para[s:e])]
        if len(out) >= n:
            break
    return out[:n], source


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=2000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", type=Path)
    args = ap.parse_args()

    from frontlines.nlp import subtype
    from frontlines.nlp.actors import ActorRegistry
    from frontlines.nlp.events import detect_events
    from frontlines.nlp.pipeline import load_nlp, normalise

    texts, source = sentences(args.n)
    nlp = load_nlp(components=False)
    registry = ActorRegistry.default()
    sents = [s for doc in nlp.pipe([normalise(t) for t in texts], batch_size=64) for s in doc.sents]
    t0 = time.process_time()
    model = subtype.load(subtype.model_path())
    load_s = time.process_time() - t0
    detect_events(sents[0], registry=registry)  # warm the lexicon and registry caches
    rules_s: list[float] = []
    both_s: list[float] = []
    changed = 0
    for _ in range(args.repeat):
        t0 = time.process_time()
        for s in sents:
            detect_events(s, registry=registry)
        rules_s.append(time.process_time() - t0)
        t0 = time.process_time()
        changed = 0
        for s in sents:
            cands = detect_events(s, registry=registry)
            _, decision = subtype.combine(s, cands, model, registry=registry)
            changed += decision.action not in ("keep", "none")
        both_s.append(time.process_time() - t0)
    n = len(sents)
    rules = min(rules_s) / n * 1e6
    both = min(both_s) / n * 1e6
    res = {
        "source": source, "sentences": n, "features": len(model.vocab),
        "model_load_s": round(load_s, 3),
        "rules_us_per_sentence": round(rules, 1),
        "rules_plus_model_us_per_sentence": round(both, 1),
        "model_us_per_sentence": round(both - rules, 1),
        "model_share_of_rules_plus_model": round((both - rules) / both, 3) if both else None,
        "sentences_changed_by_model": changed,
    }
    for k, v in res.items():
        print(f"{k:36s} {v}")
    if args.json:
        args.json.write_text(json.dumps(res, indent=2) + "\n")


if __name__ == "__main__":
    main()
