"""The README's Python example runs as written (in a scratch folder, on the bundled examples)."""

from __future__ import annotations

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _python_blocks(text: str) -> list[str]:
    return re.findall(r"```python\n(.*?)```", text, flags=re.S)


def test_readme_notebook_example_runs(tmp_path, monkeypatch, capsys):
    blocks = [b for b in _python_blocks((ROOT / "README.md").read_text(encoding="utf-8")) if "frontlines.run(" in b]
    assert len(blocks) == 1, "the README has one notebook example"
    (tmp_path / "examples").symlink_to(ROOT / "examples")
    monkeypatch.chdir(tmp_path)
    scope: dict = {}
    exec(compile(blocks[0], "README.md", "exec"), scope)  # noqa: S102 - our own README
    assert scope["summary"].n_mentions > 0 and scope["summary"].fusion.n_events > 0
    df = scope["df"]
    assert len(df) == scope["summary"].fusion.n_events
    assert {"event_date", "sub_event_type", "location", "n_independent"} <= set(df.columns)
    assert scope["mentions"].num_rows > 0 and set(scope["mentions"].column("event_type").to_pylist()) == {"Battles"}
    assert (tmp_path / "notebook.duckdb").exists() and not os.path.exists(ROOT / "notebook.duckdb")
    assert "n_independent" not in capsys.readouterr().err
