"""The plain-text page-dump reader: structure from layout alone, on the shared sample and our fixtures."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from frontlines.document import normalise_text
from frontlines.ingest import IngestOptions, ingest
from frontlines.ingest.text import parse_page

FIXTURES = Path(__file__).parent / "fixtures" / "text"


def _windows(text: str, size: int = 40) -> set[str]:
    t = normalise_text(text)
    return {t[i:i + size] for i in range(0, max(1, len(t) - size), 15)}


def assert_no_leaks(doc) -> None:
    body = normalise_text(" ".join(doc.paragraphs))
    for c in doc.comments:
        comment = normalise_text(c.text)
        assert not any(w in body for w in _windows(c.text)), f"comment {c.id} leaked into the body"
        assert not any(w in comment for w in _windows(body)), f"body leaked into comment {c.id}"
    if doc.author_bio:
        assert normalise_text(doc.author_bio) not in body


@pytest.fixture(scope="module")
def sample_doc():
    from conftest import SAMPLE, need

    need(SAMPLE)
    docs = ingest(SAMPLE)
    assert len(docs) == 1
    return docs[0]


def test_sample_metadata(sample_doc):
    d = sample_doc
    assert d.title == "Syrian Military Says Three Districts Captured in East Aleppo Offensive"
    assert d.subtitle == "Major gains reported over weekend, civilians flee rebel areas"
    assert d.byline == "Jason Ditz"
    assert d.reader == "text"
    assert d.language == "en"


def test_sample_body_is_exactly_five_paragraphs(sample_doc):
    d = sample_doc
    assert len(d.paragraphs) == 5
    assert d.paragraphs[0].startswith("Heavy fighting over the weekend")
    assert d.paragraphs[-1].endswith("desperate, war-weary people.")
    assert all("Jason Ditz" not in p for p in d.paragraphs)
    assert d.author_bio and d.author_bio.startswith("Jason Ditz is news editor")


def test_sample_comment_tree(sample_doc):
    cs = sample_doc.comments
    assert len(cs) == 7
    assert Counter(c.author for c in cs) == {"paridell": 3, "Bianca": 3, "Gary Sellars": 1}
    top = [c for c in cs if c.parent_id is None]
    assert [c.author for c in top] == ["paridell", "Bianca"]
    by_id = {c.id: c for c in cs}
    # every reply's depth is its parent's + 1, and parents come before children
    for c in cs:
        if c.parent_id:
            assert by_id[c.parent_id].depth == c.depth - 1
            assert cs.index(by_id[c.parent_id]) < cs.index(c)
    chain = [(c.author, c.depth, by_id[c.parent_id].author if c.parent_id else None) for c in cs]
    assert chain == [
        ("paridell", 0, None), ("Bianca", 1, "paridell"), ("paridell", 2, "Bianca"), ("Bianca", 3, "paridell"),
        ("Gary Sellars", 4, "Bianca"), ("paridell", 2, "Bianca"), ("Bianca", 0, None),
    ]
    gary = next(c for c in cs if c.author == "Gary Sellars")
    assert gary.depth == 4 == max(c.depth for c in cs)
    # the second paridell reply at depth 2 answers Bianca's depth-1 comment, not the depth-3 one
    late = cs[5]
    assert by_id[late.parent_id].depth == 1


def test_sample_multi_paragraph_comments_stay_whole(sample_doc):
    cs = sample_doc.comments
    bianca_long = next(c for c in cs if c.text.startswith("Everything."))
    assert bianca_long.text.count("\n\n") == 2  # three paragraphs, one comment
    assert "nothing that a site like this can do" in bianca_long.text
    assert "flights to freedom" in bianca_long.text  # its last paragraph
    assert "\n\n" in cs[1].text  # the long depth-1 reply has two paragraphs


def test_sample_nothing_leaks(sample_doc):
    assert_no_leaks(sample_doc)


def test_own_dump_with_dates_lists_and_different_indentation():
    doc = parse_page((FIXTURES / "ceasefire-dump.txt").read_text(), "f", IngestOptions())
    assert doc.title.startswith("Evacuation Buses")
    assert doc.subtitle.startswith("Convoy delayed")
    assert doc.byline == "Mariam Haddad"
    assert str(doc.published) == "2016-12-15" and doc.published_from == "text"
    # a bulleted list in the body is body, not comments
    assert len(doc.paragraphs) == 3
    assert doc.paragraphs[1].endswith("could take:\n- one bag per person\n- identity papers, if they still had them")
    assert doc.author_bio.startswith("Mariam Haddad covers")
    got = [(c.author, c.depth, c.parent_id) for c in doc.comments]
    assert got == [("northbank", 0, None), ("riverside_reader", 1, "c1"), ("northbank", 2, "c2"),
                   ("Omar K.", 1, "c1"), ("lattice", 0, None), ("riverside_reader", 1, "c5")]
    assert doc.comments[0].posted.isoformat() == "2016-12-15T09:12:00"
    assert doc.comments[0].text.startswith("The deal has collapsed twice already this week, so I")
    assert doc.comments[2].text == "Hope is not a plan.\n\nBut fine, let us see."
    assert all("Reply" not in c.text for c in doc.comments)  # interface words dropped
    assert_no_leaks(doc)


def test_tab_indented_thread():
    doc = parse_page((FIXTURES / "tabs.txt").read_text(), "f", IngestOptions())
    assert [(c.author, c.depth) for c in doc.comments] == [("alpha", 0), ("beta", 1), ("gamma", 2), ("delta", 0)]
    assert doc.byline == "A. Writer" and doc.author_bio is None
    assert len(doc.paragraphs) == 2


def test_page_without_comments_or_author():
    doc = parse_page("A headline\n\nFirst paragraph here.\n\nSecond one.\n", "f", IngestOptions())
    assert doc.title == "A headline" and doc.subtitle is None
    assert doc.paragraphs == ["First paragraph here.", "Second one."]
    assert doc.comments == []


def test_same_content_same_id_whatever_the_file(tmp_path):
    a = FIXTURES / "ceasefire-dump.txt"
    b = tmp_path / "copy.txt"
    b.write_text(a.read_text().replace("\n", "\r\n"))
    da, db = ingest([a, b])
    assert da.doc_id == db.doc_id and da.source_id != db.source_id


@pytest.mark.parametrize(("header", "is_name"), [
    ("paridell", True), ("Gary Sellars", True), ("Omar K.", True), ("Yasmin Kh. says:", True),
    ("northbank · 15 Dec 2016 09:12", True), ("one bag per person", True),
    ("The army said it took the district.", False), ("identity papers, if they still had them", False),
    ("Reply", False), ("a b c d e f g h", False),
])
def test_comment_author_lines(header, is_name):
    from frontlines.ingest.text import _is_name

    assert _is_name(header) is is_name


def test_deck_on_the_line_under_the_title():
    doc = parse_page("Aid reaches the old city\nFirst convoy in weeks, officials say\n\nTrucks arrived on Monday.\n\n"
                     "More followed.\n", "f", IngestOptions())
    assert (doc.title, doc.subtitle) == ("Aid reaches the old city", "First convoy in weeks, officials say")
    assert doc.paragraphs == ["Trucks arrived on Monday.", "More followed."]
    # a title followed directly by a whole paragraph block is not given a deck
    doc = parse_page("Headline\nLine one of a wrapped\nfirst paragraph.\n", "f", IngestOptions())
    assert doc.subtitle is None and doc.paragraphs == ["Line one of a wrapped first paragraph."]


# --- issue 11: the commonest corpus forms ----------------------------------------------------------

def _only(path):
    from frontlines.errors import BadInput
    from frontlines.ingest import iter_inputs

    outs = list(iter_inputs([path]))
    assert not [o for o in outs if isinstance(o, BadInput)], outs
    (doc,) = outs
    return doc


def test_a_one_line_article_is_its_body():
    doc = _only(FIXTURES / "one-line.txt")
    assert doc.title is None and doc.paragraphs == [(FIXTURES / "one-line.txt").read_text().strip()]


def test_a_title_line_followed_directly_by_the_body():
    doc = _only(FIXTURES / "run-in.txt")
    assert doc.title == "Shells hit Aleppo market" and doc.paragraphs[0].startswith("Five civilians were killed")


def test_a_single_line_3kb_article_is_body_not_title(tmp_path):
    line = " ".join(f"Sentence {i} reports that the shelling of the northern villages went on for hours."
                    for i in range(40))
    assert len(line) > 3000
    path = tmp_path / "long.txt"
    path.write_text(line + "\n")
    doc = _only(path)
    assert doc.title is None and doc.paragraphs == [line]


def test_a_file_of_comments_only_has_no_article_body():
    doc = _only(FIXTURES / "comments-only.txt")
    assert doc.title is None and doc.paragraphs == []
    assert [(c.author, c.depth) for c in doc.comments] == [("Omar K.", 0), ("Lina", 1), ("paridell", 0)]
    assert "500 dead" in doc.comments[0].text


def test_a_txt_quoting_a_few_tags_stays_text():
    doc = _only(FIXTURES / "quoted-tags.txt")
    assert doc.reader == "text"
    assert doc.title == "Convoy reaches old city" and doc.source == "Ledger wire"
    assert doc.published.isoformat() == "2016-11-29"
    assert not any("Source:" in p or "Published:" in p for p in doc.paragraphs)


def test_source_code_in_a_folder_is_refused_with_a_reason(tmp_path):
    from frontlines.errors import BadInput
    from frontlines.ingest import iter_inputs

    (tmp_path / "scraper.py").write_bytes((FIXTURES / "scraper.py").read_bytes())
    (tmp_path / "story.txt").write_bytes((FIXTURES / "run-in.txt").read_bytes())
    outs = list(iter_inputs([tmp_path]))
    (bad,) = [o for o in outs if isinstance(o, BadInput)]
    assert bad.input_name.endswith("scraper.py") and "source code" in bad.reason
    assert [o.title for o in outs if not isinstance(o, BadInput)] == ["Shells hit Aleppo market"]


def test_a_file_of_comments_only_yields_no_article_event(tmp_path):
    """The harm issue 11 saw: a commenter's "500 dead" became an *article* event. Read end to end
    (ingest, extraction, fusion), the comments-only file gives no article mention and no canonical
    event, while the same words as an article's body do (the control: the words can make an event)."""
    pytest.importorskip("frontlines.nlp.events")
    from frontlines.orchestrator import run
    from frontlines.store import Store

    first = "Government warplanes struck the market in Douma on Tuesday, killing 500 people, residents said."
    thread = (f"• Omar K. · 29 Nov 2016 09:12\n    {first}\n    • Lina · 29 Nov 2016 10:40\n"
              "        My cousin is there. Stay safe everyone.\n• paridell · 29 Nov 2016 11:02\n"
              "    The convoy never arrived.\n")
    for name, text, article in [("thread.txt", thread, False), ("story.txt", f"East | Wire\n\n{first}\n", True)]:
        folder = tmp_path / name
        folder.mkdir()
        (folder / name).write_text(text)
        db = tmp_path / f"{name}.duckdb"
        run(folder, db, geocode=False, progress=False, jobs=1, published="2016-11-29")
        with Store(db, read_only=True) as s:
            kinds = {r[0] for r in s.con.execute("SELECT DISTINCT source_type FROM mentions").fetchall()}
            assert ("article" in kinds) == article, (name, kinds)
            assert (s.count("canonical_events") > 0) == article, name
            if not article:
                assert s.count("documents") == 1 and s.count("comments") == 3
