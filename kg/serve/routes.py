"""The endpoint's routes, a plain ASGI application; the server that runs it is app.py's.

/sparql answers GET, HEAD and POST (form or application/sparql-query) and OPTIONS; / is a
query page; /queries lists the saved queries as JSON and /queries/NAME runs one (its
parameters from the URL); /health says ok. Updates and SERVICE are refused on the parsed query
(see worker.check); results are capped at a row count and request bodies at a byte count.
Nothing from the machine's disk is served.

Every query passes through this process, one event loop for all clients, so a request is read
straight from the ASGI scope and routed by a dictionary, with no framework's request and
response objects in between. Starlette's CORS middleware wraps the application when
cross-origin requests are allowed.
"""

from __future__ import annotations

import asyncio
import functools
import json
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import TYPE_CHECKING, Any

from kg.store import QueryError, list_saved, load_saved

from .page import PAGE
from .pool import Pool
from .protocol import Refused, decode, parse_accept, parse_params, query_request, read_body
from .worker import Answer, Job

if TYPE_CHECKING:
    from .app import ServeConfig

_SECURITY = {"X-Content-Type-Options": "nosniff",
             "Content-Security-Policy": "default-src 'none'; script-src 'unsafe-inline'; "
                                        "style-src 'unsafe-inline'; connect-src 'self'"}
# Sent with every answer, encoded once.
_SECURITY_RAW = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in _SECURITY.items()]
_TEXT = "text/plain; charset=utf-8"
_SPARQL, _READ = "GET, HEAD, POST, OPTIONS", "GET, HEAD, OPTIONS"
_QUERY_TYPES = ("application/sparql-query",)
_FORM_TYPES = ("application/x-www-form-urlencoded",)
_RESERVED = {"format", "output", "results", "default-graph-uri", "named-graph-uri", "query"}
# Clients send the same few Accept headers again and again.
_accept = functools.lru_cache(maxsize=256)(parse_accept)

Scope = dict[str, Any]
Receive = Callable[[], Awaitable[dict[str, Any]]]
Send = Callable[[dict[str, Any]], Awaitable[None]]


def _text(status: int, message: str, headers: dict[str, str] | None = None) -> Answer:
    return status, _TEXT, (message + "\n").encode("utf-8"), headers or {}


class _Request:
    """What a route needs of a request: method, query string, headers, and the body to come."""

    __slots__ = ("method", "query", "headers", "receive")

    def __init__(self, scope: Scope, receive: Receive) -> None:
        self.method, self.receive = scope["method"], receive
        try:
            self.query = scope["query_string"].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise Refused(400, "query string is not UTF-8") from exc
        self.headers: dict[str, str] = {}
        for name, value in scope["headers"]:  # the first of repeated headers, as Starlette
            self.headers.setdefault(name.decode("latin-1"), value.decode("latin-1"))

    async def chunks(self) -> AsyncIterator[bytes]:
        while True:
            message = await self.receive()
            if message["type"] == "http.disconnect":
                raise Refused(400, "client went away while sending the request")
            yield message.get("body", b"")
            if not message.get("more_body", False):
                return


