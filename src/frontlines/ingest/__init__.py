"""Ingestion: any pile of inputs in, ``Document`` records (or ``BadInput`` reasons) out.

The cascade for one input, in order (each step in its own module):

1. ``source``: expand files, directories, globs and ``-`` (stdin); read each
   under the size limit.
2. ``sniff``: recognise containers by their bytes (gzip, zip, Parquet, WARC);
   ``compression`` inflates gzip/zip under zip-bomb limits and the result is sniffed again.
3. ``encoding``: bytes to text (BOM, UTF-8, UTF-16, declared charset, then cp1252 / cp1256 /
   other single-byte code pages), refusing binary.
4. ``sniff`` again on the text: feed, HTML, JSONL, CSV/TSV, or a plain-text page dump.
5. The reader (``text``, ``html`` + ``comments``, ``feed``, ``warc``, ``table``) yields Documents.

Nothing here raises for a bad input: it becomes a ``BadInput`` (input name,
one-line reason) that the caller quarantines, and the next input goes on.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from frontlines.document import Document
from frontlines.errors import BadInput
from frontlines.ingest import compression, sniff, source
from frontlines.ingest.encoding import decode
from frontlines.ingest.notice import Capped
from frontlines.ingest.options import IngestOptions
from frontlines.ingest.source import RawInput

log = logging.getLogger("frontlines.ingest")

MAX_NESTING = 3  # archive inside archive inside archive: deeper is refused


@dataclass
class IngestStats:
    """Counts a caller may want to report beyond documents and bad inputs."""

    inputs: int = 0
    documents: int = 0
    bad: int = 0
    skipped: Counter = field(default_factory=Counter)  # reason -> count, e.g. "WARC record not HTML"
    # One line per input stored only in part because a limit was reached ("40,000 comments,
    # first 5,000 stored"). Each is also yielded as a ``Capped`` notice, which the CLI quarantines.
    capped: list[str] = field(default_factory=list)


# Source code is text, but never news: a folder of pages often holds the scraper that fetched them.
CODE_SUFFIXES = frozenset({
    ".py", ".pyw", ".pyi", ".ipynb", ".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx", ".java", ".kt", ".scala", ".c",
    ".h", ".cc", ".cpp", ".hpp", ".cs", ".go", ".rs", ".rb", ".php", ".pl", ".pm", ".sh", ".bash", ".zsh", ".ps1",
    ".bat", ".r", ".jl", ".lua", ".swift", ".m", ".sql", ".css", ".scss", ".less", ".toml", ".ini", ".cfg", ".lock",
    ".yml", ".yaml", ".mk", ".cmake", ".gradle",
})


def iter_inputs(paths: str | Path | Iterable[str | Path], options: IngestOptions | None = None,
                stats: IngestStats | None = None) -> Iterator[Document | BadInput]:
    """Every Document (or BadInput) in ``paths``, lazily and in a stable order."""
    options = options or IngestOptions()
    stats = stats if stats is not None else IngestStats()
    for item in source.expand(_as_list(paths), options):
        if isinstance(item, BadInput):
            stats.bad += 1
            yield one_line(item)
            continue
        yield from read_file(item, options, stats)


def read_file(item: Path | str, options: IngestOptions, stats: IngestStats | None = None
              ) -> Iterator[Document | BadInput]:
    """Documents of one file (or ``-``); what ``iter_inputs`` does per expanded path."""
    stats = stats if stats is not None else IngestStats()
    stats.inputs += 1
    try:
        raw = source.read(item, options)
    except BadInput as bad:
        stats.bad += 1
        yield one_line(bad)
        return
    yield from read_raw(raw, options, stats)


def one_line(bad: BadInput) -> BadInput:
    """The same BadInput with its name and reason on one line each (they are printed and stored as such)."""
    name, reason = " ".join(bad.input_name.split()), " ".join(bad.reason.split())
    if (name, reason) == (bad.input_name, bad.reason):
        return bad
    return BadInput(name, reason or "unreadable input", bad.detail)


def read_raw(raw: RawInput, options: IngestOptions | None = None, stats: IngestStats | None = None
             ) -> Iterator[Document | BadInput]:
    """Documents of one input already in memory (bytes and a name); the readers' single entry point."""
    options = options or IngestOptions()
    stats = stats if stats is not None else IngestStats()
    for out in _guarded(raw, options, stats, 0):
        if isinstance(out, Capped):
            stats.capped.append(f"{out.input_name}: {out.reason}")
        elif isinstance(out, BadInput):
            stats.bad += 1
            out = one_line(out)
        else:
            stats.documents += 1
        yield out


