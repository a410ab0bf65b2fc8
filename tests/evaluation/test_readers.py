"""Gold readers on the dev files (skipped where ../shared/data is absent) and on our own CASE fixture."""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from conftest import DATA, ROOT, need
from frontlines.errors import FrontlinesError
from frontlines.evaluation import common
from frontlines.evaluation.acled import EXPLICIT_DATE, read_acled, select
from frontlines.evaluation.case import evaluate_case, read_case
from frontlines.evaluation.fakes import dateline, read_fakes
from frontlines.evaluation.labels import ACLED2018_CLASSES
from frontlines.evaluation.system import DocPrediction, System, doc_prediction, primary_event
from frontlines.mention import ActorRef, Claim, Count, EventMention

CASE_FIXTURE = ROOT / "tests" / "fixtures" / "eval" / "case_sample.tsv"


def test_acled_dev_reader():
    rows = read_acled(need(DATA / "acled_notes" / "dev.csv"))
    assert len(rows) == 7971
    assert {r.label for r in rows} == set(ACLED2018_CLASSES)
    assert all(r.taxonomy == "acled2018" and r.notes for r in rows)
    battle = next(r for r in rows if r.label == "Battle-Government regains territory")
    assert (battle.type6, battle.sub_event_type) == ("Battles", "Government regains territory")
    remote = next(r for r in rows if r.label == "Remote violence")
    assert remote.sub_event_type is None  # the 2018 class does not fix it
    assert rows[0].event_date == date(2018, 2, 28)
    assert all(r.fatalities is not None for r in rows)
    doc = rows[0].document()
    assert doc.paragraphs == [rows[0].notes] and doc.published == date(2018, 3, 7)


def test_acled_split_is_deterministic_and_keeps_identical_notes_together():
    rows = read_acled(need(DATA / "acled_notes" / "dev.csv"))
    a, b = select(rows, "half-a", None), select(rows, "half-b", None)
    assert len(a) + len(b) == len(rows)
    assert 0.4 < len(a) / len(rows) < 0.6
    assert not {r.notes for r in a} & {r.notes for r in b}
    assert [r.row_id for r in select(rows, "half-a", None)] == [r.row_id for r in a]


def test_acled_reader_rejects_a_non_acled_file(tmp_path: Path):
    bad = tmp_path / "x.csv"
    bad.write_text("a,b\n1,2\n")
    with pytest.raises(FrontlinesError, match="not an ACLED export"):
        read_acled(bad)


def test_acled_current_taxonomy_export(tmp_path: Path):
    f = tmp_path / "export.csv"
    f.write_text(
        "event_id_cnty,event_date,event_type,sub_event_type,actor1,fatalities,notes\n"
        'SYR1,2023-02-16,Battles,Armed clash,Military Forces of Syria (2000-),2,"On 16 February, regime forces '
        'clashed with IS near Palmyra. 2 soldiers were killed."\n'
        "SYR2,2023-02-17,Protests,Peaceful protest,Protesters (Syria),0,\n"
    )
    rows = read_acled(f)
    assert len(rows) == 1  # the row without notes is not scoreable
    assert (rows[0].label, rows[0].type6, rows[0].taxonomy) == ("Armed clash", "Battles", "acled")
    assert rows[0].event_date == date(2023, 2, 16)
    assert EXPLICIT_DATE.search(rows[0].notes)


def test_fakes_dev_reader():
    rows = read_fakes(need(DATA / "fakes" / "dev.csv"))
    assert len(rows) == 411
    assert Counter(r.cause for r in rows)["shelling"] == 228
    assert len({r.actor for r in rows}) == 7
    first = rows[0]
    assert first.casualties == 6 and first.event_date == date(2017, 4, 19)
    assert first.published == date(2017, 4, 19)  # read from the dateline, not the gold column
    assert sum(r.published is not None for r in rows) > 0.5 * len(rows)  # the rest have no dateline


def test_dateline():
    assert dateline("Wed 19 Apr 2017 Aleppo bomb blast") == date(2017, 4, 19)
    assert dateline("12 February 2015 Free Syrian Army") == date(2015, 2, 12)
    assert dateline("Posted on August 3 2016 by Jordan Dakamseh Toxic Gas") == date(2016, 8, 3)
    assert dateline("Aleppo bomb blast on 19 Apr 2017") is None


def test_case_reader_on_own_fixture():
    rows, skipped = read_case(CASE_FIXTURE)
    assert len(rows) == 11 and [(r.row_id, r.code) for r in skipped] == [("c11", "ORG_CRIME")]  # not an ACLED code; header dropped
    assert rows[-1].code == "NON_STATE_ACTOR_OVERTAKES_TER"  # alias spelling accepted


def test_case_reader_rejects_malformed_rows(tmp_path: Path):
    f = tmp_path / "bad.tsv"
    f.write_text("1\tonly two fields\n")
    with pytest.raises(FrontlinesError, match="expected id<TAB>text<TAB>label"):
        read_case(f)


def _mention(i, sub, typ, sentence, *, certainty="asserted", fatalities=0, source_type="article", score=None,
             actor="A"):
    return EventMention(
        mention_id=str(i), doc_id="d", source_id="s", event_type=typ, sub_event_type=sub, sentence=sentence,
        paragraph=0, char_start=sentence * 10, claim=Claim(certainty=certainty), source_type=source_type,
        counts=[Count("fatalities", fatalities, str(fatalities))] if fatalities else [], score=score,
        actor1=ActorRef(actor, actor, resolved=True),
    )


