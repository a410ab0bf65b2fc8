"""A page's publication date from the page itself, and which evidence gave it.

Publishers state the date for machines in several places, in falling order of
trust: JSON-LD ``datePublished`` (what search engines read, so the most
maintained), the ``<meta>`` tags of Open Graph, Parse.ly, Dublin Core,
Sailthru and friends, an ``itemprop="datePublished"`` or ``<time pubdate>``
element, the first ``<time datetime>`` of the article, and last a date in the
URL path (``/2024/03/17/``). The first that parses wins and is recorded as
``Document.published_from`` (``jsonld``, ``meta``, ``time``, ``url``), so a
user can tell a stated date from an inferred one. The date is taken as written
in the page's own time zone: converting ``23:30-04:00`` to UTC would move an
evening article to the next day.
"""

from __future__ import annotations

import json
import re
from datetime import date

from lxml.html import HtmlElement

from frontlines.ingest.published import parse_published

# Lower-cased <meta> property/name/itemprop keys that state the publication date, most specific first.
META_KEYS = (
    "article:published_time", "og:article:published_time", "article:published", "og:published_time",
    "datepublished", "parsely-pub-date", "sailthru.date", "dc.date.issued", "dcterms.issued", "dc.date",
    "dcterms.date", "dcterms.created", "dc.date.created", "pubdate", "publishdate", "publish-date", "publish_date",
    "publication_date", "article.published", "article_date_original", "original-publish-date",
    "cxenseparse:recs:publishtime", "date", "citation_publication_date", "citation_date", "release_date",
)
_ARTICLE_TYPES = re.compile(r"article|posting|report|story|newsarticle|liveblog", re.IGNORECASE)
_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|[-_.]|$)")
_URL_COMPACT = re.compile(r"/((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:/|[-_.]|$)")


def _jsonld_objects(value, out: list) -> None:
    if isinstance(value, list):
        for v in value:
            _jsonld_objects(v, out)
    elif isinstance(value, dict):
        out.append(value)
        for key in ("@graph", "mainEntity", "mainEntityOfPage", "itemListElement"):
            if key in value:
                _jsonld_objects(value[key], out)


def jsonld_date(root: HtmlElement) -> date | None:
    """``datePublished`` of the page's article in JSON-LD (top level, ``@graph`` or lists)."""
    objects: list = []
    for script in root.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower() or not script.text:
            continue
        try:
            _jsonld_objects(json.loads(script.text), objects)
        except (ValueError, RecursionError):
            continue
    best = fallback = None
    for obj in objects:
        got = parse_published(obj.get("datePublished")) if isinstance(obj.get("datePublished"), str) else None
        if got is None:
            continue
        types = obj.get("@type")
        types = " ".join(types) if isinstance(types, list) else str(types or "")
        if _ARTICLE_TYPES.search(types):
            best = best or got
        fallback = fallback or got
    return best or fallback


def meta_date(root: HtmlElement) -> date | None:
    found: dict[str, str] = {}
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or el.get("http-equiv") or "").lower()
        content = (el.get("content") or "").strip()
        if key in META_KEYS and content and key not in found:
            found[key] = content
    for key in META_KEYS:
        if key in found:
            got = parse_published(found[key])
            if got:
                return got
    return None


def time_date(root: HtmlElement) -> date | None:
    """An element marked as the publication date, else the first ``<time datetime>`` (in an article if any)."""
    for el in root.iter():
        if not isinstance(el.tag, str):
            continue
        if (el.get("itemprop") or "").lower() == "datepublished" or (el.tag == "time" and el.get("pubdate") is not None):
            got = parse_published(el.get("datetime") or el.get("content") or el.text_content())
            if got:
                return got
    scope = next(iter(root.iter("article")), root)
    for el in scope.iter("time"):
        got = parse_published(el.get("datetime"))
        if got:
            return got
    return None


def url_date(url: str | None) -> date | None:
    if not url:
        return None
    for pattern in (_URL_DATE, _URL_COMPACT):
        m = pattern.search(url)
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                continue
    return None


def page_date(root: HtmlElement, url: str | None, extracted: str | None = None) -> tuple[date | None, str | None]:
    """``(date, where from)``; ``extracted`` is trafilatura's (htmldate's) reading, tried after the markup."""
    for source, finder in (("jsonld", jsonld_date), ("meta", meta_date)):
        got = finder(root)
        if got:
            return got, source
    got = parse_published(extracted)
    if got:
        return got, "htmldate"
    got = time_date(root)
    if got:
        return got, "time"
    got = url_date(url)
    if got:
        return got, "url"
    return None, None


__all__ = ["META_KEYS", "jsonld_date", "meta_date", "page_date", "time_date", "url_date"]
