"""RSS 2.0 / RSS 1.0 / Atom feeds via feedparser: one Document per item, the item's guid as ``source_id``.

Item bodies are HTML fragments (``content:encoded`` or ``description``), which
feedparser has already sanitised; they are split into paragraphs the same way a
page's are. A feed that parses to no items is one ``BadInput`` with
feedparser's own reason; a partly broken feed (``bozo``) still yields the items
it holds.
"""

from __future__ import annotations

import hashlib
import html as htmllib
import io
import re
from collections.abc import Iterator
from datetime import date

import feedparser
import lxml.html
from lxml.etree import ParserError

from frontlines.document import Document
from frontlines.errors import BadInput
from frontlines.ingest.assemble import make_document
from frontlines.ingest.options import IngestOptions
from frontlines.ingest.published import parse_published

READER = "feed"
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.IGNORECASE)
_BLOCK = ("p", "blockquote", "li", "h2", "h3", "h4", "pre")


def fragment_paragraphs(html: str) -> list[str]:
    """Paragraphs of an HTML fragment: its block elements, or its text split on blank lines / ``<br><br>``."""
    if not html or not html.strip():
        return []
    if "<" not in html:
        # An HTML fragment without tags still carries entities (``Rebels &amp; army``, ``don&#x2019;t``):
        # feedparser hands text/html bodies over escaped, and only a parser would decode them.
        text = htmllib.unescape(html)
        return [" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip()]
    try:
        root = lxml.html.fragment_fromstring(html, create_parent="div")
    except (ParserError, ValueError):
        root = None  # lxml refuses some fragments outright ("<!DOCTYPE" alone); their text is read below
    out: list[str] = []
    if root is not None:
        blocks = [el for el in root.iter(*_BLOCK) if not any(a.tag in _BLOCK for a in el.iterancestors())]
        if blocks:
            out = [" ".join(el.text_content().split()) for el in blocks]
        else:
            for br in root.iter("br"):
                br.tail = "\n" + (br.tail or "")
            out = [" ".join(p.split()) for p in re.split(r"\n\s*\n", root.text_content())]
        out = [p for p in out if p]
    if not out:
        # lxml read the fragment as markup with no text, or refused it ("<!DOCTYPE" alone, a stray "<");
        # the text a reader sees is still there once whole tags are dropped.
        text = " ".join(htmllib.unescape(re.sub(r"<[^<>]*>", " ", html)).split())
        out = [text] if text else []
    return out


def _entry_date(entry) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            try:
                return date(t.tm_year, t.tm_mon, t.tm_mday)
            except (ValueError, AttributeError):
                continue
    for key in ("published", "updated", "dc_date"):
        got = parse_published(entry.get(key))
        if got:
            return got
    return None


# A DTD that declares entities. Feeds never need one; it is how billion-laughs (nested expansion)
# and external-entity (file or URL inclusion) attacks are built. feedparser does not expand them,
# so such a feed would be stored with the raw entity text as its body: it is refused instead.
_ENTITY_DECL = re.compile(r"<!DOCTYPE[^\[>]*\[[^\]]*<!ENTITY", re.IGNORECASE | re.DOTALL)
_PREFIXED_ROOT = re.compile(r"<([A-Za-z_][\w.-]*):(?:rss|feed|rdf)[\s>]", re.IGNORECASE)


def _parse(text: str):
    # Always hand feedparser a stream (a str that looks like a URL would be fetched) and
    # re-declare UTF-8, because the text is already decoded.
    data = '<?xml version="1.0" encoding="utf-8"?>' + _XML_DECL.sub("", text, count=1)
    return feedparser.parse(io.BytesIO(data.encode("utf-8")), sanitize_html=True, resolve_relative_uris=True)


def _unprefixed(text: str) -> str | None:
    """The feed with its root's namespace prefix removed from every element name, or None.

    ``<atom:feed xmlns:atom=...>`` is understood by namespace, but a prefix bound to
    an unknown namespace (``<x:rss xmlns:x="urn:...">``) hides the feed from feedparser.
    The element names are RSS/Atom ones all the same.
    """
    m = _PREFIXED_ROOT.search(text[:4096])
    if not m or m.group(1).lower() == "rdf":
        return None
    prefix = re.escape(m.group(1))
    text = re.sub(rf"<(/?){prefix}:", r"<\1", text)
    return re.sub(rf"\sxmlns:{prefix}\s*=\s*(\"[^\"]*\"|'[^']*')", "", text)


def read(name: str, text: str, options: IngestOptions) -> Iterator[Document | BadInput]:
    if _ENTITY_DECL.search(text[:65536]):
        raise BadInput(name, "feed declares XML entities in its DOCTYPE (the shape of a billion-laughs or "
                             "external-entity attack); refused, nothing expanded")
    parsed = _parse(text)
    entries = parsed.get("entries") or []
    if not entries:
        plain = _unprefixed(text)
        if plain is not None:
            parsed = _parse(plain)
            entries = parsed.get("entries") or []
    if not entries:
        why = parsed.get("bozo_exception")
        raise BadInput(name, f"malformed feed ({_short(why)})" if why else "feed has no items")
    feed_title = (parsed.get("feed") or {}).get("title")
    for i, entry in enumerate(entries, 1):
        guid = entry.get("id") or entry.get("link")
        if not guid:
            seed = f"{entry.get('title', '')}\x1f{entry.get('summary', '')}".encode()
            guid = f"{name}#item{i}:" + hashlib.sha256(seed).hexdigest()[:12]
        where = f"{name}#{guid}"
        html = ""
        if entry.get("content"):
            html = max((c.get("value") or "" for c in entry["content"]), key=len)
        if not html:
            html = entry.get("summary") or entry.get("description") or ""
        paragraphs = fragment_paragraphs(html)
        title = entry.get("title")
        if not paragraphs and title and title.strip():
            # A headline-only item (wire and alert feeds, comment feeds) is its headline.
            paragraphs = fragment_paragraphs(title) if "<" in title else [" ".join(title.split())]
        if not paragraphs:
            yield BadInput(where, "feed item has no text")
            continue
        published = _entry_date(entry)
        yield make_document(
            source_id=str(guid),
            reader=READER,
            options=options,
            title=title,
            byline=entry.get("author"),
            # The headline repeated as the first paragraph goes, but a body that *is* its title
            # (short comment feeds: "Stay safe everyone") is the item's text and stays.
            paragraphs=[p for p in paragraphs if p != title] or paragraphs,
            url=entry.get("link"),
            source=feed_title,
            published=published,
            published_from="feed" if published else None,
            language=(entry.get("language") or (parsed.get("feed") or {}).get("language") or "")[:2].lower() or None,
        )


def _short(exc) -> str:
    return " ".join(str(exc).split())[:200] or type(exc).__name__
