"""Trained note classifier vs the TF-IDF + logistic-regression baseline on held-out ACLED notes.

The acceptance of issue 3: with ``frontlines train`` fitted on one half of the
ACLED dev set (deterministic split by note hash, ``half-a``) and measured on
the other half (``half-b``), event type and actor1 must each beat the baseline
trained on the same half by at least 2 points. Run:

    .venv/bin/python benchmarks/acled_train_vs_baseline.py [--train half-a] [--out benchmarks/.work/train_vs_baseline.json]

Equivalent CLI steps:

    frontlines train --acled ../shared/data/acled_notes/dev.csv --split half-a --out models/acled-half-a.joblib
    frontlines eval acled ../shared/data/acled_notes/dev.csv --split half-b --model models/acled-half-a.joblib
    frontlines eval acled ../shared/data/acled_notes/dev.csv --split half-b --baseline tfidf
    frontlines eval acled ../shared/data/acled_notes/dev.csv --split half-b --baseline tfidf-default

The model is written under ``benchmarks/.work/`` (git-ignored) and never committed.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "data" / "acled_notes" / "dev.csv"
FIGS = ("event_type_accuracy", "type6_accuracy", "actor1_accuracy", "actor1_raw_accuracy", "fatalities_accuracy")


def main() -> int:
    from frontlines.evaluation import acled, classifier, common

    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", type=Path, default=GOLD)
    ap.add_argument("--train", default="half-a", choices=common.SPLITS)
    ap.add_argument("--no-rules", action="store_true", help="syntax features only (no rule typer / registry)")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / ".work" / "train_vs_baseline.json")
    args = ap.parse_args()
    if not args.gold.exists():
        print(f"{args.gold} absent: nothing to measure")
        return 0
    test = common.other_half(args.train)
    rows = acled.read_acled(args.gold)
    train_rows = acled.select(rows, args.train, None)
    t = time.perf_counter()
    model = classifier.train(train_rows, use_rules=not args.no_rules, progress=True)
    train_s = time.perf_counter() - t
    model_path = args.out.parent / f"acled-{args.train}{'-syntax' if args.no_rules else ''}.joblib"
    classifier.save(model, model_path)
    results = {"features": "syntax" if args.no_rules else "syntax+rules+registry", "train_split": args.train, "test_split": test, "n_train": len(train_rows), "train_seconds": round(train_s, 1)}
    systems = {
        "trained": {"model": model_path},
        "baseline_tfidf": {"baseline": "tfidf"},
        "baseline_tfidf_default": {"baseline": "tfidf-default"},
    }
    for name, opts in systems.items():
        res = acled.evaluate_acled(args.gold, split=test, progress=True, **opts)
        results[name] = {"system": res["system"], "n": res["n"], "seconds": res["seconds"],
                         **{k: res["figures"][k] for k in FIGS}}
        print(name, results[name], flush=True)
    for base in ("baseline_tfidf", "baseline_tfidf_default"):
        results[f"gain_vs_{base}"] = {k: round(results["trained"][k] - results[base][k], 4)
                                      for k in ("event_type_accuracy", "actor1_accuracy", "actor1_raw_accuracy")}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(results, indent=2, default=str))
    print(json.dumps(results, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
