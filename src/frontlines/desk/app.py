"""The desk as an ASGI app: HTML pages and their JSON twins over one store, read-only.

Every page is built on the same query functions its ``/api`` twin returns
(Datasette's rule), so what an analyst sees can be scripted. The app never
writes to the store: the map reads an in-memory snapshot, details read
through cursors of a read-only connection (or, under ``serve --watch``, of the
one writer's connection, the only way DuckDB lets one process read while it
writes).
"""

from __future__ import annotations

import re
import threading
import time
from contextlib import nullcontext
from pathlib import Path
from typing import Any

import duckdb
from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route

from frontlines.desk import downloads, queries
from frontlines.desk.assets import Assets
from frontlines.desk.filters import BadRequest, Filters, bbox, integer
from frontlines.desk.lease import StoreBusy, StoreLease
from frontlines.desk.snapshot import Snapshot

HERE = Path(__file__).parent
MAX_QUERY = 4096  # bytes of query string
API_LIMIT = 2000


class Desk:
    """The state behind the app: the store (a lease on the file, or the watcher's connection), the map index,
    the optional watcher.

    ``source`` is either a ``StoreLease`` (``frontlines serve``: the file is opened read-only only while
    a request needs it, and followed for changes) or an open connection (``serve --watch``: the one
    writer's, whose cursors read its committed state).
    """

    def __init__(self, source, *, tiles: str | None = None, watcher=None, db_name: str = "",
                 poll_ms: int = 5000) -> None:
        self.lease: StoreLease | None = source if isinstance(source, StoreLease) else None
        self.con: duckdb.DuckDBPyConnection | None = None if self.lease else source
        self.poll_ms = poll_ms
        self.tiles = tiles
        self.watcher = watcher
        self.db_name = db_name
        self.snapshot = Snapshot()
        self.started = time.time()
        self._refresh_lock = threading.Lock()
        self.refresh()

    @property
    def source(self):
        return self.lease or self.con

    def refresh(self) -> None:
        """Bring the map index in step with the store (incrementally once it is built)."""
        with self._refresh_lock, (self.lease.using() if self.lease else nullcontext()):
            cur = self.store_cursor()
            try:
                self.snapshot.refresh(cur)
            finally:
                cur.close()

    def store_cursor(self):
        return self.lease.cursor() if self.lease else self.con.cursor()

    def follow(self, every: float = 2.0) -> None:
        """Refresh when another process changed the store (only with a lease; the watcher calls ``refresh``)."""
        if self.lease:
            self.lease.follow(self.refresh, every=every)

    def close(self) -> None:
        if self.lease:
            self.lease.close()
        elif self.con is not None:
            self.con.close()


class InFlight:
    """Hold the store lease open while any request runs, so it is never closed under a query."""

    def __init__(self, app, lease: StoreLease) -> None:
        self.app, self.lease = app, lease

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        with self.lease.using():
            return await self.app(scope, receive, send)


def _csp(tiles: str | None) -> str:
    img = "'self' data:"
    if tiles:
        m = re.match(r"^(https://[^/{}]+|https://\{s\}\.[^/{}]+)", tiles)
        if m:
            img += " " + m.group(1).replace("{s}", "*")
    return ("default-src 'none'; script-src 'self'; style-src 'self'; img-src " + img + "; connect-src 'self';"
            " font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")


