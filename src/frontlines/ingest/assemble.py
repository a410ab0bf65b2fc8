"""Turning a reader's fields into a ``Document``: the content id rule and the CLI overrides.

Every reader ends here, so the identity rule is applied the same way to a text
dump, an HTML page, a feed item, an archive record and a corpus row.

Identity: the same article must collapse to one row wherever it comes from. A
headline is the least stable part of an article (outlets re-headline syndicated
copy; scraped corpora truncate or mis-decode titles: FA-KES repeats articles
word for word under differing titles and dates), so when the body is long
enough to identify the article on its own, the id hashes the body (and the
comment thread) only. A short body (a feed teaser, a one-line note) does not
identify an article, so there the title is hashed too; otherwise two distinct
feed items sharing a boilerplate summary would collapse into one.
"""

from __future__ import annotations

from datetime import date

from frontlines.document import Comment, Document, make_doc_id
from frontlines.ingest.language import guess_language
from frontlines.ingest.options import IngestOptions

# A body of at least this many words identifies its article without the headline.
SELF_IDENTIFYING_WORDS = 40


def content_id(title: str | None, paragraphs: list[str], comments: list[Comment] | None = None) -> str:
    words = sum(len(p.split()) for p in paragraphs)
    keep_title = title if words < SELF_IDENTIFYING_WORDS else None
    return make_doc_id(keep_title, paragraphs, comments)


# Invisible characters that only hint where a line may break: a soft hyphen in "Ham\u00adda\u00adniya"
# keeps the name from matching a gazetteer, a zero-width space splits nothing visible. Both are
# safe to delete in every script. Zero-width (non-)joiners are NOT removed: Persian, Urdu and
# Indic scripts use them to choose letter forms, so they are part of the spelling there.
_INVISIBLE = str.maketrans({"\u00ad": None, "\u200b": None, "\u2060": None, "\ufeff": None})


def invisible_removed(text: str) -> str:
    return text.translate(_INVISIBLE)


def clean(text: str | None) -> str | None:
    """Collapse whitespace, drop invisible break hints; empty strings become None so 'missing' has one spelling."""
    if text is None:
        return None
    text = " ".join(invisible_removed(str(text)).split())
    return text or None


def make_document(
    *,
    source_id: str,
    reader: str,
    options: IngestOptions,
    title: str | None = None,
    subtitle: str | None = None,
    byline: str | None = None,
    paragraphs: list[str] | None = None,
    author_bio: str | None = None,
    url: str | None = None,
    source: str | None = None,
    published: date | None = None,
    published_from: str | None = None,
    language: str | None = None,
    comments: list[Comment] | None = None,
) -> Document:
    paragraphs = [p for p in (_strip_para(p) for p in paragraphs or []) if p]
    comments = [_clean_comment(c) for c in comments or []]
    title, subtitle, byline, author_bio = clean(title), clean(subtitle), clean(byline), clean(author_bio)
    if options.published is not None:
        published, published_from = options.published, "cli"
    elif published is None:
        published_from = None
    if options.source:
        source = options.source
    if language is None:
        language = guess_language(" ".join([title or "", *paragraphs[:5]]))
    return Document(
        doc_id=content_id(title, paragraphs, comments),
        source_id=source_id,
        title=title,
        subtitle=subtitle,
        byline=byline,
        paragraphs=paragraphs,
        author_bio=author_bio,
        url=clean(url),
        source=clean(source),
        published=published,
        published_from=published_from,
        language=language,
        comments=comments,
        reader=reader,
    )


def _clean_comment(c: Comment) -> Comment:
    text, author = invisible_removed(c.text), clean(c.author) if c.author else c.author
    if text == c.text and author == c.author:
        return c
    return Comment(c.id, c.parent_id, author, c.posted, c.depth, text)


def _strip_para(p: str) -> str:
    lines = [" ".join(line.split()) for line in invisible_removed(str(p)).replace("\r", "\n").split("\n")]
    return "\n".join(line for line in lines if line).strip()
