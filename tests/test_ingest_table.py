"""Tabular corpora: column mapping, guessed columns, dates, row-level errors, and the FA-KES/ACLED dev sets."""

from __future__ import annotations

import csv
import json
from collections import Counter
from datetime import date

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from frontlines.errors import BadInput
from frontlines.ingest import IngestOptions, ingest, iter_inputs

LONG = ("The shelling of the northern districts continued through the night, residents told reporters, "
        "and at least four buildings collapsed near the old market while rescue teams searched the rubble "
        "for survivors as aircraft circled overhead. Officials gave no figure for the dead.")


def _split(outs):
    return [o for o in outs if not isinstance(o, BadInput)], [o for o in outs if isinstance(o, BadInput)]


def test_fakes_dev_as_it_is(data_dir, store):
    path = data_dir / "fakes" / "dev.csv"
    opts = IngestOptions(text_col="article_content", title_col="article_title", date_col="date", source_col="source")
    docs, bad = _split(list(iter_inputs([path], opts)))
    assert len(docs) == 411 and not bad
    assert all(d.published is not None and d.published_from == "column" for d in docs)
    with path.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    # dates: the column is month-first (4/19/17), decided from the column's unambiguous rows
    assert docs[0].published == date(2017, 4, 19) and rows[0]["date"] == "4/19/17"
    assert {d.source for d in docs} == {r["source"] for r in rows}
    r = store.add_documents(docs)
    assert (r.new, r.existing) == (404, 7)
    # the 7 repeats share their article text word for word; titles and dates may differ
    repeated = Counter(r["article_content"] for r in rows)
    assert sum(n - 1 for n in repeated.values()) == 7


def test_fakes_guessed_columns_match_explicit(data_dir):
    path = data_dir / "fakes" / "dev.csv"
    guessed = ingest(path)
    explicit = ingest(path, text_col="article_content", title_col="article_title", date_col="date",
                      source_col="source", id_col="unit_id")
    assert [d.to_dict() for d in guessed] == [d.to_dict() for d in explicit]


def test_acled_notes_as_it_is(data_dir):
    docs, bad = _split(list(iter_inputs([data_dir / "acled_notes" / "dev.csv"])))
    assert len(docs) == 7971 and not bad
    assert all(d.published for d in docs)
    assert docs[0].published == date(2018, 2, 28)  # "28-Feb-18"
    assert docs[0].source == "Yemen News Agency (SABA)"
    assert docs[0].source_id == "1353627"  # data_id, the corpus's own id


