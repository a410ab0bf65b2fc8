"""The screening decision: whether a document is coded at all, and why not when it is not.

WHY a record of its own: a coder that reads the whole web's news skips most of
what it is given (other languages, sport, markets). A skip must be auditable,
so every extracted document gets one ``Screening`` row in the store, saved in
the same transaction as its mentions: which language it was taken to be in, the
relevance score, the decision and a reason a person can read.

Decisions:

- ``coded``: parsed and coded (its mentions may still be none);
- ``language_not_coded``: in a language frontlines has no pipeline for yet
  (``CODED_LANGUAGES``); nothing is parsed, nothing invented;
- ``not_relevant``: the relevance stage (``nlp.relevance``) judged that no
  sentence of it reports political violence, a demonstration or a strategic
  development; nothing is parsed;
- ``empty``: no text to code.
"""

from __future__ import annotations

from dataclasses import dataclass

from frontlines.document import Document
from frontlines.ingest.language import english_share, guess_language

# Languages with a coding pipeline. Adding one means a spaCy pipeline and a trigger lexicon for it.
CODED_LANGUAGES: frozenset[str] = frozenset({"en"})
CODED = "coded"
LANGUAGE_NOT_CODED = "language_not_coded"
NOT_RELEVANT = "not_relevant"
EMPTY = "empty"
DECISIONS = (CODED, LANGUAGE_NOT_CODED, NOT_RELEVANT, EMPTY)
UNDETERMINED = "und"  # ISO 639-2 "undetermined": long text with no language's function words
# A text this long with this few English function words is not English, whatever its page declares.
_MIN_WORDS_UND = 40
_MAX_EN_SHARE_UND = 0.03
_ALIASES = {"nb": "no", "nn": "no", "iw": "he", "in": "id"}


@dataclass
class Screening:
    """One document's screening: kept in the ``screening`` table, one row per document."""

    doc_id: str
    pipeline_version: str
    language: str | None
    decision: str
    score: float | None
    reason: str
    n_sentences: int = 0
    n_parsed: int = 0

    @property
    def coded(self) -> bool:
        return self.decision == CODED


def _norm(code: str | None) -> str | None:
    if not code:
        return None
    code = code.strip().lower().replace("_", "-").split("-")[0]
    return _ALIASES.get(code, code) or None


def language_of(document: Document) -> str | None:
    """The language a document is coded in: the text's own evidence first, then the page's declaration.

    A declared language is a hint (CMS templates declare ``en`` for pages in isiZulu); a text
    with no clear evidence either way (a headline, a short note) keeps its declaration, or None.
    """
    text = "\n".join(x for x in (document.title or "", *document.paragraphs[:40]) if x)
    guess = guess_language(text, limit=4000)
    if guess is not None:
        return guess
    declared = _norm(document.language)
    share, n = english_share(text)
    if n >= _MIN_WORDS_UND and share < _MAX_EN_SHARE_UND:
        return declared if declared and declared not in CODED_LANGUAGES else UNDETERMINED
    return declared


def codable(language: str | None) -> bool:
    """Whether a document in ``language`` can be coded; None (thin evidence) is taken as English."""
    return language is None or language in CODED_LANGUAGES


def language_reason(language: str | None) -> str:
    if language == UNDETERMINED:
        return "language undetermined (not English) not coded yet"
    return f"language {language} not coded yet"


__all__ = ["CODED", "CODED_LANGUAGES", "DECISIONS", "EMPTY", "LANGUAGE_NOT_CODED", "NOT_RELEVANT",
           "UNDETERMINED", "Screening", "codable", "language_of", "language_reason"]
