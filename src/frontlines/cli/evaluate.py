"""``frontlines eval`` and ``frontlines train``: thin wrappers over ``frontlines.evaluation`` and the classifier.

``eval`` prints what an evaluator returns (any registered kind) as rich tables:
headline figures, per-class P/R/F1 with macro and weighted F1, the confusion
matrix and field accuracies; ``--json`` writes the whole result.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from frontlines.cli import app
from frontlines.errors import FrontlinesError

out = Console()


def _classes_table(name: str, rep: dict[str, Any]) -> Table:
    t = Table(title=f"{name}: per class (n={rep['n']}, accuracy {rep['accuracy']:.3f})", title_justify="left")
    for col in ("class", "precision", "recall", "F1", "support", "predicted"):
        t.add_column(col, justify="left" if col == "class" else "right")
    for c in rep["classes"]:
        t.add_row(c["label"], f"{c['precision']:.3f}", f"{c['recall']:.3f}", f"{c['f1']:.3f}", str(c["support"]),
                  str(c["predicted"]))
    t.add_section()
    t.add_row("macro F1", "", "", f"{rep['macro_f1']:.3f}", "", "")
    t.add_row("weighted F1", "", "", f"{rep['weighted_f1']:.3f}", "", "")
    return t


def _abbrev(label: str, width: int = 10) -> str:
    return label if len(label) <= width else label[: width - 1] + "…"


def _confusion_table(name: str, rep: dict[str, Any]) -> Table:
    t = Table(title=f"{name}: confusion (rows gold, columns predicted)", title_justify="left")
    t.add_column("gold \\ pred")
    for lab in rep["labels"]:
        t.add_column(_abbrev(lab), justify="right")
    for i, (lab, row) in enumerate(zip(rep["labels"], rep["confusion"], strict=True)):
        t.add_row(lab, *[f"[bold]{v}[/bold]" if i == j else (str(v) if v else "·") for j, v in enumerate(row)])
    return t


def _top_confusions_table(name: str, rep: dict[str, Any], top: int = 15) -> Table:
    """The most frequent gold -> predicted errors: a 26 x 26 matrix does not fit a terminal, and the few largest
    cells are where the work is (a class lost to "(none)" is a recall problem, one lost to a sibling a typing one)."""
    labels = rep["labels"]
    cells = [(v, labels[i], labels[j]) for i, row in enumerate(rep["confusion"]) for j, v in enumerate(row)
             if i != j and v]
    cells.sort(key=lambda c: (-c[0], c[1], c[2]))
    t = Table(title=f"{name}: the {min(top, len(cells))} most frequent confusions", title_justify="left")
    for col in ("gold", "predicted", "items"):
        t.add_column(col, justify="right" if col == "items" else "left")
    for v, gold, pred in cells[:top]:
        t.add_row(gold, pred, str(v))
    return t


def print_result(res: dict[str, Any], console: Console = out) -> None:
    head = Table(title=f"{res['kind']} · {res['path']} · n={res['n']}"
                 + (f" · split {res['split']}" if res.get("split") else ""), title_justify="left")
    head.add_column("figure")
    head.add_column("value", justify="right")
    for k, v in res["figures"].items():
        head.add_row(k, f"{v:.4f}")
    console.print(head)
    console.print(f"system: {res['system']} · {res['seconds']} s · gold sha256 {res['gold_sha256'][:12]}")
    for name, rep in res.get("classification", {}).items():
        console.print(_classes_table(name, rep))
        if len(rep["labels"]) <= 14:
            console.print(_confusion_table(name, rep))
        elif rep.get("confusion"):
            console.print(_top_confusions_table(name, rep))
    for extra in res.get("tables", []):  # an evaluator's own tables: {"title", "columns", "rows"}
        t = Table(title=extra["title"], title_justify="left")
        for col in extra["columns"]:
            t.add_column(col, justify="left" if col == extra["columns"][0] else "right")
        for row in extra["rows"]:
            t.add_row(*(Text(str(x)) for x in row))
        console.print(t)
    if res.get("unseen"):
        t = Table(title="rows of non-ACLED types: share given no ACLED event", title_justify="left")
        for col in ("type", "rows", "no event", "share"):
            t.add_column(col, justify="left" if col == "type" else "right")
        for name, u in res["unseen"].items():
            t.add_row(name, str(u["n"]), str(u["no_event"]), f"{u['share']:.3f}")
        console.print(t)
    if res.get("fields"):
        t = Table(title="field accuracies", title_justify="left")
        for col in ("field", "accuracy", "correct", "scored", "what"):
            t.add_column(col, justify="right" if col in ("accuracy", "correct", "scored") else "left")
        for f in res["fields"].values():
            t.add_row(f["name"], f"{f['accuracy']:.3f}", str(f["correct"]), str(f["total"]), f.get("note", ""))
        console.print(t)


@app.command("eval")
def eval_cmd(
    kind: str = typer.Argument(..., help="What to measure: acled, fakes, case, or a kind another stage registered."),
    path: Path = typer.Argument(..., help="Gold file."),
    json_out: Path | None = typer.Option(None, "--json", help="Write the full result as JSON here."),
    limit: int | None = typer.Option(None, "--limit", min=1, help="Score only the first N items."),
    every: int | None = typer.Option(None, "--every", min=1, help="Score every N-th item only (a spread-out subset)."),
    model: Path | None = typer.Option(None, "--model", help="A classifier made by `frontlines train`."),
    split: str | None = typer.Option(None, "--split", help="Score one deterministic half: half-a or half-b."),
    baseline: str | None = typer.Option(
        None, "--baseline", help="Score a reference model instead (tfidf: TF-IDF + logistic regression trained on "
        "the other half; needs --split)."
    ),
) -> None:
    """Measure the system against a human-coded gold file and print per-class and field scores."""
    from frontlines.evaluation.registry import evaluate

    options: dict[str, Any] = {"limit": limit, "split": split, "progress": True}
    if every:
        options["every"] = every
    if model:
        options["model"] = model
    if baseline:
        options["baseline"] = baseline
    res = evaluate(kind, path, **options)
    print_result(res)
    if json_out:
        json_out.parent.mkdir(parents=True, exist_ok=True)
        json_out.write_text(json.dumps(res, indent=2, default=str))
        out.print(f"wrote {json_out}")


@app.command("train")
def train_cmd(
    acled: Path | None = typer.Option(None, "--acled", help="Your ACLED export (CSV with notes)."),
    builtin: bool = typer.Option(False, "--builtin", help="Rebuild the shipped sub-type model from the project's "
                                 "own corpus (frontlines/data/corpus); byte-identical to the shipped file."),
    out_path: Path | None = typer.Option(None, "--out", help="Where to store the model (default: "
                                         "models/acled-<half|all>.joblib; with --builtin the package's own file)."),
    split: str | None = typer.Option(None, "--split", help="Train on one half only (half-a or half-b), to test on the other."),
    limit: int | None = typer.Option(None, "--limit", min=1, help="Train on the first N rows only."),
    rules: bool = typer.Option(True, "--rules/--no-rules", help="Use the rule-based typer and actor registry as "
                               "features (slower to train, more accurate)."),
) -> None:
    """Fit a note classifier from your own ACLED export (stored locally, never shipped), or with --builtin
    rebuild the shipped sub-type model from the team-written corpus."""
    if builtin == (acled is not None):
        raise FrontlinesError("train: give exactly one of --acled EXPORT.csv or --builtin")
    if builtin:
        _train_builtin(out_path)
        return
    from frontlines.evaluation import acled as acled_eval
    from frontlines.evaluation import classifier, common

    common.check_split(split)
    rows = acled_eval.select(acled_eval.read_acled(acled), split, limit)
    if not rows:
        raise FrontlinesError(f"{acled}: no rows with notes to train on")
    target = out_path or Path("models") / f"acled-{split or 'all'}.joblib"
    model = classifier.train(rows, use_rules=rules, progress=True)
    classifier.save(model, target)
    out.print(f"trained on {len(rows)} notes ({model.summary()}); wrote {target}")


def _train_builtin(out_path: Path | None) -> None:
    from frontlines.nlp import subtype
    from frontlines.nlp.subtype_search import train_builtin

    target = out_path or subtype.model_path()
    before = target.read_bytes() if target.exists() else None
    model = train_builtin(progress=True)
    subtype.save(model, target)
    same = "identical to the file it replaced" if before == target.read_bytes() else "changed"
    out.print(f"trained the sub-type model on {model.meta['corpus_size']} corpus items "
              f"({len(model.vocab)} features, {len(model.classes)} classes); wrote {target} ({same})")
