"""A memoised drop-in for spaCy's rule ``lemmatizer``: same lemmas, one dictionary look-up per token.

WHY: the stock component is a Python loop that builds a ``Token`` per word,
reads its morphology object and calls ``rule_lemmatize`` (whose own cache hit
still costs several attribute reads); on the short candidate sentences that
extraction parses it is a visible share of the parse. A rule lemma is a function
of (ORTH, POS, MORPH) only (spaCy's own cache is keyed on exactly these), so the
memo reads those columns with ``Doc.to_array``, looks each row up, asks the stock
component only for combinations it has not seen, and writes the column back
with ``Doc.from_array``. Tokens that already carry a lemma (set by the attribute
ruler) keep it unless the stock component would overwrite, as in spaCy.
"""

from __future__ import annotations

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language
from spacy.tokens import Doc

_MEMO_LIMIT = 500_000


class MemoLemmatizer:
    """Lemmas of the stock rule lemmatizer ``stock``, memoised on (ORTH, POS, MORPH)."""

    def __init__(self, stock, name: str = "frontlines_lemmatizer"):
        self.stock = stock
        self.name = name
        self._memo: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        n = len(doc)
        if not n:
            return doc
        if not self.stock._validated:
            return self.stock(doc)  # the stock component checks its tables once, on its own first document
        overwrite = self.stock.overwrite
        memo = self._memo
        strings = doc.vocab.strings
        lemmas = []
        for i, (orth, pos, morph, lemma) in enumerate(doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist()):
            if lemma and not overwrite:
                lemmas.append(lemma)
                continue
            key = (orth, pos, morph)
            value = memo.get(key)
            if value is None:
                value = strings.add(self.stock.lemmatize(doc[i])[0])
                if len(memo) >= _MEMO_LIMIT:
                    memo.clear()
                memo[key] = value
            lemmas.append(value)
        doc.from_array([LEMMA], numpy.array(lemmas, dtype=numpy.uint64).reshape(n, 1))
        return doc

    def pipe(self, docs, batch_size: int = 128):
        for doc in docs:
            yield self(doc)


@Language.factory("frontlines_lemmatizer", assigns=["token.lemma"], requires=["token.pos"])
def make_memo_lemmatizer(nlp: Language, name: str) -> MemoLemmatizer:
    """Built on the pipeline's ``lemmatizer`` (which must be present, in rule mode)."""
    return MemoLemmatizer(nlp.get_pipe("lemmatizer"), name)


def memoise_lemmatizer(nlp: Language) -> bool:
    """Run ``frontlines_lemmatizer`` in place of the stock rule ``lemmatizer`` (left in, disabled).

    Returns False, changing nothing, when the pipeline has no lemmatizer or one not in rule mode.
    """
    if "lemmatizer" not in nlp.pipe_names or "frontlines_lemmatizer" in nlp.component_names:
        return False
    stock = nlp.get_pipe("lemmatizer")
    if getattr(stock, "mode", None) != "rule":
        return False
    nlp.add_pipe("frontlines_lemmatizer", before="lemmatizer")
    nlp.disable_pipe("lemmatizer")
    return True


__all__ = ["MemoLemmatizer", "memoise_lemmatizer"]
