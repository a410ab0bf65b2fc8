"""``frontlines eval acled``: score the system against ACLED codings of their own ``notes``.

Each row's ``notes`` is one ACLED coder's summary of one event; the system
reads it as a one-paragraph document and its primary event (``system.py``) is
compared with the row's coding.

Figures (``figures`` in the result; the gate pins them):

- ``event_type_accuracy``: the headline, ACLED's 2018 nine classes (today's
  coding mapped back with the table in ``../shared/data/README.md``). For an
  export in today's taxonomy it is the sub-type accuracy instead.
- ``type6_accuracy``: today's types, with Protests and Riots merged (the 2018
  gold cannot tell them apart).
- ``subtype_accuracy``: only rows whose 2018 class fixes today's sub-type
  (the three battle classes, non-violent transfer, headquarters).
- ``actor1_accuracy``: exact canonical name, after the gold name is written in
  the registry's naming convention (``gold_actor``): ACLED's 2018 export
  prefixes some actors with their acronym ("HTS: Hayat Tahrir al-Sham",
  "QSD: Syrian Democratic Forces") and spells others as registry aliases; the
  registry's ``canonical_name`` is the documented mapping of those spellings,
  so both sides are compared in one namespace. A gold name the registry does
  not know is compared as written (acronym prefix dropped); the mapping never
  re-dates a name (a gold name that is itself canonical stays as it is).
  ``actor1_raw_accuracy`` is the same exact match against the raw gold string,
  reported beside it so the mapping hides nothing. ``actor1_lenient_accuracy``
  is a separate, clearly weaker match (case, "(2000-)" periods and sub-units
  ignored), never to be quoted as actor1 accuracy.
- ``fatalities_accuracy``: exact count.
- ``date_accuracy``: only notes that write a day and month ("On Feb 28",
  "on 3 March"). The note is treated as published a week after the event
  (ACLED codes weekly), which fixes the year and nothing else.
"""

from __future__ import annotations

import csv
import re
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

from frontlines.document import Document, make_doc_id
from frontlines.errors import FrontlinesError
from frontlines.evaluation import common
from frontlines.evaluation.labels import (
    ACLED2018_CLASSES,
    ACLED2018_TO_CURRENT,
    NONE,
    lenient_actor_match,
    to_acled2018,
    type6,
)
from frontlines.evaluation.metrics import classification_report, field_accuracy
from frontlines.evaluation.registry import register
from frontlines.evaluation.system import DocPrediction, System

REPORTING_LAG = timedelta(days=7)
_MONTH = r"(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(t(ember)?)?|oct(ober)?|nov(ember)?|dec(ember)?)\.?"
EXPLICIT_DATE = re.compile(rf"\b({_MONTH}\s+\d{{1,2}}(st|nd|rd|th)?\b|\d{{1,2}}(st|nd|rd|th)?\s+(of\s+)?{_MONTH}\b)", re.I)
_DATE_FORMATS = ("%d-%b-%y", "%Y-%m-%d", "%d %B %Y", "%d-%B-%Y", "%d/%m/%Y", "%m/%d/%Y")


@dataclass
class AcledRow:
    """One gold row: the note and the coding it is scored against."""

    row_id: str
    notes: str
    label: str  # 2018 nine-class label, or today's sub-type for a current export
    type6: str
    sub_event_type: str | None  # where the coding fixes it
    actor1: str
    fatalities: int | None
    event_date: date | None
    country: str | None
    taxonomy: str  # "acled2018" or "acled"

    def document(self) -> Document:
        published = self.event_date + REPORTING_LAG if self.event_date else None
        return Document(
            doc_id=make_doc_id(None, [self.notes]),
            source_id=self.row_id,
            paragraphs=[p for p in re.split(r"\n\s*\n", self.notes) if p.strip()],
            published=published,
            published_from="column",
            source="ACLED notes",
            reader="table",
        )


def parse_date(value: str | None) -> date | None:
    value = (value or "").strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def _int(value: str | None) -> int | None:
    try:
        return int(float(value)) if value not in (None, "") else None
    except ValueError:
        return None


