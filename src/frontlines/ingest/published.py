"""Publication dates from metadata strings (columns, ``Published:`` lines, feed and page metadata).

This parses dates that are *labelled* as dates. Resolving dates mentioned in
prose ("on Sunday") is the NLP stage's job (``frontlines.nlp.dates``), not ours.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

from dateutil import parser as dateparser

_NUMERIC = re.compile(r"^\s*(\d{1,4})[/.\-](\d{1,2})[/.\-](\d{1,4})")


def parse_published(value, dayfirst: bool | None = None) -> date | None:
    """A ``date`` from a metadata value, or None when it is not a plausible publication date."""
    if value is None:
        return None
    if isinstance(value, datetime):
        d = value.date()
    elif isinstance(value, date):
        d = value
    else:
        text = str(value).strip()
        if not text or len(text) > 80 or not any(ch.isdigit() for ch in text):
            return None
        try:
            d = dateparser.parse(text, dayfirst=bool(dayfirst), fuzzy=True, default=datetime(2000, 1, 1)).date()
        except (ValueError, OverflowError, TypeError, dateparser.ParserError):
            return None
    return d if 1900 <= d.year <= 2100 else None


_YEAR = re.compile(r"(?<!\d)(19|20)\d{2}(?!\d)")
_EPOCH = re.compile(r"^\d{9,10}(\.\d+)?$")


def parse_posted(value) -> datetime | None:
    """A timestamp for a comment (``posted``), keeping the time of day when given.

    A year must be present (or a Unix timestamp): "10:11 am" or "2 hours ago"
    alone would otherwise become a confident, wrong date.
    """
    if value is None:
        return None
    text = str(value).strip()
    if _EPOCH.match(text):
        return datetime.fromtimestamp(float(text), tz=UTC).replace(tzinfo=None)
    if not text or len(text) > 80 or not _YEAR.search(text):
        return None
    try:  # ISO 8601 (what <time datetime> and feeds carry) without dateutil's fuzzy machinery
        dt = datetime.fromisoformat(text)
        if 1900 <= dt.year <= 2100:
            return dt.replace(tzinfo=None) if dt.tzinfo is None else dt.astimezone(UTC).replace(tzinfo=None)
    except ValueError:
        pass
    try:
        dt = dateparser.parse(text, fuzzy=True, default=datetime(2000, 1, 1))
    except (ValueError, OverflowError, TypeError, dateparser.ParserError):
        return None
    if not 1900 <= dt.year <= 2100:
        return None
    return dt.replace(tzinfo=None) if dt.tzinfo is None else dt.astimezone(UTC).replace(tzinfo=None)


def infer_dayfirst(values) -> bool | None:
    """Whether a column of numeric dates is day-first (``19/4/17``) or month-first (``4/19/17``).

    Decided by the column, not the value: one unambiguous row (a part over 12)
    settles every ambiguous row in the same column.
    """
    first_over, second_over = 0, 0
    for v in values:
        m = _NUMERIC.match(str(v or ""))
        if not m or len(m.group(1)) == 4:
            continue
        a, b = int(m.group(1)), int(m.group(2))
        first_over += a > 12
        second_over += b > 12
    if first_over and not second_over:
        return True
    if second_over and not first_over:
        return False
    return None
