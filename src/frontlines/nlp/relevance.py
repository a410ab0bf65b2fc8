"""The relevance stage: does a text report political violence, a demonstration or a strategic development?

WHY before the parse: the dependency parse is the expensive step, and most of
the news is sport, markets, culture and ordinary politics. Rules tuned on
conflict reports fire on "Arsenal laid siege to the goal" or "the dollar
rallied"; a learned screen that has seen such sentences labelled *no event*
keeps them out of the parse altogether, which both stops invented events and
makes ordinary news cheap.

What it is:

- **features** (``features``): no parse, no model download: lower-cased word
  unigrams and bigrams, 5-letter word prefixes (so "shelled"/"shelling" share
  evidence), whether the trigger lexicon (``nlp.triggers``) fires, a bucket of
  capitalised words inside the sentence (named actors and places), and
  whether it has a number;
- **model**: an L2 logistic regression (scikit-learn, ``liblinear``), trained
  only on the project's own corpus (``frontlines/data/corpus``: ``NONE`` vs
  any ACLED sub-type). Its weights ship as reviewable JSON in
  ``frontlines/data/models/relevance.json``; scoring is a sum of weights, in
  pure Python;
- **document score**: the highest sentence score over title, subtitle and body,
  among the sentences with a trigger word (a sentence without one can give no
  event); a report of one event is enough for the document to be relevant;
- **thresholds**: chosen by 5-fold cross-validation on the corpus itself, never
  on a measurement set: the document threshold keeps ``DOC_RECALL`` of the
  held-out event texts of every ACLED event type (``per_type_threshold``), the
  sentence threshold (what is parsed inside a relevant document) keeps
  ``SENTENCE_RECALL`` of them.

``rebuild(corpus_dir, out_path)`` (or ``python -m frontlines.nlp.relevance
--rebuild``) retrains deterministically: the same corpus gives the same file,
byte for byte (``--check`` verifies the shipped one).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

MODEL_VERSION = "2"  # 2: the document threshold keeps the recall target per event type
FEATURES_VERSION = "content-words12-prefix5-lex-caps-num/2"
DOC_RECALL = 0.995
SENTENCE_RECALL = 0.998
TOPIC_RECALL = 0.995
MIN_TOPIC_SENTENCES = 5  # the synthetic ordinary articles' length: shorter texts have no topic to judge
# Negative kinds that surround events in real conflict reports (the synthetic reports' filler).
CONTEXT_KINDS = frozenset({"commentary", "attribution", "history", "threat_or_warning", "aftermath", "diplomacy",
                           "hypothetical"})
FOLDS = 5
C_GRID = (0.25, 0.5, 1.0, 2.0, 4.0)
MIN_DF = 2
_TOKEN = re.compile(r"[A-Za-z]+(?:'[A-Za-z]+)?|\d+")
_STOP = frozenset(["a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "about", "into", "over", "after", "before", "during", "as", "and", "or", "but", "nor", "so", "than", "that", "this", "these", "those", "it", "its", "it's", "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "do", "does", "did", "will", "would", "shall", "should", "can", "could", "may", "might", "must", "he", "she", "they", "we", "you", "i", "his", "her", "their", "our", "your", "him", "them", "us", "me", "who", "whom", "which", "what", "when", "where", "while", "whose", "there", "here", "not", "no", "also", "just", "very", "said", "says", "say", "told", "according"])


# -- features ----------------------------------------------------------------------------------
def features(text: str) -> set[str]:
    """The sparse binary features of one sentence (see the module docstring)."""
    from frontlines.nlp.triggers import may_carry_event

    raw = _TOKEN.findall(text)
    # function words carry a corpus's style (sentence length, register), not whether an event happened
    toks = [t for t in ("0" if t[0].isdigit() else t.lower() for t in raw) if t not in _STOP]
    out = {"w:" + t for t in toks}
    out.update("b:" + a + "_" + b for a, b in zip(toks, toks[1:], strict=False))
    out.update("p:" + t[:5] for t in toks if len(t) > 5)
    if may_carry_event(text):
        out.add("lex")
    caps = sum(1 for t in raw[1:] if t[0].isupper())
    out.add(f"caps:{min(caps, 4)}")
    if any(t[0].isdigit() for t in raw):
        out.add("num")
    return out


# -- the model ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class RelevanceModel:
    """Weights, intercept and the two thresholds; ``score`` is the probability a sentence reports an event."""

    weights: dict[str, float]
    intercept: float
    doc_threshold: float
    sentence_threshold: float
    topic_threshold: float
    topic_weights: dict[str, float]
    topic_intercept: float
    meta: dict

    def logit(self, text: str) -> float:
        # fsum: exact, so the score does not depend on the set's (hash-seeded) iteration order
        return self.intercept + math.fsum(self.weights.get(f, 0.0) for f in features(text))

    def logits(self, text: str) -> tuple[float, float]:
        """(event logit, ordinary-news topic logit) of one sentence, from one feature extraction."""
        fs = features(text)
        return (self.intercept + math.fsum(self.weights.get(f, 0.0) for f in fs),
                self.topic_intercept + math.fsum(self.topic_weights.get(f, 0.0) for f in fs))

    def score(self, text: str) -> float:
        return _sigmoid(self.logit(text))

    def scores(self, texts: Iterable[str]) -> list[float]:
        return [self.score(t) for t in texts]

    @classmethod
    def from_dict(cls, d: dict) -> RelevanceModel:
        return cls(weights=dict(d["weights"]), intercept=float(d["intercept"]),
                   doc_threshold=float(d["thresholds"]["document"]),
                   sentence_threshold=float(d["thresholds"]["sentence"]),
                   topic_threshold=float(d["thresholds"]["topic"]),
                   topic_weights=dict(d["topic_weights"]), topic_intercept=float(d["topic_intercept"]),
                   meta={k: v for k, v in d.items() if k not in ("weights", "intercept", "thresholds",
                                                                 "topic_weights", "topic_intercept")})


def model_path() -> Path:
    return Path(str(resources.files("frontlines") / "data" / "models" / "relevance.json"))


@lru_cache(maxsize=4)
def load_model(path: str | None = None) -> RelevanceModel | None:
    """The shipped model (or the one at ``path``); None when no model file exists (screen off, say so)."""
    p = Path(path) if path else model_path()
    if not p.exists():
        return None
    return RelevanceModel.from_dict(json.loads(p.read_text(encoding="utf-8")))


# -- training -----------------------------------------------------------------------------------
def _fold(item_id: str) -> int:
    return hashlib.sha1(item_id.encode()).digest()[0] % FOLDS


def _item_sentences(text: str) -> list[str]:
    from frontlines.nlp.sentences import split_sentences

    spans = split_sentences(text)
    return [text[s:e] for s, e in spans] or [text]


def _fit(feats: list[set[str]], labels: list[int], c: float):
    """A deterministic L2 logistic regression over the features seen in at least ``MIN_DF`` texts."""
    from collections import Counter

    import numpy as np
    from scipy.sparse import csr_matrix
    from sklearn.linear_model import LogisticRegression

    df = Counter(f for fs in feats for f in fs)
    vocab = sorted(f for f, n in df.items() if n >= MIN_DF)
    index = {f: i for i, f in enumerate(vocab)}
    rows, cols = [], []
    for r, fs in enumerate(feats):
        for f in sorted(fs):
            if f in index:
                rows.append(r)
                cols.append(index[f])
    x = csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(len(feats), len(vocab)))
    clf = LogisticRegression(C=c, solver="liblinear", class_weight="balanced", random_state=0, max_iter=1000)
    clf.fit(x, np.array(labels))
    return {f: float(w) for f, w in zip(vocab, clf.coef_[0], strict=True)}, float(clf.intercept_[0])


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-max(min(z, 50.0), -50.0)))


def _logit(weights: dict[str, float], intercept: float, fs: set[str]) -> float:
    return intercept + math.fsum(weights.get(f, 0.0) for f in fs)


def _score(weights: dict[str, float], intercept: float, fs: set[str]) -> float:
    return _sigmoid(_logit(weights, intercept, fs))


def document_scores(sentences: list[tuple[float, float, bool]]) -> tuple[float, float]:
    """(best, topic) of a document from its sentences' (event logit, ordinary-topic logit, has a
    trigger word): the highest event probability among the sentences with a trigger word (0 when
    none has one), and the mean ordinary-news topic logit of all its sentences (what the text is
    about, whatever its length: a match report is about sport however many shots it has)."""
    best = max((_sigmoid(z) for z, _t, trig in sentences if trig), default=0.0)
    topic = math.fsum(t for _z, t, _ in sentences) / len(sentences) if sentences else 50.0
    return best, topic


def decide(best: float, topic: float, n_sentences: int, doc_threshold: float, topic_threshold: float) -> bool:
    """The document decision: some sentence reports an event, and a text long enough to have a topic
    (``MIN_TOPIC_SENTENCES``) is not about ordinary news. A brief, a note or a snippet is too short
    for its topic to say anything: its best sentence decides."""
    if best < doc_threshold:
        return False
    return n_sentences < MIN_TOPIC_SENTENCES or topic <= topic_threshold


def _threshold(pos_scores: list[float], recall: float, upper: bool = False) -> float:
    """The highest threshold that keeps ``recall`` of the positive scores (ties kept); with ``upper``,
    the lowest ceiling that keeps them (for a score that must stay *below* the threshold)."""
    if upper:
        return -_threshold([-x for x in pos_scores], recall)
    ranked = sorted(pos_scores, reverse=True)
    k = max(0, min(len(ranked) - 1, math.ceil(recall * len(ranked)) - 1))
    return ranked[k]


def per_type_threshold(scored: list[tuple[float, object]], recall: float) -> float:
    """The highest threshold that keeps ``recall`` of the event texts of *every* ACLED event type.

    WHY per type and not over the pooled scores: a pooled quantile lets the type whose texts score
    highest (Battles: "clashed", "fighting") cover for the ones whose words are shared with
    ordinary news (Protests: "workers protested over unpaid salaries"; Strategic developments).
    Each corpus version changes the mix, and a harder batch of one type then buys its lost recall
    from the others: with corpus v3's hard protest contrasts the pooled threshold kept 0.992 of the
    protest texts and 1.0 of the battles, and real coder notes of workers' protests fell below it.
    The minimum over the types' own thresholds keeps the recall target type by type."""
    return min((_threshold(v, recall) for v in _scores_by_type(scored).values()), default=1.0)


