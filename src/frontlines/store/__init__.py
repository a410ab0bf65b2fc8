"""The embedded store: one DuckDB file holding documents, mentions and everything derived.

``Store`` is the only code that writes SQL against the file. Every statement is
parameterised; batches are single transactions, so a kill mid-batch leaves the
file as it was before that batch and a re-run completes it without duplicates.
"""

from __future__ import annotations

import errno
import json
import re
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import duckdb

from frontlines import killpoint
from frontlines.document import Comment, Document
from frontlines.errors import DiskFull, FrontlinesError, StoreLocked, output_error
from frontlines.store.schema import MIGRATIONS, SCHEMA_VERSION

DEFAULT_DB = "frontlines.duckdb"

# Bytes 8..11 of every DuckDB database file (the first 8 are a checksum).
DUCKDB_MAGIC = b"DUCK"
# WHY: DuckDB would otherwise fetch and load extensions on its own: a SQLite or CSV file named as the
# store makes it download ``sqlite_scanner`` from the network, and a file read through an extension
# is not a store. frontlines needs no extension; every one is off, and the setting is locked.
CONNECTION_CONFIG = {
    "autoinstall_known_extensions": False,
    "autoload_known_extensions": False,
    "allow_community_extensions": False,
    "allow_unsigned_extensions": False,
}
_LOCK_PID = re.compile(r"\(PID (\d+)\)")
# How long opening a store waits for another process's lock to go (the desk holds it for about 2 s).
LOCK_WAIT_S = 5.0
LOCK_RETRY_S = 0.2


def check_store_path(path: str | Path) -> None:
    """Refuse a path that exists and is not a DuckDB database (a CSV, a SQLite file, a folder, a text file).

    WHY: DuckDB opens such a path without complaint (a CSV as an empty in-memory database,
    a SQLite file through an extension), so every run "stores" its documents nowhere.
    A new path, or an empty file, is a new store.
    """
    p = Path(path)
    if str(path) == ":memory:" or not p.exists():
        return
    if p.is_dir():
        raise FrontlinesError(f"{p}: is a directory, not a frontlines store; name a .duckdb file with --db")
    try:
        with p.open("rb") as fh:
            head = fh.read(16)
    except OSError as exc:
        raise FrontlinesError(f"{p}: cannot read the store ({exc.strerror or exc})") from exc
    if head and head[8:12] != DUCKDB_MAGIC:
        kind = "a SQLite database" if head.startswith(b"SQLite format") else "not a DuckDB database"
        raise FrontlinesError(f"{p}: {kind}, so not a frontlines store; name a new or existing .duckdb file with --db")


def store_error(path: str, exc: BaseException) -> FrontlinesError | None:
    """The one-line error a user sees for a DuckDB or OS failure on the store, or None if it is none of ours."""
    text = str(exc)
    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC or "No space left on device" in text:
        return DiskFull(path)
    if "Conflicting lock" in text or "Could not set lock" in text:
        pid = _LOCK_PID.search(text)
        return StoreLocked(path, int(pid.group(1)) if pid else None)
    return None


@dataclass
class StoreResult:
    new: int = 0
    existing: int = 0
    quarantined: int = 0
    reasons: Counter = field(default_factory=Counter)  # why inputs were quarantined -> how many


