"""The dateline of a wire story: "ALEPPO, Syria (Reuters) —", "BEIRUT (AP) –", "DAMASCUS:".

WHY one reader: a dateline says where a story was *filed*, not where its events
happened, and four stages need it: the place finder (the dateline's city is an
"announced" place), the date finder (a date inside the dateline is the filing
date), the claims stage (capitals before the dash are not a speaker) and the
geocoder's document coherence (the dateline city comes first among the places).
They used to carry four grammars of their own; this is the one grammar.

The city is one to four words in capitals, then optionally a comma and a short
qualifier (country, day, date), then optionally an outlet in brackets, then the
separator: an em or en dash, ``--``, ``__``, a spaced hyphen, or a colon and a space.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Z'.-]+(?: [A-Z][A-Z'.-]+){0,3})"
    r"(?:\s*,(?P<qualifier>[^\n—–()]{0,60}?))?"
    r"\s*(?:\((?P<outlet>[^)\n]{1,60})\))?"
    r"\s*(?P<sep>—|–|--|__|-(?=\s)|:(?=\s))"
)


@dataclass(frozen=True)
class Dateline:
    """Where the dateline's city is, and where the dateline ends (offsets into the text)."""

    place: str
    place_start: int
    place_end: int
    end: int
    separator: str
    outlet: str | None = None


def read_dateline(text: str) -> Dateline | None:
    """The dateline opening ``text``, or None."""
    m = _DATELINE.match(text)
    if m is None:
        return None
    return Dateline(m.group("place"), m.start("place"), m.end("place"), m.end(), m.group("sep"),
                    m.group("outlet"))


__all__ = ["Dateline", "read_dateline"]
