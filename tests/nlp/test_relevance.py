"""The relevance stage: ordinary news with violent words is screened out and recorded; event reports pass."""

from __future__ import annotations

from datetime import date

import pytest

from frontlines.document import Comment, Document, make_doc_id
from frontlines.nlp import relevance
from frontlines.nlp.screening import CODED, NOT_RELEVANT
from frontlines.orchestrator import extract_store
from frontlines.store.mentions import extracted, load_mentions, load_screening

# Written for these tests: sport, markets and film in the vocabulary of war.
SPORT = Document(
    doc_id=make_doc_id("United lay siege but settle for a draw", ["x-sport"]), source_id="sport-1",
    title="United lay siege but settle for a draw",
    paragraphs=[
        "United laid siege to the visitors' goal for most of the second half but could not find a winner "
        "at their home ground on Saturday.",
        "Their captain shot wide from ten yards after a swift counter-attack, and the keeper was beaten only "
        "by a deflection that hit the post.",
        "The visitors defended deep, and their midfield battled for every loose ball until the final whistle.",
        "The draw leaves United fourth in the table, two points behind their city rivals with eight games left.",
        "The manager said his side had attacked with purpose and would fight for a top-four place.",
    ], published=date(2024, 3, 2), source="Test Sports Desk")
MARKETS = Document(
    doc_id=make_doc_id("Shares bombed as the dollar rallied", ["x-markets"]), source_id="markets-1",
    title="Shares bombed as the dollar rallied",
    paragraphs=["Technology shares bombed on Wednesday as the dollar rallied against the yen, and traders braced "
                "for a price war among chipmakers.",
                "A hostile takeover bid for the country's second-largest memory maker was launched before the "
                "market opened.",
                "Analysts said the bid would trigger a battle for control of the board.",
                "The index closed 2.3% lower, its worst day since the autumn.",
                "Bond yields fell as investors sought safer assets."],
    published=date(2024, 3, 6), source="Test Business Desk")
CONFLICT = Document(
    doc_id=make_doc_id("Gunmen kill villagers", ["x-conflict"]), source_id="conflict-1",
    title="Gunmen kill villagers in central Mali",
    paragraphs=["Gunmen on motorbikes killed at least 14 villagers in an attack on Dioura in central Mali on "
                "Sunday, local officials said.",
                "The local football team had won a regional cup the week before."],
    published=date(2024, 3, 4), source="Test Wire")


@pytest.fixture(scope="module")
def model():
    m = relevance.load_model()
    if m is None:
        pytest.skip("no relevance model shipped")
    return m


def test_shipped_model_is_what_a_rebuild_from_the_corpus_gives(tmp_path):
    out = tmp_path / "relevance.json"
    relevance.rebuild(None, out)
    assert out.read_text(encoding="utf-8") == relevance.model_path().read_text(encoding="utf-8")
    relevance.load_model.cache_clear()


def test_thresholds_come_from_cross_validation_and_keep_most_events(model):
    cv = model.meta["cross_validation"]
    chosen = next(r for r in cv["grid"] if r["C"] == cv["chosen_C"])
    # the recall targets hold for the event texts the trigger lexicon can reach at all
    assert chosen["doc_recall"] >= relevance.DOC_RECALL - chosen["events_without_trigger"] - 1e-9
    assert chosen["report_recall"] >= chosen["doc_recall"] - 0.01
    # the topic model is what stops whole ordinary articles; the best sentence alone does not
    assert chosen["article_false_positive_rate"] < chosen["article_false_positive_rate_best_only"] / 4
    assert 0 < model.sentence_threshold <= model.doc_threshold < 1
    assert model.meta["corpus_sha256"]


def test_document_threshold_keeps_the_recall_target_for_every_event_type(model):
    cv = model.meta["cross_validation"]
    chosen = next(r for r in cv["grid"] if r["C"] == cv["chosen_C"])
    by_type = chosen["doc_recall_by_type"]
    assert set(by_type) >= {"Battles", "Protests", "Strategic developments"}
    assert all(r >= relevance.DOC_RECALL for r in by_type.values()), by_type


def test_per_type_threshold_is_set_by_the_hardest_type_not_the_pooled_scores():
    from types import SimpleNamespace

    battle, protest = SimpleNamespace(label="Armed clash"), SimpleNamespace(label="Peaceful protest")
    # 200 battle texts scoring high and 20 protest texts scoring low: a pooled 0.995 quantile sits in the
    # protests' range and loses some of them; the per-type rule keeps the protests' own 0.995
    scored = [(0.9 - i / 1000, battle) for i in range(200)] + [(0.3 - i / 100, protest) for i in range(20)]
    pooled = relevance._threshold([s for s, _ in scored], relevance.DOC_RECALL)
    per_type = relevance.per_type_threshold(scored, relevance.DOC_RECALL)
    protests = [s for s, it in scored if it is protest]
    assert sum(s >= pooled for s in protests) < len(protests)
    assert per_type == min(protests) and per_type < pooled


