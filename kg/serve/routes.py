"""The endpoint's routes (Starlette); the server that runs them is app.py's.

/sparql answers GET, HEAD and POST (form or application/sparql-query) and OPTIONS; / is a
query page; /queries lists the saved queries as JSON and /queries/NAME runs one (its
parameters from the URL); /health says ok. Updates and SERVICE are refused on the parsed query
(see worker.check); results are capped at a row count and request bodies at a byte count.
Nothing from the machine's disk is served.
"""

from __future__ import annotations

import json
import time
from contextlib import asynccontextmanager
from typing import TYPE_CHECKING, Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from kg.store import QueryError, list_saved, load_saved

from .page import PAGE
from .pool import Pool
from .protocol import (
    QueryRequest,
    Refused,
    decode,
    parse_accept,
    parse_params,
    query_request,
    read_body,
)
from .worker import Job

if TYPE_CHECKING:
    from .app import ServeConfig


_SECURITY = {"X-Content-Type-Options": "nosniff",
             "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; "
                                        "style-src 'unsafe-inline'; connect-src 'self'"}
_ALLOW = "GET, HEAD, POST, OPTIONS"
_QUERY_TYPES = ("application/sparql-query",)
_FORM_TYPES = ("application/x-www-form-urlencoded",)


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    return Response((message + "\n").encode("utf-8"), status, {**_SECURITY, **(headers or {})},
                    "text/plain; charset=utf-8")


def _options(methods: str) -> Response:
    return Response(b"", 204, {"Allow": methods})


class Endpoint:
    """The routes over one pool of query processes."""

    def __init__(self, pool: Pool, config: ServeConfig) -> None:
        self.pool, self.config = pool, config

    async def _run(self, request: Request, query: QueryRequest,
                   bindings: dict[str, str] | None, arrival: float) -> Response:
        if len(query.text.encode("utf-8")) > self.config.max_request_bytes:
            raise Refused(413, f"query over {self.config.max_request_bytes} bytes")
        job = Job(query.text, bindings, query.default_graphs, query.named_graphs,
                  query.formats, parse_accept(request.headers.get("accept")),
                  self.config.max_rows)
        started = time.perf_counter()
        status, ctype, body, headers = await self.pool.run(job, arrival)
        headers = {**_SECURITY, **headers,
                   "X-KG-Time-Ms": f"{(time.perf_counter() - started) * 1000:.1f}"}
        if status == 200 or status == 406:
            headers["Vary"] = "Accept"
        return Response(body, status, headers, ctype)

    async def sparql(self, request: Request) -> Response:
        arrival = self.pool.now()
        if request.method == "OPTIONS":
            return _options(_ALLOW)
        try:
            url_params = parse_params(request.url.query)
            if request.method in ("GET", "HEAD"):
                return await self._run(request, query_request(url_params), None, arrival)
            return await self._post(request, url_params, arrival)
        except Refused as exc:
            return _text(exc.status, str(exc), exc.headers)

    async def _post(self, request: Request, url_params: dict[str, list[str]],
                    arrival: float) -> Response:
        ctype = request.headers.get("content-type", "")
        media = ctype.split(";")[0].strip().lower()
        if media == "application/sparql-update":
            raise Refused(403, "read-only endpoint: SPARQL Update is refused")
        if media not in _QUERY_TYPES + _FORM_TYPES:
            raise Refused(415, "POST a query as application/sparql-query or as "
                               "application/x-www-form-urlencoded", {"Accept-Post": ", ".join(
                                   _QUERY_TYPES + _FORM_TYPES)})
        body = decode(await read_body(request.headers, request.stream(),
                                      self.config.max_request_bytes))
        if media in _QUERY_TYPES:
            if "query" in url_params:
                raise Refused(400, "query given both in the body and in the URL")
            params = {**url_params, "query": [body]}
        else:
            params = parse_params(body)
            for name in ("format", "default-graph-uri", "named-graph-uri"):
                if name not in params and name in url_params:
                    params[name] = url_params[name]
        return await self._run(request, query_request(params), None, arrival)

    async def saved(self, request: Request) -> Response:
        """A saved query by name; URL parameters other than the protocol's bind its
        variables (?month=2024-05), as `kg query --saved NAME --bind` does."""
        arrival = self.pool.now()
        if request.method == "OPTIONS":
            return _options("GET, HEAD, OPTIONS")
        try:
            params = parse_params(request.url.query)
            name = request.path_params["name"]
            try:
                text = load_saved(name)
            except QueryError as exc:
                raise Refused(404, str(exc)) from exc
            reserved = {"format", "output", "results", "default-graph-uri", "named-graph-uri",
                        "query"}
            bindings = {k: v[-1] for k, v in params.items() if k not in reserved}
            query = query_request({**params, "query": [text]})
            return await self._run(request, query, bindings or None, arrival)
        except Refused as exc:
            return _text(exc.status, str(exc), exc.headers)

    async def page(self, request: Request) -> Response:
        if request.method == "OPTIONS":
            return _options("GET, HEAD, OPTIONS")
        return Response(PAGE.encode("utf-8"), 200, _SECURITY, "text/html; charset=utf-8")

    async def queries(self, request: Request) -> Response:
        if request.method == "OPTIONS":
            return _options("GET, HEAD, OPTIONS")
        saved = {name: {"description": doc, "text": load_saved(name)}
                 for name, doc in list_saved().items()}
        return Response(json.dumps(saved).encode("utf-8"), 200, _SECURITY, "application/json")

    async def health(self, request: Request) -> Response:
        if request.method == "OPTIONS":
            return _options("GET, HEAD, OPTIONS")
        return _text(200, "ok")


def make_app(pool: Pool, config: ServeConfig) -> Starlette:
    """The ASGI application; the pool is handed to the server's event loop at start-up."""
    endpoint = Endpoint(pool, config)

    @asynccontextmanager
    async def lifespan(app: Starlette) -> Any:
        import asyncio

        pool.attach(asyncio.get_running_loop())
        yield

    read = ["GET", "HEAD", "OPTIONS"]
    routes = [Route("/", endpoint.page, methods=read),
              Route("/index.html", endpoint.page, methods=read),
              Route("/health", endpoint.health, methods=read),
              Route("/queries", endpoint.queries, methods=read),
              Route("/queries/{name}", endpoint.saved, methods=read),
              Route("/sparql", endpoint.sparql, methods=["GET", "HEAD", "POST", "OPTIONS"])]
    middleware = []
    if config.cors:
        middleware.append(Middleware(CORSMiddleware, allow_origins=["*"],
                                     allow_methods=["GET", "HEAD", "POST", "OPTIONS"],
                                     allow_headers=["*"], max_age=3600,
                                     expose_headers=["X-KG-Truncated", "X-KG-Time-Ms"]))
    return Starlette(routes=routes, middleware=middleware, lifespan=lifespan)
