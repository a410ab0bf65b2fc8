"""CLI verbs of the ingest stage: ``ingest``, ``inspect`` and ``export documents``.

A thin layer: each verb builds ``IngestOptions`` and a ``Store`` and calls the
library. Article and comment text is untrusted, so it is only ever rendered as
rich ``Text`` (never parsed as markup).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from datetime import date
from pathlib import Path

import typer
from rich.console import Console
from rich.panel import Panel
from rich.text import Text
from rich.tree import Tree

from frontlines.cli import EXIT_QUARANTINED, app
from frontlines.cli.options import DbOption
from frontlines.document import Document
from frontlines.errors import BadInput, FrontlinesError
from frontlines.ingest import IngestStats
from frontlines.ingest.options import MIB, IngestOptions
from frontlines.store import Store, StoreResult

out_console = Console()
err_console = Console(stderr=True, highlight=False)

export_app = typer.Typer(help="Export stored records (documents; later stages add more).", no_args_is_help=True)
app.add_typer(export_app, name="export")

PathsArg = typer.Argument(..., help="Files, directories, globs, or - for stdin (any mix of formats).")
TextCol = typer.Option(None, "--text-col", help="Table column holding the article text.")
TitleCol = typer.Option(None, "--title-col", help="Table column holding the title.")
DateCol = typer.Option(None, "--date-col", help="Table column holding the publication date.")
IdCol = typer.Option(None, "--id-col", help="Table column holding the corpus's own id (kept as source_id).")
SourceCol = typer.Option(None, "--source-col", help="Table column naming the outlet.")
PublishedOpt = typer.Option(None, "--published", help="Publication date (YYYY-MM-DD) for every document read.")
SourceOpt = typer.Option(None, "--source", help="Outlet name for every document read.")
MaxBytesOpt = typer.Option(20 * MIB, "--max-bytes", help="Refuse input files larger than this many bytes.")


def build_options(text_col=None, title_col=None, date_col=None, id_col=None, source_col=None,
                  published: str | None = None, source_name: str | None = None,
                  max_bytes: int = 20 * MIB) -> IngestOptions:
    when = None
    if published:
        try:
            when = date.fromisoformat(published)
        except ValueError as exc:
            raise FrontlinesError(f"--published {published!r}: not a date (use YYYY-MM-DD)") from exc
    if max_bytes <= 0:
        raise FrontlinesError("--max-bytes must be positive")
    return IngestOptions(text_col=text_col, title_col=title_col, date_col=date_col, id_col=id_col,
                         source_col=source_col, published=when, source=source_name, max_bytes=max_bytes)


def ingest_into(store: Store, paths: list[str], options: IngestOptions, batch_size: int = 500,
                progress: bool = True) -> tuple[StoreResult, IngestStats]:
    """The library's ``orchestrator.ingest_store`` (kept here for callers of the CLI module)."""
    from frontlines.orchestrator import ingest_store

    return ingest_store(store, paths, options, batch_size=batch_size, progress=progress)


@app.command()
def ingest(
    paths: list[str] = PathsArg,
    db: Path = DbOption,
    text_col: str | None = TextCol,
    title_col: str | None = TitleCol,
    date_col: str | None = DateCol,
    id_col: str | None = IdCol,
    source_col: str | None = SourceCol,
    published: str | None = PublishedOpt,
    source_name: str | None = SourceOpt,
    max_bytes: int = MaxBytesOpt,
    batch_size: int = typer.Option(500, "--batch-size", min=1, help="Documents per store transaction."),
) -> None:
    """Read pages, feeds, archives and corpora into the store; bad inputs are quarantined."""
    options = build_options(text_col, title_col, date_col, id_col, source_col, published, source_name, max_bytes)
    with Store(db) as store:
        result, stats = ingest_into(store, paths, options, batch_size=batch_size, progress=sys.stderr.isatty())
    line = f"{result.new} new, {result.existing} already stored, {result.quarantined} quarantined"
    line += why(result.reasons)
    skipped = sum(stats.skipped.values())
    if skipped:
        line += f", {skipped} skipped (" + ", ".join(f"{n} {reason}" for reason, n in stats.skipped.most_common()) + ")"
    out_console.print(Text(line), soft_wrap=True)
    if stats.capped:
        out_console.print(Text(capped_line(stats.capped)), soft_wrap=True)
    if result.quarantined:
        raise typer.Exit(EXIT_QUARANTINED)


