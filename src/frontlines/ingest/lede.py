"""The deck (standfirst, lede): by class name where the page names it, else by its place under the headline.

WHY: a news page puts its summary between the headline and the body, and
trafilatura often drops it (it is outside the body's container). Class names for
it are endless (``lead``, ``article__abstract``, ``story__summary``, ``preamble``,
``excerpt``, hashed CSS-in-JS names...), so besides the names, the rule is where
it stands: the first prose block after the headline ``<h1>`` and before the body's
first paragraph. A named element is only a deck if it stands where a deck does:
after the headline (or beside it), not in the site's navigation, a tagline or a
button before the article.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from frontlines.ingest.chunks import PROMO, key

# "teaser" names a page's own lede in many CMSs (German sites above all), so it is no promo box here.
# Captions and credits sit between a headline and the body too, and are no deck.
_NOT_OWN = re.compile(PROMO.pattern.replace("|teaser", "") + r"|caption|credit|image|photo", re.IGNORECASE)

MIN_NAMED_WORDS = 4  # a named deck is a phrase at least, not a name or a credit
MIN_WORDS = 8  # a lede is a sentence or two, not a byline, a date or a label
LONG_WORDS = 12  # a standfirst this long needs no full stop (many omit it); a shorter one does
MAX_CHARS = 600
MAX_SCAN = 400  # elements after the headline: a deck is close to it
_SENTENCE_END = re.compile(r"[.!?…\"”“»)]$")
_BLOCKS = frozenset({"p", "div", "h2", "h3", "span", "section", "hgroup", "strong"})
_CHILD_BLOCKS = frozenset({"p", "div", "h2", "h3", "ul", "ol", "section", "article", "table", "figure"})
_NOT_DECK = frozenset({"nav", "aside", "figure", "figcaption", "footer", "form", "time", "button", "a", "address",
                       "label", "select", "ul", "ol", "li", "h1"})


def _text(el: HtmlElement) -> str:
    return " ".join(el.text_content().split())


def is_logo_or_chrome(el: HtmlElement) -> bool:
    """In navigation, or a heading that is one link (the site's logo linking home, not a headline)."""
    text = _text(el)
    if text and len(" ".join(_text(a) for a in el.iter("a"))) >= len(text):
        return True
    return any(a.tag in ("nav", "aside", "footer") for a in el.iterancestors())


def headline(root: HtmlElement, title: str | None = None) -> HtmlElement | None:
    """The page's headline, outside navigation (some sites put an ``<h1>`` in their breadcrumb).

    The heading that reads as ``title``, else the first ``<h1>``, else the first ``<h2>``
    of the ``<article>`` or ``<main>``. A heading that is all link is a logo, not a headline.
    """
    want = key(title or "")
    if len(want) >= 15:
        for h in root.iter("h1", "h2"):
            k = key(_text(h))
            if len(k) >= 15 and (k == want or k in want or want in k) and not is_logo_or_chrome(h):
                return h
    first = next((h for h in root.iter("h1") if _text(h) and not is_logo_or_chrome(h)), None)
    if first is not None:
        return first
    return next((h for h in root.iter("h2") if _text(h) and not is_logo_or_chrome(h)
                 and any(a.tag in ("article", "main") for a in h.iterancestors())), None)


def _outside(el: HtmlElement) -> bool:
    """Inside navigation, a figure, a form, a link or a box for other content.

    Only up to the ``<article>`` or ``<main>``: names above it (``<body class="segment--recommended">``)
    describe the page, not this block.
    """
    for anc in (el, *el.iterancestors()):
        if not isinstance(anc.tag, str):
            continue
        if anc.tag in ("article", "main", "body"):
            return False
        if anc.tag in _NOT_DECK or _NOT_OWN.search(f"{anc.get('class') or ''} {anc.get('id') or ''}"):
            return True
    return False


# Words a CMS builds its deck's class name from (``e-standfirst``, ``hero__excerpt``,
# ``article__preamble``, ``entry-excerpt``, ``teaser lead``): matched as a part of a class token.
DECK_WORDS = frozenset({"deck", "dek", "standfirst", "subtitle", "subheadline", "strapline", "excerpt", "preamble",
                        "lede", "lead", "leadtext", "epigraph", "abstract", "summary", "intro", "synopsis"})
_PARTS = re.compile(r"[-_]+")


def named(root: HtmlElement, head: HtmlElement | None, body_keys: set[str] | frozenset = frozenset()
          ) -> HtmlElement | None:
    """The first element whose class names it a deck and that stands where a deck does (``plausible``).

    ``body_keys`` (``key``s of the body's paragraphs, as far as known) mark where the body starts:
    a deck comes before it, so a post card's ``excerpt`` further down is none.
    """
    order = {e: i for i, e in enumerate(root.iter())}
    start = next((order[p] for p in root.iter("p") if key(_text(p)) in body_keys), None) if body_keys else None
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("meta", "html", "body", "article", "main"):
            continue
        if start is not None and order[el] > start:
            return None  # past the body's first paragraph (which may be the deck itself)
        tokens = (*(el.get("class") or "").lower().split(), (el.get("id") or "").lower())
        words = {w for tok in tokens for w in (*_PARTS.split(tok), _PARTS.sub("", tok))}  # sub-title: subtitle
        if words & DECK_WORDS and not _NOT_OWN.search(f"{el.get('class') or ''} {el.get('id') or ''}") \
                and len(_text(el)) <= MAX_CHARS and plausible(el, head, order):
            return el
    return None


def plausible(el: HtmlElement, h1: HtmlElement | None, order: dict[HtmlElement, int] | None = None) -> bool:
    """A deck candidate stands where a deck does: close after the headline, not in site chrome, not a link."""
    text = _text(el)
    if len(text.split()) < MIN_NAMED_WORDS or _outside(el):
        return False
    links = sum(len(_text(a)) for a in el.iter("a"))
    if links > 0.5 * len(text):
        return False
    if h1 is None:
        return False  # no headline to stand under: a class name alone is too weak (site taglines)
    if el.getparent() is h1.getparent():
        return True
    order = order or {e: i for i, e in enumerate(el.getroottree().getroot().iter())}
    return 0 < order.get(el, 0) - order.get(h1, 0) <= MAX_SCAN


def after_headline(root: HtmlElement, body_keys: set[str], title: str | None = None) -> str | None:
    """The first prose block after the headline, if it comes before the body (``key``s of body paragraphs)."""
    h1 = headline(root, title)
    if h1 is None:
        return None
    inside = set(h1.iter())
    started, scanned = False, 0
    for el in root.iter():
        if el is h1:
            started = True
            continue
        if not started or el in inside or not isinstance(el.tag, str):
            continue
        scanned += 1
        if scanned > MAX_SCAN:
            return None
        if el.tag not in _BLOCKS:
            continue
        text = _text(el)
        k = key(text)
        if not k:
            continue
        if k in body_keys:
            return None  # the body starts here: no deck between headline and body
        if any(isinstance(c.tag, str) and c.tag in _CHILD_BLOCKS and _text(c) for c in el):
            continue  # a wrapper: its blocks come next
        words = len(text.split())
        if words < MIN_WORDS or len(text) > MAX_CHARS or (words < LONG_WORDS and not _SENTENCE_END.search(text)):
            continue
        if _outside(el) or sum(len(_text(a)) for a in el.iter("a")) > 0.3 * len(text):
            continue
        if any(isinstance(d.tag, str) and _NOT_OWN.search(f"{d.get('class') or ''} {d.get('id') or ''}")
               for d in el.iterdescendants()):
            continue  # holds a caption or a credit
        return text
    return None


_CREDIT = re.compile(r"©|\(c\)\s|^\s*(?:photo(?:graph)?s?|foto(?:s|grafie)?|bild|image|credit)s?\s*:", re.IGNORECASE)
_TRUNCATED = re.compile(r"(?:\.\.\.|…|\[…\]|\[\.\.\.\])\s*$")
_WORD = re.compile(r"\w{4,}")


def is_credit(text: str) -> bool:
    """A photo caption with its credit ("Trump at a rally © Agency", "Photograph: Name") is no deck."""
    return bool(_CREDIT.search(text))


def described(description: str | None, paragraphs: list[str], title: str | None = None) -> str | None:
    """The page's own summary (``og:description``) as the deck, where the markup shows none we can place.

    WHY: the description meta is the outlet's standfirst on most news sites, and decks
    sit in markup the place rules miss (script-rendered headers, hashed classes). It is
    only taken when it reads as this article's summary: a sentence or more, not cut off
    ("..."), not the headline, not already the body's opening, and about what the body
    is about (a third of its longer words start words of the body; a site's tagline shares few).
    """
    text = " ".join((description or "").split()).rstrip(" |·-–—")
    if not text or text == " ".join((title or "").split()) or _TRUNCATED.search(text):
        return None
    words = len(text.split())
    if len(text) > MAX_CHARS or (words < LONG_WORDS and not _SENTENCE_END.search(text)) or words < MIN_WORDS:
        return None
    body = " ".join(paragraphs)
    flat = " ".join(body.split())
    if not flat or text in flat or key(text) in {key(p) for p in paragraphs}:
        return None
    own = [w.lower()[:5] for w in _WORD.findall(text)]  # word starts: "Geheimdienste" ~ "Geheimdienstmitarbeiter"
    seen = {w.lower()[:5] for w in _WORD.findall(flat)}
    if own and sum(w in seen for w in own) < 0.3 * len(own):
        return None
    return text


__all__ = ["DECK_WORDS", "after_headline", "described", "headline", "is_credit", "is_logo_or_chrome", "named",
           "plausible"]
