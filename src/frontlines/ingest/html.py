"""HTML pages: trafilatura for the article and its metadata, our own parser for the comment thread.

trafilatura reads the page as it is (it needs the scripts, ``<noscript>``
fallbacks and comment markup to judge what the main text is); the comment
section, the author bio, the deck and the byline are parsed from a second copy
and their texts then taken out of trafilatura's paragraphs, so none of them
leaks into the body. The publication date comes from the page's own markup
(``pagedate``), trafilatura's htmldate only after it. When trafilatura finds no main text
(very short or truncated pages) the page's own ``<p>`` elements are used, so a
damaged page still yields what it holds.
"""

from __future__ import annotations

import copy
import json
import logging
import re
from collections.abc import Iterator
from urllib.parse import urljoin, urlsplit

import lxml.html
from lxml import etree
from lxml.etree import ParserError
from lxml.html import HtmlElement

from frontlines.document import Document
from frontlines.errors import BadInput
from frontlines.ingest import chunks, lede
from frontlines.ingest.assemble import make_document
from frontlines.ingest.comments import extract_comments
from frontlines.ingest.furniture import without_furniture
from frontlines.ingest.notice import Capped
from frontlines.ingest.options import IngestOptions
from frontlines.ingest.pagedate import page_date
from frontlines.ingest.published import parse_published
from frontlines.ingest.text import SECTION_HEADING

READER = "html"

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)

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
        if not any(a.tag == "header" for a in h1.iterancestors()) or lede.is_logo_or_chrome(h1):
            continue  # a site's logo heading is followed by its tagline, not a deck
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


def parse_tree(text: str, name: str, notes: list[str] | None = None) -> HtmlElement:
    text = _XML_DECL.sub("", text, count=1)
    try:
        # huge_tree lifts libxml2's nesting limit (256): past it, deeper text was silently dropped.
        parser = lxml.html.HTMLParser(encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True)
        root = lxml.html.document_fromstring(text.encode("utf-8", "replace"), parser=parser)
    except (ParserError, ValueError) as exc:
        raise BadInput(name, f"not parseable as HTML ({exc})") from exc
    if root is None:
        raise BadInput(name, "not parseable as HTML (empty document)")
    if notes is not None and any("Excessive depth" in e.message for e in parser.error_log):
        notes.append("page nests elements deeper than the HTML parser's limit (2,048 levels); "
                     "what lies deeper (e.g. the deepest replies of a thread) was not read")
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
            root, url=url, with_metadata=True, include_comments=False, include_tables=True,
            include_images=False, favor_precision=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except (ValueError, TypeError, AttributeError, IndexError, KeyError, RecursionError):
        return None  # trafilatura gives up on some broken trees; the fallback below still reads them


_BREAKS = frozenset({"lb", "cell", "row", "item", "head", "p", "quote"})


def _spaced_text(el) -> str:
    """An element's text with a space at each line break, cell and block boundary.

    ``"".join(itertext())`` glues "line one<lb/>line two" into "line oneline two".
    Walked with ``iterwalk``, not recursion, so deep output trees cannot overflow the stack.
    """
    parts: list[str] = []
    for event, node in etree.iterwalk(el, events=("start", "end")):
        if event == "start":
            if node is not el and node.tag in _BREAKS:
                parts.append(" ")
            if node.text and isinstance(node.tag, str):
                parts.append(node.text)
        elif node is not el and node.tail:
            parts.append(node.tail)
    return " ".join("".join(parts).split())


def _paragraphs_from(body: HtmlElement) -> list[str]:
    out = []
    for el in body:
        if not isinstance(el.tag, str):
            continue
        if el.tag == "list":
            items = [_spaced_text(i) for i in el if isinstance(i.tag, str)]
            text = "\n".join(f"- {i}" for i in items if i)
        elif el.tag == "table":
            rows = [_spaced_text(r) for r in el.iter("row")]
            text = "\n".join(r for r in rows if r) or _spaced_text(el)
        else:
            text = _spaced_text(el)
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


_NEXT_PUSH = re.compile(r'self\.__next_f\.push\(\[1,("(?:[^"\\]|\\.)*")\]\)')
_JS_ESCAPE = re.compile(r"\\u([0-9a-fA-F]{4})|\\([\"'\\/])|\\n")


def _streamed_html(root: HtmlElement) -> str:
    """The HTML a Next.js page streams in its scripts (``self.__next_f.push([1, "..."])``), or "".

    Such pages ship the article only as payload strings for the client to render: the
    served markup holds no body at all, so without this their text is lost whole.
    """
    parts = []
    for el in root.iter("script"):
        if el.text and "__next_f" in el.text:
            for m in _NEXT_PUSH.finditer(el.text):
                try:
                    parts.append(json.loads(m.group(1)))
                except ValueError:
                    continue
    text = "".join(parts)
    if "<p" not in text:
        return ""
    # The payload nests JSON strings: their escapes are undone once more.
    return _JS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else (m.group(2) or "\n"), text)


def _streamed_paragraphs(streamed: str) -> list[str]:
    if not streamed:
        return []
    try:
        root = lxml.html.document_fromstring(f"<html><body><article>{streamed}</article></body></html>")
    except (ParserError, ValueError):
        return []
    return [p for p in _fallback_paragraphs(root) if len(p) > 1]


