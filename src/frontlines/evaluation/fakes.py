"""``frontlines eval fakes``: score the system on FA-KES articles (Syrian war, crowd-coded per article).

Each article is one document; its primary event (``system.py``) is compared
with the article's gold:

- ``cause_accuracy`` (headline): ``cause_of_death`` (6 VDC classes) through
  ``labels.fakes_cause``; no event is ``unknown``, and so is a battle or attack
  whose words name no means (``cause_of``): "shooting" is a death by fire, so
  the text must say there was fire or fighting ("clashes", "gunfire",
  "snipers"); "killed", "an attack", "an offensive" or "captured" say that
  people died, not how. The gold is the cause of
  the deaths the article reports, so the event scored for this field is the
  article's mention that carries the fatalities (``system.fatal_event``: the
  first of its own, non-denied mentions that has a count), not its lead: an
  article that opens with clashes and then counts the dead of a shelling is
  coded ``shelling``. Not the highest count, which is usually the war's
  cumulative toll quoted as background (measured: 0.482 against 0.633 for the
  primary event, docs/quality.md). When no mention carries a count, the
  primary event is used.
  The other fields keep the primary event.
- ``actor_accuracy``: the 7 FA-KES actor classes from the primary event's
  actor1 (``labels.fakes_actor``).
- ``casualties_accuracy``: predicted fatalities equal ``nb_civilians +
  nb_noncivilians`` exactly (children and women are counted within civilians).
- ``date_accuracy``: the primary event's resolved date equals the gold date.

The publication date is read from the dateline the articles open with
("Wed 19 Apr 2017 …", "Posted on August 3 2016 by …"), as a reader of the site would,
never from the gold ``date`` column.
"""

from __future__ import annotations

import csv
import re
import time
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from frontlines.document import Document, make_doc_id
from frontlines.errors import FrontlinesError
from frontlines.evaluation import common
from frontlines.evaluation.labels import fakes_actor, fakes_cause
from frontlines.evaluation.metrics import classification_report, field_accuracy
from frontlines.evaluation.registry import register
from frontlines.evaluation.system import FIRE, DocPrediction, System, default_system

_PREFIX = r"^\s*(?:(?:posted on|published(?: on)?|date of publication|last updated)\s*:?\s*)?" \
          r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
_DATELINE = [
    re.compile(_PREFIX + r"(?P<d>\d{1,2})\s+(?P<m>[A-Za-z]{3,9})\.?,?\s+(?P<y>\d{4})\b", re.I),
    re.compile(_PREFIX + r"(?P<m>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2}),?\s+(?P<y>\d{4})\b", re.I),
]


@dataclass
class FakesRow:
    row_id: str
    title: str
    text: str
    cause: str
    actor: str
    casualties: int | None
    event_date: date | None
    published: date | None

    def document(self) -> Document:
        paragraphs = [p for p in re.split(r"\n\s*\n", self.text) if p.strip()]
        return Document(
            doc_id=make_doc_id(self.title, paragraphs),
            source_id=self.row_id,
            title=self.title or None,
            paragraphs=paragraphs,
            published=self.published,
            published_from="text" if self.published else None,
            reader="table",
        )


def dateline(text: str) -> date | None:
    """The publication date an article opens with, if it opens with one."""
    for pattern in _DATELINE:
        m = pattern.match(text)
        if not m:
            continue
        for fmt in ("%d %b %Y", "%d %B %Y"):
            try:
                return datetime.strptime(f"{m['d']} {m['m']} {m['y']}", fmt).date()
            except ValueError:
                continue
    return None


def _int(value: str | None) -> int:
    try:
        return int(float(value or 0))
    except ValueError:
        return 0


def read_fakes(path: Path) -> list[FakesRow]:
    common.require(path)
    with open(path, newline="", encoding="utf-8-sig") as fh:
        reader = csv.DictReader(fh)
        missing = {"article_content", "cause_of_death", "actor"} - set(reader.fieldnames or [])
        if missing:
            raise FrontlinesError(f"{path}: not a FA-KES file (missing columns: {', '.join(sorted(missing))})")
        rows = []
        for i, r in enumerate(reader):
            text = (r.get("article_content") or "").strip()
            if not text:
                continue
            try:
                gold_date = datetime.strptime((r.get("date") or "").strip(), "%m/%d/%y").date()
            except ValueError:
                gold_date = None
            rows.append(
                FakesRow(
                    row_id=str(r.get("unit_id") or i),
                    title=(r.get("article_title") or "").strip(),
                    text=text,
                    cause=(r.get("cause_of_death") or "unknown").strip().lower(),
                    actor=(r.get("actor") or "unknown").strip().lower(),
                    casualties=_int(r.get("nb_civilians")) + _int(r.get("nb_noncivilians")),
                    event_date=gold_date,
                    published=dateline(text),
                )
            )
    return rows


def cause_of(sub_event_type: str | None, trigger: str | None = None) -> str:
    """FA-KES cause class of an event: ``shooting`` only where the trigger names fire or fighting."""
    cause = fakes_cause(sub_event_type, trigger)
    if cause == "shooting" and not FIRE.search(trigger or ""):
        return "unknown"
    return cause


def cause_event(p: DocPrediction) -> tuple[str | None, str | None]:
    """(sub-type, trigger) of the event whose deaths the article reports; the primary event without a count."""
    if "fatal_sub_event_type" in p.extra:
        return p.extra["fatal_sub_event_type"], p.extra.get("fatal_trigger")
    return p.sub_event_type, p.trigger


def score(rows: list[FakesRow], preds: list[DocPrediction]) -> dict[str, Any]:
    pairs = list(zip(rows, preds, strict=True))
    cause = classification_report([r.cause for r in rows], [cause_of(*cause_event(p)) for p in preds])
    actor = classification_report([r.actor for r in rows], [fakes_actor(p.actor1) for p in preds])
    cas = field_accuracy("casualties", ((r.casualties, p.fatalities) for r, p in pairs),
                         note="fatalities == nb_civilians + nb_noncivilians")
    dt = field_accuracy("date", ((r.event_date, p.date) for r, p in pairs), note="primary event's date")
    return {
        "classification": {"cause_of_death": cause.to_dict(), "actor": actor.to_dict()},
        "fields": {f.name: f.to_dict() for f in (cas, dt)},
        "figures": {
            "cause_accuracy": cause.accuracy,
            "cause_macro_f1": cause.macro_f1,
            "actor_accuracy": actor.accuracy,
            "casualties_accuracy": cas.accuracy,
            "date_accuracy": dt.accuracy,
        },
    }


@register("fakes")
def evaluate_fakes(
    path: Path,
    *,
    limit: int | None = None,
    split: str | None = None,
    every: int | None = None,
    system: System | None = None,
    progress: bool = False,
    **_: Any,
) -> dict[str, Any]:
    started = time.perf_counter()
    rows = read_fakes(path)
    rows = common.subset(rows, lambda r: r.text, split, limit, every)
    system = system or default_system()
    preds = common.predict(rows, system, "fakes", progress)
    return common.result("fakes", path, system.name, len(rows), started, split=split, **common.failures(preds),
                         **score(rows, preds))
