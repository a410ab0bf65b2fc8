"""A tiny RSS server on 127.0.0.1 for the watch tests: ETag / Last-Modified, 304s, and a broken path."""

from __future__ import annotations

import hashlib
import threading
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ITEM = """<item><title>{title}</title><link>{link}</link><guid>{link}</guid><pubDate>{date}</pubDate>
<description>{body}</description></item>"""


PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8"><title>Clashes in Salaheddine</title>
<meta property="og:site_name" content="Test Page Wire"><meta name="date" content="2016-12-06"></head>
<body><article><h1>Clashes in Salaheddine</h1><p>Rebel fighters and government forces clashed in the
Salaheddine district of Aleppo on Tuesday, the Syrian Observatory for Human Rights said.</p>
<p>The monitor said the fighting went on through the night around the district's main square.</p></article>
</body></html>"""


class FeedServer:
    """``items`` is a list of (title, link, rfc822 date, body); ``add`` appends one while it runs."""

    def __init__(self, items: list[tuple[str, str, str, str]]) -> None:
        self.items = list(items)
        self.requests: list[tuple[str, dict]] = []
        self.page = PAGE
        self.not_modified = 0
        self.modified = formatdate(usegmt=True)
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):  # quiet
                pass

            def do_GET(self):  # noqa: N802 - http.server's name
                with outer._lock:
                    outer.requests.append((self.path, dict(self.headers)))
                    body, etag, modified = outer.render()
                if self.path == "/page.html":
                    page = outer.page.encode("utf-8")
                    self.send_response(200)
                    self.send_header("Content-Type", "text/html; charset=utf-8")
                    self.send_header("Content-Length", str(len(page)))
                    self.end_headers()
                    self.wfile.write(page)
                    return
                if self.path == "/broken.xml":
                    self.send_response(500)
                    self.end_headers()
                    return
                if self.path != "/feed.xml":
                    self.send_response(404)
                    self.end_headers()
                    return
                if self.headers.get("If-None-Match") == etag:
                    with outer._lock:
                        outer.not_modified += 1
                    self.send_response(304)
                    self.send_header("ETag", etag)
                    self.end_headers()
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/rss+xml; charset=utf-8")
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", modified)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def render(self) -> tuple[bytes, str, str]:
        items = "".join(ITEM.format(title=t, link=link, date=d, body=b) for t, link, d, b in self.items)
        xml = ('<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Test Wire</title>'
               f"<link>http://127.0.0.1/</link><description>test</description>{items}</channel></rss>")
        data = xml.encode("utf-8")
        return data, '"' + hashlib.sha1(data).hexdigest() + '"', self.modified

    def add(self, item: tuple[str, str, str, str]) -> None:
        with self._lock:
            self.items.append(item)
            self.modified = formatdate(usegmt=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
