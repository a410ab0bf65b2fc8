"""The package's shape: no import circles between modules, no stage importing a later one, no huge files.

WHY a test: a circle or an upward import is how a one-way data flow (DESIGN.md)
quietly becomes a tangle; every import counts here, lazy and ``TYPE_CHECKING``
ones included. A package's ``__init__`` re-exporting its submodules, and the CLI
package registering its commands, are aggregation, not circles.
"""

from __future__ import annotations

import ast
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "frontlines"
# the stages in data-flow order; a module may import its own stage or an earlier one
LATER = {
    "nlp": {"evaluation", "cli", "fusion", "report", "desk", "store"},
    "ingest": {"nlp", "evaluation", "cli", "fusion", "report", "desk", "store"},
    "fusion": {"evaluation", "cli", "report", "desk"},
    "store": {"evaluation", "cli", "desk"},
    "evaluation": {"cli", "desk"},
}
MAX_LINES = 800


def _modules() -> dict[str, Path]:
    out = {}
    for p in SRC.rglob("*.py"):
        parts = p.relative_to(SRC.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = p
    return out


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for m, p in mods.items():
        for node in ast.walk(ast.parse(p.read_text(encoding="utf-8"))):
            targets = []
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("frontlines"):
                targets = [f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in mods else node.module
                           for a in node.names]
            elif isinstance(node, ast.Import):
                targets = [a.name for a in node.names if a.name.startswith("frontlines")]
            graph[m].update(t for t in targets if t in mods and t != m)
    return graph


def _aggregation(a: str, b: str) -> bool:
    """A package and its own submodule, either way round (re-exports, command registration)."""
    return b.startswith(a + ".") or a.startswith(b + ".")


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in graph:
        if v not in index:
            visit(v)
    return out


def test_no_import_circles():
    graph = {m: {t for t in ts if not _aggregation(m, t) and t != "frontlines"} for m, ts in _graph().items()}
    assert _cycles(graph) == []


def test_no_stage_imports_a_later_one():
    bad = []
    for m, targets in _graph().items():
        stage = m.split(".")[1] if m.count(".") else None
        for t in targets:
            if stage in LATER and t.count(".") and t.split(".")[1] in LATER[stage]:
                bad.append(f"{m} -> {t}")
    assert bad == []


def test_no_source_file_over_the_limit():
    long = {str(p.relative_to(SRC)): n for p in SRC.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert long == {}


def test_the_checks_see_a_circle():
    """The cycle finder is not vacuous: a two-module circle is found."""
    assert _cycles({"a": {"b"}, "b": {"a"}, "c": set()}) == [["a", "b"]]
