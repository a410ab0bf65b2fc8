"""HTML pages: trafilatura for the article and its metadata, our own parser for the comment thread.

Order matters. The comment section, the author bio, the deck and the byline are
taken out of the tree *before* trafilatura sees it, so none of them can leak
into the body; trafilatura then finds the main text and the metadata (title,
date, site name, canonical URL, language). When trafilatura finds no main text
(very short or truncated pages) the page's own ``<p>`` elements are used, so a
damaged page still yields what it holds.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

import lxml.html
from lxml.etree import ParserError
from lxml.html import HtmlElement

from frontlines.document import Document
from frontlines.errors import BadInput
from frontlines.ingest.assemble import make_document
from frontlines.ingest.comments import extract_comments
from frontlines.ingest.options import IngestOptions
from frontlines.ingest.published import parse_published
from frontlines.ingest.text import SECTION_HEADING

READER = "html"

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)

_DECK = ("deck", "dek", "standfirst", "subtitle", "sub-title", "subheadline", "sub-headline", "strapline",
         "article-summary", "article__subtitle", "entry-subtitle", "summary-lede")
_BYLINE = ("byline", "article-byline", "author-name", "article-author", "post-author", "entry-author", "by-author",
           "article__author", "story-byline")
_BIO = ("author-bio", "author-box", "about-author", "author-info", "author-description", "authorbio", "bio",
        "author-card", "contributor-bio")
_BY_PREFIX = re.compile(r"^\s*(by|written by|words by)\s+", re.IGNORECASE)
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_SKIP_TAGS = {"nav", "header", "footer", "aside", "script", "style", "form", "noscript", "figure", "figcaption"}


def _classes(el: HtmlElement) -> set[str]:
    return set((el.get("class") or "").lower().split())


def _first_with(root: HtmlElement, names: tuple[str, ...]) -> HtmlElement | None:
    """The first element whose class or id is one of ``names``, preferring earlier names."""
    wanted = set(names)
    best: dict[str, HtmlElement] = {}
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("meta", "html", "body", "article", "main"):
            continue
        cls, ident = el.get("class"), el.get("id")
        if not cls and not ident:
            continue
        for token in (*(cls or "").lower().split(), (ident or "").lower()):
            if token in wanted and token not in best:
                best[token] = el
    return next((best[n] for n in names if n in best), None)


def _header_deck(root: HtmlElement) -> HtmlElement | None:
    """``<header><h1>Title</h1><h2 or p>Deck</h2></header>``: the element right after the headline."""
    for h1 in root.iter("h1"):
        if not any(a.tag == "header" for a in h1.iterancestors()):
            continue
        nxt = h1.getnext()
        while nxt is not None and not isinstance(nxt.tag, str):
            nxt = nxt.getnext()
        if nxt is not None and nxt.tag in ("h2", "p") and 0 < len(nxt.text_content().strip()) <= 300:
            return nxt
        return None
    return None


def _pop_text(el: HtmlElement | None, max_chars: int | None = None) -> str | None:
    if el is None:
        return None
    text = " ".join(el.text_content().split())
    if max_chars and len(text) > max_chars:
        return None
    parent = el.getparent()
    if parent is not None:
        el.drop_tree()
    return text or None


def parse_tree(text: str, name: str) -> HtmlElement:
    text = _XML_DECL.sub("", text, count=1)
    try:
        parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True)
        root = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except (ParserError, ValueError) as exc:
        raise BadInput(name, f"not parseable as HTML ({exc})") from exc
    if root is None:
        raise BadInput(name, "not parseable as HTML (empty document)")
    return root


def _meta(root: HtmlElement, *names: str) -> str | None:
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if key in names and (el.get("content") or "").strip():
            return el.get("content").strip()
    return None


def _trafilatura(root: HtmlElement, url: str | None):
    import trafilatura

    try:
        return trafilatura.bare_extraction(
            root, url=url, with_metadata=True, include_comments=False, include_tables=False,
            include_images=False, favor_precision=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, AttributeError, IndexError, KeyError, RecursionError):
        return None  # trafilatura gives up on some broken trees; the fallback below still reads them


def _paragraphs_from(body: HtmlElement) -> list[str]:
    out = []
    for el in body:
        if not isinstance(el.tag, str):
            continue
        if el.tag == "list":
            items = [" ".join("".join(i.itertext()).split()) for i in el if isinstance(i.tag, str)]
            text = "\n".join(f"- {i}" for i in items if i)
        else:
            text = " ".join("".join(el.itertext()).split())
        if text:
            out.append(text)
    return out


def _fallback_paragraphs(root: HtmlElement) -> list[str]:
    scope = next(iter(root.iter("article")), None)
    if scope is None:
        scope = next(iter(root.iter("main")), root)
    out = []
    for el in scope.iter("p", "blockquote", "li", "h2", "h3", "pre"):
        if any(isinstance(a.tag, str) and a.tag in _SKIP_TAGS for a in el.iterancestors()):
            continue
        if el.tag == "li" and any(a.tag == "p" for a in el.iterancestors()):
            continue
        text = " ".join(el.text_content().split())
        if text:
            out.append(text)
    if not out:  # no block markup at all: the body's own text
        body = next(iter(root.iter("body")), root)
        text = " ".join(body.text_content().split())
        out = [text] if text else []
    return out


def parse_page(text: str, name: str, options: IngestOptions) -> Document:
    root = parse_tree(text, name)
    for el in list(root.iter("script", "style", "noscript", "template")):
        if el.getparent() is not None:
            el.drop_tree()
    canonical = next((el.get("href") for el in root.iter("link") if (el.get("rel") or "").lower() == "canonical"
                      and el.get("href")), None)
    url = canonical or _meta(root, "og:url")
    comments = extract_comments(root)
    bio = _pop_text(_first_with(root, _BIO), max_chars=1500)
    deck_el = _first_with(root, _DECK)
    deck = _pop_text(deck_el if deck_el is not None else _header_deck(root), max_chars=500)
    byline_el = _first_with(root, _BYLINE)
    if byline_el is None:
        byline_el = next((el for el in root.iter("a", "span") if (el.get("rel") or "").lower() == "author"), None)
    byline = _pop_text(byline_el, max_chars=200)
    if byline:
        byline = _BY_PREFIX.sub("", byline).strip() or None
    lang = (root.get("lang") or "").split("-")[0].lower() or None

    result = _trafilatura(root, url)
    paragraphs = _paragraphs_from(result.body) if result is not None and result.body is not None else []
    if not paragraphs:
        paragraphs = _fallback_paragraphs(root)
    title = (result.title if result is not None else None) or _meta(root, "og:title") or _title_tag(root)
    paragraphs = [p for p in paragraphs if not SECTION_HEADING.match(p) and p != title and p != deck]
    published = parse_published(result.date if result is not None else None) or parse_published(
        _meta(root, "article:published_time", "datepublished", "date", "pubdate"))
    return make_document(
        source_id=name,
        reader=READER,
        options=options,
        title=title,
        subtitle=deck,
        byline=byline or (result.author if result is not None else None) or _meta(root, "author"),
        paragraphs=paragraphs,
        author_bio=bio,
        url=url or (result.url if result is not None else None),
        source=(result.sitename if result is not None else None) or _meta(root, "og:site_name"),
        published=published,
        published_from="meta" if published else None,
        language=lang if lang and len(lang) <= 3 else None,
        comments=comments,
    )


def _title_tag(root: HtmlElement) -> str | None:
    el = next(iter(root.iter("title")), None)
    return " ".join(el.text_content().split()) if el is not None else None


def read(name: str, text: str, options: IngestOptions) -> Iterator[Document]:
    yield parse_page(text, name, options)
