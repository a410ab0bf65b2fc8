"""`frontlines serve` without --watch lets another process write the store and shows what it wrote.

The desk holds the file only while a request needs it; a `frontlines run` in another process then
succeeds, and the desk, following the file, refreshes its map index incrementally. While a foreign
writer holds the file, detail pages answer 503 and the map keeps answering from its index.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.error
import urllib.request

from .test_snapshot import NEW_REPORT
from .test_watch import wait_for


def _get(url: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(url) as r:  # noqa: S310 - the test's own server
            return r.status, json.loads(r.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_a_run_in_another_process_appears_on_an_open_desk(watch_db, tmp_path):
    from frontlines.desk import open_desk
    from frontlines.desk.server import BackgroundServer

    desk, app = open_desk(watch_db, idle=0.3)
    desk.follow(every=0.2)
    n0, gen0 = desk.snapshot.info.n_events, desk.snapshot.info.generation
    report = tmp_path / "in" / "salaheddine.txt"
    report.parent.mkdir()
    report.write_text(NEW_REPORT, encoding="utf-8")
    try:
        with BackgroundServer(app) as url:
            some_id = _get(url + "/api/events?limit=1")[1]["events"][0]["id"]
            assert _get(url + "/api/events/" + some_id)[0] == 200
            wait_for(lambda: not desk.lease.is_open, timeout=10, what="the desk to let go of the store")

            # another process holds the file for writing: details wait, the map answers from the index
            holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]);"
                                       " print('ready', flush=True); sys.stdin.read()", str(watch_db)],
                                      stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
            try:
                assert holder.stdout.readline().strip() == "ready"
                status, body = _get(url + "/api/events/" + some_id)
                assert status == 503 and "is writing this store" in body["error"]
                assert _get(url + "/api/map?zoom=5")[0] == 200
            finally:
                holder.communicate("")

            r = subprocess.run([sys.executable, "-c", "from frontlines.cli import main; main()", "run", str(report), "--db", str(watch_db)],
                               capture_output=True, text=True, timeout=600, env={**os.environ, "COLUMNS": "200"})
            assert r.returncode == 0, r.stderr
            info = wait_for(lambda: desk.snapshot.info if desk.snapshot.info.generation > gen0 else None,
                            timeout=60, what="the desk to refresh")
            assert info.mode == "incremental" and info.n_events > n0
            status = _get(url + "/api/status")[1]
            assert status["generation"] == info.generation and status["n_events"] == info.n_events
            assert status["refresh"]["mode"] == "incremental" and status["refresh"]["changed"] >= 1
            outlets = [v["value"] for v in _get(url + "/api/facets")[1]["outlet"]]
            assert "Aleppo Evening Ledger" in outlets
            assert _get(url + "/api/events/" + some_id)[0] == 200
    finally:
        desk.close()