def read_acled(path: Path) -> list[AcledRow]:
    """Rows of an ACLED CSV export that have a note; both the 2018 and today's taxonomies."""
    common.require(path)
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        cols = set(reader.fieldnames or [])
        missing = {"notes", "event_type", "actor1"} - cols
        if missing:
            raise FrontlinesError(f"{path}: not an ACLED export (missing columns: {', '.join(sorted(missing))})")
        current = "sub_event_type" in cols
        rows: list[AcledRow] = []
        for i, r in enumerate(reader):
            notes = (r.get("notes") or "").strip()
            if not notes:
                continue
            et = (r.get("event_type") or "").strip()
            if current:
                sub = (r.get("sub_event_type") or "").strip() or None
                label, t6, taxonomy = sub or NONE, type6(et), "acled"
            else:
                if et not in ACLED2018_TO_CURRENT:
                    continue  # not one of the nine classes: nothing to score it against
                t6, sub = ACLED2018_TO_CURRENT[et]
                label, taxonomy = et, "acled2018"
            rows.append(
                AcledRow(
                    row_id=str(r.get("event_id_cnty") or r.get("data_id") or r.get("d3mIndex") or i),
                    notes=notes,
                    label=label,
                    type6=t6,
                    sub_event_type=sub,
                    actor1=(r.get("actor1") or "").strip(),
                    fatalities=_int(r.get("fatalities")),
                    event_date=parse_date(r.get("event_date")),
                    country=(r.get("country") or "").strip() or None,
                    taxonomy=taxonomy,
                )
            )
    return rows


def select(rows: list[AcledRow], split: str | None, limit: int | None, every: int | None = None) -> list[AcledRow]:
    """One half (``split``), then every ``every``-th row (a subset spread over the whole file), then the first ``limit``."""
    return common.subset(rows, lambda r: r.notes, split, limit, every)


def predicted_label(row: AcledRow, p: DocPrediction) -> str:
    if row.taxonomy == "acled2018":
        return p.label2018 or to_acled2018(p.event_type, p.sub_event_type)
    return p.sub_event_type or NONE


def predicted_type6(p: DocPrediction) -> str:
    if p.label2018 in ACLED2018_TO_CURRENT:
        return ACLED2018_TO_CURRENT[p.label2018][0]
    return type6(p.event_type)


def gold_actor(row: AcledRow, registry: Any = None) -> str | None:
    """The row's actor1 in the registry's naming convention (see the module docstring), None when uncoded."""
    if not row.actor1:
        return None
    if registry is None:
        return row.actor1
    return registry.canonical_name(row.actor1, when=row.event_date) or row.actor1


def _registry() -> Any:
    try:
        from frontlines.nlp.actors import ActorRegistry

        return ActorRegistry.default()
    except ImportError:
        return None


def score(rows: list[AcledRow], preds: list[DocPrediction], registry: Any = None) -> dict[str, Any]:
    """Classification reports, field accuracies and the flat figures for rows and their predictions.

    ``registry`` maps gold actor names to canonical ones (``gold_actor``); the default registry when None.
    """
    registry = registry if registry is not None else _registry()
    gold_actors = [gold_actor(r, registry) for r in rows]
    gold_label = [r.label for r in rows]
    pred_label = [predicted_label(r, p) for r, p in zip(rows, preds, strict=True)]
    main = classification_report(gold_label, pred_label)
    t6 = classification_report([r.type6 for r in rows], [predicted_type6(p) for p in preds])
    sub_pairs = [(r.sub_event_type, p.sub_event_type or NONE) for r, p in zip(rows, preds, strict=True)
                 if r.sub_event_type]
    sub = classification_report([g for g, _ in sub_pairs], [p for _, p in sub_pairs])
    actor = field_accuracy("actor1", zip(gold_actors, (p.actor1 for p in preds), strict=True),
                           note="exact canonical name (gold mapped through ActorRegistry.canonical_name)")
    actor_raw = field_accuracy("actor1_raw", ((r.actor1 or None, p.actor1) for r, p in zip(rows, preds, strict=True)),
                               note="exact match with the raw gold string (ACLED's own spelling)")
    actor_len = field_accuracy(
        "actor1_lenient",
        ((r.actor1 or None, p.actor1) for r, p in zip(rows, preds, strict=True)),
        equal=lenient_actor_match,
        note="LENIENT: case, periods '(2000-)' and sub-units ignored; not the actor1 figure",
    )
    fat = field_accuracy("fatalities", ((r.fatalities, p.fatalities) for r, p in zip(rows, preds, strict=True)),
                         note="exact count")
    dated = [(r.event_date, p.date) for r, p in zip(rows, preds, strict=True)
             if r.event_date and EXPLICIT_DATE.search(r.notes)]
    dt = field_accuracy("date", dated, note="notes that write a day and month")
    taxonomy = rows[0].taxonomy if rows else "acled2018"
    main_name = "event_type_2018" if taxonomy == "acled2018" else "sub_event_type"
    classification = {main_name: main.to_dict(), "type6": t6.to_dict()}
    if taxonomy == "acled2018":
        classification["sub_event_type_derivable"] = sub.to_dict()
    fields = {f.name: f.to_dict() for f in (actor, actor_raw, actor_len, fat, dt)}
    figures = {
        "event_type_accuracy": main.accuracy,
        "event_type_macro_f1": main.macro_f1,
        "event_type_weighted_f1": main.weighted_f1,
        "type6_accuracy": t6.accuracy,
        "actor1_accuracy": actor.accuracy,
        "actor1_raw_accuracy": actor_raw.accuracy,
        "actor1_lenient_accuracy": actor_len.accuracy,
        "fatalities_accuracy": fat.accuracy,
        "date_accuracy": dt.accuracy,
    }
    if taxonomy == "acled2018":
        figures["subtype_accuracy"] = sub.accuracy
    return {"classification": classification, "fields": fields, "figures": figures}


