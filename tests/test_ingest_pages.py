"""HTML pages issue 11 found misread: bodies inside <noscript> or JSON-LD, pages nested past
libxml2's depth limit, comment widgets taken for threads, silent caps, and the page's own dates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from frontlines.errors import BadInput
from frontlines.ingest import Capped, IngestOptions, IngestStats, RawInput, read_raw
from frontlines.ingest.comments import MAX_COMMENTS
from frontlines.ingest.html import parse_page

FIXTURES = Path(__file__).parent / "fixtures" / "html"
SENTENCES = [f"Paragraph {i}: convoys waited at the checkpoint near the river for a {i + 2}th day, drivers said."
             for i in range(8)]


def _read(html: str, name: str = "p.html"):
    stats = IngestStats()
    outs = list(read_raw(RawInput(name, html.encode()), IngestOptions(), stats))
    return [o for o in outs if not isinstance(o, BadInput)], [o for o in outs if isinstance(o, BadInput)], stats


def test_a_body_inside_noscript_is_read():
    body = "".join(f"<p>{s}</p>" for s in SENTENCES)
    page = (f"<html><head><title>Corridor</title></head><body><div id=app></div>"
            f"<noscript><article><h1>Corridor opens</h1>{body}</article></noscript><script>boot()</script></body></html>")
    (doc,), _, _ = _read(page)
    assert doc.paragraphs == SENTENCES


def test_a_body_only_in_json_ld_is_read():
    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Corridor opens",
          "articleBody": " ".join(SENTENCES)}
    page = (f'<html><head><title>Corridor</title><script type="application/ld+json">{json.dumps(ld)}</script>'
            "</head><body><div id=app>Loading</div></body></html>")
    (doc,), _, _ = _read(page)
    assert all(s in doc.body for s in SENTENCES)


def test_comments_are_taken_out_after_extraction_without_collapsing_the_body():
    # Recipe-style page: steps in elements classed "comment" (an editor's note widget), no authors, no dates.
    steps = "".join(f'<div class="comment"><p>{s}</p></div>' for s in SENTENCES)
    page = f"<html><body><article><h1>Field kitchen</h1>{steps}</article></body></html>"
    (doc,), _, _ = _read(page)
    assert doc.comments == [] and len(doc.paragraphs) == len(SENTENCES)


def test_a_real_thread_is_kept_out_of_the_body():
    (doc,), _, _ = _read((FIXTURES / "wordpress-thread.html").read_text())
    assert doc.comments
    for c in doc.comments:
        assert all(c.text.split("\n\n")[0] not in p for p in doc.paragraphs)


def test_form_labels_are_not_comments():
    form = ('<div id="respond" class="comment-respond"><h3>Leave a comment</h3>'
            '<form class="comment-form"><div class="comment">Verbinde mit %s</div>'
            '<p class="comment-notes">Antworten</p><a class="comment-reply-link">Abbrechen</a></form></div>')
    widgets = "".join(f'<li class="comment"><div class="comment-body">{w}</div></li>'
                      for w in ("Reply", "Antworten", "Abbrechen", "Log in to reply"))
    page = (f"<html><body><article><h1>Report</h1>{''.join(f'<p>{s}</p>' for s in SENTENCES)}</article>"
            f"<ol class='commentlist'>{widgets}</ol>{form}</body></html>")
    (doc,), _, _ = _read(page)
    assert doc.comments == []
    assert not any(w in doc.body for w in ("Verbinde", "Antworten", "Abbrechen", "Leave a comment"))


def test_a_page_nested_past_256_levels_keeps_its_text():
    page = "<html><body>" + "<div>" * 400 + "".join(f"<p>{s}</p>" for s in SENTENCES) + "</div>" * 400 + "</body></html>"
    (doc,), bad, _ = _read(page)
    assert not bad and all(s in doc.body for s in SENTENCES)


def _thread(n: int, nested: bool) -> str:
    def item(i):
        return (f'<li class="comment" id="comment-{i}"><cite class="fn">user{i}</cite>'
                f'<time datetime="2016-11-29T10:{i % 60:02d}">t</time><p>Comment {i} on the shelling.</p>')
    items = ("".join(item(i) + '<ul class="children">' for i in range(n)) + "</ul></li>" * n if nested
             else "".join(item(i) + "</li>" for i in range(n)))
    return (f"<html><body><article><h1>Report</h1>{''.join(f'<p>{s}</p>' for s in SENTENCES)}</article>"
            f"<ol class='commentlist'>{items}</ol></body></html>")


@pytest.mark.parametrize("nested, n", [(False, MAX_COMMENTS + 500), (True, 1500)])
def test_caps_are_reported_not_silent(nested, n):
    docs, bad, stats = _read(_thread(n, nested))
    (doc,) = docs
    assert 0 < len(doc.comments) < n
    (cap,) = bad
    assert isinstance(cap, Capped) and stats.capped == [f"p.html: {cap.reason}"]
    assert stats.bad == 0  # the page was stored; the cap is a notice, not a failure
    assert ("5,000" in cap.reason) if not nested else ("2,048" in cap.reason)


def test_publication_date_sources_in_order():
    doc = parse_page((FIXTURES / "dated-graph.html").read_text(), "d.html", IngestOptions())
    # JSON-LD's article (in @graph) beats meta; the WebSite's own date is not the article's;
    # the date stays as written in the page's time zone.
    assert doc.published.isoformat() == "2016-11-29" and doc.published_from == "jsonld"
    assert doc.url is None  # a relative canonical with no base is no URL


@pytest.mark.parametrize("head, body, url, expect, source", [
    ('<meta property="article:published_time" content="2016-11-20T08:00:00Z">', "", None, "2016-11-20", "meta"),
    ('<meta name="parsely-pub-date" content="2016-11-21T08:00:00Z">', "", None, "2016-11-21", "meta"),
    ('<meta name="sailthru.date" content="2016-11-22 08:00:00">', "", None, "2016-11-22", "meta"),
    ('<meta name="DC.date.issued" content="2016-11-23">', "", None, "2016-11-23", "meta"),
    ('<script type="application/ld+json">[{"@type":"BreadcrumbList"},{"@type":"ReportageNewsArticle",'
     '"datePublished":"2016-11-24"}]</script>', "", None, "2016-11-24", "jsonld"),
    ("", '<span itemprop="datePublished" content="2016-11-25">25 Nov</span>', None, "2016-11-25", "time"),
    ("", "", "https://ledger.example.org/news/2016/11/26/convoy-story", "2016-11-26", "url"),
])
def test_each_date_source_is_read_and_recorded(head, body, url, expect, source):
    canon = f'<link rel="canonical" href="{url}">' if url else ""
    page = (f"<html><head><title>Convoy</title>{head}{canon}</head><body><article><h1>Convoy</h1>{body}"
            + "".join(f"<p>{s}</p>" for s in SENTENCES) + "</article></body></html>")
    doc = parse_page(page, "d.html", IngestOptions())
    assert (doc.published.isoformat() if doc.published else None, doc.published_from) == (expect, source)


def test_widget_lines_around_a_comment_are_not_its_text():
    # A running number and "Kommentar von" before the text, a doubled "Liken" button after it
    # (a screen-reader copy and a visible one): widget lines at the edges, never the commenter's words.
    items = "".join(
        f'<li class="comment" id="comment-{i}"><span class="num">{i}</span><p>Kommentar von</p>'
        f'<cite class="fn">reader{i}</cite><time datetime="2019-04-1{i}T10:00">t</time>'
        f'<p>Reply {i}: the road to the market reopened, and the bus runs again.</p>'
        f'<div class="like-widget"><span class="sr">Liken</span>Liken</div></li>' for i in range(1, 4))
    page = (f"<html><body><article><h1>Report</h1>{''.join(f'<p>{s}</p>' for s in SENTENCES)}</article>"
            f"<ol class='commentlist'>{items}</ol></body></html>")
    (doc,), bad, _ = _read(page)
    assert not bad
    assert [c.text for c in doc.comments] == [
        f"Reply {i}: the road to the market reopened, and the bus runs again." for i in range(1, 4)]


def test_a_page_dated_only_in_json_ld_gives_its_events_dates(tmp_path):
    """The harm issue 11 saw (CBC, The Intercept): with the page's own date ignored, "on Tuesday" had
    nothing to count from and every event date was null. End to end, the JSON-LD date is the document's
    and the events it reports are dated from it (2016-11-29 was a Tuesday; "on Sunday" is the 27th)."""
    pytest.importorskip("frontlines.nlp.events")
    from frontlines.orchestrator import run
    from frontlines.store import Store

    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Market shelled",
          "datePublished": "2016-11-29T18:00:00-05:00"}
    body = ["Government warplanes struck the main market in Douma on Sunday, killing 12 civilians, "
            "rescue workers said.",
            "Rebel fighters shelled a checkpoint near Harasta on Tuesday, killing three soldiers, state media said."]
    page = (f'<html><head><title>Market shelled</title><script type="application/ld+json">{json.dumps(ld)}'
            f"</script></head><body><article><h1>Market shelled</h1>{''.join(f'<p>{p}</p>' for p in body)}"
            "</article></body></html>")
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.html").write_text(page)
    db = tmp_path / "s.duckdb"
    run(tmp_path / "in", db, geocode=False, progress=False, jobs=1, fuse=False)
    with Store(db, read_only=True) as s:
        assert s.con.execute("SELECT published, published_from FROM documents").fetchall() == [
            (date(2016, 11, 29), "jsonld")]
        dates = s.con.execute("SELECT event_date FROM mentions").fetchall()
    assert dates and all(d for (d,) in dates), dates
    assert {d for (d,) in dates} <= {date(2016, 11, 27), date(2016, 11, 29)} and len(dates) >= 2, dates
