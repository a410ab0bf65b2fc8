"""Reader comment sections in HTML: WordPress ``ol.commentlist``, Disqus-like markup, generic ``.comment`` trees.

trafilatura keeps comment *text* at best, never who wrote it, when, or in reply
to whom; the thread structure is the point for us (DESIGN: comments are a
separate, tagged source type), so it is parsed here.

One mechanism covers the three families. A *comment node* is an element that
marks one comment: class token ``comment`` or ``post`` (Disqus), an id like
``comment-123``, ``data-comment-id``, or schema.org ``Comment`` microdata. A
reply's parent is its nearest enclosing comment node (WordPress ``ul.children``
and Disqus ``ul.children`` nest replies inside the parent), or the node named by
a ``data-parent-id`` style attribute (flat, export-like lists). A node whose own
content is empty is a wrapper around the real comment node and is merged into it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from lxml.html import HtmlElement

from frontlines.document import Comment
from frontlines.ingest.commenter import Header, posted_from, split_header
from frontlines.ingest.published import parse_posted

_ID = re.compile(r"^(?:li-|div-)?comment-?(\d+|[\w-]{4,})$", re.IGNORECASE)
_PARENT_ATTRS = ("data-parent-id", "data-parent", "data-reply-to", "data-in-reply-to", "data-parentid")
_ID_ATTRS = ("data-comment-id", "data-id", "data-post-id")
# Containers of a whole comment section: removed from the page so comments never reach the body.
_SECTION_CLASSES = {"comments", "comment-list", "commentlist", "comments-area", "comment-section", "comments-section",
                    "comment-respond", "comments-list", "post-list", "disqus-thread", "reader-comments"}
_SECTION_IDS = {"comments", "disqus_thread", "respond", "comment-section", "comments-section", "post-list",
                "reader-comments", "discussion"}
_AUTHOR_CLASSES = ("fn", "comment-author-name", "author-name", "comment-author", "author", "username", "user-name",
                   "commenter", "post-byline", "name", "user")
_TEXT_CLASSES = ("comment-content", "comment-text", "comment_text", "comment-message", "post-message", "message",
                 "comment-body-text", "commentbody", "comment-body", "content", "text", "body")
_DATE_CLASSES = ("comment-date", "comment-time", "post-meta", "comment-meta", "commentmetadata", "date", "time",
                 "timestamp", "published", "meta")
# Interface furniture inside a comment: never part of what the commenter wrote.
_UI_CLASSES = {"reply", "comment-reply-link", "comment-meta", "commentmetadata", "comment-author", "vcard", "avatar",
               "comment-actions", "actions", "edit-link", "comment-edit-link", "votes", "likes", "share", "report",
               "post-meta", "post-byline", "comment-footer", "comment-header", "author", "fn", "says", "meta",
               "reply-link", "comment-awaiting-moderation"}
_UI_TAGS = {"script", "style", "button", "form", "img", "svg", "footer", "nav", "noscript", "iframe", "input",
            "textarea", "select", "time"}
_BLOCKS = {"p", "div", "blockquote", "li", "pre", "h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "ul", "ol"}
MAX_COMMENTS = 5000  # per page; bounds the work an adversarial page can cause


def _classes(el: HtmlElement) -> set[str]:
    return set((el.get("class") or "").lower().split())


def _is_comment_node(el: HtmlElement) -> bool:
    if not isinstance(el.tag, str):
        return False
    cls = _classes(el)
    if "comment" in cls or "comment-item" in cls or "single-comment" in cls:
        return True
    if "post" in cls and el.tag in ("li", "article", "div") and _in_disqus(el):
        return True
    if any(el.get(a) for a in _ID_ATTRS[:1]):
        return True
    if "schema.org/comment" in (el.get("itemtype") or "").lower():
        return True
    ident = el.get("id") or ""
    return bool(_ID.match(ident)) and el.tag in ("li", "article", "div", "section")


def _in_disqus(el: HtmlElement) -> bool:
    for anc in el.iterancestors():
        if (anc.get("id") or "") in ("disqus_thread", "post-list") or _classes(anc) & {"disqus", "post-list"}:
            return True
    return False


def _candidates(root: HtmlElement) -> list[HtmlElement]:
    return [el for el in root.iter() if _is_comment_node(el)]


def _walk_own(el: HtmlElement, skip: set) -> Iterator[HtmlElement]:
    """``el`` and its descendants, not descending into comment nodes in ``skip``."""
    yield el
    for child in el:
        if not isinstance(child.tag, str) or child in skip:
            continue
        yield from _walk_own(child, skip)


def _find_by_class(el: HtmlElement, skip: set, names: tuple[str, ...]) -> HtmlElement | None:
    own = [e for e in _walk_own(el, skip) if e is not el]
    for name in names:
        for e in own:
            if name in _classes(e) or (e.get("itemprop") or "").lower() == name:
                return e
    return None


def _text_of(el: HtmlElement, skip: set, drop_ui: bool = True) -> str:
    """Paragraph-aware text: blocks become paragraphs (blank line), ``<br>`` a line break."""
    parts: list[str] = []

    def visit(node: HtmlElement) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str) and child not in skip and not (drop_ui and _is_ui(child)):
                block = child.tag in _BLOCKS
                if block:
                    parts.append("\n\n")
                elif child.tag == "br":
                    parts.append("\n")
                visit(child)
                if block:
                    parts.append("\n\n")
            if child.tail:
                parts.append(child.tail)

    visit(el)
    paras = []
    for chunk in re.split(r"\n\s*\n", "".join(parts)):
        lines = [" ".join(line.split()) for line in chunk.split("\n")]
        text = "\n".join(line for line in lines if line)
        if text:
            paras.append(text)
    return "\n\n".join(paras)


def _is_ui(el: HtmlElement) -> bool:
    return el.tag in _UI_TAGS or bool(_classes(el) & _UI_CLASSES)


_PROFILE = re.compile(r"/(?:users?|profil|profile|members?|benutzer|mitglied|utilisateur|usuario|u)/[^/?#]+", re.I)


def _author_node(el: HtmlElement, skip: set) -> HtmlElement | None:
    node = _find_by_class(el, skip, _AUTHOR_CLASSES)
    if node is None:
        node = next((e for e in _walk_own(el, skip) if e.tag == "cite"), None)
    if node is None:  # no author markup: a link to the commenter's profile page names them
        node = next((e for e in _walk_own(el, skip) if e.tag == "a" and _PROFILE.search(e.get("href") or "")
                     and 0 < len(e.text_content().strip()) <= 60), None)
    return node


_NAME_CLASS = re.compile(r"^(?:fn|name|nickname|(?:\w+[-_]{1,2})?(?:author|user|commenter)[-_]{1,2}name)$")


def _header(el: HtmlElement, skip: set) -> Header:
    """Who wrote the comment, and the date text written beside the name.

    Markup first: a name element inside the author block (``fn``, ``comment__author-name``)
    is the name; otherwise the block's text without its date, ``<time>`` and button
    elements. Widgets still glue name and date in one text ("Ben 19. Juni 2018 um
    15:28 Uhr", "JohnSmith3 hours ago"): ``commenter.split_header`` splits what is left
    by the shape of dates.
    """
    node = _author_node(el, skip)
    if node is None:
        return Header(None, None)
    inner = next((e for e in _walk_own(node, skip) if e is not node
                  and any(_NAME_CLASS.match(c) for c in _classes(e) | {(e.get("itemprop") or "").lower()})), None)
    if inner is not None:
        return split_header(inner.text_content())
    meta = {e for e in _walk_own(node, skip) if e is not node and _is_meta(e)}
    header = split_header(_text_of(node, skip | meta, drop_ui=False).replace("\n", " "))
    if header.author is None and meta:  # the name was all there was, inside a "meta"-classed element
        header = split_header(node.text_content())
    return header


def _is_meta(el: HtmlElement) -> bool:
    """A date, avatar or button element inside an author block: not part of the name."""
    cls = _classes(el)
    return (el.tag in _UI_TAGS or bool(cls & (_UI_CLASSES - {"comment-author", "author", "fn", "vcard"}))
            or bool(cls & set(_DATE_CLASSES)) or any(("date" in c or "time" in c) for c in cls)
            or "reply" in (el.get("href") or "") or bool(el.get("data-commentid")))


def _posted(el: HtmlElement, skip: set):
    for e in _walk_own(el, skip):
        if e.tag == "time":
            got = parse_posted(e.get("datetime") or e.text_content())
            if got:
                return got
        for attr in ("data-timestamp", "data-date", "data-created-at", "datetime"):
            if e.get(attr):
                got = parse_posted(e.get(attr))
                if got:
                    return got
    for e in _walk_own(el, skip):  # Disqus-style "2 hours ago" links carry the full date in a title
        if e.get("title"):
            got = parse_posted(e.get("title"))
            if got:
                return got
    node = _find_by_class(el, skip, _DATE_CLASSES)
    if node is not None:  # a text date, maybe beside the name ("Ben 19. Juni 2018 um 15:28 Uhr")
        text = node.text_content()
        when = split_header(text).when
        return posted_from([when])[0] if when else parse_posted(text)
    return None


def _body(el: HtmlElement, skip: set) -> str:
    node = _find_by_class(el, skip, _TEXT_CLASSES)
    if node is not None:
        text = _text_of(node, skip)
        if text:
            return text
    # No content element: the node's own text minus its author and date elements.
    meta = {_author_node(el, skip), _find_by_class(el, skip, _DATE_CLASSES)} - {None}
    return _text_of(el, skip | meta)


def extract_comments(root: HtmlElement, notes: list[str] | None = None) -> list[Comment]:
    """The comment thread of a page, in document order, and remove it from ``root``.

    Only a real thread is returned (see ``is_thread``): markup classed "comment" also
    holds comment *forms* and interface labels. A cap reached is said in ``notes``.
    """
    found = _candidates(root)
    nodes = found[:MAX_COMMENTS]
    if len(found) > MAX_COMMENTS and notes is not None:
        notes.append(f"comment thread capped: {len(found):,} comment elements, the first {MAX_COMMENTS:,} read")
    if not nodes:
        _remove_sections(root)
        return []
    node_set = set(nodes)
    # Merge wrappers (a node with no content of its own outside inner comment nodes) into their first inner node.
    alias: dict[HtmlElement, HtmlElement] = {}
    for n in nodes:
        inner = [d for d in n.iterdescendants() if d in node_set]
        if inner and not _text_of(n, set(inner)).strip():
            alias[n] = inner[0]

    def resolve(n: HtmlElement) -> HtmlElement:
        seen = set()
        while n in alias and n not in seen:
            seen.add(n)
            n = alias[n]
        return n

    real = [n for n in nodes if n not in alias]
    ids: dict[HtmlElement, str] = {}
    used: set[str] = set()
    for i, n in enumerate(real, 1):
        raw = next((n.get(a) for a in _ID_ATTRS if n.get(a)), None) or n.get("id") or ""
        m = _ID.match(raw)
        ident = f"comment-{m.group(1)}" if m else (raw or f"c{i}")
        while ident in used:
            ident += "_"
        used.add(ident)
        ids[n] = ident
    by_raw = {}
    for n in nodes:
        for raw in (n.get("id"), *(n.get(a) for a in _ID_ATTRS)):
            if raw:
                by_raw.setdefault(raw, resolve(n))
                m = _ID.match(raw)
                if m:
                    by_raw.setdefault(m.group(1), resolve(n))

    parents: dict[HtmlElement, HtmlElement | None] = {}
    for n in real:
        parent = None
        ref = next((n.get(a) for a in _PARENT_ATTRS if n.get(a)), None)
        if ref:
            ref = ref.lstrip("#")
            m = _ID.match(ref)
            parent = by_raw.get(ref)
            if parent is None and m:
                parent = by_raw.get(m.group(1))
        if parent is None:
            for anc in n.iterancestors():
                if anc in node_set and resolve(anc) is not n:
                    parent = resolve(anc)
                    break
        parents[n] = parent if parent is not n else None

    # Parents must be kept comments shown earlier: a reply whose parent had no text, or
    # points forward or in a cycle (flat lists can say anything), climbs to the nearest
    # earlier kept ancestor, or becomes top level. Depth then follows from the parent.
    by_id = {ids[n]: n for n in real}
    out: list[Comment] = []
    whens: list[str | None] = []
    depth_of: dict[str, int] = {}
    for n in real:
        # Walks never descend into a skipped node, so the inner comment nodes are enough.
        skip = {d for d in n.iterdescendants() if d in node_set}
        text = _trimmed(_body(n, skip))
        if not text or _interface_text(text) or any(a.tag == "form" for a in n.iterancestors()):
            continue
        p = parents[n]
        pid = ids.get(p) if p is not None else None
        for _ in range(len(real) + 1):
            if pid is None or pid in depth_of:
                break
            pn = parents.get(by_id[pid])
            pid = ids.get(pn) if pn is not None else None
        if pid is not None and pid not in depth_of:
            pid = None
        depth = depth_of[pid] + 1 if pid is not None else 0
        depth_of[ids[n]] = depth
        header = _header(n, skip)
        out.append(Comment(id=ids[n], parent_id=pid, author=header.author, posted=_posted(n, skip),
                           depth=depth, text=text))
        whens.append(header.when)
    # A date written beside the name stands in where the markup gave none; numeric ones are
    # read day- or month-first by the whole thread (``commenter.posted_from``).
    out = [c if c.posted is not None or p is None else replace(c, posted=p)
           for c, p in zip(out, posted_from(whens), strict=True)]
    if not is_thread(out):
        # Elements classed "comment" that are no thread (editor's notes, widgets): page content,
        # left in place for the fallback reader; only comment sections and forms go.
        _remove_sections(root)
        return []
    for n in nodes:
        if not any(a in node_set for a in n.iterancestors()):
            _drop(n)
    _remove_sections(root)
    return out


# Interface labels of comment widgets, in the languages of the pages we meet. A comment whose
# whole text is one of these (or an untranslated "%s" template) is the widget, not a commenter.
_INTERFACE = re.compile(
    r"^(reply|replies|antworten|abbrechen|cancel( reply)?|r[ée]pondre|annuler|responder|cancelar|rispondi|annulla|"
    r"beantwoorden|annuleren|svara|avbryt|odpowiedz|anuluj|ответить|отмена|رد|إلغاء|"
    r"leave a (comment|reply)|post (a )?comment|add (a )?comment|submit( comment)?|send|senden|absenden|"
    r"kommentar (schreiben|abschicken|verfassen|hinzuf[üu]gen)|kommentieren|log ?in to (reply|comment)|"
    r"sign in to comment|load more( comments)?|show more|weitere laden|mehr laden|mehr anzeigen|zitieren|quote|"
    r"melden|liken|gef[äa]llt mir|"
    r"(you must be )?logged in to post a comment|edit|delete|report|share|like|permalink|"
    r"\d+ (likes?|replies|antworten|comments?|kommentare))[.!:]*$",
    re.IGNORECASE,
)


_COUNTER = re.compile(r"^#?\d{1,3}\.?$")  # a comment's running number ("1", "#12"), not a year
_BY = re.compile(r"^(kommentar von|comment by|commentaire de|comentario de|reactie van)$", re.IGNORECASE)


def _label(line: str) -> bool:
    """A widget label, also doubled as screen readers get it ("LikenLiken": a hidden and a visible copy)."""
    if _INTERFACE.match(line) or _BY.match(line):
        return True
    half = len(line) // 2
    return len(line) % 2 == 0 and line[:half] == line[half:] and bool(_INTERFACE.match(line[:half]))


def _trimmed(text: str) -> str:
    """The comment without the widget lines around what the commenter wrote.

    Leading running numbers and "Kommentar von" prefixes, trailing "Liken" / "Reply" buttons:
    only at the edges, so a commenter's own "Reply" inside the text stays.
    """
    lines = text.split("\n")
    while lines and (not lines[0].strip() or _label(lines[0].strip())
                     or (len(lines) > 1 and _COUNTER.match(lines[0].strip()))):
        lines.pop(0)
    while lines and (not lines[-1].strip() or _label(lines[-1].strip())):
        lines.pop()
    return "\n".join(lines) if len(lines) else ""


def _interface_text(text: str) -> bool:
    """Whether every paragraph of ``text`` is a widget label ("Add comment" / "Load more...")."""
    flat = " ".join(text.split())
    if "%s" in flat or "%1$s" in flat:
        return True
    parts = [" ".join(p.split()) for p in re.split(r"\n+", text) if p.strip()]
    return bool(parts) and all(_INTERFACE.match(p) for p in parts)


def is_thread(comments: list[Comment]) -> bool:
    """Whether parsed comments are a reader thread: repeated items that say who wrote them or when.

    Widgets and forms classed "comment" yield items with neither author nor date;
    a real thread names its commenters or dates their posts, item after item. At
    least half the items must carry one of the two.
    """
    if not comments:
        return False
    signed = sum(1 for c in comments if c.author or c.posted)
    return signed * 2 >= len(comments)


def _drop(el: HtmlElement) -> None:
    parent = el.getparent()
    if parent is not None:
        tail = el.tail
        parent.remove(el)
        if tail and tail.strip():
            prev = parent[-1] if len(parent) else None
            if prev is not None:
                prev.tail = (prev.tail or "") + tail
            else:
                parent.text = (parent.text or "") + tail


def _remove_sections(root: HtmlElement) -> None:
    doomed = []
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in ("html", "body"):
            continue
        if (el.get("id") or "").lower() in _SECTION_IDS or _classes(el) & _SECTION_CLASSES:
            doomed.append(el)
    for el in doomed:
        if el.getparent() is not None and not any(a in doomed for a in el.iterancestors()):
            _drop(el)


__all__ = ["MAX_COMMENTS", "extract_comments", "is_thread"]
