"""The HTTP application: routes of ``kg serve`` on Starlette, queries answered by the worker pool.

Routes:

- ``GET|POST /sparql``: the SPARQL 1.1 Protocol (see kg.server.protocol), read-only.
- ``GET|POST /queries/NAME?param=value``: a stored query, parameters checked and
  bound exactly as ``kg query NAME -p param value`` does (same messages).
- ``GET /queries``: the stored queries and their parameters as JSON (in the
  spirit of grlc), and ``GET /openapi.json`` the same as an OpenAPI 3 document.
- ``GET /``: an HTML page with a form for every stored query.

Starlette does the HTTP (routing, headers, bodies) under uvicorn; this module
only turns requests into jobs and answers into responses, so the event loop is
never blocked by a query.
"""

from __future__ import annotations

import contextlib
import difflib
import json
from collections.abc import Sequence

from ..queries import StoredQuery
from .protocol import MAX_BODY, Refused, sparql_job, stored_params
from .workers import Answer, QueryPool


def query_list(queries: Sequence[StoredQuery]) -> list[dict]:
    """Each stored query with its path and parameters: what a client needs to call it."""
    return [{"name": q.name, "path": f"/queries/{q.name}", "method": ["GET", "POST"], "form": q.form,
             "summary": q.summary, "description": q.description,
             "parameters": [{"name": p.name, "type": p.type, "description": p.description, "required": p.required,
                             **({"default": p.default} if p.default is not None else {})} for p in q.parameters]}
            for q in queries]


def openapi(queries: Sequence[StoredQuery], version: str) -> dict:
    """The stored queries as an OpenAPI 3 document, one GET operation per query (as grlc publishes them)."""
    from ..params import TYPES

    schema = {"integer": {"type": "integer"}, "decimal": {"type": "number"}, "boolean": {"type": "boolean"},
              "date": {"type": "string", "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"}}
    paths = {}
    for q in queries:
        params = [{"name": p.name, "in": "query", "required": p.required,
                   "description": f"{p.description} ({TYPES[p.type]})",
                   "schema": {**schema.get(p.type, {"type": "string"}), **({"default": p.default} if p.default else {})}}
                  for p in q.parameters]
        params.append({"name": "format", "in": "query", "required": False,
                       "schema": {"type": "string", "enum": ["json", "xml", "csv", "tsv", "html"]}})
        paths[f"/queries/{q.name}"] = {"get": {
            "operationId": q.name, "summary": q.summary, "description": q.description, "parameters": params,
            "responses": {"200": {"description": "the answer", "content": {
                m: {} for m in ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                                "text/tab-separated-values", "text/html")}},
                "400": {"description": "a bad or missing parameter, one line"}, "503": {"description": "over the time limit"}}}}
    return {"openapi": "3.0.3", "info": {"title": "kg stored queries", "version": version}, "paths": paths}


def create_app(pool: QueryPool, queries: Sequence[StoredQuery], *, timeout: float):
    """The Starlette application around a started pool (the pool is closed when the app shuts down)."""
    from importlib.metadata import version

    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
    from starlette.routing import Route

    from .page import index_page

    by_name = {q.name: q for q in queries}
    listing = json.dumps(query_list(queries), indent=2, ensure_ascii=False).encode("utf-8")
    api = openapi(queries, version("kg"))
    index = index_page(queries, timeout=timeout)

    def respond(answer: Answer) -> Response:
        return Response(answer.body, status_code=answer.status, media_type=answer.content_type,
                        headers={"Vary": "Accept", **answer.headers})

    def refused(error: Refused) -> Response:
        return PlainTextResponse(" ".join(error.line.split()) + "\n", status_code=error.status)

    async def body_of(request: Request) -> bytes:
        declared = request.headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > MAX_BODY:
            raise Refused(413, f"the request body is larger than {MAX_BODY // 1024} KB")
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_BODY:
                raise Refused(413, f"the request body is larger than {MAX_BODY // 1024} KB")
            chunks.append(chunk)
        return b"".join(chunks)

    async def sparql(request: Request) -> Response:
        try:
            body = await body_of(request) if request.method == "POST" else b""
            job = sparql_job(request.method, request.url.query, request.headers.get("content-type"), body)
        except Refused as e:
            return refused(e)
        job["accept"] = request.headers.get("accept")
        return respond(await pool.run(job))

    async def stored(request: Request) -> Response:
        name = request.path_params["name"]
        if name not in by_name:
            close = difflib.get_close_matches(name, list(by_name), n=3, cutoff=0.5)
            hint = f"; did you mean {', '.join(close)}?" if close else "; GET /queries lists them"
            return PlainTextResponse(f"no stored query '{name}'{hint}\n", status_code=404)
        try:
            body = await body_of(request) if request.method == "POST" else b""
            fmt, params = stored_params(request.url.query, body, request.headers.get("content-type"))
        except Refused as e:
            return refused(e)
        return respond(await pool.run({"kind": "stored", "name": name, "params": params, "format": fmt,
                                       "accept": request.headers.get("accept")}))

    async def listing_route(request: Request) -> Response:
        return Response(listing, media_type="application/json")

    async def openapi_route(request: Request) -> Response:
        return JSONResponse(api)

    async def home(request: Request) -> Response:
        return HTMLResponse(index)

    routes = [Route("/", home), Route("/sparql", sparql, methods=["GET", "POST"]),
              Route("/queries", listing_route), Route("/queries/{name}", stored, methods=["GET", "POST"]),
              Route("/openapi.json", openapi_route)]
    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        pool.close()

    return Starlette(routes=routes, lifespan=lifespan)