class Store:
    """A DuckDB file with the frontlines schema, migrated on open."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False):
        self.path = str(path)
        self._depth = 0  # nesting of ``transaction()``: only the outermost one commits
        check_store_path(self.path)
        self.con = self._connect(read_only)
        if not read_only:
            self.migrate()

    def _connect(self, read_only: bool) -> duckdb.DuckDBPyConnection:
        """Open the file, waiting up to ``LOCK_WAIT_S`` while another process holds its lock.

        WHY wait: the desk (``frontlines serve``) opens the store read-only for a moment to answer a
        detail page or a download, and a ``run`` started in that moment would otherwise be refused. A
        writer that holds the lock for longer still gets the one-line "another process" error.
        """
        deadline = time.monotonic() + LOCK_WAIT_S
        while True:
            try:
                con = duckdb.connect(self.path, read_only=read_only, config=dict(CONNECTION_CONFIG))
                con.execute("SET lock_configuration = true")
                return con
            except duckdb.Error as exc:
                err = store_error(self.path, exc)
                if isinstance(err, StoreLocked) and time.monotonic() < deadline:
                    time.sleep(LOCK_RETRY_S)
                    continue
                raise err or FrontlinesError(
                    f"{self.path}: cannot open store ({' '.join(str(exc).split())})") from exc

    # -- lifecycle -----------------------------------------------------------------
    def close(self) -> None:
        try:
            self.con.close()  # checkpoints the WAL into the file, which can meet a full disk too
        except duckdb.Error as exc:
            raise store_error(self.path, exc) or FrontlinesError(
                f"{self.path}: cannot close the store ({' '.join(str(exc).split())})") from exc

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One atomic unit of work. Nested calls join the outer transaction, so a stage can make
        everything it writes (and what depends on it) commit or vanish together."""
        if self._depth:
            self._depth += 1
            try:
                yield self.con
            finally:
                self._depth -= 1
            return
        self._depth = 1
        try:
            self.con.execute("BEGIN TRANSACTION")
            try:
                yield self.con
            except BaseException:
                # a failed write (disk full) may have ended the transaction already
                with suppress(duckdb.Error):
                    self.con.execute("ROLLBACK")
                raise
            self.con.execute("COMMIT")
        except (duckdb.Error, OSError) as exc:
            mapped = store_error(self.path, exc)
            if mapped is None:
                raise
            raise mapped from exc
        finally:
            self._depth = 0

    def migrate(self) -> list[str]:
        """Apply pending migrations; refuse a file written by a newer frontlines."""
        self.con.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, "
            "applied_at TIMESTAMP DEFAULT current_timestamp)"
        )
        done = {r[0] for r in self.con.execute("SELECT name FROM schema_migrations").fetchall()}
        known = {name for name, _ in MIGRATIONS}
        unknown = done - known
        if unknown:
            raise FrontlinesError(
                f"{self.path}: written by a newer frontlines (migrations {sorted(unknown)}); upgrade frontlines"
            )
        applied = []
        for name, sql in MIGRATIONS:
            if name in done:
                continue
            with self.transaction() as con:
                con.execute(sql)
                con.execute("INSERT INTO schema_migrations (name) VALUES (?)", [name])
            applied.append(name)
        return applied

    @property
    def schema_version(self) -> int:
        return self.con.execute("SELECT count(*) FROM schema_migrations").fetchone()[0]

    # -- documents -----------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM documents WHERE doc_id = ?", [doc_id]).fetchone() is not None

    def add_documents(self, docs: Iterable[Document], input_name: str | list[str] | None = None) -> StoreResult:
        """Insert a batch in one transaction; documents already stored are counted, not re-added.

        ``input_name`` names the input of every document, or (a list) of each one,
        so a batch may span many small files and still commit once. Rows go in as
        one Arrow table per table (row-by-row INSERTs cost milliseconds each in DuckDB).
        """
        result = StoreResult()
        docs = list(docs)
        if not docs:
            return result
        names = input_name if isinstance(input_name, list) else [input_name] * len(docs)
        with self.transaction() as con:
            stored = {r[0] for r in con.execute(
                "SELECT doc_id FROM documents WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
                [[d.doc_id for d in docs]],
            ).fetchall()}
            fresh: list[tuple[Document, str | None]] = []
            for doc, name in zip(docs, names, strict=True):
                if doc.doc_id in stored:
                    result.existing += 1
                    continue
                stored.add(doc.doc_id)
                fresh.append((doc, name))
            if fresh:
                _insert_arrow(con, "documents", _DOC_COLUMNS, [
                    [d.doc_id, d.source_id, d.url, d.source, d.published, d.published_from, d.title, d.subtitle,
                     d.byline, list(d.paragraphs), d.author_bio, d.language, d.reader, name]
                    for d, name in fresh
                ])
                comment_rows = [
                    [d.doc_id, c.id, c.parent_id, c.author, c.posted, c.depth, i, c.text]
                    for d, _ in fresh for i, c in enumerate(d.comments)
                ]
                killpoint.reached("ingest")  # documents in, comments not yet: a kill must leave neither
                if comment_rows:
                    _insert_arrow(con, "comments", _COMMENT_COLUMNS, comment_rows)
            result.new = len(fresh)
        return result

    def quarantine(self, input_name: str, reason: str, detail: str | None = None,
                   reader: str | None = None, sha256: str | None = None) -> bool:
        """Record a bad input once: re-running over the same bad input adds no second row."""
        with self.transaction() as con:  # a write error (full disk) becomes the user's one line
            if con.execute("SELECT 1 FROM quarantine WHERE input = ? AND reason = ?",
                           [input_name, reason]).fetchone():
                return False
            con.execute(
                "INSERT INTO quarantine (input, reason, detail, reader, sha256) VALUES (?, ?, ?, ?, ?)",
                [input_name, reason, detail, reader, sha256],
            )
        return True

    def documents(self, where: str = "", params: list | None = None) -> Iterator[Document]:
        """Stored documents with their comments. ``where`` is a trusted SQL fragment; values go in ``params``."""
        sql = (
            "SELECT doc_id, source_id, title, subtitle, byline, paragraphs, author_bio, url, source, published,"
            " published_from, language, reader FROM documents " + where + " ORDER BY ingested_at, doc_id"
        )
        rows = self.con.execute(sql, params or []).fetchall()
        for r in rows:
            comments = [
                Comment(id=c[0], parent_id=c[1], author=c[2], posted=c[3], depth=c[4], text=c[5])
                for c in self.con.execute(
                    "SELECT comment_id, parent_id, author, posted, depth, text FROM comments"
                    " WHERE doc_id = ? ORDER BY position",
                    [r[0]],
                ).fetchall()
            ]
            yield Document(
                doc_id=r[0], source_id=r[1], title=r[2], subtitle=r[3], byline=r[4], paragraphs=list(r[5] or []),
                author_bio=r[6], url=r[7], source=r[8], published=r[9], published_from=r[10], language=r[11],
                reader=r[12], comments=comments,
            )

    def count(self, table: str) -> int:
        if table not in self.tables():
            raise FrontlinesError(f"no table {table!r} in {self.path}")
        return self.con.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]

    # -- notebook views (pyarrow.Table; ``.to_pandas()``), built by ``frontlines.tables`` -------------
    def events(self, canonical: bool = False, **filters):
        """Event mentions, or fused events with ``canonical=True``; filters as ``frontlines events``."""
        from frontlines import tables

        return tables.events(self, canonical=canonical, **filters)

    def control(self, when=None, place: str | None = None):
        """The control timeline, or who held each place on ``when``."""
        from frontlines import tables

        return tables.control(self, when, place)

    def contradictions(self):
        from frontlines import tables

        return tables.contradictions(self)

    def documents_table(self):
        """Documents as one Arrow table (``documents()`` yields ``Document`` objects)."""
        from frontlines import tables

        return tables.documents(self)

    def tables(self) -> list[str]:
        return [r[0] for r in self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1"
        ).fetchall()]

    def export_documents(self, out: str | Path, fmt: str | None = None) -> int:
        """Write documents (comments nested) to JSONL or Parquet; the format follows the suffix."""
        out = Path(out)
        fmt = fmt or out.suffix.lstrip(".").lower()
        if fmt not in ("jsonl", "json", "ndjson", "parquet"):
            raise FrontlinesError(f"{out}: unknown export format {fmt!r} (use .jsonl or .parquet)")
        docs = [d.to_dict() for d in self.documents()]
        try:
            if fmt == "parquet":
                import pyarrow as pa
                import pyarrow.parquet as pq

                pq.write_table(pa.Table.from_pylist(docs), out)
            else:
                with out.open("w", encoding="utf-8") as fh:
                    for d in docs:
                        fh.write(json.dumps(d, ensure_ascii=False, default=_json_default) + "\n")
        except OSError as exc:
            raise output_error(out, exc) from exc
        return len(docs)