def test_mapping_errors_are_bad_input(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text("a,b\n1,2\n3,4\n")
    (bad,) = list(iter_inputs([p]))
    assert isinstance(bad, BadInput) and "no text column" in bad.reason and "--text-col" in bad.reason
    (bad,) = list(iter_inputs([p], IngestOptions(text_col="body")))
    assert "no column 'body'" in bad.reason


def test_row_level_problems_do_not_stop_the_file(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text(f'id,text,date\n1,"{LONG}",2016-12-01\n2,,2016-12-02\n3,"{LONG} Again.",2016-12-03,extra\n'
                 f'4,"Short note.",13/12/2016\n')
    docs, bad = _split(list(iter_inputs([p])))
    assert [d.source_id for d in docs] == ["1", "4"]
    assert docs[1].published == date(2016, 12, 13)
    assert [b.input_name for b in bad] == [f"{p}#row2", f"{p}#row3"]
    assert "empty text" in bad[0].reason and "fields" in bad[1].reason


def test_day_first_column_is_inferred(tmp_path):
    p = tmp_path / "t.tsv"
    p.write_text("text\tdate\nA note about shelling.\t03/04/2017\nAnother note.\t25/04/2017\n")
    docs = ingest(p)
    assert docs[0].published == date(2017, 4, 3)  # day-first, because the column has 25/04


def test_jsonl_with_bad_lines_and_roundtrip_of_exports(tmp_path, store):
    p = tmp_path / "c.jsonl"
    rec = {"id": "a1", "title": "T", "text": LONG, "published": "2016-11-28", "outlet": "Wire"}
    p.write_text(json.dumps(rec) + "\n{broken\n" + json.dumps([1, 2]) + "\n")
    docs, bad = _split(list(iter_inputs([p])))
    assert len(docs) == 1 and docs[0].source == "Wire" and docs[0].source_id == "a1"
    assert [b.input_name.rsplit("#", 1)[1] for b in bad] == ["line2", "line3"]
    # what `export documents` writes reads back as the same documents
    from frontlines.document import Comment, Document
    from frontlines.ingest.assemble import content_id

    comments = [Comment("c1", None, "x", None, 0, "hi"), Comment("c2", "c1", "y", None, 1, "re")]
    d = Document(doc_id=content_id("T", [LONG, "Second."], comments), source_id="s", title="T",
                 paragraphs=[LONG, "Second."], comments=comments, published=date(2016, 1, 2))
    store.add_documents([d])
    out = tmp_path / "export.jsonl"
    store.export_documents(out)
    (back,) = ingest(out)
    assert back.doc_id == d.doc_id and back.paragraphs == d.paragraphs
    assert [(c.id, c.parent_id, c.depth) for c in back.comments] == [("c1", None, 0), ("c2", "c1", 1)]
    out2 = tmp_path / "export.parquet"
    store.export_documents(out2)
    (back2,) = ingest(out2)
    assert back2.doc_id == d.doc_id and back2.published == date(2016, 1, 2)


def test_parquet_with_column_mapping(tmp_path):
    p = tmp_path / "corpus.bin"  # misnamed on purpose: the reader is chosen by content
    pq.write_table(pa.table({"story": [LONG, "x y z."], "headline": ["H1", "H2"], "day": [date(2016, 12, 1), None],
                             "key": ["k1", "k2"], "paper": ["P", "Q"]}), p)
    docs = ingest(p, text_col="story", title_col="headline", date_col="day", id_col="key", source_col="paper")
    assert [(d.title, d.source_id, d.source, d.published) for d in docs] == [
        ("H1", "k1", "P", date(2016, 12, 1)), ("H2", "k2", "Q", None)]


def test_overrides_apply_to_every_document(tmp_path):
    p = tmp_path / "t.csv"
    p.write_text(f'text,date,source\n"{LONG}",2016-12-01,A\n')
    (d,) = ingest(p, published=date(2020, 1, 1), source="Override")
    assert d.published == date(2020, 1, 1) and d.published_from == "cli" and d.source == "Override"
    (d,) = ingest(p, published="2020-01-02")  # ISO text from Python is a date too, not a crash in the store
    assert d.published == date(2020, 1, 2) and d.published_from == "cli"
    with pytest.raises(ValueError, match="'01/02/2020' is not a date"):
        ingest(p, published="01/02/2020")


@pytest.mark.parametrize("title", ["Headline one", "Completely different headline"])
def test_long_body_identifies_the_article_without_its_title(title):
    from frontlines.ingest.assemble import content_id

    assert content_id(title, [LONG]) == content_id("Headline one", [LONG])
    # a short teaser does not identify an article: there the title counts
    assert content_id(title, ["Read more."]) != content_id("x", ["Read more."])


def test_pretty_printed_json_object_and_api_wrapper(tmp_path):
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "z1", "title": "T", "text": LONG}, indent=2))
    (d,) = ingest(one)
    assert d.source_id == "z1" and d.paragraphs == [LONG]
    wrapped = tmp_path / "api.json"
    wrapped.write_text(json.dumps({"status": "ok", "articles": [{"id": "a", "text": LONG},
                                                                {"id": "b", "text": LONG + " More."}]}, indent=1))
    assert [d.source_id for d in ingest(wrapped)] == ["a", "b"]


def test_an_unterminated_quote_is_reported_by_line_and_does_not_swallow_rows(tmp_path):
    path = tmp_path / "wire.csv"
    path.write_text("id,title,text\n"
                    "1,Dam road,\"Strikes hit the dam road\n"
                    "2,Market,The central market reopened after four days\n"
                    "3,Bridge,Engineers repaired the river bridge overnight\n"
                    "4,Convoy,\"A convoy, long awaited,\nreached the old city\"\n")
    outs = list(iter_inputs([path]))
    bad = [o for o in outs if isinstance(o, BadInput)]
    docs = [o for o in outs if not isinstance(o, BadInput)]
    assert [d.source_id for d in docs] == ["2", "3", "4"]
    assert docs[2].paragraphs == ["A convoy, long awaited,\nreached the old city"]  # a real multi-line cell stays
    (b,) = bad
    assert b.input_name == f"{path}#line2" and "line 2" in b.reason and "quote" in b.reason
