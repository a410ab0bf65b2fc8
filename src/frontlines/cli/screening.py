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
from frontlines.export import spreadsheet_safe
from frontlines.store import Store
from frontlines.store.mentions import AUDIT_COLUMNS, screening_audit


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
    with Store(db, read_only=True) as store:
        if "screening" not in store.tables():
            raise FrontlinesError(f"{db}: no screening table (extract with this frontlines first)")
        rows = screening_audit(store, decision, skip=None if everything else CODED, limit=limit)
    if fmt == "jsonl":
        for r in rows:
            sys.stdout.write(json.dumps(r, ensure_ascii=False) + "\n")
    elif fmt == "csv":
        w = csv.DictWriter(sys.stdout, fieldnames=AUDIT_COLUMNS)
        w.writeheader()
        for r in rows:
            w.writerow({k: spreadsheet_safe(v) for k, v in r.items()})
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
