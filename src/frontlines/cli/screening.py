"""``frontlines screening``: what the screen set aside, document by document, and why.

An audit view over the ``screening`` table (``frontlines.nlp.screening``): every extracted
document's language, relevance score, decision and reason, joined to its title and source id.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import typer

from frontlines.cli import app
from frontlines.cli.options import DbOption
from frontlines.errors import FrontlinesError
from frontlines.store import Store
from frontlines.version import PIPELINE_VERSION

_COLUMNS = ["doc_id", "source_id", "title", "language", "decision", "score", "reason", "n_sentences", "n_parsed"]


def _cell(v):
    """A spreadsheet must never run a title as a formula."""
    if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + v
    return v


@app.command()
def screening(
    db: Path = DbOption,
    decision: str | None = typer.Option(None, "--decision", "-d",
                                        help="coded, not_relevant, language_not_coded or empty (default: all "
                                             "but coded)."),
    everything: bool = typer.Option(False, "--all", help="Every document, coded ones included."),
    fmt: str = typer.Option("table", "--format", "-f", help="table, csv or jsonl."),
    limit: int = typer.Option(0, "--limit", min=0, help="At most this many rows (0: all)."),
) -> None:
    """List the screening decisions: documents skipped for their language or judged not to report events."""
    from frontlines.nlp.screening import CODED, DECISIONS

    if decision is not None and decision not in DECISIONS:
        raise FrontlinesError(f"--decision {decision!r}: use one of {', '.join(DECISIONS)}")
    if fmt not in ("table", "csv", "jsonl"):
        raise FrontlinesError(f"--format {fmt!r}: use table, csv or jsonl")
    if not db.exists():
        raise FrontlinesError(f"{db}: no such store")
    sql = ("SELECT s.doc_id, d.source_id, d.title, s.language, s.decision, s.score, s.reason, s.n_sentences, "
           "s.n_parsed FROM screening s LEFT JOIN documents d USING (doc_id) WHERE s.pipeline_version = ?")
    params: list = [PIPELINE_VERSION]
    if decision is not None:
        sql += " AND s.decision = ?"
        params.append(decision)
    elif not everything:
        sql += " AND s.decision <> ?"
        params.append(CODED)
    sql += " ORDER BY s.decision, s.score DESC NULLS LAST, d.source_id"
    if limit:
        sql += " LIMIT ?"
        params.append(limit)
    with Store(db, read_only=True) as store:
        if "screening" not in store.tables():
            raise FrontlinesError(f"{db}: no screening table (extract with this frontlines first)")
        rows = [dict(zip(_COLUMNS, r, strict=True)) for r in store.con.execute(sql, params).fetchall()]
    if fmt == "jsonl":
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=_COLUMNS)
        w.writeheader()
        for r in rows:
            w.writerow({k: _cell(v) for k, v in r.items()})
    else:
        from rich.console import Console
        from rich.table import Table
        from rich.text import Text

        t = Table(title=f"screening ({len(rows)} documents)")
        for c in ("source_id", "title", "language", "decision", "score", "reason"):
            t.add_column(c, overflow="fold")
        for r in rows:
            score = "" if r["score"] is None else f"{r['score']:.3f}"
            t.add_row(*(Text(str(x or "")) for x in (r["source_id"], (r["title"] or "")[:60], r["language"],
                                                      r["decision"], score, r["reason"])))
        Console(width=160).print(t)
