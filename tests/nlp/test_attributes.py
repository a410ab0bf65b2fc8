"""The memoised attribute ruler writes exactly what spaCy's own ``attribute_ruler`` writes."""

from __future__ import annotations

import csv

import pytest

from conftest import DATA, need
from frontlines.nlp.attributes import MemoAttributeRuler
from frontlines.nlp.pipeline import load_nlp

# One-token rules (tag map, "I"/"it" by dependency, auxiliaries, space tokens) and every kind of
# multi-token rule of en_core_web_sm ("gon na", "let 's", "y' all", "ai n't", expletive "there is").
TEXTS = [
    "The army said it took the town of Hanano on Saturday, killing 12 fighters.",
    "I told you it was gon na rain, but let's go. Y'all ain't ready, are you?",
    "There is no way. There were clashes near Aleppo; it has been shelled since 2012.",
    "  Rebels   shelled\n\nthe base at dawn.\t",
    "Do they? They did. What had happened, had happened: c'mon, gotta go.",
    "",
]


def _annotations(nlp, texts):
    return [[(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc] for doc in nlp.pipe(texts)]


@pytest.fixture(scope="module")
def pipelines():
    return load_nlp(components=False, memo=False), load_nlp(components=False)


def test_memo_replaces_the_stock_ruler(pipelines):
    stock, memo = pipelines
    assert "attribute_ruler" in stock.pipe_names and "frontlines_attributes" not in stock.pipe_names
    assert "frontlines_attributes" in memo.pipe_names and "attribute_ruler" in memo.disabled
    assert memo.pipe_names.index("frontlines_attributes") == memo.pipe_names.index("parser") + 1


def test_same_annotations_as_the_stock_ruler(pipelines):
    stock, memo = pipelines
    assert _annotations(memo, TEXTS) == _annotations(stock, TEXTS)
    doc = memo("I told you it was gon na rain.")
    assert doc[0].morph.get("Case") == ["Nom"] and doc[5].lemma_ == "go" and doc[6].lemma_ == "to"


def test_same_annotations_on_real_notes(pipelines):
    path = need(DATA / "acled_notes" / "dev.csv")
    notes = [r["notes"] for r in csv.DictReader(path.open(encoding="utf-8"))][:150]
    stock, memo = pipelines
    assert _annotations(memo, notes) == _annotations(stock, notes)


def test_unsupported_patterns_keep_the_stock_component(pipelines):
    stock, _ = pipelines
    ruler = stock.get_pipe("attribute_ruler")
    assert MemoAttributeRuler.from_ruler(ruler) is not None

    class Quantified:
        patterns = [{"patterns": [[{"LOWER": "a", "OP": "+"}]], "attrs": {"POS": "DET"}, "index": 0}]
        attrs = [{}]
        vocab = ruler.vocab

    assert MemoAttributeRuler.from_ruler(Quantified()) is None
