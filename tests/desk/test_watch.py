"""Live feeds: a feed served on 127.0.0.1 is polled, its new item ingested, extracted, fused, and shown
on an open desk without a reload; conditional requests and a failing feed are handled."""

from __future__ import annotations

import json
import time
import urllib.request

import pytest

from .feedserver import FeedServer

FIRST = ("Rebels shell government-held district of Aleppo", "http://127.0.0.1/wire/1",
         "Mon, 05 Dec 2016 09:00:00 GMT",
         "Rebel fighters shelled the government-held Midan district of Aleppo on Monday, killing 3 civilians, "
         "the Syrian Observatory for Human Rights said.")
SECOND = ("Army retakes Bustan al-Qasr", "http://127.0.0.1/wire/2", "Wed, 07 Dec 2016 10:00:00 GMT",
          "Syrian government forces captured the Bustan al-Qasr district of Aleppo on Wednesday after heavy "
          "fighting with rebel groups, the Syrian Observatory for Human Rights said.")


def wait_for(check, timeout: float = 90.0, what: str = "condition"):
    deadline = time.time() + timeout
    while time.time() < deadline:
        out = check()
        if out:
            return out
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def api(url: str, path: str) -> dict:
    with urllib.request.urlopen(url + path) as r:  # noqa: S310 - the test's own server
        return json.loads(r.read())


@pytest.mark.browser
def test_new_feed_item_appears_on_open_desk(watch_db, page):
    from frontlines.desk import open_desk
    from frontlines.desk.server import BackgroundServer
    from frontlines.desk.watch import Watcher

    with FeedServer([FIRST]) as feeds:
        watcher = Watcher(watch_db, [feeds.url + "/feed.xml", feeds.url + "/broken.xml"], every=1.0,
                          min_gap=0.0, max_backoff=2.0)
        desk, app = open_desk(watch_db, con=watcher.store.con, watcher=watcher, poll_ms=400)
        watcher.on_change = desk.refresh
        n0 = desk.snapshot.info.n_events
        watcher.start()
        try:
            with BackgroundServer(app) as url:
                good = wait_for(lambda: next((f for f in api(url, "/api/status")["feeds"]
                                              if f["url"].endswith("/feed.xml") and f["n_new"] >= 1), None),
                                what="the first item to be ingested")
                assert good["error"] is None and good["etag"]
                wait_for(lambda: api(url, "/api/status")["n_events"] > n0, what="the first item's event")
                page.goto(url + "/")
                page.wait_for_selector("#event-list li.ev")
                page.wait_for_function("() => document.body.dataset.generation")
                before = int(page.text_content("#count"))
                # conditional requests: an unchanged feed costs a 304
                wait_for(lambda: feeds.not_modified >= 1, what="a 304")
                assert any(h.get("If-None-Match") for p, h in feeds.requests if p == "/feed.xml")
                feeds.add(SECOND)
                page.wait_for_selector("#live-list li.new-event", timeout=90_000)
                new_ids = page.eval_on_selector_all("#live-list li.new-event", "els => els.map(e => e.dataset.id)")
                texts = [m["evidence"] for cid in new_ids for m in api(url, "/api/events/" + cid)["mentions"]]
                assert any("Bustan al-Qasr" in t for t in texts)
                page.wait_for_function(f"() => +document.querySelector('#count').textContent > {before}")
                # the failing feed is reported and retried, and never stopped the good one
                broken = next(f for f in api(url, "/api/status")["feeds"] if f["url"].endswith("/broken.xml"))
                assert broken["error"] == "HTTP 500 Internal Server Error" and broken["failures"] >= 1
                assert sum(1 for p, _ in feeds.requests if p == "/broken.xml") >= 2
                page.wait_for_function("() => document.querySelector('#feeds').textContent.includes('feed(s) failing')")
                assert "broken.xml: HTTP 500" in page.text_content("#feeds")
        finally:
            watcher.stop()


def test_watch_refuses_a_non_http_url(tmp_path):
    from frontlines.desk.watch import check_url
    from frontlines.errors import FrontlinesError

    with pytest.raises(FrontlinesError, match="not an http"):
        check_url("file:///etc/passwd")


def test_a_watched_page_is_ingested_once(watch_db):
    """A page URL (not a feed) goes through the HTML reader; a second poll of the same page adds nothing."""
    from frontlines.desk.watch import Watcher

    with FeedServer([]) as server:
        watcher = Watcher(watch_db, [server.url + "/page.html"], every=3600, min_gap=0.0, geocode=False)
        try:
            feed = watcher.feeds[0]
            assert watcher.poll(feed) == 1
            assert watcher.poll(feed) == 0 and feed.error is None and feed.n_polls == 2
            title = watcher.store.con.execute("SELECT title FROM documents WHERE input = ?", [feed.url]).fetchall()
            assert title == [("Clashes in Salaheddine",)]
        finally:
            watcher.stop()


def test_serve_warns_when_bound_beyond_localhost(desk_db):
    import os
    import signal
    import subprocess
    import sys

    from frontlines.desk.server import free_port

    port = free_port("127.0.0.2")
    proc = subprocess.Popen([sys.executable, "-c", "from frontlines.cli import main; main()", "serve", "--db",
                             str(desk_db), "--host", "127.0.0.2", "--port", str(port)], stderr=subprocess.PIPE,
                            text=True, env={**os.environ, "COLUMNS": "400"})
    try:
        first = proc.stderr.readline()
        assert first.startswith("warning: binding 127.0.0.2") and "no login" in first
        wait_for(lambda: _up(f"http://127.0.0.2:{port}/api/status"), timeout=60, what="the server")
    finally:
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)


def _up(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - our own server
            return True
    except OSError:
        return False