def _recall_by_type(scored: list[tuple[float, object]], threshold: float) -> dict[str, float]:
    return {t: round(sum(x >= threshold for x in v) / len(v), 4) for t, v in sorted(_scores_by_type(scored).items())}


def _scores_by_type(scored: list[tuple[float, object]]) -> dict[str, list[float]]:
    """The scores of (score, corpus item) pairs grouped by the item's ACLED event type."""
    from frontlines.nlp.taxonomy import _TYPE_OF

    by_type: dict[str, list[float]] = {}
    for s, it in scored:
        by_type.setdefault(_TYPE_OF.get(it.label, it.label), []).append(s)
    return by_type


def _ordinary(it) -> bool:
    """Whether a corpus text is ordinary news (sport, business, film...): the topic model's positive class."""
    return not it.is_event and it.kind not in CONTEXT_KINDS


def _synthetic(held: list, fold_scores: dict[str, list[tuple[float, bool]]]) -> tuple[list, list]:
    """Articles made of held-out corpus texts, to calibrate the document decision on more than one
    sentence (the corpus has no whole articles): a *conflict report* is an event text followed by
    0-3 texts of the kinds that surround events in real reports (commentary, history, threats,
    aftermath, diplomacy); an *ordinary article* is five texts of one ordinary kind (sport, business,
    film...). Deterministic: choices follow the texts' ids."""
    context = sorted((it for it in held if not it.is_event and it.kind in CONTEXT_KINDS), key=lambda it: it.id)
    ordinary: dict[str, list] = {}
    for it in sorted(held, key=lambda it: it.id):
        if not it.is_event and it.kind not in CONTEXT_KINDS:
            ordinary.setdefault(it.kind, []).append(it)
    reports = []
    for it in held:
        if not it.is_event:
            continue
        h = int(hashlib.sha1(it.id.encode()).hexdigest(), 16)
        extra = [context[(h + 7 * j) % len(context)] for j in range(h % 4)] if context else []
        reports.append([z for x in (it, *extra) for z in fold_scores[x.id]])
    articles = []
    for group in ordinary.values():
        for i in range(len(group)):
            picked = [group[(i + j) % len(group)] for j in range(min(5, len(group)))]
            articles.append([z for x in picked for z in fold_scores[x.id]])
    return reports, articles