def test_scores_rank_an_event_above_its_metaphors(model):
    event = model.score("Gunmen killed 14 villagers in an attack on Dioura on Sunday, officials said.")
    sport = model.score("The striker shot wide after a swift counter-attack on Saturday.")
    assert event >= model.doc_threshold and event > sport


def test_sport_article_yields_no_event_and_a_stored_decision(store, model):
    store.add_documents([SPORT, MARKETS, CONFLICT])
    tally = extract_store(store, progress=False)
    assert tally[("_screening", NOT_RELEVANT)] == 2
    by_doc = {s.doc_id: s for s in load_screening(store)}
    for doc in (SPORT, MARKETS):
        s = by_doc[doc.doc_id]
        assert s.decision == NOT_RELEVANT and s.n_parsed == 0
        assert s.score is not None and 0.0 <= s.score <= 1.0
        assert "ordinary news" in s.reason or "no sentence reports an event" in s.reason
        assert not list(load_mentions(store, "WHERE doc_id = ?", [doc.doc_id]))
    ok = by_doc[CONFLICT.doc_id]
    assert ok.decision == CODED and ok.score >= model.doc_threshold and ok.language in (None, "en")
    events = list(load_mentions(store, "WHERE doc_id = ?", [CONFLICT.doc_id]))
    assert any(m.event_type == "Violence against civilians" for m in events)


def test_screening_is_idempotent_across_reruns(store, model):
    store.add_documents([SPORT, CONFLICT])
    extract_store(store, progress=False)
    first = store.con.execute("SELECT doc_id, decision, score, reason FROM screening ORDER BY 1").fetchall()
    again = extract_store(store, progress=False)
    assert again["_docs"] == 0 and again["_skipped"] == 2
    # forcing a re-extraction replaces the rows, never adds a second one
    store.con.execute("DELETE FROM extractions")
    extract_store(store, progress=False)
    assert store.con.execute("SELECT doc_id, decision, score, reason FROM screening ORDER BY 1").fetchall() == first
    assert store.count("screening") == 2 and extracted(store) == {SPORT.doc_id, CONFLICT.doc_id}


def test_a_relevant_document_parses_only_its_trigger_sentences(model):
    from frontlines.nlp.pipeline import annotate

    ann = next(annotate([CONFLICT]))
    assert ann.screening.coded
    body = [u for u in ann.units if u.section == "body"]
    assert body[0].doc is not None and body[0].relevance >= model.doc_threshold
    # "had won a regional cup": no trigger word, so no parse and no score (not "village": since the
    # withdrawal kind reads "left the village", its objects are pre-filter words)
    assert body[1].doc is None and body[1].relevance is None
    assert ann.screening.n_parsed < ann.screening.n_sentences


def test_a_long_article_about_sport_is_ordinary_news_whatever_its_best_sentence(model):
    from frontlines.nlp.pipeline import annotate

    match = Document(doc_id=make_doc_id("report", ["x-long"]), source_id="sport-long", title="Rovers edge derby",
                     paragraphs=[
                         "Rovers edged the derby 2-1 at a packed stadium on Saturday to climb to third in the league.",
                         "Their striker fired the opener after ten minutes, a low shot into the corner.",
                         "The visitors' captain was sent off for a second yellow card before half-time.",
                         "A late penalty was saved by the goalkeeper, who dived to his left.",
                         "The manager praised the fans and said the squad would keep fighting for promotion.",
                         "Rovers travel to the league leaders next weekend in the cup quarter-final.",
                     ])
    ann = next(annotate([match]))
    assert ann.screening.decision == NOT_RELEVANT
    assert all(u.doc is None for u in ann.units)


def test_reader_comments_are_screened_on_their_own(model):
    from frontlines.nlp.extract import extract_screened

    comment = Comment("c1", None, "reader", None, 0,
                      "Meanwhile government troops shelled our village near Kidal last night and two women died.")
    doc = Document(doc_id=make_doc_id(SPORT.title, SPORT.paragraphs, [comment]), source_id="sport-2",
                   title=SPORT.title, paragraphs=SPORT.paragraphs, comments=[comment], published=SPORT.published)
    ex = next(extract_screened([doc]))
    assert ex.screening.coded and "comment" in ex.screening.reason
    assert ex.mentions and all(m.source_type == "reader_comment" for m in ex.mentions)


def test_screening_off_restores_the_unscreened_pipeline():
    from frontlines.nlp.extract import extract_screened

    on = next(extract_screened([SPORT]))
    off = next(extract_screened([SPORT], screening=False))
    assert on.mentions == [] and on.screening.decision == NOT_RELEVANT
    assert off.screening is None
