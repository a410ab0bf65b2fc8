"""The quality gate: measured figures on the dev sets must not fall below pinned floors.

Modelled on trafilatura's ``tests/eval_gate.py``. The baseline file
(``tests/eval_baseline.json``) lists, per evaluation kind, the gold file
(relative to the shared data folder), its SHA-256, the evaluator options and
one floor per figure. The gate (``tests/test_eval_gate.py``) runs every listed
evaluation and fails when:

- a figure is below its floor by more than ``epsilon`` (a regression);
- the gold file's hash differs from the pinned one (the gold changed: numbers
  are no longer comparable, and the gate refuses to compare silently);
- a listed kind is no longer registered.

Floors only move up. ``python -m frontlines.evaluation.gate --update`` raises
each floor to the measured figure and pins figures not pinned yet; a floor is
lowered only with ``--lower --reason "..."``, and every change is appended to
the file's ``history`` with the reason, so ``git log -p`` shows who lowered what
and why. ``--add KIND=PATH`` adds a kind (another stage's evaluator) to the
file; ``--repin --reason`` accepts a changed gold file.

Where the shared data folder is absent the gate says so and skips: the
project must build and test without it.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from frontlines.evaluation.common import sha256_file

ROOT = Path(__file__).resolve().parents[3]
BASELINE = ROOT / "tests" / "eval_baseline.json"
DATA = ROOT.parent / "shared" / "data"
EPSILON = 0.005


@dataclass
class Finding:
    """One line of the gate's verdict; ``fail`` ones make it red."""

    kind: str
    figure: str | None
    message: str
    fail: bool

    def __str__(self) -> str:
        mark = "FAIL" if self.fail else "ok  "
        return f"{mark} {self.kind}{'.' + self.figure if self.figure else ''}: {self.message}"


def load_baseline(path: Path = BASELINE) -> dict[str, Any]:
    if not path.exists():
        return {"epsilon": EPSILON, "evals": {}, "history": []}
    return json.loads(path.read_text())


def save_baseline(baseline: dict[str, Any], path: Path = BASELINE) -> None:
    path.write_text(json.dumps(baseline, indent=2, sort_keys=False) + "\n")


def gold_path(entry: dict[str, Any], data: Path) -> Path:
    return data / entry["path"]


def check_gold(kind: str, entry: dict[str, Any], data: Path) -> Finding | None:
    """A failing finding when the gold file changed; None when it matches (or is absent: see ``runnable``)."""
    path = gold_path(entry, data)
    if not path.exists():
        return None
    digest = sha256_file(path)
    if entry.get("sha256") and digest != entry["sha256"]:
        return Finding(kind, None, f"gold file {path} changed (sha256 {digest[:12]} != pinned "
                       f"{entry['sha256'][:12]}); re-pin with --repin --reason if the change is intended", True)
    return None


def compare(kind: str, figures: dict[str, float], floors: dict[str, float], epsilon: float) -> list[Finding]:
    """Each pinned floor against the measured figure."""
    out = []
    for name, floor in floors.items():
        if name not in figures:
            out.append(Finding(kind, name, f"pinned at {floor:.4f} but no longer measured", True))
            continue
        value = figures[name]
        if value < floor - epsilon:
            out.append(Finding(kind, name, f"{value:.4f} < floor {floor:.4f} (epsilon {epsilon})", True))
        else:
            out.append(Finding(kind, name, f"{value:.4f} (floor {floor:.4f})", False))
    return out


def run_kind(kind: str, entry: dict[str, Any], data: Path, progress: bool = False) -> dict[str, Any]:
    from frontlines.evaluation.registry import evaluate

    return evaluate(kind, gold_path(entry, data), progress=progress, **entry.get("options", {}))


def run_gate(baseline: dict[str, Any], data: Path = DATA, progress: bool = False) -> list[Finding]:
    """Every listed evaluation against its floors (the caller skips when ``data`` is absent)."""
    from frontlines.evaluation import load_all
    from frontlines.evaluation.registry import EVALUATORS

    load_all()
    eps = float(baseline.get("epsilon", EPSILON))
    findings: list[Finding] = []
    for kind, entry in baseline.get("evals", {}).items():
        if kind not in EVALUATORS:
            findings.append(Finding(kind, None, "listed in the baseline but not registered", True))
            continue
        if not gold_path(entry, data).exists():
            findings.append(Finding(kind, None, f"{gold_path(entry, data)} absent: skipped", False))
            continue
        bad = check_gold(kind, entry, data)
        if bad:
            findings.append(bad)
            continue
        res = run_kind(kind, entry, data, progress)
        findings.extend(compare(kind, res["figures"], entry.get("floors", {}), eps))
    return findings


