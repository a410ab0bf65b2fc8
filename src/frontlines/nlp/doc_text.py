"""``Doc.text`` once per parsed sentence, not once per use.

WHY: spaCy rebuilds ``Doc.text`` from every token's text on each access; the rule
stages read it for each event candidate (datelines, count offsets, "-held"
suffixes), which made it a visible share of extraction. The last document's text
is kept (a strong reference, so identity cannot be confused with a new Doc).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from spacy.tokens import Doc

_LAST: list = [None, ""]


def doc_text(doc: Doc) -> str:
    """``doc.text``, computed once while the same Doc is asked for."""
    if _LAST[0] is not doc:
        _LAST[0], _LAST[1] = doc, doc.text
    return _LAST[1]





def span_text(span) -> str:
    """``span.text`` (a sentence's), sliced from the Doc's text instead of rebuilt from its tokens.

    (A Span's text is exactly its Doc's text from ``start_char`` to ``end_char``; a whole Doc is its text.)
    """
    if not hasattr(span, "start_char"):  # a whole Doc
        return doc_text(span)
    return doc_text(span.doc)[span.start_char:span.end_char]
__all__ = ["doc_text", "span_text"]
