"""ACLED-compatible rows from event mentions, and writers for table / CSV / JSONL / Parquet.

WHY every ACLED column, in ACLED's order: users load our output into tools and
scripts written for ACLED exports. The frontlines columns (provenance and
claim) come after them, so an ACLED reader that selects by name or by the
first 31 positions keeps working.
"""

from __future__ import annotations

import csv
import json
import sys
import time
from collections.abc import Iterable
from contextlib import suppress
from datetime import date
from pathlib import Path

from frontlines.errors import FrontlinesError, output_error
from frontlines.mention import EventMention

ACLED_COLUMNS = [
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type", "sub_event_type",
    "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2", "interaction",
    "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3", "location", "latitude",
    "longitude", "geo_precision", "source", "source_scale", "notes", "fatalities", "tags", "timestamp",
]
FRONTLINES_COLUMNS = [
    "mention_id", "doc_id", "source_id", "source_type", "comment_id", "section", "paragraph", "sentence",
    "char_start", "char_end", "evidence", "trigger", "claimant", "claimant_actor", "claimant_kind", "claim_verb",
    "certainty", "date_expression", "place_text", "fatalities_raw", "fatalities_qualifier", "injured",
    "displaced", "arrested", "score", "pipeline_version",
]
COLUMNS = ACLED_COLUMNS + FRONTLINES_COLUMNS
FORMATS = ("table", "csv", "jsonl", "parquet")

# ACLED regions for the countries most often in conflict reporting (ISO alpha-3 -> region).
_REGIONS = {
    **dict.fromkeys(["SYR", "IRQ", "YEM", "LBN", "ISR", "PSE", "JOR", "TUR", "IRN", "SAU", "ARE", "QAT", "KWT",
                     "BHR", "OMN", "CYP"], "Middle East"),
    **dict.fromkeys(["EGY", "LBY", "TUN", "DZA", "MAR", "SDN", "ESH"], "Northern Africa"),
    **dict.fromkeys(["NGA", "MLI", "BFA", "NER", "GHA", "SEN", "CIV", "GIN", "SLE", "LBR", "MRT", "TGO", "BEN",
                     "GMB", "GNB"], "Western Africa"),
    **dict.fromkeys(["SOM", "ETH", "KEN", "SSD", "UGA", "TZA", "RWA", "BDI", "ERI", "DJI", "MOZ", "MDG"],
                    "Eastern Africa"),
    **dict.fromkeys(["COD", "CAF", "CMR", "TCD", "COG", "GAB", "AGO"], "Middle Africa"),
    **dict.fromkeys(["ZAF", "ZWE", "ZMB", "MWI", "NAM", "BWA", "LSO", "SWZ"], "Southern Africa"),
    **dict.fromkeys(["AFG", "PAK", "IND", "BGD", "LKA", "NPL"], "South Asia"),
    **dict.fromkeys(["MMR", "THA", "PHL", "IDN", "MYS", "VNM", "KHM", "LAO"], "Southeast Asia"),
    **dict.fromkeys(["UKR", "RUS", "BLR", "MDA", "SRB", "BIH", "XKX", "GBR", "FRA", "DEU", "ESP", "ITA", "POL",
                     "GRC"], "Europe"),
    **dict.fromkeys(["ARM", "AZE", "GEO", "KAZ", "KGZ", "TJK", "TKM", "UZB"], "Caucasus and Central Asia"),
    **dict.fromkeys(["MEX", "GTM", "HND", "SLV", "NIC", "CRI", "PAN"], "Central America"),
    **dict.fromkeys(["COL", "VEN", "BRA", "PER", "ECU", "BOL", "CHL", "ARG", "PRY", "URY"], "South America"),
    **dict.fromkeys(["USA", "CAN"], "North America"),
    **dict.fromkeys(["CHN", "JPN", "KOR", "PRK", "MNG", "TWN"], "East Asia"),
}


def _country(name: str | None):
    if not name:
        return None
    import pycountry

    try:
        return pycountry.countries.lookup(name)
    except LookupError:
        try:
            return pycountry.countries.search_fuzzy(name)[0]
        except LookupError:
            return None


