"""Adding a gazetteer file to a store: pick the reader, enrich, store idempotently.

This is what ``frontlines gazetteer add`` calls; tests and the evaluators call it
too, so there is one path from a file to stored entries.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from frontlines.errors import FrontlinesError
from frontlines.geo import loaders
from frontlines.geo.gazetteer import Entry
from frontlines.geo.storage import add_source, read_entries
from frontlines.store import Store

FORMATS = ("geonames", "alternatenames", "geojson", "csv", "acled")


@dataclass
class AddResult:
    source: str
    kind: str
    entries: int
    added: bool  # False: the same content was already stored under this name
    skipped: dict[str, int] = field(default_factory=dict)


def file_sha256(path: Path) -> str:
    h = hashlib.sha256()
    files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    for f in files:
        h.update(f.name.encode())
        with f.open("rb") as fh:
            for chunk in iter(lambda: fh.read(1 << 20), b""):
                h.update(chunk)
    return h.hexdigest()


def source_name(path: Path) -> str:
    stem = path.name if path.is_dir() else path.name.split(".")[0]
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", stem) or "gazetteer"


def add_file(store: Store, path: str | Path, *, fmt: str | None = None, name_fields: list[str] | None = None,
             source: str | None = None, attach: bool = True) -> AddResult:
    """Load one gazetteer file (or GeoJSON directory) into ``store`` under ``source``."""
    path = Path(path)
    if not path.exists():
        raise FrontlinesError(f"{path}: no such file")
    kind = fmt or ("geojson" if path.is_dir() else loaders.sniff_format(path))
    if kind not in FORMATS:
        raise FrontlinesError(f"{path}: unknown format {kind!r} (use one of {', '.join(FORMATS)})")
    source = source or source_name(path)
    sha = file_sha256(path)
    options = {"format": kind, "name_fields": name_fields}
    fm = loaders.FieldMap.with_names(name_fields)
    if kind == "geonames":
        report = loaders.read_geonames(path, admin1_names=_default_admin1_names())
    elif kind == "alternatenames":
        return _add_alternate_names(store, path, source, sha)
    elif kind == "geojson":
        report = loaders.read_geojson(path, fm, source)
    elif kind == "csv":
        report = loaders.read_csv(path, fm, source)
    else:
        report = loaders.read_acled(path, source)
    for e in report.entries:
        e.source = source
        if kind == "geonames":
            e.entry_id = f"{source}:{e.entry_id}"
    if attach and kind in ("geojson", "csv"):
        from frontlines.geo.default import load_default

        loaders.attach_to_cities(report.entries, load_default().entries)
    n, added = add_source(store, source, kind, report.entries, path=str(path), sha256=sha, options=options)
    return AddResult(source, kind, n, added, report.skipped)


def add_entries(store: Store, source: str, kind: str, entries: list[Entry]) -> AddResult:
    """Store entries built in code (e.g. an ACLED half for evaluation) as one source."""
    for e in entries:
        e.source = source
    n, added = add_source(store, source, kind, entries)
    return AddResult(source, kind, n, added)


def _default_admin1_names() -> dict[tuple[str, str], str]:
    from frontlines.geo.default import load_default

    out: dict[tuple[str, str], str] = {}
    for e in load_default().entries:
        if e.entry_id.startswith("admin1:") and e.country_code:
            code = e.entry_id.split(".", 1)[1]
            out[(e.country_code, code)] = e.name
    return out


def _add_alternate_names(store: Store, path: Path, source: str, sha: str) -> AddResult:
    """Attach alternateNames rows to stored GeoNames entries (matched by geonameid)."""
    report = loaders.read_alternate_names(path)
    stored = {e.entry_id.split(":", 1)[1] if e.entry_id.count(":") > 1 else e.entry_id: e
              for e in read_entries(store) if "geonames:" in e.entry_id}
    rows = [[stored[gid].entry_id, n, None] for gid, names in report.alt_names.items() if gid in stored
            for n in names]
    row = store.con.execute("SELECT sha256 FROM gazetteer_sources WHERE source = ?", [source]).fetchone()
    if row and row[0] == sha:
        return AddResult(source, "alternatenames", len(rows), False, report.skipped)
    with store.transaction() as con:
        con.execute("DELETE FROM gazetteer_names WHERE lang = ?", [f"alt:{source}"])
        con.execute("DELETE FROM gazetteer_sources WHERE source = ?", [source])
        if rows:
            con.executemany("INSERT INTO gazetteer_names (entry_id, name, lang) VALUES (?, ?, ?)",
                            [[r[0], r[1], f"alt:{source}"] for r in rows])
        con.execute("INSERT INTO gazetteer_sources (source, kind, path, sha256, n_entries) VALUES (?, ?, ?, ?, ?)",
                    [source, "alternatenames", str(path), sha, len(rows)])
    return AddResult(source, "alternatenames", len(rows), True, report.skipped)


__all__ = ["FORMATS", "AddResult", "add_entries", "add_file", "source_name"]
