"""Live feeds: poll RSS/Atom feeds and pages over HTTP, and fold what is new into the store.

WHY this lives beside the desk: DuckDB lets one process write a file and
refuses every other process while it does, so the poller *is* the store's
one writer and the desk in the same process reads through cursors of that
writer's connection. Each poll reuses the pipeline's library functions:
``ingest.read_raw`` on the fetched bytes (the same readers as for files),
``Store.add_documents`` / ``quarantine``, ``orchestrator.extract_store`` and
``fusion.fuse``, so a watched item ends up exactly as a `frontlines run` of the
same bytes would leave it.

Politeness: conditional requests (ETag / Last-Modified, so an unchanged feed
costs one 304), a User-Agent naming the tool, at most one request per host
per ``min_gap`` seconds, ``Retry-After`` honoured, and exponential back-off
(up to ``max_backoff``) for a failing feed. A failing feed is reported in
``status()`` (and on the desk) and retried; it never stops the others.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path
from urllib.parse import urlparse

from rich.console import Console
from rich.text import Text

from frontlines.errors import BadInput, FrontlinesError
from frontlines.store import Store
from frontlines.version import __version__

err = Console(stderr=True, highlight=False)
USER_AGENT = f"frontlines/{__version__} (feed watcher; +https://github.com/frontlines)"


@dataclass
class FeedState:
    url: str
    etag: str | None = None
    last_modified: str | None = None
    last_poll: float | None = None
    last_ok: float | None = None
    last_status: int | None = None
    error: str | None = None
    failures: int = 0
    next_due: float = 0.0
    n_polls: int = 0
    n_new: int = 0
    n_quarantined: int = 0


def check_url(url: str) -> str:
    p = urlparse(url)
    if p.scheme not in ("http", "https") or not p.netloc:
        raise FrontlinesError(f"{url}: not an http(s) URL (watch polls feeds and pages over HTTP)")
    return url


class Watcher:
    """Poll ``feeds`` every ``every`` seconds in a background thread; ingest, extract and fuse what is new."""

    def __init__(self, db: str | Path, feeds: list[str], *, every: float = 600.0, timeout: float = 20.0,
                 min_gap: float = 1.0, max_backoff: float = 6 * 3600, max_bytes: int = 20 * 1024 * 1024,
                 geocode: bool = True) -> None:
        self.feeds = [FeedState(check_url(u)) for u in feeds]
        self.every, self.timeout, self.min_gap = every, timeout, min_gap
        self.max_backoff, self.max_bytes = max_backoff, max_bytes
        self.store = Store(db)  # the one writer
        self.geocode = geocode
        self._geocoder = None
        self.on_change = None  # called (no arguments) after a poll stored something new
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._host_last: dict[str, float] = {}
        self._lock = threading.Lock()

    # -- lifecycle -----------------------------------------------------------------------------------
    def start(self) -> None:
        self._thread = threading.Thread(target=self._loop, name="frontlines-watch", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=self.timeout + 5)
        self.store.close()

    def status(self) -> list[dict]:
        with self._lock:
            return [asdict(f) for f in self.feeds]

    def _loop(self) -> None:
        while not self._stop.is_set():
            now = time.time()
            due = [f for f in self.feeds if f.next_due <= now]
            for feed in due:
                if self._stop.is_set():
                    return
                self.poll(feed)
            wait = min((f.next_due for f in self.feeds), default=now + self.every) - time.time()
            self._stop.wait(max(0.2, min(wait, 60.0)))

    # -- one poll ------------------------------------------------------------------------------------
    def poll(self, feed: FeedState) -> int:
        """Fetch one feed; store, extract and fuse its new documents. Returns new documents; never raises."""
        host = urlparse(feed.url).netloc
        gap = self._host_last.get(host, 0.0) + self.min_gap - time.time()
        if gap > 0:
            time.sleep(gap)
        self._host_last[host] = time.time()
        feed.last_poll, feed.n_polls = time.time(), feed.n_polls + 1
        try:
            status, data, headers = self._fetch(feed)
            new = 0 if status == 304 else self._ingest(feed, data)
        except Exception as exc:  # noqa: BLE001 - one failing feed is reported and retried, never fatal
            self._failed(feed, exc)
            return 0
        with self._lock:
            feed.last_status, feed.last_ok, feed.error, feed.failures = status, time.time(), None, 0
            if status != 304:
                feed.etag = headers.get("ETag") or feed.etag
                feed.last_modified = headers.get("Last-Modified") or feed.last_modified
            feed.next_due = time.time() + self.every
            feed.n_new += new
        if new and self.on_change is not None:
            self.on_change()
        return new

    def _fetch(self, feed: FeedState):
        req = urllib.request.Request(feed.url, headers={"User-Agent": USER_AGENT, "Accept": (
            "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/html;q=0.8, */*;q=0.5")})
        if feed.etag:
            req.add_header("If-None-Match", feed.etag)
        if feed.last_modified:
            req.add_header("If-Modified-Since", feed.last_modified)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310 - scheme checked
                data = resp.read(self.max_bytes + 1)
                if len(data) > self.max_bytes:
                    raise FrontlinesError(f"response larger than {self.max_bytes} bytes")
                return resp.status, data, resp.headers
        except urllib.error.HTTPError as exc:
            if exc.code == 304:
                return 304, b"", exc.headers
            raise _HTTPFailure(exc.code, exc.reason, exc.headers.get("Retry-After")) from None

    def _ingest(self, feed: FeedState, data: bytes) -> int:
        from frontlines.fusion import fuse
        from frontlines.ingest import read_raw
        from frontlines.ingest.source import RawInput
        from frontlines.orchestrator import extract_store, geocoder_for

        docs = []
        for out in read_raw(RawInput(feed.url, data)):
            if isinstance(out, BadInput):
                self.store.quarantine(out.input_name, out.reason, out.detail)
                feed.n_quarantined += 1
                err.print(Text(f"quarantined: {out.input_name}: {out.reason}"), soft_wrap=True)
            else:
                docs.append(out)
        if not docs:
            return 0
        result = self.store.add_documents(docs, feed.url)
        if result.new:
            if self.geocode and self._geocoder is None:
                self._geocoder = geocoder_for(self.store)
            extract_store(self.store, progress=False, geocoder=self._geocoder)
            fuse(self.store, progress=False, detail=False)
            err.print(Text(f"{feed.url}: {result.new} new document(s) ingested, extracted and fused"))
        return result.new

    def _failed(self, feed: FeedState, exc: Exception) -> None:
        retry_after = exc.retry_after if isinstance(exc, _HTTPFailure) else None
        with self._lock:
            feed.failures += 1
            feed.error = _one_line(exc)
            feed.last_status = exc.code if isinstance(exc, _HTTPFailure) else None
            backoff = min(self.max_backoff, self.every * (2 ** min(feed.failures - 1, 10)))
            feed.next_due = time.time() + max(backoff, _retry_after_seconds(retry_after) or 0)
        err.print(Text(f"feed failed ({feed.failures}x, retrying in {feed.next_due - time.time():.0f}s): "
                       f"{feed.url}: {feed.error}"), soft_wrap=True)


class _HTTPFailure(Exception):
    def __init__(self, code: int, reason, retry_after: str | None) -> None:
        super().__init__(f"HTTP {code} {reason}")
        self.code, self.retry_after = code, retry_after


def _retry_after_seconds(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return max(0.0, float(value))
    except ValueError:
        try:
            return max(0.0, parsedate_to_datetime(value).timestamp() - time.time())
        except (TypeError, ValueError):
            return None


def _one_line(exc: Exception) -> str:
    if isinstance(exc, urllib.error.URLError):
        exc = exc.reason if isinstance(exc.reason, Exception) else exc
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text[:200]