def cross_validate(items, c: float) -> dict:
    """Out-of-fold scores for one regularisation strength, scored as the pipeline scores a document
    (``document_scores``), and the three thresholds they give (module docstring)."""
    from frontlines.nlp.triggers import may_carry_event

    sents = [[(features(s), may_carry_event(s)) for s in _item_sentences(it.text)] for it in items]
    whole = [features(it.text) for it in items]
    labels = [int(it.is_event) for it in items]
    topics = [int(_ordinary(it)) for it in items]
    folds = [_fold(it.id) for it in items]
    oof = [0.0] * len(items)
    reports: list = []
    articles: list = []
    for k in range(FOLDS):
        train = [i for i in range(len(items)) if folds[i] != k]
        w, b = _fit([whole[i] for i in train], [labels[i] for i in train], c)
        tw, tb = _fit([whole[i] for i in train], [topics[i] for i in train], c)
        held = [i for i in range(len(items)) if folds[i] == k]
        fold_scores = {items[i].id: [(_logit(w, b, fs), _logit(tw, tb, fs), trig) for fs, trig in sents[i]]
                       for i in held}
        for i in held:
            oof[i] = document_scores(fold_scores[items[i].id])[0]
        r, a = _synthetic([items[i] for i in held], fold_scores)
        reports.extend(r)
        articles.extend(a)
    pos = [s for s, y in zip(oof, labels, strict=True) if y]
    neg = [s for s, y in zip(oof, labels, strict=True) if not y]
    # an event text without a trigger word is lost to the lexicon whatever the threshold: the recall
    # targets are over the ones the lexicon keeps (the share it misses is reported)
    reachable = [(s, it) for s, it, fs in zip(oof, items, sents, strict=True) if it.is_event and any(t for _, t in fs)]
    t_doc = per_type_threshold(reachable, DOC_RECALL)
    t_sent = per_type_threshold(reachable, SENTENCE_RECALL)
    rep = [document_scores(r) for r in reports]
    art = [document_scores(a) for a in articles]
    long_reports = [document_scores(r)[1] for r in reports
                    if len(r) >= MIN_TOPIC_SENTENCES and document_scores(r)[0] >= t_doc]
    t_topic = _threshold(long_reports, TOPIC_RECALL, upper=True) if long_reports else 50.0
    lengths = [len(r) for r in reports]
    art_lengths = [len(a) for a in articles]

    def passes(pair, n):
        return decide(pair[0], pair[1], n, t_doc, t_topic)

    rep_pass = [passes(p, n) for p, n in zip(rep, lengths, strict=True)]
    art_pass = [passes(p, n) for p, n in zip(art, art_lengths, strict=True)]

    # ranking quality (AUC) picks C; the thresholds' error rates are reported
    order = sorted(range(len(oof)), key=lambda i: oof[i])
    ranks = {i: r + 1 for r, i in enumerate(order)}
    auc = (sum(ranks[i] for i in range(len(oof)) if labels[i]) - len(pos) * (len(pos) + 1) / 2) / max(
        1, len(pos) * len(neg))
    return {"C": c, "auc": round(auc, 4), "doc_threshold": round(t_doc, 6), "sentence_threshold": round(t_sent, 6),
            "topic_threshold": round(t_topic, 6),
            "events_without_trigger": round(1 - len(reachable) / max(1, len(pos)), 4),
            "doc_recall_by_type": _recall_by_type(reachable, t_doc),
            "doc_recall": round(sum(s >= t_doc for s in pos) / max(1, len(pos)), 4),
            "doc_false_positive_rate": round(sum(s >= t_doc for s in neg) / max(1, len(neg)), 4),
            "sentence_recall": round(sum(s >= t_sent for s in pos) / max(1, len(pos)), 4),
            "sentence_false_positive_rate": round(sum(s >= t_sent for s in neg) / max(1, len(neg)), 4),
            "synthetic_reports": len(rep), "synthetic_articles": len(art),
            "report_recall": round(sum(rep_pass) / max(1, len(rep)), 4),
            "article_false_positive_rate": round(sum(art_pass) / max(1, len(art)), 4),
            "article_false_positive_rate_best_only": round(sum(b >= t_doc for b, _ in art) / max(1, len(art)), 4)}