class Endpoint:
    """The routes over one pool of query processes, as an ASGI application."""

    def __init__(self, pool: Pool, config: ServeConfig) -> None:
        self.pool, self.config = pool, config
        self._routes: dict[str, tuple[Callable[..., Awaitable[Answer]], str]] = {
            "/sparql": (self.sparql, _SPARQL), "/": (self.page, _READ),
            "/index.html": (self.page, _READ), "/health": (self.health, _READ),
            "/queries": (self.queries, _READ)}
        self._methods = {allow: frozenset(allow.split(", ")) for allow in (_SPARQL, _READ)}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        if scope["type"] != "http":
            return
        arrival = self.pool.now()
        path, method = scope["path"], scope["method"]
        route = self._routes.get(path)
        if route is None and path.startswith("/queries/") and "/" not in path[9:] and path[9:]:
            route = (functools.partial(self.saved, name=path[9:]), _READ)
        if route is None:
            answer = _text(404, "Not Found")
        elif method not in self._methods[route[1]]:
            answer = _text(405, "Method Not Allowed", {"Allow": route[1]})
        elif method == "OPTIONS":
            answer = 204, "", b"", {"Allow": route[1]}
        else:
            try:
                answer = await route[0](_Request(scope, receive), arrival)
            except Refused as exc:
                answer = _text(exc.status, str(exc), exc.headers)
        await _respond(send, answer)

    async def _lifespan(self, receive: Receive, send: Send) -> None:
        """Hand the pool to the server's event loop at start-up."""
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self.pool.attach(asyncio.get_running_loop())
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                await send({"type": "lifespan.shutdown.complete"})
                return

    async def _run(self, request: _Request, text: str | None, params: dict[str, list[str]],
                   bindings: dict[str, str] | None, arrival: float) -> Answer:
        """Run a query: `text`, or the one in `params` when None."""
        query = query_request(params if text is None else {**params, "query": [text]})
        if len(query.text.encode("utf-8")) > self.config.max_request_bytes:
            raise Refused(413, f"query over {self.config.max_request_bytes} bytes")
        job = Job(query.text, bindings, query.default_graphs, query.named_graphs,
                  query.formats, _accept(request.headers.get("accept")), self.config.max_rows)
        started = time.perf_counter()
        status, ctype, body, headers = await self.pool.run(job, arrival)
        headers["X-KG-Time-Ms"] = f"{(time.perf_counter() - started) * 1000:.1f}"
        if status == 200 or status == 406:
            headers["Vary"] = "Accept"
        return status, ctype, body, headers

    async def sparql(self, request: _Request, arrival: float) -> Answer:
        url_params = parse_params(request.query)
        if request.method in ("GET", "HEAD"):
            return await self._run(request, None, url_params, None, arrival)
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if media == "application/sparql-update":
            raise Refused(403, "read-only endpoint: SPARQL Update is refused")
        if media not in _QUERY_TYPES + _FORM_TYPES:
            raise Refused(415, "POST a query as application/sparql-query or as "
                               "application/x-www-form-urlencoded", {"Accept-Post": ", ".join(
                                   _QUERY_TYPES + _FORM_TYPES)})
        body = decode(await read_body(request.headers, request.chunks(),
                                      self.config.max_request_bytes))
        if media in _QUERY_TYPES:
            if "query" in url_params:
                raise Refused(400, "query given both in the body and in the URL")
            return await self._run(request, body, url_params, None, arrival)
        params = parse_params(body)
        for name in ("format", "default-graph-uri", "named-graph-uri"):
            if name not in params and name in url_params:
                params[name] = url_params[name]
        return await self._run(request, None, params, None, arrival)

    async def saved(self, request: _Request, arrival: float, name: str) -> Answer:
        """A saved query by name; URL parameters other than the protocol's bind its
        variables (?month=2024-05), as `kg query --saved NAME --bind` does."""
        params = parse_params(request.query)
        try:
            text = load_saved(name)
        except QueryError as exc:
            raise Refused(404, str(exc)) from exc
        bindings = {k: v[-1] for k, v in params.items() if k not in _RESERVED}
        return await self._run(request, text, params, bindings or None, arrival)

    async def page(self, request: _Request, arrival: float) -> Answer:
        return 200, "text/html; charset=utf-8", PAGE.encode("utf-8"), {}

    async def queries(self, request: _Request, arrival: float) -> Answer:
        saved = {name: {"description": doc, "text": load_saved(name)}
                 for name, doc in list_saved().items()}
        return 200, "application/json", json.dumps(saved).encode("utf-8"), {}

    async def health(self, request: _Request, arrival: float) -> Answer:
        return _text(200, "ok")


async def _respond(send: Send, answer: Answer) -> None:
    """Send an answer, with the security headers every answer carries."""
    status, ctype, body, headers = answer
    raw = _SECURITY_RAW + [(k.lower().encode("latin-1"), v.encode("latin-1"))
                           for k, v in headers.items()]
    if status != 204:
        raw += [(b"content-type", ctype.encode("latin-1")),
                (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


def make_app(pool: Pool, config: ServeConfig) -> Any:
    """The ASGI application; the pool is handed to the server's event loop at start-up."""
    app: Any = Endpoint(pool, config)
    if config.cors:
        from starlette.middleware.cors import CORSMiddleware

        app = CORSMiddleware(app, allow_origins=["*"], allow_methods=_SPARQL.split(", "),
                             allow_headers=["*"], max_age=3600,
                             expose_headers=["X-KG-Truncated", "X-KG-Time-Ms"])
    return app
