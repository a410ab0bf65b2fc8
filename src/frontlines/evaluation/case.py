"""``frontlines eval case``: CASE 2021 task 2 style snippets, ``id<TAB>text<TAB>label``.

Labels are the task's 25 ACLED sub-type codes (``labels.CASE_CODES``; common
variant spellings are accepted). Rows labelled with the task's non-ACLED
"unseen" types (NATURAL_DISASTER, MAN_MADE_DISASTER, ORG_CRIME, DIPLO, ATTRIB)
are not scored as sub-types (counted in ``skipped``) but measured for what an
ACLED coder must do with them: give no event. A header row is recognised by a
label column that is not a code. The snippet's primary event (``system.py``)
decides the predicted code; no event scores as ``(none)``.

Headline figures: ``weighted_f1`` over the gold codes, as the task scored it;
``disaster_no_event``, the share of NATURAL_DISASTER and MAN_MADE_DISASTER
snippets that get no ACLED event, and ``unseen_no_event`` over all unseen
rows; per unseen type the counts are in ``unseen``.
"""

from __future__ import annotations

import csv
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontlines.document import Document, make_doc_id
from frontlines.errors import FrontlinesError
from frontlines.evaluation import common
from frontlines.evaluation.labels import CODE_OF_SUBTYPE, NONE, case_code
from frontlines.evaluation.metrics import classification_report
from frontlines.evaluation.registry import register
from frontlines.evaluation.system import System, default_system


@dataclass
class CaseRow:
    row_id: str
    text: str
    code: str

    def document(self) -> Document:
        return Document(doc_id=make_doc_id(None, [self.text]), source_id=self.row_id, paragraphs=[self.text],
                        reader="table")


DISASTERS = ("NATURAL_DISASTER", "MAN_MADE_DISASTER")


def read_case(path: Path) -> tuple[list[CaseRow], list[CaseRow]]:
    """The scoreable rows, and the rows whose label is not an ACLED code (``code`` is then that label)."""
    common.require(path)
    rows: list[CaseRow] = []
    skipped: list[CaseRow] = []
    with open(path, newline="", encoding="utf-8-sig") as fh:
        for lineno, rec in enumerate(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE), start=1):
            if not rec or not any(f.strip() for f in rec):
                continue
            if len(rec) < 3:
                raise FrontlinesError(f"{path}:{lineno}: expected id<TAB>text<TAB>label, got {len(rec)} field(s)")
            row_id, text, label = rec[0].strip(), "\t".join(rec[1:-1]).strip(), rec[-1].strip()
            code = case_code(label)
            if code is None:
                if lineno == 1 and not label.isupper():
                    continue  # header
                skipped.append(CaseRow(row_id, text, label.strip().upper()))
                continue
            rows.append(CaseRow(row_id, text, code))
    return rows, skipped


@register("case")
def evaluate_case(
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
    rows, skipped = read_case(path)
    rows = common.subset(rows, lambda r: r.text, split, limit, every)
    unseen = common.subset(skipped, lambda r: r.text, split, limit, every)
    system = system or default_system()
    preds = common.predict(rows + unseen, system, "case", progress)
    pred_codes = [CODE_OF_SUBTYPE.get(p.sub_event_type or "", NONE) for p in preds[:len(rows)]]
    report = classification_report([r.code for r in rows], pred_codes)
    silent = [p.event_type is None for p in preds[len(rows):]]
    per_type: dict[str, dict[str, Any]] = {}
    for r, quiet in zip(unseen, silent, strict=True):
        t = per_type.setdefault(r.code, {"n": 0, "no_event": 0})
        t["n"] += 1
        t["no_event"] += quiet
    for t in per_type.values():
        t["share"] = round(t["no_event"] / t["n"], 4)
    disasters = [q for r, q in zip(unseen, silent, strict=True) if r.code in DISASTERS]
    figures = {"weighted_f1": report.weighted_f1, "macro_f1": report.macro_f1, "accuracy": report.accuracy}
    if disasters:
        figures["disaster_no_event"] = sum(disasters) / len(disasters)
    if silent:
        figures["unseen_no_event"] = sum(silent) / len(silent)
    return common.result(
        "case",
        path,
        system.name,
        len(rows),
        started,
        split=split,
        classification={"sub_event_type": report.to_dict()},
        figures=figures,
        skipped=len(unseen),
        unseen=dict(sorted(per_type.items())),
        **common.failures(preds),
    )