def update(
    baseline: dict[str, Any],
    measured: dict[str, dict[str, float]],
    *,
    lower: bool = False,
    reason: str | None = None,
    when: str | None = None,
) -> list[str]:
    """Raise floors to ``measured`` (kind -> figures); lower them only with ``lower`` and a ``reason``.

    Returns human-readable lines of what changed; every change is appended to ``history``.
    """
    if lower and not (reason and reason.strip()):
        raise ValueError("lowering a floor needs a reason")
    when = when or datetime.now(UTC).strftime("%Y-%m-%dT%H:%MZ")
    history = baseline.setdefault("history", [])
    lines = []
    for kind, figures in measured.items():
        floors = baseline["evals"][kind].setdefault("floors", {})
        for name, value in figures.items():
            value = round(float(value), 4)
            old = floors.get(name)
            if old is None or value > old:
                floors[name] = value
                history.append({"when": when, "kind": kind, "figure": name, "from": old, "to": value,
                                "reason": reason or "measured"})
                lines.append(f"{kind}.{name}: {old} -> {value}")
            elif value < old:
                if lower:
                    floors[name] = value
                    history.append({"when": when, "kind": kind, "figure": name, "from": old, "to": value,
                                    "reason": reason})
                    lines.append(f"{kind}.{name}: LOWERED {old} -> {value} ({reason})")
                else:
                    lines.append(f"{kind}.{name}: measured {value} below floor {old}; kept (use --lower --reason)")
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m frontlines.evaluation.gate", description=__doc__.split("\n")[0])
    ap.add_argument("--baseline", type=Path, default=BASELINE)
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--kind", action="append", help="only these kinds (repeatable)")
    ap.add_argument("--update", action="store_true", help="raise floors to the measured figures")
    ap.add_argument("--lower", action="store_true", help="with --update: also lower floors (needs --reason)")
    ap.add_argument("--repin", action="store_true", help="accept changed gold files (needs --reason)")
    ap.add_argument("--reason", help="why floors are lowered or gold re-pinned (recorded in the file)")
    ap.add_argument("--add", action="append", default=[], metavar="KIND=PATH",
                    help="add a kind with its gold file relative to --data")
    args = ap.parse_args(argv)
    if (args.lower or args.repin) and not args.reason:
        ap.error("--lower and --repin need --reason")
    if not args.data.exists():
        print(f"gate: {args.data} absent; nothing to measure (skipped)")
        return 0
    baseline = load_baseline(args.baseline)
    baseline.setdefault("epsilon", EPSILON)
    evals = baseline.setdefault("evals", {})
    for spec in args.add:
        kind, _, rel = spec.partition("=")
        if not rel:
            ap.error(f"--add {spec!r}: expected KIND=PATH")
        evals.setdefault(kind, {"path": rel, "sha256": None, "options": {}, "floors": {}})
    kinds = args.kind or list(evals)
    if not args.update:
        findings = run_gate({**baseline, "evals": {k: evals[k] for k in kinds}}, args.data, progress=True)
        for f in findings:
            print(f)
        return int(any(f.fail for f in findings))
    measured: dict[str, dict[str, float]] = {}
    for kind in kinds:
        entry = evals[kind]
        path = gold_path(entry, args.data)
        digest = sha256_file(path)
        if entry.get("sha256") and entry["sha256"] != digest:
            if not args.repin:
                print(f"{kind}: gold {path} changed since it was pinned; refusing (use --repin --reason)")
                return 1
            baseline.setdefault("history", []).append(
                {"when": datetime.now(UTC).strftime("%Y-%m-%dT%H:%MZ"), "kind": kind, "figure": "sha256",
                 "from": entry["sha256"], "to": digest, "reason": args.reason})
        entry["sha256"] = digest
        res = run_kind(kind, entry, args.data, progress=True)
        measured[kind] = res["figures"]
        print(f"{kind}: {res['n']} items, {res['seconds']} s, system: {res['system']}")
    try:
        lines = update(baseline, measured, lower=args.lower, reason=args.reason)
    except ValueError as exc:
        ap.error(str(exc))
    for line in lines:
        print(line)
    save_baseline(baseline, args.baseline)
    print(f"wrote {args.baseline}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