def _guarded(raw: RawInput, options: IngestOptions, stats: IngestStats, depth: int
             ) -> Iterator[Document | BadInput]:
    """Run the readers on one input, turning every failure into a ``BadInput`` for that input."""
    try:
        for out in _dispatch(raw, options, stats, depth):
            if isinstance(out, Document) and not out.paragraphs and not out.comments:
                sid = out.source_id
                out = BadInput(sid if sid.startswith(raw.name) else f"{raw.name}#{sid}", "no body text found")
            yield out
    except BadInput as bad:
        yield bad
    except RecursionError:
        yield BadInput(raw.name, "nested too deeply to parse")
    except MemoryError:
        yield BadInput(raw.name, "too large to parse in memory")
    except Exception as exc:  # noqa: BLE001 - last-resort guard: one input never kills a batch
        log.debug("reader failure on %s", raw.name, exc_info=True)
        yield BadInput(raw.name, f"internal error while reading ({type(exc).__name__}: {exc})"[:300])


def _dispatch(raw: RawInput, options: IngestOptions, stats: IngestStats, depth: int
              ) -> Iterator[Document | BadInput]:
    kind = sniff.sniff_bytes(raw.data)
    code = next((s for s in raw.suffixes if s in CODE_SUFFIXES), None)
    if code and kind is None and raw.suffixes[-1] == code:
        raise BadInput(raw.name, f"source code ({code} file), not a news document")
    if kind in (sniff.GZIP, sniff.ZIP):
        if depth >= MAX_NESTING:
            raise BadInput(raw.name, f"archives nested more than {MAX_NESTING} deep")
        if kind == sniff.GZIP:
            data, damage = compression.gunzip(raw, options)
            if damage:
                yield BadInput(raw.name, damage)
            if data.strip():
                yield from _guarded(RawInput(raw.name, data, raw.path), options, stats, depth + 1)
            elif not damage:
                yield BadInput(raw.name, "gzip file inflates to nothing")
        else:
            for member in compression.unzip(raw, options):
                if isinstance(member, BadInput):
                    yield member
                else:
                    yield from _guarded(member, options, stats, depth + 1)
        return
    if kind == sniff.PARQUET:
        from frontlines.ingest import table

        yield from table.read_parquet(raw.name, raw.data, options)
        return
    if kind == sniff.ARC:
        from frontlines.ingest import arc, warc

        data, problems = arc.to_warc(raw.name, raw.data)
        if data:
            yield from warc.read(RawInput(raw.name, data, raw.path), options, stats)
        yield from problems
        if not data and not problems:
            yield BadInput(raw.name, "ARC file holds no records")
        return
    if kind == sniff.WARC:
        from frontlines.ingest import warc

        yield from warc.read(raw, options, stats)
        return
    text, _encoding = decode(raw.name, raw.data)
    yield from read_text(raw.name, text, options, raw.suffixes)


def read_text(name: str, text: str, options: IngestOptions, suffixes: list[str] | None = None
              ) -> Iterator[Document | BadInput]:
    """Documents of decoded text, choosing the reader by sniffing."""
    kind = sniff.sniff_text(text, suffixes)
    if kind == sniff.FEED:
        from frontlines.ingest import feed

        yield from feed.read(name, text, options)
    elif kind == sniff.HTML:
        from frontlines.ingest import html

        yield from html.read(name, text, options)
    elif kind == sniff.JSONL:
        from frontlines.ingest import table

        yield from table.read_jsonl(name, text, options)
    elif kind in (sniff.CSV, sniff.TSV):
        from frontlines.ingest import table

        yield from table.read_csv(name, text, "\t" if kind == sniff.TSV else ",", options)
    else:
        from frontlines.ingest import text as text_reader

        yield from text_reader.read(name, text, options)


def ingest(paths: str | Path | Iterable[str | Path], **opts) -> list[Document]:
    """Read ``paths`` (files, directories, globs, ``-``) into Documents, for notebooks and scripts.

    Keyword options are ``IngestOptions`` fields (``text_col=``, ``max_bytes=``,
    ...). Bad inputs are logged as warnings and left out; use ``iter_inputs`` to
    receive them, or the CLI to quarantine them in a store.
    """
    options = IngestOptions.from_kwargs(**opts)
    docs = []
    for out in iter_inputs(paths, options):
        if isinstance(out, BadInput):
            log.warning("%s", out)
        else:
            docs.append(out)
    return docs


def _as_list(paths) -> list[str | Path]:
    if isinstance(paths, str | Path):
        return [paths]
    return list(paths)


__all__ = ["Capped", "IngestOptions", "IngestStats", "RawInput", "ingest", "iter_inputs", "one_line", "read_file", "read_raw",
           "read_text"]
