"""The ``Document`` and ``Comment`` records: what every reader produces.

Readers are the only code that knows about file formats; everything downstream
sees these two dataclasses. ``doc_id`` is a hash of the normalised content so
that re-ingesting the same article from another file, feed or archive is a
no-op, while ``source_id`` keeps the input's own identifier so results can be
joined back to the user's corpus.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import Any

_WS = re.compile(r"\s+")


def normalise_text(text: str) -> str:
    """Canonical form used for hashing: NFC, unified quotes, collapsed whitespace."""
    text = unicodedata.normalize("NFKC", text or "")
    text = text.translate(_QUOTES)
    return _WS.sub(" ", text).strip()


_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


@dataclass(frozen=True)
class Comment:
    """One reader comment. ``depth`` 0 is top level; ``parent_id`` is None there."""

    id: str
    parent_id: str | None
    author: str | None
    posted: datetime | None
    depth: int
    text: str


@dataclass
class Document:
    """One news page, feed item, archive record or corpus row."""

    doc_id: str
    source_id: str
    title: str | None = None
    subtitle: str | None = None
    byline: str | None = None
    paragraphs: list[str] = field(default_factory=list)
    author_bio: str | None = None
    url: str | None = None
    source: str | None = None
    published: date | None = None
    published_from: str | None = None  # "meta", "text", "column", "cli", "feed", "warc", "url"
    language: str | None = None
    comments: list[Comment] = field(default_factory=list)
    reader: str | None = None  # which reader produced it: text, html, feed, warc, table

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["published"] = self.published.isoformat() if self.published else None
        d["comments"] = [
            {**asdict(c), "posted": c.posted.isoformat() if c.posted else None} for c in self.comments
        ]
        return d


def make_doc_id(title: str | None, paragraphs: list[str], comments: list[Comment] | None = None) -> str:
    """Hash of normalised title + body (+ comment texts).

    Only content counts, not the file name, outlet column or fetch time: the same
    article arriving twice must collapse to one row.
    """
    h = hashlib.sha256()
    h.update(normalise_text(title or "").lower().encode())
    for p in paragraphs:
        h.update(b"\x1e")
        h.update(normalise_text(p).lower().encode())
    for c in comments or []:
        h.update(b"\x1d")
        h.update(normalise_text(c.text).lower().encode())
    return h.hexdigest()[:32]
