"""``frontlines eval bbc``: how quiet the coder stays on ordinary news (BBC articles by section).

The gold is the article's *section*, not an event coding: ``business``,
``entertainment``, ``sport`` and ``tech`` are ordinary news where a conflict
coder should find (almost) nothing; ``politics`` has some real events (Iraq,
Israel/Palestine, terrorism) whose precision is read by hand (docs/quality.md).

Per section: the share of articles with any ACLED event (the article's own
mentions of ACLED types; reader comments and the ``Displacement`` extension are
set aside, denied claims count: a user sees them), events per 100 articles, and
the share the screen judged not to report events. Totals over the four
non-conflict sections give the headline figures; the gate pins
``non_conflict_quiet_share`` (1 - share with an event over the four sections)
as a floor, since the gate has floors only; the per-section shares with an event
and the events per 100 articles are in ``sections`` and ``non_conflict``. Every event found is listed (``events``) for reading.

Input: JSONL with ``id``, ``category`` (or ``section``), ``title``, ``text``.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from frontlines.document import Document, make_doc_id
from frontlines.errors import FrontlinesError
from frontlines.evaluation import common
from frontlines.evaluation.registry import register
from frontlines.evaluation.system import NON_ACLED_TYPES, System, default_system

NON_CONFLICT = ("business", "entertainment", "sport", "tech")


@dataclass
class Article:
    row_id: str
    section: str
    title: str
    text: str

    def document(self) -> Document:
        paragraphs = [p.strip() for p in self.text.split("\n\n") if p.strip()]
        return Document(doc_id=make_doc_id(self.title, paragraphs), source_id=self.row_id, title=self.title or None,
                        paragraphs=paragraphs, reader="table")


def read_bbc(path: Path) -> list[Article]:
    common.require(path)
    out = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as exc:
                raise FrontlinesError(f"{path}:{n}: not JSON ({exc.msg})") from None
            section = rec.get("category") or rec.get("section")
            if not section or not isinstance(rec.get("text"), str):
                raise FrontlinesError(f"{path}:{n}: expected 'category' (or 'section') and 'text'")
            out.append(Article(str(rec.get("id") or n), str(section), str(rec.get("title") or ""), rec["text"]))
    return out


def _events(mentions) -> list:
    return [m for m in mentions if m.source_type == "article" and m.event_type not in NON_ACLED_TYPES]


def _unscreened_system() -> System:
    from frontlines.nlp.extract import extract_many
    from frontlines.nlp.pipeline import load_nlp

    nlp = load_nlp()

    def many(docs):
        for _doc, mentions in extract_many(docs, nlp=nlp, batch_size=64, screening=False):
            yield mentions

    return System("pipeline without screening (frontlines.nlp.extract, screening=False)", mentions_many=many)


def _screened_out(docs: list[Document]) -> list[bool]:
    """Whether the pipeline's screen sets each document aside (no parse needed to know)."""
    from frontlines.nlp.pipeline import screen, trigger_filter, units_of
    from frontlines.nlp.relevance import load_model

    model, keep = load_model(), trigger_filter()
    return [not screen(d, units_of(d), model, keep).coded for d in docs]


@register("bbc")
def evaluate_bbc(path: Path, *, limit: int | None = None, split: str | None = None, every: int | None = None,
                 system: System | None = None, progress: bool = False, screening: bool = True,
                 **_: Any) -> dict[str, Any]:
    """``screening=False`` measures the pipeline without its language gate and relevance stage (the "before")."""
    started = time.perf_counter()
    rows = common.subset(read_bbc(path), lambda r: r.title + "\n" + r.text, split, limit, every)
    system = system or (default_system() if screening else _unscreened_system())
    docs = [r.document() for r in rows]
    if system.mentions_many is not None:
        per_doc = list(common.track(system.mentions_many(docs), len(docs), f"bbc · {system.name}", progress))
        counts = [len(_events(ms)) for ms in per_doc]
    else:  # a document classifier: one event at most per article
        per_doc = [[] for _ in docs]
        counts = [int(p.event_type is not None) for p in common.predict(rows, system, "bbc", progress)]
    try:
        skipped = _screened_out(docs)
    except Exception:  # no pipeline importable: the figure is absent, the rest stands
        skipped = [False] * len(docs)
    sections: dict[str, Counter] = {}
    listing = []
    for row, n, ms, out in zip(rows, counts, per_doc, skipped, strict=True):
        c = sections.setdefault(row.section, Counter())
        c["articles"] += 1
        c["with_event"] += n > 0
        c["events"] += n
        c["screened_out"] += out
        for m in _events(ms):
            listing.append({"id": row.row_id, "section": row.section, "sub_event_type": m.sub_event_type,
                            "trigger": m.trigger, "certainty": m.claim.certainty, "evidence": m.evidence})
    per_section = {s: _figures(c) for s, c in sorted(sections.items())}
    quiet = Counter()
    for s in NON_CONFLICT:
        quiet.update(sections.get(s, Counter()))
    total = _figures(quiet)
    # floors only (the gate's semantics): the share of ordinary-news articles left without an event
    # (per section, one article moves a share by up to 0.6 points: too brittle for a floor; they are in
    # ``sections``)
    figures = {}
    if quiet["articles"]:
        figures["non_conflict_quiet_share"] = 1.0 - total["share_with_event"]
    cols = ["section", "articles", "with an event", "share with an event", "events per 100", "screened out"]
    table_rows = [[s, f["articles"], f["with_event"], f"{f['share_with_event']:.3f}", f"{f['events_per_100']:.1f}",
                   f"{f['screened_out_share']:.3f}"] for s, f in [*per_section.items(), ("non-conflict (4)", total)]]
    return common.result("bbc", path, system.name, len(rows), started, split=split, figures=figures,
                         sections=per_section, non_conflict=total, events=listing,
                         tables=[{"title": "ACLED events per section", "columns": cols, "rows": table_rows}])


def _figures(c: Counter) -> dict[str, Any]:
    n = c["articles"]
    return {"articles": n, "with_event": c["with_event"], "events": c["events"],
            "share_with_event": round(c["with_event"] / n, 4) if n else 0.0,
            "events_per_100": round(100 * c["events"] / n, 2) if n else 0.0,
            "screened_out_share": round(c["screened_out"] / n, 4) if n else 0.0}
