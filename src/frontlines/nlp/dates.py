"""Date expressions: find them in a sentence, resolve them against the publication date.

WHY regex and not spaCy's DATE entities: news dates come in a small closed set
of forms ("on Saturday", "by Sunday morning", "last week", "26 November"), the
NER model misses or over-extends many of them, and a regex is cheap enough to
run on every sentence, parsed or not. That matters because anaphoric
expressions ("by the evening", "later that day") take the day most recently
mentioned, which may sit in a sentence the pre-filter did not parse.

Resolution never guesses: without a publication date a relative expression
keeps its text and gets no date. ``time_precision`` follows ACLED: 1 for a
day, 2 for a span of days up to a week or so, 3 for a month; a span is
recorded at its midpoint with ``start``/``end`` kept.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.language import Language
from spacy.tokens import Doc, Span

from frontlines.mention import DateRef
from frontlines.nlp.doc_text import doc_text

WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
WEEKDAYS.update({name.lower(): i for i, name in enumerate(calendar.day_abbr)})
WEEKDAYS["tues"] = 1
WEEKDAYS["thur"] = WEEKDAYS["thurs"] = 3
MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9

_WD = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thur?s?|fri|sat|sun)"
_MON = (r"(?:january|february|march|april|may|june|july|august|september|october|november|december|"
        r"jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?")
_PART = r"(?:\s+(?:morning|afternoon|evening|night|overnight|dawn|noon))?"
_PREP = r"(?:(?:on|by|early|late|until|since|from|before|after|during|in|over|at|last|this|next|earlier|later)\s+)*"
_NUM_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
              "nine": 9, "ten": 10, "a": 1, "a couple of": 2, "several": 3, "a few": 3}

_PATTERNS: list[tuple[str, re.Pattern]] = [(kind, re.compile(rx, re.IGNORECASE)) for kind, rx in [
    ("iso", r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b"),
    ("dmy", _PREP + r"\b(?:" + _WD + r",?\s+)?(?:the\s+)?(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:\s+of)?\s+(?P<mon>" + _MON
     + r")(?:,?\s+(?P<y>(?:19|20)\d\d))?" + _PART + r"\b"),
    ("mdy", _PREP + r"\b(?:" + _WD + r",?\s+)?(?P<mon>" + _MON + r")\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\b(?:,?\s+(?P<y>(?:19|20)\d\d))?"
     + _PART),
    ("month", r"\b(?:(?:in|during|since|until|by|early|late|mid|mid-|earlier|last|this|next)\s+)*(?P<mon>"
     r"january|february|march|april|june|july|august|september|october|november|december|"
     r"jan\.|feb\.|aug\.|sept?\.|oct\.|nov\.|dec\.)(?:\s+(?P<y>(?:19|20)\d\d))?\b"),
    ("ago", r"\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten|a|a couple of|several|a few)\s+"
     r"(?P<unit>days?|weeks?|months?)\s+ago\b"),
    ("yesterday", r"\b(?:(?:on|by|since|until|early|late)\s+)?(?:the\s+day\s+before\s+yesterday|yesterday|"
     r"last\s+night)" + _PART + r"\b"),
    ("today", r"\b(?:(?:on|by|since|until|early|late|earlier|later)\s+)?(?:today|tonight|"
     r"this\s+(?:morning|afternoon|evening))\b"),
    ("weekend", r"\b(?:(?:over|during|at|on|by|since)\s+)?(?:the\s+|this\s+|last\s+|past\s+)?weekend\b"),
    ("week", r"\b(?:(?:earlier|later|during|over|in|since|by|until)\s+)?(?:the\s+)?(?P<rel>last|past|this|previous)\s+week\b"),
    ("month_rel", r"\b(?:(?:earlier|later|during|over|in|since|by|until)\s+)?(?:the\s+)?(?P<rel>last|past|this|previous)\s+month\b"),
    ("days", r"\b(?:(?:in|over|during)\s+)?the\s+(?:past|last)\s+(?P<n>\d+|two|three|four|five|six|seven|eight|nine|ten|few|several)\s+days\b"),
    ("weekday", r"\b" + _PREP + r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b" + _PART + r"(?:\s+(?:morning|afternoon|evening|night))?"),
    ("anaphoric", r"\b(?:(?:by|in|during|on|late|early|later|earlier)\s+)*(?:the|that|the\s+same|the\s+following)\s+"
     r"(?:morning|afternoon|evening|night|day)\b|\blater\s+that\s+day\b|\bovernight\b"),
]]


# Words every match of a pattern contains (casefolded): a pattern runs only on text holding one of them.
# The patterns open with long optional preposition runs that the regex engine retries at every
# character, so on a sentence without, say, a month name the month patterns are pure cost.
_MONTH_STEMS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
_NEEDS: dict[str, tuple[tuple[str, ...], ...]] = {
    "iso": (tuple("0123456789"),),
    "dmy": (tuple("0123456789"), _MONTH_STEMS),
    "mdy": (tuple("0123456789"), _MONTH_STEMS),
    "month": (_MONTH_STEMS,),
    "ago": (("ago",),),
    "yesterday": (("yesterday", "night"),),
    "today": (("today", "tonight", "this"),),
    "weekend": (("weekend",),),
    "week": (("week",),),
    "month_rel": (("month",),),
    "days": (("days",),),
    "weekday": (("day",),),
    "anaphoric": (("morning", "afternoon", "evening", "night", "day"),),
}


# Every month name in the patterns starts on a word boundary ("on 3 March", not "market").
_MONTH_WORD = re.compile(r"\b(?:" + "|".join(_MONTH_STEMS) + ")", re.IGNORECASE)


def _may_match(kind: str, folded: str, month_word: bool) -> bool:
    if kind in ("dmy", "mdy", "month") and not month_word:
        return False
    return all(any(w in folded for w in words) for words in _NEEDS[kind])


@dataclass
class DateMention:
    """A date expression found in text; offsets relative to the text searched."""

    text: str
    start: int
    end: int
    kind: str


def find_dates(sent: Span | Doc | str, *, screen: bool = True) -> list[DateMention]:
    """Date expressions in a sentence, longest first at each position, non-overlapping.

    ``screen`` skips the patterns whose words the text lacks (same result, less work).
    """
    text = sent if isinstance(sent, str) else sent.text
    found: list[DateMention] = []
    folded = text.casefold()
    month_word = _MONTH_WORD.search(text) is not None
    for kind, rx in _PATTERNS:
        if screen and not _may_match(kind, folded, month_word):
            continue
        for m in rx.finditer(text):
            s, e = m.start(), m.end()
            while e > s and text[e - 1].isspace():
                e -= 1
            if kind in ("dmy", "mdy") and m.group("mon").lower().rstrip(".") == "may" and kind == "mdy" \
                    and not m.group("d"):
                continue
            if kind == "weekday" and text[m.start("wd")].islower():
                continue
            if kind == "month" and text[m.start("mon"):m.end("mon")].islower():
                continue  # "march", "august" as ordinary words
            found.append(DateMention(text[s:e], s, e, kind))
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    out: list[DateMention] = []
    for d in found:
        if out and d.start < out[-1].end:
            continue
        out.append(d)
    return out


def _date_ref(expression: str, start: date, end: date | None = None) -> DateRef:
    end = end or start
    days = (end - start).days
    mid = start + timedelta(days=days // 2)
    precision = 1 if days == 0 else 2 if days <= 10 else 3
    return DateRef(expression=expression, date=mid, time_precision=precision,
                   start=start if days else None, end=end if days else None)


def _year_for(month: int, day: int | None, published: date) -> int:
    """A day-month without a year is the most recent one not after publication (+2 days' slack)."""
    year = published.year
    try:
        candidate = date(year, month, day or 1)
    except ValueError:
        return year
    if candidate > published + timedelta(days=2):
        year -= 1
    return year


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def resolve_date(expression: str | None, published: date | None, anchor: date | None = None,
                 kind: str | None = None):
    """A ``DateRef`` for ``expression``; ``anchor`` is the day most recently mentioned (for "that evening").

    Fully explicit dates ("26 November 2016") resolve without a publication date;
    everything relative needs one (or an anchor) and otherwise keeps only the text.
    """
    if not expression:
        return DateRef(expression=None)
    expr = expression.strip()
    low = expr.lower()
    if kind is None:
        found = find_dates(expr)
        kind = found[0].kind if found else None
    unresolved = DateRef(expression=expr)
    m = None
    if kind:
        m = dict(_PATTERNS)[kind].search(expr)
    if not m:
        return unresolved

    if kind == "iso":
        d = _safe_date(int(m["y"]), int(m["m"]), int(m["d"]))
        return _date_ref(expr, d) if d else unresolved
    if kind in ("dmy", "mdy"):
        month = MONTHS[m["mon"].lower().rstrip(".")]
        day = int(m["d"])
        if m["y"]:
            year = int(m["y"])
        elif published:
            year = _year_for(month, day, published)
        else:
            return unresolved
        d = _safe_date(year, month, day)
        return _date_ref(expr, d) if d else unresolved
    if kind == "month":
        month = MONTHS[m["mon"].lower().rstrip(".")]
        if m["y"]:
            year = int(m["y"])
        elif published:
            year = _year_for(month, None, published)
        else:
            return unresolved
        last = calendar.monthrange(year, month)[1]
        return _date_ref(expr, date(year, month, 1), date(year, month, last))
    if kind == "anaphoric":
        base = anchor or (published if "overnight" in low else None)
        if base is None:
            return unresolved
        if "overnight" in low:
            return _date_ref(expr, base - timedelta(days=1), base)
        if "following" in low:
            base = base + timedelta(days=1)
        return _date_ref(expr, base)
    if published is None:
        return unresolved
    p = published
    if kind == "yesterday":
        back = 2 if "before" in low else 1
        return _date_ref(expr, p - timedelta(days=back))
    if kind == "today":
        return _date_ref(expr, p)
    if kind == "ago":
        n = int(m["n"]) if m["n"].isdigit() else _NUM_WORDS.get(m["n"].lower(), 1)
        unit = m["unit"].lower()
        if unit.startswith("day"):
            return _date_ref(expr, p - timedelta(days=n))
        if unit.startswith("week"):
            centre = p - timedelta(weeks=n)
            return _date_ref(expr, centre - timedelta(days=3), centre + timedelta(days=3))
        month_start = _add_months(date(p.year, p.month, 1), -n)
        return _date_ref(expr, month_start, _month_end(month_start))
    if kind == "weekday":
        wd = WEEKDAYS[m["wd"].lower().rstrip(".")]
        delta = (p.weekday() - wd) % 7
        if re.search(r"\blast\s+" + _WD, low) and delta == 0:
            delta = 7
        if re.search(r"\bnext\s+" + _WD, low):
            return unresolved  # a future day is an announcement, not an event date
        return _date_ref(expr, p - timedelta(days=delta))
    if kind == "weekend":
        # The Saturday-Sunday on or before publication ("last weekend" when published mid-week).
        back = (p.weekday() - 5) % 7
        sat = p - timedelta(days=back)
        if "last" in low and back <= 1:
            sat -= timedelta(days=7)
        return _date_ref(expr, sat, min(sat + timedelta(days=1), p))
    if kind == "week":
        monday = p - timedelta(days=p.weekday())
        if m["rel"].lower() in ("last", "previous"):
            return _date_ref(expr, monday - timedelta(days=7), monday - timedelta(days=1))
        if m["rel"].lower() == "past":
            return _date_ref(expr, p - timedelta(days=7), p)
        return _date_ref(expr, monday, p)
    if kind == "days":
        n = int(m["n"]) if m["n"].isdigit() else _NUM_WORDS.get(m["n"].lower(), 3)
        return _date_ref(expr, p - timedelta(days=n), p)
    if kind == "month_rel":
        first = date(p.year, p.month, 1)
        if m["rel"].lower() in ("last", "previous"):
            prev = _add_months(first, -1)
            return _date_ref(expr, prev, _month_end(prev))
        if m["rel"].lower() == "past":
            return _date_ref(expr, p - timedelta(days=30), p)
        return _date_ref(expr, first, p)
    return unresolved


def _add_months(d: date, n: int) -> date:
    k = d.year * 12 + d.month - 1 + n
    return date(k // 12, k % 12 + 1, 1)


def _month_end(d: date) -> date:
    return date(d.year, d.month, calendar.monthrange(d.year, d.month)[1])


# -- spaCy component -----------------------------------------------------------------------
if not Doc.has_extension("fl_dates"):
    Doc.set_extension("fl_dates", default=None)


class DateFinder:
    """Annotates ``doc._.fl_dates`` with the date expressions of the text (character offsets)."""

    def __init__(self, nlp: Language, name: str, anaphoric: bool):
        self.name = name
        self.anaphoric = anaphoric

    def __call__(self, doc: Doc) -> Doc:
        found = [d for d in find_dates(doc_text(doc)) if self.anaphoric or d.kind != "anaphoric"]
        doc._.fl_dates = found
        return doc


@Language.factory("frontlines_dates", assigns=["doc._.fl_dates"], default_config={"anaphoric": True})
def make_date_finder(nlp: Language, name: str, anaphoric: bool) -> DateFinder:
    return DateFinder(nlp, name, anaphoric)


__all__ = ["DateFinder", "DateMention", "find_dates", "resolve_date"]