def interaction(inter1: int | None, inter2: int | None) -> int | None:
    """ACLED's two-digit code: lower inter code first; a lone actor is ``inter1 * 10``."""
    if not inter1:
        return None
    if not inter2:
        return inter1 * 10
    a, b = sorted((inter1, inter2))
    return a * 10 + b


def civilian_targeting(m: EventMention) -> str | None:
    """ACLED marks events where civilians are the target, not collateral."""
    if m.actor2 is not None and m.actor2.inter == 7 and m.event_type in (
            "Violence against civilians", "Explosions/Remote violence", "Riots"):
        return "Civilian targeting"
    return None


def _count(m: EventMention, kind: str):
    return next((c for c in m.counts if c.kind == kind), None)


def rows(mentions: Iterable[EventMention], timestamp: int | None = None) -> list[dict]:
    """One ACLED row per mention, with the frontlines columns after the ACLED ones."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    out = []
    per_country: dict[str, int] = {}
    for m in mentions:
        loc = m.location
        place = next((p for p in m.places if p.role == "event"), None)
        country_name = (loc.country if loc else None) or (m.actor1.country if m.actor1 else None)
        c = _country(country_name)
        alpha3 = c.alpha_3 if c else "XXX"
        per_country[alpha3] = per_country.get(alpha3, 0) + 1
        fatal = _count(m, "fatalities")
        d = m.date
        inter1 = m.actor1.inter if m.actor1 else None
        inter2 = m.actor2.inter if m.actor2 else None
        out.append({
            "event_id_cnty": f"{alpha3}{per_country[alpha3]}",
            "event_date": d.date.isoformat() if d and d.date else None,
            "year": d.date.year if d and d.date else None,
            "time_precision": d.time_precision if d else None,
            "disorder_type": m.disorder_type,
            "event_type": m.event_type,
            "sub_event_type": m.sub_event_type,
            "actor1": m.actor1.name if m.actor1 else None,
            "assoc_actor_1": "; ".join(a.name for a in m.assoc_actor_1) or None,
            "inter1": inter1,
            "actor2": m.actor2.name if m.actor2 else None,
            "assoc_actor_2": "; ".join(a.name for a in m.assoc_actor_2) or None,
            "inter2": inter2,
            "interaction": interaction(inter1, inter2),
            "civilian_targeting": civilian_targeting(m),
            "iso": (loc.iso if loc and loc.iso else (int(c.numeric) if c else None)),
            "region": _REGIONS.get(alpha3),
            "country": (c.name if c else country_name),
            "admin1": loc.admin1 if loc else None,
            "admin2": loc.admin2 if loc else None,
            "admin3": loc.admin3 if loc else None,
            "location": loc.location if loc else (place.text if place else None),
            "latitude": loc.latitude if loc else None,
            "longitude": loc.longitude if loc else None,
            "geo_precision": loc.geo_precision if loc else None,
            "source": m.source,
            "source_scale": None,
            "notes": m.notes,
            "fatalities": fatal.value if fatal else 0,
            "tags": m.claim.certainty if m.claim.certainty != "asserted" else None,
            "timestamp": timestamp,
            "mention_id": m.mention_id,
            "doc_id": m.doc_id,
            "source_id": m.source_id,
            "source_type": m.source_type,
            "comment_id": m.comment_id,
            "section": m.section,
            "paragraph": m.paragraph,
            "sentence": m.sentence,
            "char_start": m.char_start,
            "char_end": m.char_end,
            "evidence": m.evidence,
            "trigger": m.trigger,
            "claimant": m.claim.claimant,
            "claimant_actor": m.claim.claimant_actor,
            "claimant_kind": m.claim.claimant_kind,
            "claim_verb": m.claim.verb,
            "certainty": m.claim.certainty,
            "date_expression": d.expression if d else None,
            "place_text": place.text if place else None,
            "fatalities_raw": fatal.raw if fatal else None,
            "fatalities_qualifier": fatal.qualifier if fatal else None,
            "injured": (_count(m, "injured").value if _count(m, "injured") else None),
            "displaced": (_count(m, "displaced").value if _count(m, "displaced") else None),
            "arrested": (_count(m, "arrested").value if _count(m, "arrested") else None),
            "score": m.score,
            "pipeline_version": m.pipeline_version,
        })
    return out


def _plain(v):
    return v.isoformat() if isinstance(v, date) else v


# A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets
# (``=HYPERLINK(...)``, ``@SUM(...)``, ``+cmd|...``, ``-2+3``), and tab, CR or LF start one after a split;
# the full-width forms (U+FF1D, U+FF0B, U+FF0D, U+FF20) are turned into the ASCII ones by East Asian IMEs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_safe(value):
    """A CSV cell a spreadsheet shows as text: a string starting like a formula gets a leading ``'``.

    WHY: outlet names, evidence sentences and comments are written by strangers, and CSV is made to be
    opened in a spreadsheet, where ``=HYPERLINK("http://evil.example", "Syria Monitor")`` is a live link
    and ``=cmd|...`` can run a program. OWASP's advice: prefix such cells with a single quote (the
    csv module quotes the rest). Only CSV is changed: JSONL and Parquet keep the raw value, for code.
    Numbers are not strings, so a negative latitude stays a number; nor is text that is a plain number
    ("-3", "+1.5"), which a spreadsheet reads as that number (the desk's downloads agree).
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        try:
            float(value)
            return value
        except ValueError:
            return "'" + value
    return value


def write_csv(fh, table: Iterable[dict], columns: list[str]) -> None:
    """Rows as CSV with every cell ``spreadsheet_safe``: the one CSV writer of frontlines' outputs."""
    w = csv.DictWriter(fh, fieldnames=columns, extrasaction="ignore")
    w.writeheader()
    for r in table:
        w.writerow({k: spreadsheet_safe(_plain(r.get(k))) for k in columns})


def open_output(out: str | Path):
    """``out`` opened for writing text, or one clear line (``OutputError``) if it cannot be."""
    try:
        return open(out, "w", encoding="utf-8", newline="")  # noqa: SIM115 - the caller closes it
    except OSError as exc:
        raise output_error(out, exc) from exc


def write(table: list[dict], fmt: str, out: str | Path | None = None, *, columns: list[str] | None = None,
          table_columns: list[str] | None = None, title: str | None = None, width: int = 160) -> None:
    """Write rows as ``fmt``; ``out`` None writes text formats to stdout.

    ``columns`` fixes the file columns (mentions by default; fusion passes its canonical
    columns), ``table_columns`` the few shown in the readable table.
    """
    columns = columns or COLUMNS
    if fmt not in FORMATS:
        raise FrontlinesError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if fmt == "parquet":
        if out is None:
            raise FrontlinesError("parquet needs --out FILE")
        import pyarrow as pa
        import pyarrow.parquet as pq

        schema_rows = table or [dict.fromkeys(columns)]
        try:
            pq.write_table(pa.Table.from_pylist([{k: r.get(k) for k in columns} for r in schema_rows])
                           .slice(0, len(table)), str(out))
        except OSError as exc:
            raise output_error(out, exc) from exc
        return
    fh = open_output(out) if out else sys.stdout
    try:
        if fmt == "csv":
            write_csv(fh, table, columns)
        elif fmt == "jsonl":
            for r in table:
                fh.write(json.dumps({k: _plain(r.get(k)) for k in columns}, ensure_ascii=False) + "\n")
        else:
            _table(table, fh, table_columns or _TABLE_COLUMNS, title, width)
    except OSError as exc:  # a full disk shows up on write or on close
        if not out:
            raise  # stdout: a closed pipe (``| head``) is the CLI's to handle
        raise output_error(out, exc) from exc
    finally:
        if out:
            with suppress(OSError):
                fh.close()


_TABLE_COLUMNS = ["event_date", "sub_event_type", "actor1", "actor2", "location", "fatalities", "claimant",
                  "certainty", "source_type"]


def _table(table: list[dict], fh, cols: list[str], title: str | None, width: int) -> None:
    """A readable summary table; article text is printed as text, never as markup."""
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    t = Table(title=title, show_lines=False)
    for c in cols:
        t.add_column(c, overflow="fold")
    for r in table:
        t.add_row(*(Text("" if r.get(c) is None else str(r.get(c))) for c in cols))
    Console(file=fh, width=width).print(t)


__all__ = ["ACLED_COLUMNS", "COLUMNS", "FORMATS", "FRONTLINES_COLUMNS", "civilian_targeting", "interaction",
           "open_output", "rows", "spreadsheet_safe", "write", "write_csv"]
