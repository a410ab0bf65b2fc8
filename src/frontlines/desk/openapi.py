"""An OpenAPI 3 description of ``/api``, generated from the endpoints' docstrings and kept with the code."""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from frontlines.version import __version__

FILTERS = ["since", "until", "type", "sub", "actor", "claimant", "certainty", "corroboration", "source_type",
           "outlet", "place"]


def openapi_route(routes: list) -> Route:
    paths: dict = {}
    for r in routes:
        if not isinstance(r, Route) or not (r.path.startswith("/api") or r.path.startswith("/download")):
            continue
        doc = (r.endpoint.__doc__ or "").strip()
        params = [{"name": n, "in": "path", "required": True, "schema": {"type": "string"}}
                  for n in r.param_convertors]
        if r.path in ("/api/map", "/api/histogram", "/api/events") or r.path.startswith("/download"):
            params += [{"name": n, "in": "query", "schema": {"type": "string"}} for n in FILTERS]
        paths[r.path.replace(":str", "")] = {"get": {"summary": doc.splitlines()[0] if doc else r.path,
                                                      "parameters": params,
                                                      "responses": {"200": {"description": "OK"},
                                                                    "400": {"description": "bad parameter"}}}}
    spec = {"openapi": "3.0.3", "info": {"title": "frontlines desk API", "version": __version__},
            "paths": paths}

    def openapi(request: Request):
        return JSONResponse(spec)

    return Route("/api/openapi.json", openapi)
