"""Who and when from a comment's header text: "Ben 19. Juni 2018 um 15:28 Uhr - Antworten" -> ("Ben", date).

Comment widgets often put the commenter's name, the date and a reply button in
one element, or glue them with no space at all ("JohnSmith3 hours ago",
"Maria12/03/2025 10:14"). The markup is read first (``comments._author`` leaves
out the date and button elements); what is left is one string, and this module
splits it by the *shape of dates*: a name never ends in a date, so a date-shaped
tail (absolute, with or without a time, or relative: "3 hours ago", "vor 2
Tagen") is the posting time, and the labels around the name ("Comment by",
"says:", "dijo:", "- Antworten") are interface text. A name that merely ends in
digits ("Birgit10", "Mulm-1006") has no date shape and is left whole.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from frontlines.ingest.published import infer_dayfirst, parse_posted

# Month names dateutil does not know, to English (German, French, Spanish, Italian, Dutch, Portuguese).
_MONTHS = {
    "januar": "January", "jänner": "January", "janvier": "January", "enero": "January", "gennaio": "January",
    "januari": "January", "janeiro": "January",
    "februar": "February", "février": "February", "fevrier": "February", "febrero": "February",
    "febbraio": "February", "februari": "February", "fevereiro": "February",
    "märz": "March", "maerz": "March", "mars": "March", "marzo": "March", "maart": "March", "março": "March",
    "avril": "April", "abril": "April", "aprile": "April",
    "mai": "May", "mayo": "May", "maggio": "May", "mei": "May", "maio": "May",
    "juni": "June", "juin": "June", "junio": "June", "giugno": "June", "junho": "June",
    "juli": "July", "juillet": "July", "julio": "July", "luglio": "July", "julho": "July",
    "august": "August", "août": "August", "aout": "August", "agosto": "August", "augustus": "August",
    "septembre": "September", "septiembre": "September", "settembre": "September", "setembro": "September",
    "oktober": "October", "octobre": "October", "octubre": "October", "ottobre": "October", "outubro": "October",
    "novembre": "November", "noviembre": "November", "novembro": "November",
    "dezember": "December", "décembre": "December", "decembre": "December", "diciembre": "December",
    "dicembre": "December", "december": "December", "dezembro": "December",
}
_EN_MONTHS = ("jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|"
              "oct(?:ober)?|nov(?:ember)?|dec(?:ember)?")
_MONTH = "(?:" + _EN_MONTHS + "|" + "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True)) + ")"
_TIME = r"\d{1,2}[:.h]\d{2}(?::\d{2})?\s*(?:[ap]\.?\s?m\.?)?(?:\s*uhr)?"
_TIME_SEP = r"(?:\s*(?:,|@|//|\||-|–|—|at|um|à|a las|alle|om|às)?\s*)"
_DAY = r"\d{1,2}(?:st|nd|rd|th|\.|º)?"
_DATE = (
    r"(?:\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})"          # 12/03/2025, 30.10.2017
    r"|\d{1,2}[./]\d{1,2},?\s+\d{4}"                     # 17.07, 2011
    rf"|{_DAY}\s*(?:de\s+)?{_MONTH}\.?,?\s+(?:de\s+)?\d{{4}}"   # 19. Juni 2018, 3 de junio de 2020
    rf"|{_MONTH}\.?\s+{_DAY},?\s+\d{{4}})"               # June 19th, 2018
)
_WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun|mo|di|mi|do|fr|sa|so|lun|mar|mer|jeu|ven|sam|dim)[a-zä]*\.?,?\s+)?"
_RELATIVE = (
    r"(?:(?:\d{1,3}|an?|one)\s*(?:sec(?:ond)?s?|min(?:ute)?s?|h(?:ou)?rs?|hours?|days?|weeks?|months?|years?)\.?\s+ago"
    r"|vor\s+(?:\d{1,3}|einer?|einem)\s+(?:sekunden?|minuten?|stunden?|tag(?:en)?|wochen?|monat(?:en)?|jahr(?:en)?)"
    r"|il\s+y\s+a\s+\d{1,3}\s+(?:secondes?|minutes?|heures?|jours?|semaines?|mois|ans?)"
    r"|hace\s+\d{1,3}\s+(?:segundos?|minutos?|horas?|d[ií]as?|semanas?|mes(?:es)?|años?)"
    rf"|(?:yesterday|today|gestern|heute|hier|aujourd'hui|ayer|hoy)(?:{_TIME_SEP}{_TIME})?)"
)
_WHEN = rf"(?:{_RELATIVE}|{_WEEKDAY}{_DATE}(?:{_TIME_SEP}{_TIME})?|{_TIME}{_TIME_SEP}{_WEEKDAY}{_DATE})"
# Between a name and its date: punctuation, or a preposition ("on", "am", "le", ...), or nothing (glued).
_LEAD = (r"(?:\s*(?:[,|·•—–\-:]|\b(?:posted|commented|said|wrote|schrieb|sagt|says)?\s*"
         r"(?:on|am|at|le|el|il|op|em|um))?\s*)")
_SPLIT = re.compile(rf"^(?P<who>.*?[^\d\s])(?P<lead>{_LEAD})(?P<when>{_WHEN})\s*$", re.IGNORECASE)
# Interface text at a header's edges.
_ONLY = re.compile(rf"^\s*{_LEAD}(?P<when>{_WHEN})\s*$", re.IGNORECASE)
_PREFIX = re.compile(r"^\s*(?:comment(?:ed)? by|kommentar von|commentaire de|comentario de|reactie van|"
                     r"posted by|geschrieben von|by\s*:)\s*:?\s+", re.IGNORECASE)
_SUFFIX = re.compile(
    r"(?:\s*[-–—|·]?\s*(?:reply|antworten|r[ée]pondre|responder|rispondi|beantwoorden|svara|odpowiedz|permalink|"
    r"report|melden|zitieren|quote)\b\.?|\s*\b(?:says|said|wrote|schreibt|schrieb|sagt|meint|dijo|escribió|"
    r"a dit|a écrit|scrive|ha scritto|zegt|schreef)\s*:?|\s*[,:;|·•—–\-])\s*$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Header:
    """A comment header split: the commenter, and the date text found with the name (None when none was)."""

    author: str | None
    when: str | None


def split_header(text: str | None) -> Header:
    """The commenter and the date text of a header line ("Swantje on 16/08/2020 at 12:59 Antworten")."""
    s = " ".join((text or "").split())
    s = _PREFIX.sub("", s)
    when = None
    for _ in range(4):  # labels and dates can alternate at the end ("Ben 19. Juni 2018 um 15:28 Uhr - Antworten")
        before = s
        s = _SUFFIX.sub("", s).strip()
        m = _SPLIT.match(s)
        if m and when is None:
            when = m.group("when")
            s = m.group("who").strip()
        if s == before:
            break
    s = _PREFIX.sub("", s).strip()
    only = _ONLY.match(s) if when is None else None
    if only:  # the text is a date alone (a date element read as a header)
        return Header(author=None, when=only.group("when"))
    return Header(author=s[:120] or None, when=when)


def _normalised(when: str) -> str:
    """The date text as dateutil reads it: English month names, no "um"/"@"/"//" and no "17.07, 2011" comma."""
    s = re.sub(r"(\d{1,2}[./]\d{1,2}),\s+(\d{4})", r"\1.\2", when)
    s = re.sub(r"\b(de|um|at|à|a las|alle|om|às|uhr)\b|@|//|\|", " ", s, flags=re.IGNORECASE)
    s = re.sub(r"(?<=\d)(st|nd|rd|th|º)\b", "", s)
    s = re.sub(r"\w+", lambda m: _MONTHS.get(m.group(0).lower(), m.group(0)), s)
    s = re.sub(r"(?<=\d)\.(?=\s+[A-Za-z])", "", s)  # "19. June" -> "19 June"
    s = re.sub(r"(?<=\d)h(?=\d{2})", ":", s)  # "10h14"
    return re.sub(r"(\d{1,2})\.(\d{2})(?=\s*(?:[ap]\.?m\.?)?\s*$)", r"\1:\2", " ".join(s.split()))


def posted_from(whens: list[str | None]) -> list[datetime | None]:
    """Timestamps for the date texts of one thread.

    Numeric dates are read day-first or month-first by the thread, as a table column
    is (``infer_dayfirst``): one "16/08/2020" settles "11/08/2020" beside it; with no
    deciding date, dotted dates are day-first and slashed ones month-first. Relative
    dates ("3 hours ago") have no reference time here and stay None.
    """
    texts = [_normalised(w) if w else None for w in whens]
    numeric = [t for t in texts if t and re.match(r"^\d{1,2}[./-]\d{1,2}[./-]\d{2,4}", t)]
    dayfirst = infer_dayfirst(numeric)
    out: list[datetime | None] = []
    for t in texts:
        if not t or re.search(_RELATIVE, t, re.IGNORECASE):
            out.append(None)
            continue
        first = dayfirst if dayfirst is not None else bool(re.match(r"^\d{1,2}\.\d{1,2}\.", t))
        out.append(_parse(t, first))
    return out


def _parse(text: str, dayfirst: bool) -> datetime | None:
    from dateutil import parser as dateparser

    if not re.match(r"^\d{1,2}[./-]\d{1,2}[./-]", text):
        return parse_posted(text)
    try:
        dt = dateparser.parse(text, dayfirst=dayfirst, fuzzy=True)
    except (ValueError, OverflowError, TypeError, dateparser.ParserError):
        return None
    if dt.year < 100:
        dt = dt.replace(year=dt.year + 2000)
    return dt.replace(tzinfo=None) if 1900 <= dt.year <= 2100 else None


__all__ = ["Header", "posted_from", "split_header"]
