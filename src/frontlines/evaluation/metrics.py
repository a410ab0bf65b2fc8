"""Classification and field metrics shared by every evaluator.

Kept free of scikit-learn on purpose: the figures here are pinned as floors in
the quality gate, so their definitions must be explicit, stable and readable in
one place (sklearn changes zero-division conventions between releases).

Conventions, stated once:

- ``accuracy`` = share of items whose prediction equals the gold label.
- Per class: precision = tp / (tp + fp), recall = tp / (tp + fn), F1 = harmonic
  mean; a ratio with a zero denominator is 0.0.
- ``macro_f1`` averages F1 over the classes that occur in the gold labels
  (a class only ever predicted, e.g. ``(none)``, cannot lift or sink the
  average by itself, but its false positives still lower the precision of
  nothing and the recall of the gold class it stole from).
- ``weighted_f1`` weights each gold class's F1 by its gold support, as the
  CASE 2021 task 2 scorer does.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

NONE_LABEL = "(none)"  # what a system that emitted no event is scored as


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


@dataclass
class ClassScore:
    label: str
    precision: float
    recall: float
    f1: float
    support: int  # gold items of this class
    predicted: int  # items predicted as this class


@dataclass
class ClassificationReport:
    """Everything ``frontlines eval`` prints for one label field."""

    n: int
    accuracy: float
    macro_f1: float
    weighted_f1: float
    classes: list[ClassScore]
    labels: list[str]  # row/column order of ``confusion``
    confusion: list[list[int]] = field(default_factory=list)  # rows gold, columns predicted

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def classification_report(gold: Sequence[Hashable], pred: Sequence[Hashable]) -> ClassificationReport:
    """Per-class P/R/F1, accuracy, macro and weighted F1 and the confusion matrix."""
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} items, predictions {len(pred)}")
    gold_s = [str(g) for g in gold]
    pred_s = [str(p) for p in pred]
    n = len(gold_s)
    gold_count = Counter(gold_s)
    pred_count = Counter(pred_s)
    tp = Counter(g for g, p in zip(gold_s, pred_s, strict=True) if g == p)
    # Gold classes first (by support), then labels only ever predicted.
    labels = sorted(gold_count, key=lambda c: (-gold_count[c], c))
    labels += sorted(c for c in pred_count if c not in gold_count)
    classes = []
    for c in labels:
        p = _ratio(tp[c], pred_count[c])
        r = _ratio(tp[c], gold_count[c])
        classes.append(ClassScore(c, p, r, _ratio(2 * p * r, p + r), gold_count[c], pred_count[c]))
    gold_classes = [cs for cs in classes if cs.support]
    macro = _ratio(sum(cs.f1 for cs in gold_classes), len(gold_classes))
    weighted = _ratio(sum(cs.f1 * cs.support for cs in gold_classes), n)
    index = {c: i for i, c in enumerate(labels)}
    confusion = [[0] * len(labels) for _ in labels]
    for g, p in zip(gold_s, pred_s, strict=True):
        confusion[index[g]][index[p]] += 1
    return ClassificationReport(
        n=n,
        accuracy=_ratio(sum(tp.values()), n),
        macro_f1=macro,
        weighted_f1=weighted,
        classes=classes,
        labels=labels,
        confusion=confusion,
    )


@dataclass
class FieldAccuracy:
    """Accuracy of one field over the items where the gold value is scoreable."""

    name: str
    correct: int
    total: int
    note: str = ""

    @property
    def accuracy(self) -> float:
        return _ratio(self.correct, self.total)

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "accuracy": self.accuracy, "correct": self.correct, "total": self.total,
                "note": self.note}


def field_accuracy(
    name: str,
    pairs: Iterable[tuple[Any, Any]],
    *,
    equal: Callable[[Any, Any], bool] | None = None,
    note: str = "",
) -> FieldAccuracy:
    """Share of ``(gold, pred)`` pairs that match; pairs whose gold is ``None`` are not scoreable."""
    eq = equal or (lambda g, p: g == p)
    correct = total = 0
    for g, p in pairs:
        if g is None:
            continue
        total += 1
        correct += bool(eq(g, p))
    return FieldAccuracy(name, correct, total, note)