def _resolved(href: str | None, base_url: str | None) -> str | None:
    """An absolute URL: ``href`` resolved against ``base_url``; a relative one with no base is no URL."""
    if not href:
        return None
    href = href.strip()
    if base_url:
        return urljoin(base_url, href)
    return href if urlsplit(href).scheme in ("http", "https") else None


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def parse_page(text: str, name: str, options: IngestOptions, base_url: str | None = None,
               notes: list[str] | None = None) -> Document:
    """One page as a Document. ``base_url`` (a WARC's target URI) resolves relative links; caps go to ``notes``.

    trafilatura reads an untouched copy of the page: scripts (JSON-LD ``articleBody``),
    ``<noscript>`` fallbacks and the comment markup all inform its choice of the main
    text, and removing them first collapsed real bodies. The comment thread, bio,
    deck and byline are parsed from a second copy, and their texts are then taken
    *out of* trafilatura's paragraphs, so none of them leaks into the body either way.
    """
    root = parse_tree(text, name, notes)
    pristine = copy.deepcopy(root)
    canonical = next((el.get("href") for el in root.iter("link") if (el.get("rel") or "").lower() == "canonical"
                      and el.get("href")), None)
    url = _resolved(canonical, base_url) or _resolved(_meta(root, "og:url"), base_url)
    published, published_from = page_date(root, url or base_url)
    for el in list(root.iter("script", "style", "noscript", "template")):
        if el.getparent() is not None:
            el.drop_tree()
    comments = extract_comments(root, notes)
    bio_el = _first_with(root, _BIO)
    bio = _pop_text(bio_el, max_chars=1500)
    streamed = _streamed_html(pristine)  # before trafilatura, which cleans the tree it is given
    result = _trafilatura(pristine, url or base_url)
    title = (result.title if result is not None else None) or _meta(root, "og:title") or _title_tag(root)
    head = lede.headline(root, title)
    # A deck stands where a deck does (after the headline, outside site chrome): a site tagline,
    # a photo credit or a button named like one is not this article's.
    early = _paragraphs_from(result.body) if result is not None and result.body is not None else []
    deck_el = lede.named(root, head, {chunks.key(p) for p in early})
    if deck_el is None:
        deck_el = next((el for el in (_header_deck(root),) if el is not None and lede.plausible(el, head)), None)
    deck = _pop_text(deck_el, max_chars=500)
    byline_el = _first_with(root, _BYLINE)
    if byline_el is None:
        byline_el = next((el for el in root.iter("a", "span") if (el.get("rel") or "").lower() == "author"), None)
    byline_raw = _pop_text(byline_el, max_chars=200)
    byline = _BY_PREFIX.sub("", byline_raw).strip() or None if byline_raw else None
    lang = (root.get("lang") or "").split("-")[0].lower() or None

    paragraphs = early
    not_body = {_norm(t) for t in (bio, deck, byline_raw, byline) if t}
    not_body |= {_norm(p) for c in comments for p in c.text.split("\n\n")}
    not_body |= {_norm(c.text) for c in comments}

    def body_only(paras: list[str]) -> list[str]:
        return [p for p in paras if _norm(p) not in not_body and not SECTION_HEADING.match(p) and p != title]

    paragraphs = body_only(paragraphs)
    if paragraphs:
        paragraphs = body_only(chunks.completed(root, paragraphs, {chunks.key(t) for t in not_body}))
    else:
        paragraphs = body_only(_streamed_paragraphs(streamed)) or body_only(_fallback_paragraphs(root))
    paragraphs = without_furniture(paragraphs)
    if deck is not None and lede.is_credit(deck):
        deck = None  # a photo caption with its credit stood where a deck does
    if deck is None and paragraphs:
        deck = lede.after_headline(root, {chunks.key(p) for p in paragraphs}, title)
        if deck is not None and lede.is_credit(deck):
            deck = None
    if deck is None and paragraphs:
        summary = next((m for m in map(lambda n: _meta(root, n), ("og:description", "twitter:description",
                                                                   "description")) if m), None)
        deck = lede.described(summary, paragraphs, title)
    if published is None:
        guessed = parse_published(result.date) if result is not None else None
        if guessed is not None and any(c.posted and c.posted.date() == guessed for c in comments):
            guessed = None  # htmldate read a commenter's timestamp, not the article's date
        published, published_from = page_date(root, url or base_url, guessed)
    return make_document(
        source_id=name,
        reader=READER,
        options=options,
        title=title,
        subtitle=deck,
        byline=byline or (result.author if result is not None else None) or _meta(root, "author"),
        paragraphs=paragraphs,
        author_bio=bio,
        url=url or _resolved(result.url if result is not None else None, base_url),
        source=(result.sitename if result is not None else None) or _meta(root, "og:site_name"),
        published=published,
        published_from=published_from,
        language=lang if lang and len(lang) <= 3 else None,
        comments=comments,
    )


def _title_tag(root: HtmlElement) -> str | None:
    el = next(iter(root.iter("title")), None)
    return " ".join(el.text_content().split()) if el is not None else None


def read(name: str, text: str, options: IngestOptions) -> Iterator[Document | Capped]:
    notes: list[str] = []
    yield parse_page(text, name, options, notes=notes)
    for note in notes:
        yield Capped(name, note)