class Guard:
    """Security headers on every response; refuse bodies, long query strings and methods other than GET/HEAD."""

    def __init__(self, app, csp: str) -> None:
        self.app = app
        self.headers = [(b"content-security-policy", csp.encode()), (b"x-content-type-options", b"nosniff"),
                        (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY"),
                        (b"cross-origin-opener-policy", b"same-origin")]

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        problem = None
        if scope["method"] not in ("GET", "HEAD"):
            problem = (405, "the desk is read-only: only GET and HEAD are accepted")
        elif len(scope.get("query_string", b"")) > MAX_QUERY:
            problem = (414, f"query string longer than {MAX_QUERY} bytes")
        else:
            for k, v in scope.get("headers", []):
                if (k == b"content-length" and v.strip() not in (b"", b"0")) or k == b"transfer-encoding":
                    problem = (413, "request bodies are not accepted")
        extra = self.headers
        if scope["path"].startswith("/static/vendor/"):  # pinned versions: the bytes never change
            extra = extra + [(b"cache-control", b"public, max-age=604800, immutable")]
        elif scope["path"].startswith("/static/"):
            extra = extra + [(b"cache-control", b"no-cache")]

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                hs = list(message.get("headers", []))
                names = {k.lower() for k, _ in hs}
                hs += [(k, v) for k, v in extra if k not in names]
                message["headers"] = hs
            await send(message)

        if problem:
            resp = JSONResponse({"error": problem[1]}, status_code=problem[0])
            return await resp(scope, receive, send_with_headers)
        return await self.app(scope, receive, send_with_headers)


def _safe_url(url: str | None) -> str | None:
    if url and re.match(r"^https?://[^\s<>\"']+$", url, re.I):
        return url
    return None


def create_app(desk: Desk, *, allowed_hosts: list[str] | None = None) -> Starlette:
    env = Environment(loader=FileSystemLoader(str(HERE / "templates")),
                      autoescape=select_autoescape(["html", "xml"], default_for_string=True, default=True))
    env.filters["safe_url"] = _safe_url
    env.globals["tiles"] = desk.tiles
    env.globals["poll_ms"] = desk.poll_ms

    def page(name: str, status: int = 200, **ctx: Any) -> HTMLResponse:
        return HTMLResponse(env.get_template(name).render(**ctx, db_name=desk.db_name), status_code=status)

    def api(fn):
        """JSON endpoint: a BadRequest becomes a 400 naming the parameter; None becomes 404."""
        def endpoint(request: Request):
            try:
                out = fn(request)
            except BadRequest as exc:
                return JSONResponse({"error": str(exc)}, status_code=400)
            except StoreBusy as exc:
                return JSONResponse({"error": f"{exc}; the map still answers from its index"}, status_code=503,
                                    headers={"retry-after": "5"})
            if out is None:
                return JSONResponse({"error": "not found"}, status_code=404)
            return out if isinstance(out, Response) else JSONResponse(out)
        endpoint.__doc__ = fn.__doc__
        return endpoint

    def html(fn):
        def endpoint(request: Request):
            try:
                out = fn(request)
            except BadRequest as exc:
                return page("error.html", 400, message=str(exc))
            except StoreBusy as exc:
                return page("error.html", 503, message=f"{exc}. The map still works; this page will load once "
                            "the other process has finished.")
            if out is None:
                return page("error.html", 404, message="Not found.")
            return out
        return endpoint

    def snap():
        return desk.snapshot.cursor()

    def store():
        return desk.store_cursor()

    # -- JSON API ---------------------------------------------------------------------------------
    def api_status(request: Request):
        """Snapshot generation and size, and the watched feeds: the desk polls this to show new events."""
        info = desk.snapshot.info
        since = request.query_params.get("since")
        out = {"generation": info.generation, "n_events": info.n_events, "built_at": info.built_at,
               "build_seconds": round(info.seconds, 3),
               "refresh": {"mode": info.mode, "changed": info.changed, "removed": info.removed,
                           "found_by": info.found_by or None},
               "feeds": desk.watcher.status() if desk.watcher else []}
        if since:
            try:
                ts = float(since)
            except ValueError:
                raise BadRequest(f"since: {since[:40]!r} is not epoch seconds") from None
            out["new_events"] = queries.recent(snap(), ts)
        return out

    def api_facets(request: Request):
        """Values each filter offers, with counts."""
        return desk.snapshot.facets

    def api_map(request: Request):
        """Points or grid cells in a bounding box, under the filters (``bbox``, ``zoom`` and every filter)."""
        q = request.query_params
        return queries.map_layer(snap(), Filters.parse(q), bbox(q.get("bbox")), integer(q, "zoom", 5, 0, 20))

    def api_histogram(request: Request):
        """Events per day under the filters except the time range."""
        return queries.histogram(snap(), Filters.parse(request.query_params))

    def api_events(request: Request):
        """Canonical events under the filters, newest first (``limit`` ≤ 2000, ``offset``)."""
        q = request.query_params
        return queries.event_list(snap(), Filters.parse(q), integer(q, "limit", 100, 1, API_LIMIT),
                                  integer(q, "offset", 0, 0, 10_000_000), bbox(q.get("bbox")))

    def api_event(request: Request):
        """One canonical event with every mention, its document and its contradictions."""
        return queries.event_detail(store(), request.path_params["canonical_id"])

    def api_places(request: Request):
        """Places with events (``q`` substring), most events first."""
        q = request.query_params.get("q")
        if q and len(q) > 200:
            raise BadRequest("q: longer than 200 characters")
        return {"places": queries.places(snap(), q)}

    def api_place(request: Request):
        """A place's control timeline, polygons and events (``name``)."""
        name = _required(request, "name")
        return queries.place_detail(store(), name, snap())

    def api_control(request: Request):
        """Who held each place on ``date`` (default today), under ``place`` when given."""
        q = request.query_params
        day = q.get("date") or time.strftime("%Y-%m-%d")
        Filters.parse({"since": day})  # validates the date
        place = q.get("place") or None
        return {"date": day, "places": queries.control_on(store(), day, place)}

    def api_sources(request: Request):
        """Every outlet with its documents, events, corroborated and contradicted counts, owner and wire."""
        return {"sources": queries.sources(store())}

    def api_source(request: Request):
        """One outlet over time (``name``)."""
        return queries.source_detail(store(), _required(request, "name"))

    def api_contradictions(request: Request):
        """Stored contradictions (``canonical_id`` optional), each with both sides."""
        from frontlines.fusion import contradictions

        cid = request.query_params.get("canonical_id")
        rows = contradictions(queries.Reader(store()), [cid] if cid else None)
        return {"contradictions": [c.to_dict() if hasattr(c, "to_dict") else c.__dict__ for c in rows[:API_LIMIT]]}

    def api_document(request: Request):
        """One document: paragraphs with mentions marked, comments as a tree."""
        return queries.document_detail(store(), request.path_params["doc_id"])

    def api_polygons(request: Request):
        """The gazetteer's polygons (neighbourhoods), as GeoJSON."""
        from frontlines.fusion.places import PolygonIndex

        idx = PolygonIndex.from_store(queries.Reader(store()))
        return {"type": "FeatureCollection", "features": [
            {"type": "Feature", "geometry": p.geometry, "properties": {"name": p.name, "entry_id": p.entry_id}}
            for p in idx.polygons[:5000]]}

    # -- pages ------------------------------------------------------------------------------------
    def map_page(request: Request):
        return page("map.html", title="Map")

    def event_page(request: Request):
        d = queries.event_detail(store(), request.path_params["canonical_id"])
        return None if d is None else page("event.html", title=d["place_name"] or "Event", d=d)

    def place_page(request: Request):
        name = _required(request, "name")
        return page("place.html", title=name, d=queries.place_detail(store(), name, snap()))

    def places_page(request: Request):
        return page("places.html", title="Places", places=queries.places(snap(), None, 1000))

    def sources_page(request: Request):
        return page("sources.html", title="Sources", sources=queries.sources(store()))

    def source_page(request: Request):
        d = queries.source_detail(store(), _required(request, "name"))
        return None if d is None else page("source.html", title=d["outlet"], d=d)

    def document_page(request: Request):
        d = queries.document_detail(store(), request.path_params["doc_id"])
        return None if d is None else page("document.html", title=d["title"] or d["doc_id"], d=d)

    def download(request: Request):
        fmt = request.path_params["fmt"]
        filters = Filters.parse(request.query_params)
        return downloads.respond(desk, filters, fmt)

    routes = [
        Route("/", html(map_page)),
        Route("/event/{canonical_id:str}", html(event_page)),
        Route("/place", html(place_page)),
        Route("/places", html(places_page)),
        Route("/sources", html(sources_page)),
        Route("/source", html(source_page)),
        Route("/document/{doc_id:str}", html(document_page)),
        Route("/download/{fmt:str}", api(download)),
        Route("/api/status", api(api_status)),
        Route("/api/facets", api(api_facets)),
        Route("/api/map", api(api_map)),
        Route("/api/histogram", api(api_histogram)),
        Route("/api/events", api(api_events)),
        Route("/api/events/{canonical_id:str}", api(api_event)),
        Route("/api/places", api(api_places)),
        Route("/api/place", api(api_place)),
        Route("/api/control", api(api_control)),
        Route("/api/sources", api(api_sources)),
        Route("/api/source", api(api_source)),
        Route("/api/contradictions", api(api_contradictions)),
        Route("/api/documents/{doc_id:str}", api(api_document)),
        Route("/api/polygons", api(api_polygons)),
        Mount("/static", Assets(directory=str(HERE / "static")), name="static"),
    ]
    from frontlines.desk.openapi import openapi_route

    routes.append(openapi_route(routes))
    middleware = [Middleware(Guard, csp=_csp(desk.tiles))]
    if desk.lease is not None:
        middleware.append(Middleware(InFlight, lease=desk.lease))
    if allowed_hosts:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts))
    # gzip: the vendored 1:50m world-atlas and Leaflet dominate the first load's bytes.
    middleware.append(Middleware(GZipMiddleware, minimum_size=1024))
    app = Starlette(routes=routes, middleware=middleware)
    app.state.desk = desk
    return app


def _required(request: Request, name: str) -> str:
    v = request.query_params.get(name)
    if not v:
        raise BadRequest(f"{name}: required")
    if len(v) > 300:
        raise BadRequest(f"{name}: longer than 300 characters")
    return v
