"""Screenshots of each desk view for docs/screenshots/, taken with Playwright and Debian's chromium.

Builds a store from examples/reports with the real pipeline (in a temporary
directory), serves the desk on 127.0.0.1 and photographs the map, the map
zoomed into Aleppo, an event with its sources side by side, a place's control
timeline, the sources table, one source and one document.

    .venv/bin/python scripts/desk_screenshots.py [--out docs/screenshots] [--db STORE]
"""

from __future__ import annotations

import argparse
import json
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _api(url: str, path: str):
    with urllib.request.urlopen(url + path) as r:  # noqa: S310 - our own server on 127.0.0.1
        return json.loads(r.read())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    ap.add_argument("--db", type=Path, help="an existing store (default: build one from examples/reports)")
    ap.add_argument("--chromium", default="/usr/bin/chromium")
    args = ap.parse_args()

    from playwright.sync_api import sync_playwright

    from frontlines.desk import open_desk
    from frontlines.desk.server import BackgroundServer

    tmp = tempfile.TemporaryDirectory()
    db = args.db
    if db is None:
        from frontlines.orchestrator import run

        db = Path(tmp.name) / "examples.duckdb"
        run([str(ROOT / "examples" / "reports")], db, progress=False)
    args.out.mkdir(parents=True, exist_ok=True)
    desk, app = open_desk(db)
    with BackgroundServer(app) as url, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=args.chromium, args=["--no-sandbox", "--disable-gpu"])
        page = browser.new_page(viewport={"width": 1440, "height": 900}, device_scale_factor=1)

        def shot(name: str, path: str, wait: str, full: bool = False) -> None:
            page.goto(url + path)
            page.wait_for_selector(wait)
            page.wait_for_timeout(2200)  # the 1:50m outlines replace the coarse ones
            page.screenshot(path=str(args.out / f"{name}.png"), full_page=full)
            print(args.out / f"{name}.png")

        shot("map", "/?lat=35.4&lon=38.6&z=7", "path.ev-marker, path.ev-cell")
        shot("map-aleppo", "/?lat=36.205&lon=37.165&z=14", "path.ev-marker")
        events = _api(url, "/api/events?limit=500")["events"]
        disputed = [e for e in events if e["corroboration"] == "disputed"] or events
        top = max(disputed, key=lambda e: (e["n_sources"], e["id"]))
        shot("event", "/event/" + top["id"], ".mention-card", full=True)
        shot("place", "/place?name=Aleppo", "#control", full=True)
        shot("sources", "/sources", "#sources")
        outlet = _api(url, "/api/sources")["sources"][0]["outlet"]
        shot("source", "/source?name=" + urllib.parse.quote(outlet), "#source-summary", full=True)
        detail = _api(url, "/api/events/" + top["id"])
        shot("document", "/document/" + detail["mentions"][0]["doc_id"], "#article", full=True)
        browser.close()
    desk.close()


if __name__ == "__main__":
    main()