def capped_line(capped: list[str]) -> str:
    """``2 inputs stored in part (a limit was reached; see `capped:` lines)``: read, so not a failure."""
    return (f"{len(capped)} input{'s' if len(capped) != 1 else ''} stored in part (a limit was reached; "
            "see the `capped:` lines and the quarantine table)")


def why(reasons: Counter, most: int = 5) -> str:
    """`` (2 no such file or directory, 1 empty file)``: the commonest reasons inputs were quarantined."""
    if not reasons:
        return ""
    shown = [f"{n} {reason}" for reason, n in reasons.most_common(most)]
    rest = sum(reasons.values()) - sum(n for _, n in reasons.most_common(most))
    return " (" + "; ".join(shown) + (f"; {rest} more, see `quarantined:` lines" if rest else "") + ")"


@app.command()
def inspect(
    paths: list[str] = PathsArg,
    as_json: bool = typer.Option(False, "--json", help="Print the parsed documents as a JSON array."),
    text_col: str | None = TextCol,
    title_col: str | None = TitleCol,
    date_col: str | None = DateCol,
    id_col: str | None = IdCol,
    source_col: str | None = SourceCol,
    published: str | None = PublishedOpt,
    source_name: str | None = SourceOpt,
    max_bytes: int = MaxBytesOpt,
) -> None:
    """Show how inputs parse (title, deck, byline, body, bio, comment tree) without storing anything."""
    from frontlines.ingest import iter_inputs

    options = build_options(text_col, title_col, date_col, id_col, source_col, published, source_name, max_bytes)
    docs = []
    for out in iter_inputs(paths, options):
        if isinstance(out, BadInput):
            err_console.print(Text(f"bad input: {out.input_name}: {out.reason}"), soft_wrap=True)
        else:
            docs.append(out)
    if as_json:
        sys.stdout.write(json.dumps([d.to_dict() for d in docs], ensure_ascii=False, indent=2) + "\n")
        return
    for d in docs:
        out_console.print(render_document(d))


def render_document(doc: Document) -> Panel:
    """A readable view of one document; every piece of content goes in as plain ``Text``."""
    body = Text()
    if doc.subtitle:
        body.append(doc.subtitle + "\n", style="italic")
    facts = [("by", doc.byline), ("published", doc.published and f"{doc.published} ({doc.published_from})"),
             ("source", doc.source), ("url", doc.url), ("language", doc.language), ("reader", doc.reader),
             ("source_id", doc.source_id), ("doc_id", doc.doc_id)]
    for k, v in facts:
        if v:
            body.append(f"{k}: ", style="bold")
            body.append(f"{v}\n")
    body.append(f"\n{len(doc.paragraphs)} paragraphs\n", style="bold")
    for i, p in enumerate(doc.paragraphs, 1):
        body.append(f"[{i}] ", style="dim")
        body.append(p + "\n")
    if doc.author_bio:
        body.append("\nbio: ", style="bold")
        body.append(doc.author_bio + "\n")
    parts: list = [body]
    if doc.comments:
        tree = Tree(Text(f"{len(doc.comments)} comments", style="bold"))
        nodes = {}
        for c in doc.comments:
            label = Text()
            label.append(c.author or "anonymous", style="bold cyan")
            if c.posted:
                label.append(f"  {c.posted:%Y-%m-%d %H:%M}", style="dim")
            snippet = c.text if len(c.text) <= 160 else c.text[:157] + "..."
            label.append("\n" + snippet.replace("\n\n", " ¶ "))
            parent = nodes.get(c.parent_id, tree)
            nodes[c.id] = parent.add(label)
        parts.append(tree)
    from rich.console import Group

    return Panel(Group(*parts), title=Text(doc.title or "(untitled)", style="bold"), title_align="left")


@export_app.command("documents")
def export_documents(
    out: Path = typer.Argument(..., help="Output file: .jsonl or .parquet."),
    db: Path = DbOption,
) -> None:
    """Write stored documents (comments nested) to JSONL or Parquet."""
    if not db.exists():
        raise FrontlinesError(f"{db}: no such store; run `frontlines ingest` first")
    with Store(db) as store:
        n = store.export_documents(out)
    out_console.print(Text(f"{n} documents written to {out}"))
