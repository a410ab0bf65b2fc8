"""Plain-text page dumps: ``Title | Deck``, body paragraphs, ``Author:`` and bio, then a comment thread.

What a browser's "save as text" or a copy-paste of a news page gives::

    Title | Deck
    <blank>
    Body paragraph ...            (blocks separated by blank lines)
    Author: Name
    Bio ...
      • commenter                 (a bullet line naming the author, optional date)
        Comment text ...          (indented deeper than its bullet)
        • replier                 (nested deeper = a reply)

Nesting comes from indentation alone, whatever the step width: each bullet's
parent is the nearest earlier bullet indented less. A bullet opens the comment
section only if what follows it, to the end of the file, is shaped like a
thread (only bullets and text indented under them), so a bulleted list inside
the body is never mistaken for comments, and comment text never leaks into the body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from frontlines.document import Comment, Document
from frontlines.ingest.assemble import make_document
from frontlines.ingest.options import IngestOptions
from frontlines.ingest.published import parse_posted, parse_published

READER = "text"

_BULLET = re.compile(r"^([•*\-–◦‣·▪●○])\s+(\S.*)$")
_META = re.compile(
    r"^(author|by|byline|written by|published|date|posted|updated|source|outlet|publisher|url|link)\s*:\s*(\S.*)$",
    re.IGNORECASE,
)
_BY = re.compile(r"^[Bb]y\s+([A-Z][^\s,.;:!?]*(?:\s+[A-Za-z][^\s,;:!?]*){0,4})$")
SECTION_HEADING = re.compile(
    r"^(\d+\s+)?(comments?|responses?|replies|discussion|reader comments|leave a (reply|comment)|join the discussion)"
    r"(\s*\(\d+\))?:?$",
    re.IGNORECASE,
)
# Interface words a page dump picks up around comments; never part of what someone wrote.
_UI = re.compile(
    r"^(reply|share|like|report|flag|edit|delete|permalink|log in to reply|hide replies|show replies|"
    r"load more comments|view \d+ repl(y|ies)|\d+\s+(likes?|replies|upvotes?|points?))$",
    re.IGNORECASE,
)
_HEADER_SPLIT = re.compile(r"\s+(?:[·|—–]|-{1,2}|on|at)\s+|\s*\(|\s+(?=\d{1,2}[/.]\d{1,2}[/.]\d{2,4})")
_INITIAL = re.compile(r"(^|\s)[A-Z][a-z]{0,2}\.$")  # "Omar K.", "Yasmin Kh.", "Jr."
_SAYS = re.compile(r"\s*(says|said|wrote|writes)?\s*:?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Line:
    no: int
    indent: int
    text: str  # stripped; "" for a blank line


def _lines(text: str) -> list[Line]:
    out = []
    for i, raw in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n")):
        raw = raw.replace("\u00a0", " ").replace("\ufeff", "").expandtabs(4).rstrip()
        stripped = raw.lstrip(" ")
        out.append(Line(i, len(raw) - len(stripped), stripped))
    return out


def _blocks(lines: list[Line]) -> list[list[Line]]:
    blocks, cur = [], []
    for ln in lines:
        if ln.text:
            cur.append(ln)
        elif cur:
            blocks.append(cur)
            cur = []
    if cur:
        blocks.append(cur)
    return blocks


def _para(block: list[Line]) -> str:
    """Soft-wrapped lines join with a space; list items keep their own lines."""
    out = block[0].text
    for ln in block[1:]:
        out += ("\n" if _BULLET.match(ln.text) else " ") + ln.text
    return out


def _split_header(header: str) -> tuple[str, str | None]:
    """``'paridell · 28 Nov 2016 3:14 am'`` -> ('paridell', '28 Nov 2016 3:14 am')."""
    header = _SAYS.sub("", header).strip()
    parts = _HEADER_SPLIT.split(header, maxsplit=1)
    if len(parts) == 2 and parse_posted(parts[1].rstrip(")")) is not None:
        return parts[0].strip(), parts[1].rstrip(")").strip()
    return header, None


def _is_name(header: str) -> bool:
    author, _ = _split_header(header)
    words = author.split()
    if not (0 < len(words) <= 6 and len(author) <= 60) or _UI.match(author) or author[-1] in "!?,;:":
        return False
    # A sentence ends with a period; a name only does after an initial or short abbreviation.
    return not author.endswith(".") or bool(_INITIAL.search(author))


def _bullet_header(ln: Line) -> str | None:
    m = _BULLET.match(ln.text)
    if m and _is_name(m.group(2)):
        return m.group(2)
    return None


def _thread_shaped(lines: list[Line], start: int) -> tuple[bool, int]:
    """Whether ``lines[start:]`` is a comment thread: name bullets, each followed by deeper text.

    On failure also returns the index of the last bullet before the offending
    line: no candidate before it can succeed, which keeps the search linear.
    """
    current_indent = None
    last_bullet = start
    seen_text = False
    for i in range(start, len(lines)):
        ln = lines[i]
        if not ln.text or _UI.match(ln.text):
            continue
        if _bullet_header(ln) is not None:
            if current_indent is not None and not seen_text:
                return False, i  # a bullet with no text of its own: a list, not a comment
            current_indent, seen_text, last_bullet = ln.indent, False, i
            continue
        if ln.indent <= current_indent:
            return False, last_bullet  # text not indented under its bullet: body, not a thread
        seen_text = True
    return current_indent is not None and seen_text, len(lines)


def _find_thread(lines: list[Line], begin: int) -> int | None:
    i = begin
    while i < len(lines):
        if _bullet_header(lines[i]) is not None:
            ok, resume = _thread_shaped(lines, i)
            if ok:
                return i
            i = max(i + 1, resume)
        else:
            i += 1
    return None


def _parse_comments(lines: list[Line]) -> list[Comment]:
    comments: list[Comment] = []
    stack: list[tuple[int, Comment]] = []  # (bullet indent, comment) of the open ancestors
    texts: list[list[list[Line]]] = []
    for ln in lines:
        header = _bullet_header(ln)
        if header is not None:
            while stack and stack[-1][0] >= ln.indent:
                stack.pop()
            author, when = _split_header(header)
            c = Comment(
                id=f"c{len(comments) + 1}",
                parent_id=stack[-1][1].id if stack else None,
                author=author,
                posted=parse_posted(when) if when else None,
                depth=len(stack),
                text="",
            )
            comments.append(c)
            texts.append([[]])
            stack.append((ln.indent, c))
        elif not comments or _UI.match(ln.text):
            continue
        elif not ln.text:
            if texts[-1][-1]:
                texts[-1].append([])
        else:
            texts[-1][-1].append(ln)
    out = []
    for c, paras in zip(comments, texts, strict=True):
        text = "\n\n".join(_para(b) for b in paras if b)
        out.append(Comment(c.id, c.parent_id, c.author, c.posted, c.depth, text))
    return [c for c in out if c.text]


_META_KEYS = {"by": "author", "byline": "author", "written by": "author", "date": "published",
              "posted": "published", "outlet": "source", "publisher": "source", "link": "url"}


def _meta_block(block: list[Line], allow_by: bool) -> list[tuple[str, str]] | None:
    """``[(key, value)]`` when every line of the block is a metadata line, else None."""
    out = []
    for ln in block:
        m = _META.match(ln.text)
        if m:
            key = m.group(1).lower()
            out.append((_META_KEYS.get(key, key), m.group(2).strip()))
            continue
        by = _BY.match(ln.text) if allow_by else None
        if by:
            out.append(("author", by.group(1)))
            continue
        return None
    return out


# A headline is one short line; a longer first line, or one of several sentences, is body text.
MAX_TITLE_CHARS = 250
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)]?\s+[\"'\u201c\u2018(]?[A-Z\u0600-\u06ff]")


def _title_like(line: str) -> bool:
    return len(line) <= MAX_TITLE_CHARS and len(_SENTENCE_END.findall(line)) < 2


def parse_page(text: str, name: str, options: IngestOptions) -> Document:
    """Parse one page dump into a ``Document`` (raises nothing; an empty page gives an empty body)."""
    lines = _lines(text)
    first = next((i for i, ln in enumerate(lines) if ln.text), None)
    title = subtitle = None
    if first is None:
        start = len(lines)
    elif _bullet_header(lines[first]) is not None and _thread_shaped(lines, first)[0]:
        start = first  # a file of reader comments only: no headline, no article body
    elif not _title_like(lines[first].text):
        start = first  # the file opens with body text (a one-line or run-in article)
    else:
        head = lines[first].text
        title, _, subtitle = head.partition(" | ")
        subtitle = subtitle or None
        start = first + 1
        # A short line right under the title (no blank line between) is the deck.
        nxt = lines[start] if start < len(lines) else None
        if (subtitle is None and nxt is not None and nxt.text and len(nxt.text) <= 300
                and _meta_block([nxt], allow_by=True) is None and not _BULLET.match(nxt.text)
                and not (start + 1 < len(lines) and lines[start + 1].text)):
            subtitle, start = nxt.text, start + 1

    # The comment thread: the first bullet after which the rest of the file is thread-shaped.
    thread_at = _find_thread(lines, start)
    end = thread_at if thread_at is not None else len(lines)
    comments = _parse_comments(lines[thread_at:]) if thread_at is not None else []

    meta: dict[str, str] = {}
    body: list[str] = []
    bio: list[str] = []
    in_bio = False
    for block in _blocks(lines[start:end]):
        fields = _meta_block(block, allow_by=not body and not in_bio)
        if fields is not None:
            for key, value in fields:
                meta.setdefault(key, value)
                if key == "author" and body:
                    in_bio = True  # after the body, the author line is followed by the bio
            continue
        para = _para(block)
        if len(block) == 1 and SECTION_HEADING.match(para):
            continue
        (bio if in_bio else body).append(para)

    if not body and not comments:
        # Nothing below the headline: the lines read as title and deck were the article itself
        # ("Title\nOne-paragraph story", or a one-line article), which is what the file holds.
        if subtitle:
            body, subtitle = [subtitle], None
        elif title:
            body, title = [title], None
    published = parse_published(meta.get("published"))
    return make_document(
        source_id=name,
        reader=READER,
        options=options,
        title=title,
        subtitle=subtitle,
        byline=meta.get("author"),
        paragraphs=body,
        author_bio=" ".join(bio) or None,
        url=meta.get("url"),
        source=meta.get("source"),
        published=published,
        published_from="text" if published else None,
        comments=comments,
    )


def read(name: str, text: str, options: IngestOptions) -> Iterator[Document]:
    yield parse_page(text, name, options)
