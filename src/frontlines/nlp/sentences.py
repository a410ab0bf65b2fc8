"""Sentence spans of a paragraph, by punctuation with an abbreviation guard; no model.

WHY apart from the pipeline: the relevance stage cuts sentences before any model
is loaded, and the pipeline cuts them for the parse; both use this one splitter,
so a sentence the screen scored is the sentence the parser sees.
"""

from __future__ import annotations

import re

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


__all__ = ["split_sentences"]