def predict_rows(rows: list[AcledRow], system: System, progress: bool) -> list[DocPrediction]:
    """Predictions per row; a note coded for several places is read once."""
    keys = list(dict.fromkeys((r.notes, r.event_date) for r in rows))
    first = {}
    for r in rows:
        first.setdefault((r.notes, r.event_date), r)
    docs = (first[k].document() for k in keys)
    preds = system.predict_all(docs)
    cache = dict(zip(keys, common.track(preds, len(keys), f"acled · {system.name}", progress), strict=True))
    return [cache[(r.notes, r.event_date)] for r in rows]


def examples(rows: list[AcledRow], preds: list[DocPrediction], k: int = 25,
             registry: Any = None) -> list[dict[str, Any]]:
    """A few misclassified rows, for reading what goes wrong."""
    out = []
    for r, p in zip(rows, preds, strict=True):
        pl = predicted_label(r, p)
        gold = gold_actor(r, registry)
        if pl != r.label or p.actor1 != gold:
            out.append({"id": r.row_id, "notes": r.notes[:300], "gold": r.label, "pred": pl,
                        "gold_actor1": gold, "gold_actor1_raw": r.actor1, "pred_actor1": p.actor1,
                        "gold_fatalities": r.fatalities, "pred_fatalities": p.fatalities})
        if len(out) >= k:
            break
    return out


@register("acled")
def evaluate_acled(
    path: Path,
    *,
    limit: int | None = None,
    split: str | None = None,
    every: int | None = None,
    model: Path | None = None,
    baseline: str | None = None,
    system: System | None = None,
    progress: bool = False,
    **_: Any,
) -> dict[str, Any]:
    started = time.perf_counter()
    common.check_split(split)
    all_rows = read_acled(path)
    rows = select(all_rows, split, limit, every)
    if baseline:
        from frontlines.evaluation.classifier import baseline_system

        if not split:
            raise FrontlinesError("--baseline needs --split: it is trained on the other half of the same file")
        system = baseline_system(baseline, select(all_rows, common.other_half(split), None))
    elif model:
        from frontlines.evaluation.classifier import load_system

        system = load_system(model)
    system = system or _default()
    preds = predict_rows(rows, system, progress)
    registry = _registry()
    scored = score(rows, preds, registry)
    return common.result(
        "acled",
        path,
        system.name,
        len(rows),
        started,
        split=split,
        labels=ACLED2018_CLASSES if rows and rows[0].taxonomy == "acled2018" else None,
        errors=examples(rows, preds, registry=registry),
        actor1_confusions=[{"gold": g, "pred": p, "n": n} for (g, p), n in Counter(
            (g, p.actor1) for g, p in ((gold_actor(r, registry), p) for r, p in zip(rows, preds, strict=True))
            if g != p.actor1).most_common(30)],
        **common.failures(preds),
        **scored,
    )


def _default() -> System:
    from frontlines.evaluation.system import default_system

    return default_system()
