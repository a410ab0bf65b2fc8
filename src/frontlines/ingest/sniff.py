"""Which reader an input needs, decided from its content; the file name is only a tie-breaker.

Corpora arrive misnamed (``.txt`` holding HTML, ``.xml`` feeds, ``.gz`` of
anything, stdin with no name at all), so formats are recognised by their
signatures and structure: magic bytes for gzip/zip/Parquet/WARC, the root
element for feeds vs pages, and a consistent delimited header for tables.
"""

from __future__ import annotations

import csv
import io
import re

from frontlines.ingest.compression import GZIP_MAGIC, ZIP_EMPTY, ZIP_MAGIC

GZIP, ZIP, PARQUET, WARC, ARC = "gzip", "zip", "parquet", "warc", "arc"
FEED, HTML, JSONL, CSV, TSV, TEXT = "feed", "html", "jsonl", "csv", "tsv", "text"

# A feed's root, with or without a namespace prefix (``<atom:feed>``, ``<x:rss>``, ``<rdf:RDF>``).
_FEED_ROOT = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?(rss|feed|rdf|channel)[\s>]", re.IGNORECASE)
_HTML_ROOT = re.compile(r"<(!doctype\s+html|html|head|body)[\s>]", re.IGNORECASE)
_TAG = re.compile(r"</?(p|div|br|span|a|article|section|h[1-6]|ul|ol|li|table|img|script|meta)\b[^>]*>",
                  re.IGNORECASE)
_XML_DECL = re.compile(r"^(<\?xml[^>]*\?>\s*|<!--.*?-->\s*|<!doctype[^>\[]*(\[.*?\])?\s*>\s*)*", re.IGNORECASE | re.DOTALL)


def sniff_bytes(data: bytes) -> str | None:
    """A container/binary format recognised by its leading bytes, or None for text."""
    if data.startswith(GZIP_MAGIC):
        return GZIP
    if data.startswith(ZIP_MAGIC) or data.startswith(ZIP_EMPTY):
        return ZIP
    if data.startswith(b"PAR1"):
        return PARQUET
    if re.match(rb"\s*WARC/\d", data[:64]):
        return WARC
    if _ARC_HEADER.match(data[:512]):
        return ARC
    return None


# An ARC v1 file (the Internet Archive's format before WARC) opens with its ``filedesc://`` record:
# ``filedesc://NAME IP DATE MIME LENGTH``; warcio reads it as WARC (``arc2warc``).
_ARC_HEADER = re.compile(rb"\s*filedesc://\S+ \S+ \d{14} \S+ -?\d+\s*\n")


def sniff_text(text: str, suffixes: list[str] | None = None) -> str:
    """The reader for decoded text: feed, html, jsonl, csv, tsv or the page-dump ``text`` reader."""
    suffixes = suffixes or []
    head = text[:8192].lstrip("\ufeff \t\r\n")
    if head.startswith("<"):
        body = _XML_DECL.sub("", head[:4096], count=1)
        if _FEED_ROOT.match(body):
            return FEED
        if _HTML_ROOT.search(head[:4096]) or _TAG.search(head[:4096]):
            return HTML
        if _FEED_ROOT.search(head[:2048]):
            return FEED
        return HTML
    if head.startswith("{") or (head.startswith("[") and _looks_json_array(head)):
        return JSONL
    table = _table_delimiter(head, suffixes)
    if table:
        return TSV if table == "\t" else CSV
    if _HTML_ROOT.search(head[:4096]) or _mostly_markup(head[:4096]):
        return HTML
    return TEXT


def _mostly_markup(head: str) -> bool:
    """Text that does not start with ``<`` is HTML only if tags sit on most of its lines.

    A plain-text dump quoting a few tags (``<br>``, a link) stays text; a page saved
    with a stray line before ``<div>`` is HTML.
    """
    lines = [ln for ln in head.splitlines() if ln.strip()]
    if len(_TAG.findall(head)) < 5 or not lines:
        return False
    tagged = sum(1 for ln in lines if _TAG.search(ln))
    return tagged / len(lines) >= 0.6


def _looks_json_array(head: str) -> bool:
    return bool(re.match(r"\[\s*(\{|\]|$)", head))


def _table_delimiter(head: str, suffixes: list[str]) -> str | None:
    """A delimiter when the first rows share one field count and the header looks like column names."""
    hinted = next((s for s in suffixes if s in (".csv", ".tsv", ".tab")), None)
    order = ["\t", ",", ";"] if hinted in (".tsv", ".tab") else [",", "\t", ";"]
    sample = head[:8192]
    truncated = len(head) >= 8192
    for delim in order:
        if delim not in sample.split("\n", 1)[0]:
            continue
        try:
            rows = [r for r in csv.reader(io.StringIO(sample, newline=""), delimiter=delim) if r]
        except csv.Error:
            continue
        if not rows:
            continue
        header = [h.strip() for h in rows[0]]
        if len(header) < 2 or len(set(header)) != len(header):
            continue
        if not all(0 < len(h) <= 64 and "\n" not in h for h in header):
            continue
        data = rows[1:-1] if truncated else rows[1:]  # the sample may cut its last row short
        data = data[:5]
        if not data:
            continue
        if all(len(r) == len(header) for r in data) or (hinted and len(data[0]) == len(header)):
            return delim
        if _consistent_apart_from_open_quotes(sample, delim, len(header), truncated):
            return delim
    return None


def _consistent_apart_from_open_quotes(sample: str, delim: str, width: int, truncated: bool) -> bool:
    """A table whose rows agree once rows with a never-closed quote are split off (``table.csv_rows``).

    One unterminated quote makes every later row one cell, so the plain check above
    would read a damaged CSV as prose and lose every row.
    """
    from frontlines.errors import BadInput
    from frontlines.ingest.table import csv_rows

    rows = list(csv_rows(sample, delim))
    good = [r for _line, r in (x for x in rows if not isinstance(x, BadInput))][1:]
    if truncated:
        good = good[:-1]
    good = good[:8]
    return (len(good) >= 2 and any(isinstance(x, BadInput) for x in rows)
            and sum(len(r) == width for r in good) >= 0.8 * len(good))
