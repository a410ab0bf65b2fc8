"""Shared fixtures. Tests that read ../shared/data skip cleanly where it is absent."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"
SAMPLE = SHARED / "samples" / "aleppo-offensive-2016.txt"
EXAMPLES = ROOT / "examples"


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} not present (shared data is optional)")
    return path


@pytest.fixture
def sample_page() -> Path:
    return need(SAMPLE)


@pytest.fixture
def data_dir() -> Path:
    return need(DATA)


@pytest.fixture
def store(tmp_path):
    from frontlines.store import Store

    s = Store(tmp_path / "test.duckdb")
    yield s
    s.close()