_DOC_COLUMNS = [
    ("doc_id", "string"), ("source_id", "string"), ("url", "string"), ("source", "string"), ("published", "date"),
    ("published_from", "string"), ("title", "string"), ("subtitle", "string"), ("byline", "string"),
    ("paragraphs", "strings"), ("author_bio", "string"), ("language", "string"), ("reader", "string"),
    ("input", "string"),
]
_COMMENT_COLUMNS = [
    ("doc_id", "string"), ("comment_id", "string"), ("parent_id", "string"), ("author", "string"),
    ("posted", "timestamp"), ("depth", "int"), ("position", "int"), ("text", "string"),
]


def _insert_arrow(con: duckdb.DuckDBPyConnection, table: str, columns: list[tuple[str, str]], rows: list[list]) -> None:
    import pyarrow as pa

    types = {"string": pa.string(), "date": pa.date32(), "strings": pa.list_(pa.string()),
             "timestamp": pa.timestamp("us"), "int": pa.int32()}
    arrays = [pa.array([r[i] for r in rows], type=types[kind]) for i, (_, kind) in enumerate(columns)]
    batch = pa.Table.from_arrays(arrays, names=[name for name, _ in columns])
    view = f"_frontlines_new_{table}"
    con.register(view, batch)
    try:
        cols = ", ".join(name for name, _ in columns)
        con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM {view}")
    finally:
        con.unregister(view)


def _json_default(value):
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


__all__ = ["DEFAULT_DB", "SCHEMA_VERSION", "Store", "StoreResult"]
