"""Page bodies trafilatura under-reads (issue 11): an article split into chunks, the lede under the
headline, a body streamed in Next.js payloads; and what must *not* come back with them (other posts,
related stories, site taglines, captions)."""

from __future__ import annotations

import re
from pathlib import Path

import trafilatura

from frontlines.ingest import IngestOptions
from frontlines.ingest.html import parse_page

FIXTURES = Path(__file__).parent / "fixtures" / "html"


def _page(name: str):
    text = (FIXTURES / name).read_text(encoding="utf-8")
    return text, parse_page(text, name, IngestOptions())


def _numbers(paragraphs: list[str], label: str) -> list[int]:
    return [int(m.group(1)) for p in paragraphs for m in [re.match(rf"{label} (\d+):", p)] if m]


def test_every_chunk_of_a_split_article_is_read_in_order():
    text, doc = _page("chunked-article.html")
    alone = trafilatura.extract(text) or ""
    assert alone.count("Chunk paragraph") < 12  # the fixture is one trafilatura under-reads
    assert _numbers(doc.paragraphs, "Chunk paragraph") == list(range(1, 13))
    body = " ".join(doc.paragraphs)
    # Related stories share the chunks' class, but sit in a box named for other content; ads and footers stay out.
    assert "Other story" not in body and "Advertisement" not in body and "Copyright" not in body


def test_the_lede_under_the_headline_is_the_deck_and_a_site_tagline_is_not():
    _, doc = _page("chunked-article.html")
    # The lede has no deck-like class name: it is found by where it stands (after the headline <h1>,
    # before the body). The site's <p class="subtitle"> tagline under its logo heading is not the deck.
    assert doc.subtitle == ("Towns along the border spent a week under fire, and the people who stayed tell how "
                            "they kept the water running.")
    assert "News, reviews" not in (doc.subtitle or "") + " ".join(doc.paragraphs)
    assert doc.byline == "A. Writer"


def test_other_posts_of_a_blog_index_are_not_chunks_of_this_one():
    _, doc = _page("blog-index.html")
    # Every post's body has the same class, but each lies in its own item (post-301, post-302, ...).
    assert {p.split(" paragraph")[0] for p in doc.paragraphs} == {"Post 301"}


def test_a_body_streamed_in_nextjs_payloads_is_read():
    _, doc = _page("nextjs-streamed.html")
    # The served markup has no body at all: the article lives in self.__next_f.push([1, "..."]) strings.
    assert _numbers(doc.paragraphs, "Streamed paragraph") == [1, 2, 3, 4]
    assert doc.title == "Curfew extended in the port district"


BODY = "".join(f"<p>Body paragraph {i}: aid trucks crossed the bridge at dawn on the {i + 2}th day, officials "
               f"said, and returned empty before the curfew began in the evening.</p>" for i in range(1, 6))


def test_a_deck_named_by_a_part_of_its_class_token_under_the_headline():
    page = ('<html><body class="segment--recommended"><main><article><header><h1>Aid crosses the bridge</h1>'
            '<p class="e-standfirst u-heading-4">Five days of convoys have reached the town, but the road '
            'is still closed at night</p></header>'
            f'<div class="article-body">{BODY}</div>'
            '<div class="m-post-card"><div class="m-post-card__excerpt">Another story about something else '
            'entirely, written for readers of the newsletter.</div></div></article></main></body></html>')
    doc = parse_page(page, "p.html", IngestOptions())
    # "e-standfirst" names a standfirst; the page-level class above <article> says nothing about it.
    assert doc.subtitle == "Five days of convoys have reached the town, but the road is still closed at night"
    assert _numbers(doc.paragraphs, "Body paragraph") == [1, 2, 3, 4, 5]


def test_an_excerpt_after_the_body_starts_is_no_deck():
    page = ('<html><body><main><article><h1>Aid crosses the bridge</h1>'
            f'<div class="article-body">{BODY}</div>'
            '<div class="post-card"><div class="post-card__excerpt">What inspires someone to become a '
            'software developer, and other stories?</div></div></article></main></body></html>')
    doc = parse_page(page, "p.html", IngestOptions())
    assert doc.subtitle is None or "inspires" not in doc.subtitle
