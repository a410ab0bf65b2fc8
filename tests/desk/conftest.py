"""Fixtures for the desk: a store built by the real pipeline, the desk served on 127.0.0.1, a real browser.

The store is built once per test session from the team-written example reports
plus a corpus of hostile texts (OWASP XSS payloads in titles, bodies, outlet
names, bylines, comments and a gazetteer name). Browser tests drive Debian's
chromium through Playwright and are skipped where it is not installed.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

HERE = Path(__file__).parent
ROOT = HERE.parent.parent
CHROMIUM = os.environ.get("FRONTLINES_CHROMIUM", "/usr/bin/chromium")

# Set by any payload that runs; the page also fails the test on any dialog.
SENTINEL_INIT = "window.__xss = 0; window.__dialogs = [];"


def build_store(db: Path) -> Path:
    from frontlines.geo.sources import add_file
    from frontlines.orchestrator import run
    from frontlines.store import Store

    with Store(db) as store:
        add_file(store, HERE / "aleppo-neighbourhoods.geojson", fmt="geojson", source="test-aleppo")
    run([str(ROOT / "examples" / "reports"), str(HERE / "corpus")], db, progress=False)
    return db


@pytest.fixture(scope="session")
def desk_db(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("desk") / "desk.duckdb")


@pytest.fixture(scope="session")
def desk_app(desk_db):
    from frontlines.desk import open_desk

    desk, app = open_desk(desk_db)
    yield desk, app
    desk.close()


@pytest.fixture(scope="session")
def desk_url(desk_app):
    from frontlines.desk.server import BackgroundServer

    with BackgroundServer(desk_app[1]) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("FRONTLINES_REQUIRE_CHROMIUM"):  # CI: a skipped browser test is no pass
            pytest.fail(f"no chromium at {CHROMIUM}, and FRONTLINES_REQUIRE_CHROMIUM is set")
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install -y chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        yield b
        b.close()


@pytest.fixture
def page(browser):
    """A fresh page whose XSS sentinel and dialog log are checked after the test."""
    context = browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 900})
    pg = context.new_page()
    pg.add_init_script(SENTINEL_INIT)
    dialogs: list[str] = []
    errors: list[str] = []
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.csp_violations = []  # type: ignore[attr-defined]
    pg.on("console", lambda m: pg.csp_violations.append(m.text) if "Content Security Policy" in m.text else None)
    yield pg
    try:
        fired = pg.evaluate("window.__xss")
    except Exception:  # page closed or navigated away mid-check
        fired = 0
    context.close()
    assert not dialogs, f"a payload opened a dialog: {dialogs}"
    assert not fired, f"a payload ran (window.__xss = {fired})"
    assert not errors, f"page errors: {errors}"


@pytest.fixture
def watch_db(desk_db, tmp_path) -> Path:
    """A private copy of the session store, for a test that writes (the watcher)."""
    db = tmp_path / "watch.duckdb"
    shutil.copy(desk_db, db)
    return db
