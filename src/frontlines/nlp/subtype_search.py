"""Choosing the sub-type model's hyper-parameters by cross-validation on the corpus, and only there.

``python -m frontlines.nlp.subtype_search`` parses the corpus once, then for each regularisation setting
fits the model on four fifths of the corpus and scores the fifth it did not see (stratified folds, fixed
seed). With the best setting's out-of-fold probabilities it replays the combination with the rules
(``subtype.decide``) over a grid of thresholds, item by item as extraction does (the first sentence with
an event is the item's primary event), and prints weighted F1 over the corpus labels, ``NONE`` included,
for the rules alone, the model alone and each combination, and picks the best combination that still keeps
``EVENT_RECALL`` of the event texts the rules found (a veto must not cost real reports). The chosen values
are then pinned in ``subtype.TRAINING`` and ``subtype.COMBINATION`` (a reviewer sees them in the diff); no evaluation file
(CASE, BBC, ACLED, FA-KES) is ever read here.
"""

from __future__ import annotations

import argparse
import itertools
from collections.abc import Sequence
from dataclasses import replace

from frontlines.nlp.subtype import (
    NO_EVENT,
    TRAINING,
    Combination,
    Parsed,
    Training,
    _primary_index,
    decide,
    fit,
)

SEED = 0
FOLDS = 5
# The model may veto at most 0.5 % of the event texts the rules found, the recall the relevance stage keeps
# (``relevance.DOC_RECALL``): half the corpus is hard negatives written to fool the rules, so its best
# weighted F1 vetoes more than a stream of real reports can afford (ACLED notes are all events: an
# unconstrained pick, veto 0.2, cost them half a point of event type).
EVENT_RECALL = 0.995


def _weighted_f1(gold: Sequence[str], pred: Sequence[str]) -> float:
    from sklearn.metrics import f1_score

    return float(f1_score(gold, pred, labels=sorted(set(gold)), average="weighted", zero_division=0))


def _rules_label(p: Parsed) -> str:
    for _, cands, _ in p.sentences:
        if cands:
            return cands[_primary_index(cands)].sub_event_type
    return NO_EVENT


def _combined_label(p: Parsed, probs: list[dict[str, float]], comb: Combination) -> str:
    for (_, cands, real), pr in zip(p.sentences, probs, strict=True):
        action, k, sub = decide(cands, pr, real, comb)
        if action in ("veto", "none"):
            continue
        if action == "keep":
            return cands[k].sub_event_type
        return sub
    return NO_EVENT


def out_of_fold(parsed: Sequence[Parsed], training: Training) -> tuple[list[dict], list[list[dict]]]:
    """Item-level and sentence-level probabilities of models that never saw the item."""
    from sklearn.model_selection import StratifiedKFold

    labels = [p.item.label for p in parsed]
    item_probs: list[dict] = [{}] * len(parsed)
    sent_probs: list[list[dict]] = [[]] * len(parsed)
    # a class too small for five folds still needs a fold of its own: cap the folds at the smallest class
    smallest = min(labels.count(x) for x in set(labels))
    folds = StratifiedKFold(n_splits=max(2, min(FOLDS, smallest)), shuffle=True, random_state=SEED)
    for train_i, test_i in folds.split(labels, labels):
        model = fit([parsed[i].features for i in train_i], [labels[i] for i in train_i], training)
        for i in test_i:
            item_probs[i] = model.proba(parsed[i].features)
            sent_probs[i] = [model.proba(f) for f, _, _ in parsed[i].sentences]
    return item_probs, sent_probs


def search(parsed: Sequence[Parsed], *, cs: Sequence[float], weights: Sequence[str | None]) -> dict:
    gold = [p.item.label for p in parsed]
    rules = [_rules_label(p) for p in parsed]
    print(f"corpus: {len(parsed)} items; rules alone: weighted F1 {_weighted_f1(gold, rules):.4f}")
    best = None
    for c, cw in itertools.product(cs, weights):
        training = replace(TRAINING, c=c, class_weight=cw)
        item_probs, sent_probs = out_of_fold(parsed, training)
        alone = [max(p, key=p.get) for p in item_probs]
        f1 = _weighted_f1(gold, alone)
        print(f"  model alone C={c:g} class_weight={cw}: weighted F1 {f1:.4f}")
        if best is None or f1 > best[0]:
            best = (f1, training, sent_probs)
    assert best is not None
    _, training, sent_probs = best
    # veto, switch, margin, propose, cross_margin, veto_armed (the last never below the plain veto)
    grid = itertools.product((0.2, 0.3, 0.4, 0.5, 0.6), (0.3, 0.4), (0.0, 0.1), (0.4, 0.5), (0.0, 0.1, 0.2),
                             (0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01))
    scored = []
    for veto, switch, margin, propose, cross, veto_armed in grid:
        if veto_armed < veto:
            continue
        comb = Combination(veto=veto, switch=switch, margin=margin, propose=propose, cross_margin=cross,
                           veto_armed=veto_armed)
        pred = [_combined_label(p, pr, comb) for p, pr in zip(parsed, sent_probs, strict=True)]
        scored.append((_weighted_f1(gold, pred), comb, _kept(gold, rules, pred)))
    scored.sort(key=lambda x: (-x[0], x[1].veto, -x[1].switch, -x[1].margin, -x[1].propose,
                                 -x[1].cross_margin, x[1].veto_armed))
    print(f"combination with {training} (kept: share of the event texts the rules found that keep an event):")
    for f1, comb, kept in scored[:5]:
        print(f"  {f1:.4f}  kept {kept:.4f}  {comb}")
    allowed = [x for x in scored if x[2] >= EVENT_RECALL]
    print(f"best keeping >= {EVENT_RECALL} of them:")
    for f1, comb, kept in allowed[:5]:
        print(f"  {f1:.4f}  kept {kept:.4f}  {comb}")
    f1, comb, kept = allowed[0] if allowed else scored[0]
    return {"training": training, "combination": comb, "f1": f1, "kept": kept}


def _kept(gold: Sequence[str], rules: Sequence[str], pred: Sequence[str]) -> float:
    """Of the corpus's event texts the rules give an event, the share the combination still gives one."""
    found = [p for g, r, p in zip(gold, rules, pred, strict=True) if g != NO_EVENT and r != NO_EVENT]
    return sum(p != NO_EVENT for p in found) / max(1, len(found))


def main(argv: list[str] | None = None) -> int:
    from frontlines.nlp.corpus import load_corpus
    from frontlines.nlp.subtype import parse_corpus

    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--c", type=float, nargs="+", default=[1.0, 2.0, 4.0, 8.0, 16.0])
    ap.add_argument("--balanced", action="store_true", help="also try class_weight='balanced'")
    args = ap.parse_args(argv)
    parsed = parse_corpus(load_corpus(), progress=True)
    res = search(parsed, cs=args.c, weights=[None, "balanced"] if args.balanced else [None])
    print(f"chosen: {res['training']} {res['combination']} (weighted F1 {res['f1']:.4f})")
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