def train(items) -> dict:
    """The model file's content: C chosen by cross-validated AUC, thresholds from the same folds."""
    from frontlines.nlp.corpus import manifest

    items = sorted(items, key=lambda it: it.id)
    if not any(it.is_event for it in items) or all(it.is_event for it in items):
        from frontlines.errors import FrontlinesError

        raise FrontlinesError("the relevance model needs both event texts and NONE texts in the corpus")
    runs = [cross_validate(items, c) for c in C_GRID]
    best = max(runs, key=lambda r: (r["auc"], -r["C"]))
    whole = [features(it.text) for it in items]
    weights, intercept = _fit(whole, [int(it.is_event) for it in items], best["C"])
    topic_weights, topic_intercept = _fit(whole, [int(_ordinary(it)) for it in items], best["C"])
    man = manifest(items)
    return {
        "model": "frontlines relevance (logistic regression, NONE vs any ACLED sub-type)",
        "version": MODEL_VERSION,
        "features": FEATURES_VERSION,
        "corpus_sha256": man["sha256"],
        "corpus_size": man["size"],
        "corpus_events": sum(it.is_event for it in items),
        "cross_validation": {"folds": FOLDS, "grid": runs, "chosen_C": best["C"],
                             "doc_recall_target": DOC_RECALL, "sentence_recall_target": SENTENCE_RECALL,
                             "topic_recall_target": TOPIC_RECALL},
        "thresholds": {"document": round(best["doc_threshold"], 6),
                       "sentence": round(best["sentence_threshold"], 6),
                       "topic": round(best["topic_threshold"], 6)},
        "intercept": round(intercept, 6),
        "topic_intercept": round(topic_intercept, 6),
        "weights": {f: round(w, 6) for f, w in sorted(weights.items()) if abs(w) >= 1e-6},
        "topic_weights": {f: round(w, 6) for f, w in sorted(topic_weights.items()) if abs(w) >= 1e-6},
    }


