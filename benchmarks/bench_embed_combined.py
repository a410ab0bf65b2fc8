"""Sentence embeddings mixed into the shipped sub-type model, inside the real pipeline: an experiment (issue 10).

Usage (the embedder as in ``bench_embed_subtype.py``)::

    OMP_NUM_THREADS=1 PYTHONPATH=src python benchmarks/bench_embed_combined.py [--case ../shared/data/case2021/dev.tsv]

WHY: ``bench_embed_subtype.py`` showed that a classifier on MiniLM embeddings carries across wording better
than n-grams (CASE 0.641 vs 0.596, whole snippets, model alone) but stays below the shipped rules + sparse
model (0.690), which sees the rules' triggers, roles and readings. This asks the next question: does the
shipped model get better when each candidate sentence's probabilities are mixed with an embedding
classifier's, the combination with the rules (``nlp.subtype.combine``) left as it is?

How: an embedding logistic regression is trained on the corpus items (the shipped model's training unit).
The mix weight w is chosen by 5-fold corpus CV of item-level probabilities (the shipped model's
out-of-fold probabilities from ``subtype_search.out_of_fold``, with the pinned hyper-parameters). Then CASE is
evaluated with ``FRONTLINES_SUBTYPE_MODEL=on`` through the real pipeline twice, w = 0 (the shipped model)
and the chosen w: the model's ``proba`` is wrapped for this process only, so that each sentence's
probabilities become (1 - w) x shipped + w x embedding. Nothing shipped changes; CASE is never used to
choose anything.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_embed_subtype import Embedder  # noqa: E402


def main() -> None:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold

    import frontlines.nlp.subtype as st
    from frontlines.evaluation.case import evaluate_case
    from frontlines.evaluation.common import SPLITS
    from frontlines.evaluation.metrics import classification_report
    from frontlines.evaluation.registry import evaluate
    from frontlines.nlp.corpus import load_corpus
    from frontlines.nlp.subtype_search import out_of_fold

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--case", type=Path, default=ROOT.parent / "shared" / "data" / "case2021" / "dev.tsv")
    ap.add_argument("--acled", type=Path, default=ROOT.parent / "shared" / "data" / "acled_notes" / "dev.csv",
                    help="also the ACLED notes (every 8th, as the CI gate) with each w")
    ap.add_argument("--c", type=float, default=16.0, help="the embedding LR's C (bench_embed_subtype's CV choice)")
    args = ap.parse_args()

    items = load_corpus()
    parsed = st.parse_corpus(items, progress=True)
    labels = [p.item.label for p in parsed]
    embed = Embedder()
    x = embed([it.text for it in items])
    sparse_oof, _ = out_of_fold(parsed, st.TRAINING)
    classes = sorted(set(labels))
    emb_oof = np.zeros((len(labels), len(classes)))
    y = np.array([classes.index(lab) for lab in labels])
    for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(x, y):
        lr = LogisticRegression(C=args.c, max_iter=2000, class_weight="balanced").fit(x[train], y[train])
        emb_oof[test] = lr.predict_proba(x[test])
    sparse = np.array([[p.get(c, 0.0) for c in classes] for p in sparse_oof])
    scores = {}
    for w in (0.0, 0.15, 0.25, 0.35, 0.5):
        pred = [classes[k] for k in ((1 - w) * sparse + w * emb_oof).argmax(1)]
        scores[w] = classification_report(labels, pred).weighted_f1
        print(f"corpus CV, item level: (1 - {w}) x shipped + {w} x embeddings: weighted F1 {scores[w]:.4f}")
    best_w = max(scores, key=scores.get)
    print(f"chosen on the corpus: w = {best_w}")

    emb_lr = LogisticRegression(C=args.c, max_iter=2000, class_weight="balanced").fit(x, y)
    state = {"w": 0.0, "text": ""}
    features, proba = st.sentence_features, st.SubtypeModel.proba

    def sentence_features(sent, **kw):
        state["text"] = sent.text
        return features(sent, **kw)

    def mixed(self, feats):
        p = proba(self, feats)
        if not state["w"]:
            return p
        e = emb_lr.predict_proba(embed([state["text"]]))[0]
        return {c: (1 - state["w"]) * p.get(c, 0.0) + state["w"] * float(e[classes.index(c)]) if c in classes
                else p[c] for c in p}

    st.sentence_features, st.SubtypeModel.proba = sentence_features, mixed
    os.environ["FRONTLINES_SUBTYPE_MODEL"] = "on"
    for w in (0.0, best_w):
        state["w"] = w
        for split in (None, *SPLITS):
            r = evaluate_case(args.case, split=split)
            f = r["figures"]
            print(f"CASE {split or 'all'}, pipeline with the model on, w = {w}: weighted F1 {f['weighted_f1']:.4f}, "
                  f"macro F1 {f['macro_f1']:.4f}, disasters silent {f.get('disaster_no_event', float('nan')):.3f}")
        if args.acled.exists():
            f = evaluate("acled", args.acled, every=8)["figures"]
            print(f"ACLED notes every 8th, w = {w}: " + ", ".join(f"{k} {v:.4f}" for k, v in sorted(f.items())))


if __name__ == "__main__":
    main()