def test_primary_event_rule():
    late = _mention(1, "Armed clash", "Battles", 2)
    denied = _mention(2, "Air/drone strike", "Explosions/Remote violence", 0, certainty="denied")
    comment = _mention(3, "Attack", "Violence against civilians", 0, source_type="reader_comment")
    displaced = _mention(4, "Displacement", "Displacement", 0)
    early = _mention(5, "Shelling/artillery/missile attack", "Explosions/Remote violence", 1, actor="B")
    assert primary_event([late, denied, comment, displaced, early]) is early
    # same sentence: higher score, then codebook precedence
    a = _mention(6, "Armed clash", "Battles", 0, score=0.5)
    b = _mention(7, "Government regains territory", "Battles", 0, score=0.5)
    assert primary_event([a, b]) is b
    c = _mention(8, "Armed clash", "Battles", 0, score=0.9)
    assert primary_event([b, c]) is c
    assert primary_event([comment, denied]) is None


def test_doc_prediction_takes_fatalities_from_a_later_sentence():
    p = doc_prediction([_mention(1, "Armed clash", "Battles", 0), _mention(2, "Attack",
                        "Violence against civilians", 1, fatalities=3)])
    assert (p.sub_event_type, p.fatalities, p.actor1) == ("Armed clash", 3, "A")
    assert doc_prediction([]).event_type is None


def test_fakes_cause_is_scored_on_the_mention_that_carries_the_deaths():
    from frontlines.evaluation.fakes import cause_event
    from frontlines.evaluation.system import fatal_event

    lead = _mention(1, "Armed clash", "Battles", 0)
    denied = _mention(3, "Air/drone strike", "Explosions/Remote violence", 1, fatalities=40, certainty="denied")
    comment = _mention(4, "Attack", "Violence against civilians", 1, fatalities=90, source_type="reader_comment")
    shelling = _mention(2, "Shelling/artillery/missile attack", "Explosions/Remote violence", 2, fatalities=12)
    # the war's cumulative toll, quoted later as background, is not the deaths the article reports
    toll = _mention(5, "Attack", "Violence against civilians", 3, fatalities=300000)
    mentions = [toll, lead, shelling, denied, comment]
    assert fatal_event(mentions) is shelling
    p = doc_prediction(mentions)
    # the lead stays the primary event for every other field; only the cause follows the deaths
    assert p.sub_event_type == "Armed clash"
    assert cause_event(p)[0] == "Shelling/artillery/missile attack"
    # no mention with a count: the primary event decides the cause
    q = doc_prediction([_mention(5, "Armed clash", "Battles", 0), _mention(6, "Air/drone strike",
                        "Explosions/Remote violence", 1)])
    assert fatal_event([]) is None and cause_event(q)[0] == "Armed clash"


def test_acled_gold_actor_is_read_in_the_registrys_naming_convention():
    from frontlines.evaluation.acled import AcledRow, gold_actor
    from frontlines.nlp.actors import ActorRegistry

    reg = ActorRegistry.default()

    def row(actor1):
        return AcledRow("1", "n", "Remote violence", "Explosions/Remote violence", None, actor1, 0,
                        date(2018, 3, 1), "Syria", "acled2018")

    hts = gold_actor(row("HTS: Hayat Tahrir al-Sham"), reg)
    assert hts == reg.canonical_name("Hayat Tahrir al-Sham") and not hts.startswith("HTS:")
    # a canonical name stays as written (never re-dated), an uncoded actor stays None
    assert gold_actor(row("Jabhat Fateh al-Sham"), reg) == "Jabhat Fateh al-Sham"
    assert gold_actor(row(""), reg) is None
    assert gold_actor(row("HTS: Hayat Tahrir al-Sham")) == "HTS: Hayat Tahrir al-Sham"  # no registry: raw


def test_case_evaluator_scores_a_given_system():
    rows, _ = read_case(CASE_FIXTURE)
    gold = {r.text: r.code for r in rows}
    from frontlines.evaluation.labels import CASE_CODES

    # An oracle for half the rows, no event for the rest: figures must follow exactly.
    keep = {r.text for r in rows[::2]}

    def predict(doc):
        text = doc.paragraphs[0]
        if text in keep:
            return DocPrediction(event_type="x", sub_event_type=CASE_CODES[gold[text]])
        return DocPrediction()

    res = evaluate_case(CASE_FIXTURE, system=System("oracle-half", predict_doc=predict))
    assert res["n"] == 11 and res["skipped"] == 1
    # the ORG_CRIME row is not scored as a sub-type but measured: the oracle gave it no event
    assert res["unseen"] == {"ORG_CRIME": {"n": 1, "no_event": 1, "share": 1.0}}
    assert res["figures"]["unseen_no_event"] == 1.0 and "disaster_no_event" not in res["figures"]
    assert res["figures"]["accuracy"] == pytest.approx(len(keep) / 11, abs=1e-4)
    assert res["gold_sha256"] == common.sha256_file(CASE_FIXTURE)


def test_a_failing_text_is_scored_as_no_event_and_counted():
    def predict(doc):
        if "roadside bomb" in doc.paragraphs[0]:
            raise RuntimeError("parser exploded")
        return DocPrediction(event_type="Battles", sub_event_type="Armed clash")

    res = evaluate_case(CASE_FIXTURE, system=System("flaky", predict_doc=predict))
    assert res["n"] == 11 and res["failed"] == 1 and "parser exploded" in res["failures"][0]
