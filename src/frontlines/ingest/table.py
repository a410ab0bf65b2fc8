"""Tabular corpora: CSV, TSV, JSONL (or a JSON array of records) and Parquet, one Document per row.

Columns are mapped with ``--text-col --title-col --date-col --id-col
--source-col``; a column not named is guessed from common names (``text``,
``article_content``, ``notes``, ...) so that public corpora such as FA-KES and
ACLED exports read as they are. A row that cannot become a document (no text,
ragged, invalid JSON) is one ``BadInput`` naming the row; the other rows go on.
A record carrying ``Document`` field names (``paragraphs``, ``comments``, ...),
as ``frontlines export documents`` writes them, reads back losslessly.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator
from typing import Any

from frontlines.document import Comment, Document
from frontlines.errors import BadInput
from frontlines.ingest.assemble import make_document
from frontlines.ingest.options import IngestOptions
from frontlines.ingest.published import infer_dayfirst, parse_posted, parse_published

READER = "table"

CANDIDATES: dict[str, list[str]] = {
    "text": ["text", "body", "content", "article_content", "article_text", "article", "full_text", "fulltext",
             "paragraphs", "notes", "story", "sentence", "message", "description", "summary"],
    "title": ["title", "article_title", "headline", "heading"],
    "date": ["published", "date", "pubdate", "pub_date", "publish_date", "published_at", "publication_date",
             "event_date", "datetime", "created_at", "timestamp"],
    "id": ["source_id", "id", "guid", "uid", "unit_id", "article_id", "data_id", "event_id_cnty", "doc_id"],
    "source": ["source", "outlet", "publisher", "sitename", "site", "source_name", "domain"],
    "url": ["url", "link", "href"],
}
_OPTION = {"text": "text_col", "title": "title_col", "date": "date_col", "id": "id_col", "source": "source_col"}

csv.field_size_limit(2**31 - 1)


def _mapping(name: str, columns: list[str], options: IngestOptions) -> dict[str, str | None]:
    """Role -> column. Explicit options must exist; guesses are case-insensitive."""
    lower = {c.lower().strip(): c for c in columns}
    out: dict[str, str | None] = {}
    for role, candidates in CANDIDATES.items():
        explicit = getattr(options, _OPTION[role], None) if role in _OPTION else None
        if explicit:
            if explicit not in columns and explicit.lower() not in lower:
                raise BadInput(name, f"no column {explicit!r} for --{role}-col (columns: {', '.join(columns[:30])})")
            out[role] = explicit if explicit in columns else lower[explicit.lower()]
        else:
            out[role] = next((lower[c] for c in candidates if c in lower), None)
    if out["text"] is None:
        raise BadInput(name, f"no text column found; pass --text-col (columns: {', '.join(columns[:30])})")
    if out["title"] == out["text"]:
        out["title"] = None
    return out


def _paragraphs(value: Any) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if v is not None and str(v).strip()]
    text = str(value).replace("\r\n", "\n")
    return [p for p in (p.strip() for p in text.split("\n\n")) if p]


def _comments(value: Any) -> list[Comment]:
    if not isinstance(value, list | tuple):
        return []
    out = []
    for i, c in enumerate(value):
        if isinstance(c, dict) and str(c.get("text") or "").strip():
            out.append(Comment(
                id=str(c.get("id") or f"c{i + 1}"), parent_id=c.get("parent_id"), author=c.get("author"),
                posted=parse_posted(c.get("posted")), depth=int(c.get("depth") or 0), text=str(c["text"]),
            ))
    return out


def _records(name: str, rows: Iterable[tuple[str, dict[str, Any] | BadInput]], columns: list[str],
             options: IngestOptions, date_values: list[Any]) -> Iterator[Document | BadInput]:
    cols = _mapping(name, columns, options)
    dayfirst = infer_dayfirst(date_values) if cols["date"] else None
    for where, row in rows:
        if isinstance(row, BadInput):
            yield row
            continue
        paras = _paragraphs(row.get(cols["text"]))
        if not paras:
            yield BadInput(where, f"empty text in column {cols['text']!r}")
            continue
        published = parse_published(row.get(cols["date"]), dayfirst) if cols["date"] else None
        ident = row.get(cols["id"]) if cols["id"] else None
        yield make_document(
            source_id=str(ident) if ident not in (None, "") else where,
            reader=READER,
            options=options,
            title=_str(row.get(cols["title"])) if cols["title"] else None,
            subtitle=_str(row.get("subtitle")),
            byline=_str(row.get("byline")),
            paragraphs=paras,
            author_bio=_str(row.get("author_bio")),
            url=_str(row.get(cols["url"])) if cols["url"] else None,
            source=_str(row.get(cols["source"])) if cols["source"] else None,
            published=published,
            published_from="column" if published else None,
            language=_str(row.get("language")),
            comments=_comments(row.get("comments")),
        )


def _str(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def csv_rows(text: str, delimiter: str) -> Iterator[tuple[int, list[str]] | BadInput]:
    """``(first physical line, fields)`` per row, splitting off rows an unterminated quote would swallow.

    A quote left open makes the csv module read every following line into one
    field, so the rest of the file silently becomes a single cell. A row that
    spans several lines is checked: when its field count is wrong, or two of the
    lines it swallowed are complete rows on their own, its opening line is
    reported malformed (with its line number) and reading restarts on the next line.
    """
    lines = text.splitlines(keepends=True)
    width = None
    i = 0
    while i < len(lines):
        reader = csv.reader(iter(lines[i:]), delimiter=delimiter, strict=False)
        prev = 0
        restart = None
        for row in reader:
            first, last = i + prev, i + reader.line_num  # 0-based [first, last) physical lines
            prev = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if width is None:
                width = len(row)
            elif last - first > 1 and _swallowed(row, lines[first + 1:last], width, delimiter):
                yield BadInput(f"line{first + 1}", f"malformed row at line {first + 1}: a quote opened here is "
                                                  f"never closed (it would swallow lines {first + 2}-{last})")
                restart = first + 1
                break
            yield first + 1, row
        if restart is None:
            return
        i = restart


def _swallowed(row: list[str], inner: list[str], width: int, delimiter: str) -> bool:
    if len(row) != width:
        return True
    whole = 0
    for line in inner:
        try:
            parsed = next(csv.reader([line], delimiter=delimiter, strict=False), [])
        except csv.Error:
            continue
        whole += len(parsed) == width and width > 1
    return whole >= 2


def read_csv(name: str, text: str, delimiter: str, options: IngestOptions) -> Iterator[Document | BadInput]:
    kind = "TSV" if delimiter == "\t" else "CSV"
    try:
        parsed = list(csv_rows(text, delimiter))
    except csv.Error as exc:
        raise BadInput(name, f"malformed {kind} ({exc})") from exc
    rows = [r for r in parsed if not isinstance(r, BadInput)]
    if not rows:
        raise BadInput(name, "table has no rows")
    header = [h.strip() for h in rows[0][1]]
    if len(rows) == 1 and len(parsed) == 1:
        raise BadInput(name, "table has a header but no data rows")

    def dict_rows() -> Iterator[tuple[str, dict[str, Any] | BadInput]]:
        i = 0
        for item in parsed[1:] if not isinstance(parsed[0], BadInput) else parsed:
            if isinstance(item, BadInput):
                where = f"{name}#{item.input_name}"
                yield where, BadInput(where, item.reason)
                continue
            if item is rows[0]:
                continue
            i += 1
            where = f"{name}#row{i}"
            _line, r = item
            if len(r) != len(header):
                yield where, BadInput(where, f"row has {len(r)} fields, the header has {len(header)}")
            else:
                yield where, dict(zip(header, r, strict=True))

    date_col = _mapping(name, header, options)["date"]
    idx = header.index(date_col) if date_col else None
    date_values = [r[idx] for _line, r in rows[1:] if idx is not None and len(r) > idx]
    yield from _records(name, dict_rows(), header, options, date_values)


def read_jsonl(name: str, text: str, options: IngestOptions) -> Iterator[Document | BadInput]:
    stripped = text.lstrip()
    parsed: list[tuple[str, dict[str, Any] | BadInput]] = []
    whole = _whole_json_object(stripped)
    if whole is not None:
        # One pretty-printed object: a record itself, or a wrapper around a list of records
        # ({"articles": [...]}, as many APIs return).
        inner = next((v for v in whole.values() if isinstance(v, list) and v and all(isinstance(x, dict) for x in v)),
                     None)
        stripped = json.dumps(inner) if inner is not None else json.dumps([whole])
    if stripped.startswith("["):
        try:
            records = json.loads(stripped)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise BadInput(name, f"invalid JSON ({exc})") from exc
        if not isinstance(records, list):
            raise BadInput(name, "JSON file is not a list of records")
        for i, rec in enumerate(records, start=1):
            where = f"{name}#item{i}"
            parsed.append((where, rec if isinstance(rec, dict) else BadInput(where, "JSON item is not an object")))
    else:
        for i, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            where = f"{name}#line{i}"
            try:
                rec = json.loads(line)
            except (json.JSONDecodeError, RecursionError) as exc:
                parsed.append((where, BadInput(where, f"invalid JSON line ({exc.msg if hasattr(exc, 'msg') else exc})")))
                continue
            parsed.append((where, rec if isinstance(rec, dict) else BadInput(where, "JSON line is not an object")))
    good = [r for _, r in parsed if isinstance(r, dict)]
    if not good:
        bad = next((r for _, r in parsed if isinstance(r, BadInput)), None)
        raise BadInput(name, f"no JSON records ({bad.reason})" if bad else "no JSON records")
    columns = list(dict.fromkeys(k for r in good for k in r))
    date_col = _mapping(name, columns, options)["date"]
    date_values = [r.get(date_col) for r in good] if date_col else []
    yield from _records(name, parsed, columns, options, date_values)


def _whole_json_object(text: str) -> dict[str, Any] | None:
    if not text.startswith("{") or "\n" not in text.strip():
        return None
    try:
        value = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return None  # JSON Lines (or broken): read line by line
    return value if isinstance(value, dict) else None


def read_parquet(name: str, data: bytes, options: IngestOptions) -> Iterator[Document | BadInput]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        pf = pq.ParquetFile(io.BytesIO(data))
        columns = pf.schema_arrow.names
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise BadInput(name, f"invalid Parquet file ({exc})") from exc
    cols = _mapping(name, columns, options)
    try:
        date_values = pf.read(columns=[cols["date"]]).column(0).to_pylist() if cols["date"] else []
    except (pa.ArrowException, OSError, ValueError) as exc:
        raise BadInput(name, f"unreadable Parquet column ({exc})") from exc

    def rows() -> Iterator[tuple[str, dict[str, Any] | BadInput]]:
        n = 0
        try:
            for batch in pf.iter_batches(batch_size=2048):
                for rec in batch.to_pylist():
                    n += 1
                    yield f"{name}#row{n}", rec
        except (pa.ArrowException, OSError, ValueError) as exc:
            yield f"{name}#row{n + 1}", BadInput(name, f"Parquet data unreadable after row {n} ({exc})")

    yield from _records(name, rows(), columns, options, date_values)
