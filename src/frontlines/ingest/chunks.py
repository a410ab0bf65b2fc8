"""Body chunks trafilatura left out: the article's other containers, put back in page order.

WHY: many CMSs render one article as several sibling containers of the same
kind (a chunk per screenful between ads: ``<div class="body__inner-container">``
three times, or ``<div class="body articleBody">`` split around a video).
trafilatura picks the best single container and drops the rest, so a 35-paragraph
New Yorker feature came out with 16. The rule here is structural, never per site:

* the containers holding a real share (``MIN_BODY_SHARE``) of the ``<p>`` text
  trafilatura kept are the body's containers;
* another container of the same tag sharing most of a body container's class
  tokens (``MIN_SHARED``) is another chunk of the same body;
* its ``<p>`` elements join the body at their place in the page, if they read like
  prose: at least ``MIN_WORDS`` words, mostly not link text, not inside a link,
  navigation, an aside, a form, a figure, or a box named for other content
  (related, teaser, newsletter, share, author, ...), and not comment/bio/deck text;
* a container counts as a chunk only with ``MIN_CHUNK_PARAGRAPHS`` such paragraphs
  (a lone one is a bio or a disclosure), and not when it lies in another item of
  a list (its own ``<article>``, or wrappers with other ids: a blog index's next post).

Paragraphs trafilatura itself dropped from a container it kept are left out on
purpose (it drops "Read more" teasers, share prompts and newsletter boxes there),
so this only adds what lies in containers trafilatura never looked at.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

MIN_WORDS = 8  # a chunk's paragraph must read as prose, not a label or a caption
MAX_LINK_SHARE = 0.3  # more link text than this is a teaser or a list of links
MIN_CHUNK_PARAGRAPHS = 2  # prose paragraphs a container needs to count as a chunk of the body
MIN_BODY_SHARE = 0.2  # of trafilatura's kept text, for a container to count as the body's
MIN_SHARED = 0.6  # class tokens two containers share (Jaccard) to be chunks of one body
# A paragraph inside one of these is no body text, whatever its container (a link wraps teasers).
_OUTSIDE = frozenset({"nav", "header", "footer", "aside", "form", "figure", "figcaption", "button", "select", "a"})
# Class/id words of boxes that hold other articles or prompts, not this article's text.
PROMO = re.compile(r"related|recommend|teaser|promo|newsletter|share|social|more-?(post|stories|articles|news)"
                   r"|trending|author|about|bio\b|disclos|copyright|donat|flyout|modal|popup|cookie|consent"
                    r"|popular|sidebar|widget|advert|sponsor|subscribe|paywall|signup|readmore|read-more",
                    re.IGNORECASE)
_KEY = re.compile(r"\W+")
_DIGIT = re.compile(r"\d")


def key(text: str) -> str:
    """A paragraph's identity across parsers: letters and digits only (spacing and punctuation differ)."""
    return _KEY.sub("", text).casefold()


def _text(el: HtmlElement) -> str:
    return " ".join(el.text_content().split())


def _tokens(el: HtmlElement) -> frozenset[str]:
    return frozenset((el.get("class") or "").split())


def _same_kind(a: HtmlElement, b: HtmlElement) -> bool:
    ta, tb = _tokens(a), _tokens(b)
    return a.tag == b.tag and bool(ta) and bool(tb) and len(ta & tb) >= MIN_SHARED * len(ta | tb)


def _prose(el: HtmlElement, around: set[HtmlElement]) -> bool:
    """Reads like body text; ``around`` (the body's own ancestors) is not judged by its names."""
    text = _text(el)
    if len(text.split()) < MIN_WORDS:
        return False
    links = sum(len(_text(a)) for a in el.iter("a"))
    if links > MAX_LINK_SHARE * len(text):
        return False
    for anc in el.iterancestors():
        if anc in around:
            break
        if not isinstance(anc.tag, str):
            continue
        if anc.tag in _OUTSIDE or PROMO.search(f"{anc.get('class') or ''} {anc.get('id') or ''}"):
            return False
    return True


