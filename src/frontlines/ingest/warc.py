"""WARC / WARC.gz web archives via warcio: HTML responses become Documents, everything else is counted.

A crawl holds requests, metadata, images, redirects and error pages beside the
articles; those are skipped with a count per reason (reported by the CLI), not
quarantined, because they are not bad input. Each record's payload is bounded
by ``max_bytes`` (including HTTP content-encoding), decoded with the HTTP
charset as a hint, and parsed by the HTML reader. A record warcio cannot parse
ends the archive with one ``BadInput`` naming the record; documents read before
it are kept.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Iterator

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import BufferedReader

from frontlines.document import Document
from frontlines.errors import BadInput
from frontlines.ingest import html
from frontlines.ingest.encoding import decode
from frontlines.ingest.notice import Capped
from frontlines.ingest.options import IngestOptions
from frontlines.ingest.published import parse_published
from frontlines.ingest.source import RawInput

READER = "warc"
_HTML_TYPES = ("text/html", "application/xhtml+xml")


logging.getLogger("warcio").setLevel(logging.ERROR)


class _Brotli:
    """``Content-Encoding: br`` for warcio, on Google's ``brotli`` package.

    warcio's own hook expects the older ``brotlipy`` API (a ``decompress`` method and
    a writable ``unused_data``); Google's Decompressor has ``process`` and allows neither.
    """

    def __init__(self) -> None:
        import brotli

        self._d = brotli.Decompressor()
        self.unused_data = None

    def decompress(self, data: bytes) -> bytes:
        return self._d.process(data)


BufferedReader.DECOMPRESSORS["br"] = _Brotli


class _QuietIterator(ArchiveIterator):
    """warcio writes length mismatches straight to stderr; we count them and report one line instead."""

    INC_RECORD = ""


def read(raw: RawInput, options: IngestOptions, stats) -> Iterator[Document | BadInput]:
    n = 0
    archive = _QuietIterator(io.BytesIO(raw.data), arc2warc=True, ensure_http_headers=False)
    it = iter(archive)
    errors = 0
    while True:
        try:
            record = next(it)
        except StopIteration:
            record = None
        except Exception as exc:  # noqa: BLE001 - warcio reports damage with assorted exception types
            yield BadInput(f"{raw.name}#record{n + 1}", f"malformed WARC record ({_why(exc)})")
            return
        if archive.err_count > errors:
            # Record n's Content-Length did not match its bytes (noticed while reading on); warcio resynchronised.
            errors = archive.err_count
            yield BadInput(f"{raw.name}#record{n}", "malformed WARC record (Content-Length does not match the data)")
        if record is None:
            break
        n += 1
        try:
            yield from _record(raw, n, record, options, stats)
        except BadInput as bad:
            yield bad
        except (AttributeError, ValueError, TypeError, IndexError, KeyError, EOFError, OSError) as exc:
            # warcio parses headers lazily; damage inside a record surfaces here. The stream is
            # no longer trustworthy after it, so the archive ends with this record.
            yield BadInput(f"{raw.name}#record{n}", f"malformed WARC record ({_why(exc)})")
            return
    if n == 0:
        raise BadInput(raw.name, "WARC file holds no records")


def _record(raw: RawInput, n: int, record, options: IngestOptions, stats) -> Iterator[Document | Capped]:
    rtype = record.rec_type
    if not rtype:
        raise BadInput(f"{raw.name}#record{n}", "malformed WARC record (no WARC-Type header)")
    if rtype not in ("response", "resource"):
        stats.skipped[f"WARC {rtype} records"] += 1
        return
    record_id = record.rec_headers.get_header("WARC-Record-ID") or f"record{n}"
    where = f"{raw.name}#{record_id}"
    http = record.http_headers
    if rtype == "response" and http is not None:
        status = http.get_statuscode()
        if status and not status.startswith("2"):
            stats.skipped["WARC responses not 2xx"] += 1
            return
        ctype = (http.get_header("Content-Type") or "").lower()
    else:
        ctype = (record.rec_headers.get_header("Content-Type") or "").lower()
    if not any(t in ctype for t in _HTML_TYPES):
        stats.skipped["WARC records not HTML"] += 1
        return
    try:
        payload = record.content_stream().read(options.max_bytes + 1)
    except Exception as exc:  # noqa: BLE001 - chunking/content-encoding errors surface as assorted types
        raise BadInput(where, f"unreadable WARC payload ({_why(exc)})") from exc
    if len(payload) > options.max_bytes:
        raise BadInput(where, f"WARC payload over the size limit ({options.max_bytes} bytes)")
    charset = None
    if "charset=" in ctype:
        charset = ctype.split("charset=", 1)[1].split(";")[0].strip().strip('"')
    text = _decode(where, payload, charset)
    target = record.rec_headers.get_header("WARC-Target-URI")
    notes: list[str] = []
    doc = html.parse_page(text, where, options, base_url=target, notes=notes)
    doc.source_id = record_id
    doc.reader = READER
    doc.url = doc.url or target
    for note in notes:
        yield Capped(where, note)
    if doc.published is None and options.published is None:
        captured = parse_published(record.rec_headers.get_header("WARC-Date"))
        if captured:
            # The capture date bounds the publication date from above; tagged so users can tell.
            doc.published, doc.published_from = captured, "warc"
    yield doc


def _why(exc: BaseException) -> str:
    """What went wrong, for a person: warcio's errors are often Python internals of a damaged record."""
    if isinstance(exc, AttributeError | TypeError | KeyError | IndexError):
        return "its headers are missing or cut off, as in a truncated file"
    if isinstance(exc, EOFError):
        return "the file ends inside the record"
    text = " ".join(str(exc).split())
    if "Unknown archive format" in text:
        return "no WARC or ARC header where the next record should start; the file is damaged or truncated"
    if "ompress" in text or "zlib" in text.lower() or "brotli" in text.lower():
        return f"its compressed content cannot be inflated ({text[:120]})"
    return text[:200] or type(exc).__name__


def _decode(where: str, payload: bytes, charset: str | None) -> str:
    if charset:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass
    text, _ = decode(where, payload)
    return text
