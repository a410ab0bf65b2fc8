"""The desk's static files, read and gzipped once and then served from memory.

WHY: the first page load fetches Leaflet (148 kB), the 1:110m country outlines
(108 kB) and the desk's own scripts. Served by ``StaticFiles`` behind
``GZipMiddleware`` each request re-read the file in a worker thread and
re-compressed it at level 9, which on a loaded two-core machine put the last
script 250 ms after the HTML. Path resolution stays ``StaticFiles``' own (no
traversal); only the bytes are cached, keyed by the file's size and mtime so
an edited file is picked up.
"""

from __future__ import annotations

import gzip
import mimetypes
import os
import threading
from email.utils import formatdate

from starlette.datastructures import Headers
from starlette.responses import Response
from starlette.staticfiles import NotModifiedResponse, StaticFiles

_MIN_GZIP = 1024


class _Cached:
    __slots__ = ("raw", "gz", "headers")

    def __init__(self, raw: bytes, gz: bytes | None, headers: dict[str, str]) -> None:
        self.raw, self.gz, self.headers = raw, gz, headers


class Assets(StaticFiles):
    """``StaticFiles`` whose responses come from an in-memory cache, gzipped once when that helps."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._cache: dict[str, tuple[tuple[int, int], _Cached]] = {}
        self._lock = threading.Lock()

    def _load(self, full_path: str, st: os.stat_result) -> _Cached:
        key = (st.st_size, st.st_mtime_ns)
        hit = self._cache.get(full_path)
        if hit and hit[0] == key:
            return hit[1]
        with open(full_path, "rb") as fh:
            raw = fh.read()
        gz = gzip.compress(raw, compresslevel=6, mtime=0) if len(raw) >= _MIN_GZIP else None
        if gz is not None and len(gz) >= len(raw):
            gz = None
        ctype = mimetypes.guess_type(full_path)[0] or "application/octet-stream"
        if ctype.startswith("text/") or ctype in ("application/javascript", "application/json"):
            ctype += "; charset=utf-8"
        headers = {"content-type": ctype, "etag": f'"{st.st_mtime_ns:x}-{st.st_size:x}"',
                   "last-modified": formatdate(st.st_mtime, usegmt=True), "vary": "accept-encoding"}
        entry = _Cached(raw, gz, headers)
        with self._lock:
            self._cache[full_path] = (key, entry)
        return entry

    def file_response(self, full_path, stat_result: os.stat_result, scope, status_code: int = 200) -> Response:
        entry = self._load(str(full_path), stat_result)
        request_headers = Headers(scope=scope)
        if self.is_not_modified(Headers(entry.headers), request_headers):
            return NotModifiedResponse(Headers(entry.headers))
        headers = dict(entry.headers)
        body = entry.raw
        if entry.gz is not None and "gzip" in request_headers.get("accept-encoding", ""):
            body = entry.gz
            headers["content-encoding"] = "gzip"
        if scope["method"] == "HEAD":
            headers["content-length"] = str(len(body))
            body = b""
        return Response(body, status_code=status_code, headers=headers)