def _path(el: HtmlElement, stop: set[HtmlElement]) -> list[HtmlElement]:
    """``el`` and its ancestors up to (not including) the first one in ``stop``."""
    out = []
    for a in (el, *el.iterancestors()):
        if a in stop:
            break
        out.append(a)
    return out


def _ids(path: list[HtmlElement]) -> set[str]:
    return {t for a in path for t in (*(a.get("class") or "").split(), a.get("id") or "") if _DIGIT.search(t)}


def _another_item(chunk: HtmlElement, body: HtmlElement, around: set[HtmlElement]) -> bool:
    """``chunk`` lies in another item of a list (a blog index's next post), not in this article.

    Up to where its ancestors meet the body's, it is inside an ``<article>`` of its own, or
    its wrappers carry ids (``post-5932``) the body's wrappers do not.
    """
    mine = _path(chunk, around)
    common = next((a for a in chunk.iterancestors() if a in around), None)
    theirs = _path(body, {common} if common is not None else set())
    if any(a.tag == "article" for a in mine):
        return True
    return _ids(mine) != _ids(theirs)


def completed(root: HtmlElement, paragraphs: list[str], not_body: set[str]) -> list[str]:
    """``paragraphs`` (trafilatura's, in order) with the body's other chunks' paragraphs put in place.

    ``root`` is the cleaned copy (scripts, comments, bio, deck and byline already
    removed); ``not_body`` holds ``key``s of texts that must not come back.
    """
    if not paragraphs:
        return paragraphs
    order: dict[HtmlElement, int] = {}
    by_key: dict[str, HtmlElement] = {}
    ps = []
    for i, el in enumerate(root.iter()):
        order[el] = i
        if el.tag == "p":
            ps.append(el)
            by_key.setdefault(key(_text(el)), el)
    kept = {k: by_key[k] for k in (key(p) for p in paragraphs) if k and k in by_key}
    share: dict[HtmlElement, int] = {}
    for el in kept.values():
        if el.getparent() is not None:
            share[el.getparent()] = share.get(el.getparent(), 0) + len(_text(el))
    # A body container holds a real part of what trafilatura kept: one teaser it let through is not one.
    bodies = {el for el, n in share.items() if n >= MIN_BODY_SHARE * sum(share.values())}
    if not bodies:
        return paragraphs
    around = {a for b in bodies for a in (b, *b.iterancestors())}
    seen = set(kept) | set(not_body) | {key(p) for p in paragraphs}
    found: dict[HtmlElement, list[tuple[int, str]]] = {}
    for el in ps:
        parent = el.getparent()
        if parent is None or parent in bodies:
            continue
        body = next((b for b in bodies if _same_kind(parent, b)), None)
        if body is None or _another_item(parent, body, around):
            continue
        k = key(_text(el))
        if not k or k in seen or not _prose(el, around):
            continue
        seen.add(k)
        found.setdefault(parent, []).append((order[el], _text(el)))
    # A chunk of a body is several paragraphs; a lone one is a bio, a disclosure, a footer line.
    added = [item for items in found.values() if len(items) >= MIN_CHUNK_PARAGRAPHS for item in items]
    if not added:
        return paragraphs
    # trafilatura's paragraphs keep their order; one not found in the page (a list, a table)
    # stays right after the paragraph before it.
    placed: list[tuple[int, int, str]] = []
    last = -1
    for n, p in enumerate(paragraphs):
        el = kept.get(key(p))
        last = order[el] if el is not None else last
        placed.append((last, n, p))
    placed += [(pos, len(paragraphs) + n, text) for n, (pos, text) in enumerate(added)]
    return [text for _, _, text in sorted(placed)]


__all__ = ["PROMO", "completed", "key"]
