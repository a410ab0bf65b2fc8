"""HTML pages: trafilatura body and metadata plus our comment-thread parser, on fixtures we wrote."""

from __future__ import annotations

from collections import Counter
from datetime import datetime
from pathlib import Path

from frontlines.errors import BadInput
from frontlines.ingest import IngestOptions, ingest, iter_inputs
from frontlines.ingest.comments import extract_comments
from frontlines.ingest.html import parse_page, parse_tree
from test_ingest_text import assert_no_leaks

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def _page(name: str):
    (doc,) = ingest(FIXTURES / name)
    return doc


def test_wordpress_page_structure_matches_the_text_acceptance():
    d = _page("wordpress-thread.html")
    assert d.reader == "html"
    assert d.title == "Government Forces Push Into Two More Eastern Districts"
    assert d.subtitle == "Commanders claim rapid gains as thousands of residents cross front lines"
    assert d.byline == "Nadia Okafor"
    assert d.author_bio.startswith("Nadia Okafor reports on the conflict")
    assert len(d.paragraphs) == 5
    assert d.paragraphs[0].startswith("Pro-government forces pressed deeper")
    assert d.published.isoformat() == "2016-11-29" and d.published_from == "meta"
    assert d.url == "https://ledger.example.org/2016/11/29/eastern-districts/"
    assert d.source == "The Riverside Ledger" and d.language == "en"
    cs = d.comments
    assert len(cs) == 7
    assert Counter(c.author for c in cs) == {"harbourlight": 3, "M. Selim": 3, "Talia Brandt": 1}
    assert [c.id for c in cs if c.parent_id is None] == ["comment-101", "comment-107"]
    parents = {c.id: c.parent_id for c in cs}
    assert parents == {"comment-101": None, "comment-102": "comment-101", "comment-103": "comment-102",
                       "comment-104": "comment-103", "comment-105": "comment-104", "comment-106": "comment-102",
                       "comment-107": None}
    deepest = max(cs, key=lambda c: c.depth)
    assert (deepest.author, deepest.depth) == ("Talia Brandt", 4)
    assert cs[0].posted == datetime(2016, 11, 29, 9, 2)
    assert cs[5].posted is None  # no date given: none invented
    # multi-paragraph comments stay one comment; interface words are not comment text
    assert cs[3].text.count("\n\n") == 2
    assert cs[0].text == ("Whichever side you back, the people crossing those lines on foot are the story here."
                          "\n\nEverything else is a map that will be redrawn next week.")
    assert all("Reply" not in c.text and "says:" not in c.text for c in cs)
    assert_no_leaks(d)
    body = " ".join(d.paragraphs)
    for furniture in ("thoughts on", "Leave a Reply", "Copyright", "Home", "reports on the conflict"):
        assert furniture not in body


def test_disqus_like_markup():
    d = _page("disqus-thread.html")
    assert d.title == "Aid convoy reaches western suburbs" and d.byline == "Samir Lutfi"
    assert d.subtitle == "First deliveries in three weeks, officials say"
    assert len(d.paragraphs) == 3
    got = [(c.id, c.parent_id, c.depth, c.author) for c in d.comments]
    assert got == [("post-9001", None, 0, "kestrel"), ("post-9002", "post-9001", 1, "Jonah W"),
                   ("post-9003", None, 0, "kestrel")]
    # "8 years ago" is not a date; the full date in the link's title is
    assert d.comments[0].posted == datetime(2016, 12, 7, 18, 20)
    assert d.comments[1].text.endswith("That has never held for long.")
    assert_no_leaks(d)


def test_flat_list_with_parent_references():
    d = _page("flat-comments.html")
    got = [(c.id, c.parent_id, c.depth, c.author) for c in d.comments]
    assert got == [("x1", None, 0, "olive_grove"), ("x2", "x1", 1, "Rafiq"), ("x3", "x2", 2, "olive_grove"),
                   ("x4", None, 0, "Dana")]
    assert d.comments[1].posted == datetime(2016, 12, 2, 9, 0)
    assert len(d.paragraphs) == 2


def test_wrapper_nodes_merge_into_the_comment_they_wrap():
    html = """<html><body><p>Body text of the article here.</p><ul class="comments">
      <li id="li-comment-1"><div id="comment-1" class="comment"><cite>Ann</cite><p>Top.</p></div>
        <ul class="children"><li id="li-comment-2"><div id="comment-2" class="comment"><cite>Bo</cite>
          <p>Child.</p></div></li></ul></li></ul></body></html>"""
    root = parse_tree(html, "x")
    cs = extract_comments(root)
    assert [(c.id, c.parent_id, c.depth, c.author, c.text) for c in cs] == [
        ("comment-1", None, 0, "Ann", "Top."), ("comment-2", "comment-1", 1, "Bo", "Child.")]
    assert "Child." not in root.text_content()  # removed from the page


def test_page_without_comments_and_truncated_markup():
    html = ("<html><head><title>Cut off</title></head><body><article><h1>Cut off</h1>"
            "<p>The first paragraph survived the truncation intact.</p><p>The second one did no")
    d = parse_page(html, "t.html", IngestOptions())
    assert d.comments == [] and d.paragraphs[0] == "The first paragraph survived the truncation intact."
    assert d.paragraphs[-1].startswith("The second one")


def test_script_and_markup_never_reach_text():
    html = ("<html><body><article><p>Real text about the siege of the city.</p>"
            "<script>document.write('evil')</script><style>p{}</style></article></body></html>")
    d = parse_page(html, "s.html", IngestOptions())
    assert "evil" not in " ".join(d.paragraphs) and "p{}" not in " ".join(d.paragraphs)


def test_html_without_any_text_is_bad_input(tmp_path):
    p = tmp_path / "empty.html"
    p.write_text("<html><head><title></title></head><body><div></div></body></html>")
    (bad,) = list(iter_inputs([p]))
    assert isinstance(bad, BadInput) and bad.reason == "no body text found"


def test_deck_under_the_headline_in_a_header():
    html = ("<html><body><article><header><h1>Convoy halted at checkpoint</h1>"
            "<h2>Drivers wait overnight as talks stall</h2></header>"
            "<p>The convoy of aid trucks was stopped at the checkpoint on the northern road for a second day.</p>"
            "<p>Officials on both sides blamed each other for the delay.</p></article></body></html>")
    d = parse_page(html, "d.html", IngestOptions())
    assert d.subtitle == "Drivers wait overnight as talks stall"
    assert all("Drivers wait" not in p for p in d.paragraphs) and len(d.paragraphs) == 2
