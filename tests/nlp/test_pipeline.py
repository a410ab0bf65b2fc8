"""The pipeline: model loading, typography, paragraph-first splitting, the pre-filter."""

from __future__ import annotations

from frontlines.document import Comment, Document
from frontlines.nlp.pipeline import annotate, load_nlp, normalise, split_sentences, units_of


def _doc(paragraphs, title=None, comments=()):
    return Document(doc_id="d1", source_id="s1", title=title, paragraphs=list(paragraphs), comments=list(comments))


def test_model_loads_once_with_components():
    nlp = load_nlp()
    assert nlp is load_nlp()
    assert {"parser", "ner", "frontlines_dates", "frontlines_claims"} <= set(nlp.pipe_names)
    cfg = nlp.get_pipe_config("frontlines_claims")
    assert cfg["factory"] == "frontlines_claims" and cfg["nominal_reports"] is True


def test_components_are_swappable():
    nlp = load_nlp()
    with nlp.select_pipes(disable=["frontlines_claims"]):
        doc = nlp("The army said it took the town on Saturday.")
    assert doc._.fl_attributions is None
    assert [d.text for d in doc._.fl_dates] == ["on Saturday"]


def test_typography_keeps_offsets():
    text = "\u201cWe took it,\u201d the army\u2019s spokesman said."
    out = normalise(text)
    assert len(out) == len(text)
    assert out.startswith('"We took it,"') and "army's" in out


def test_sentence_split_guards_abbreviations():
    text = "Lt. Gen. Flynn met U.S. officials on Monday. Rebels shelled the town. It burned."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "Lt. Gen. Flynn met U.S. officials on Monday.", "Rebels shelled the town.", "It burned."]


def test_split_after_closing_quote():
    text = 'They killed "a large number of terrorists." The town fell.'
    assert len(split_sentences(text)) == 2


def test_title_never_merges_into_body():
    doc = _doc(["Rebels shelled the town on Monday. Two people were killed."],
               title="Army Says Town Captured")
    units = units_of(doc)
    assert [u.section for u in units] == ["title", "body", "body"]
    assert units[0].text == "Army Says Town Captured"
    body = doc.body
    for u in units[1:]:
        assert body[u.start:u.end] == u.text


def test_offsets_across_paragraphs_and_comments():
    paragraphs = ["First paragraph here.", "Troops \u2019stormed\u2019 the base. More text."]
    doc = _doc(paragraphs, comments=[Comment("c9", None, "x", None, 0, "Nice.\n\nThey bombed the school.")])
    units = units_of(doc)
    body = [u for u in units if u.section == "body"]
    assert [(u.paragraph, u.index) for u in body] == [(0, 0), (1, 1), (1, 2)]
    assert normalise(doc.body[body[1].start:body[1].end]) == body[1].text
    comments = [u for u in units if u.section == "comment"]
    assert [u.comment_id for u in comments] == ["c9", "c9"]
    assert doc.comments[0].text[comments[1].start:comments[1].end] == "They bombed the school."


def test_prefilter_parses_only_candidates():
    doc = _doc(["The weather was mild and the market opened late. Gunmen killed three soldiers near the border."])
    ann = next(annotate([doc]))
    assert [u.candidate for u in ann.units] == [False, True]
    assert ann.units[0].doc is None and ann.units[1].doc is not None


def test_annotate_batches_many_documents_in_order():
    docs = [_doc([f"Rebels shelled village {i} on Monday."]) for i in range(7)]
    for d, i in zip(docs, range(7), strict=True):
        d.doc_id = f"d{i}"
    out = list(annotate(docs, batch_size=3))
    assert [a.document.doc_id for a in out] == [f"d{i}" for i in range(7)]
    assert all(a.parsed for a in out)


def test_no_prefilter_parses_everything():
    doc = _doc(["The weather was mild. The market opened late."])
    ann = next(annotate([doc], prefilter=False))
    assert all(u.doc is not None for u in ann.units)