def rebuild(corpus_dir: Path | None = None, out_path: Path | None = None) -> dict:
    """Retrain from the corpus and write the model file (deterministic); returns its content."""
    from frontlines.nlp.corpus import load_corpus

    content = train(load_corpus(corpus_dir))
    out = Path(out_path) if out_path else model_path()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(dumps(content), encoding="utf-8")
    load_model.cache_clear()
    return content


def dumps(content: dict) -> str:
    """The model file's text: one weight per line, so a diff of two models is readable."""
    tables = ("weights", "topic_weights")
    head = {k: v for k, v in content.items() if k not in tables}
    out = json.dumps(head, indent=1, ensure_ascii=False)[:-2]
    for name in tables:
        body = ",\n".join(f"  {json.dumps(k, ensure_ascii=False)}: {v}" for k, v in content[name].items())
        out += f',\n "{name}": {{\n' + body + "\n }"
    return out + "\n}\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m frontlines.nlp.relevance", description=__doc__.splitlines()[0])
    ap.add_argument("--rebuild", action="store_true", help="retrain from the corpus and rewrite the model file")
    ap.add_argument("--check", action="store_true", help="retrain in memory; fail if it differs from the file")
    ap.add_argument("--corpus", type=Path, default=None)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args(argv)
    if args.check:
        from frontlines.nlp.corpus import load_corpus

        fresh = dumps(train(load_corpus(args.corpus)))
        path = args.out or model_path()
        same = path.exists() and path.read_text(encoding="utf-8") == fresh
        print(f"{path}: {'matches' if same else 'DIFFERS from'} a rebuild from the corpus")
        return 0 if same else 1
    if args.rebuild:
        content = rebuild(args.corpus, args.out)
        cv = next(r for r in content["cross_validation"]["grid"] if r["C"] == content["cross_validation"]["chosen_C"])
        print(f"relevance model: {len(content['weights'])} weights, corpus {content['corpus_size']} texts; "
              f"CV (C={cv['C']}): AUC {cv['auc']}, document recall {cv['doc_recall']} / false positives "
              f"{cv['doc_false_positive_rate']}, sentence recall {cv['sentence_recall']}; synthetic reports kept "
              f"{cv['report_recall']}, synthetic ordinary articles passed {cv['article_false_positive_rate']} "
              f"(best sentence only: {cv['article_false_positive_rate_best_only']})")
        return 0
    ap.print_help()
    return 2


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())


__all__ = ["RelevanceModel", "features", "load_model", "model_path", "rebuild", "train"]
