"""A read-only SPARQL 1.1 Protocol endpoint over the embedded store, standard library only.

/sparql answers GET ?query= and POST (form or application/sparql-query); / is a query page with
the saved queries; /queries lists them as JSON; /health says ok. Updates (INSERT, DELETE, LOAD,
CLEAR, DROP, ...) and SERVICE federation are refused, each query runs under a time limit in a
worker thread so a slow one never holds up the others, results are capped at a row count, and
request bodies at a byte count. Nothing from the machine's disk is served.
"""

from __future__ import annotations

import json
import re
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pyoxigraph as ox

from kg.store import GraphStore, list_saved, load_saved
from kg.store.queries import _MASKABLE

from .page import PAGE
from .results import GRAPH_FORMATS, SELECT_FORMATS, negotiate

# Matched on the query with IRIs, strings and comments blanked out (see check_query).
_UPDATE = re.compile(r"^\s*(?:(?:PREFIX\s+[\w.-]*:|BASE)\s*)*"
                     r"(?:INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I)
_SERVICE = re.compile(r"\bSERVICE\b", re.I)


@dataclass
class ServeConfig:
    """Limits of the endpoint.

    timeout
        Seconds a query may run before the client gets 503; 10 keeps a bad query from tying up a
        worker for long while every saved query answers in milliseconds.
    max_rows
        Rows returned at most; the response says when it was cut (X-KG-Truncated).
    max_request_bytes
        Largest request body accepted (413 above it); queries are small.
    workers
        Query processes; a slow query holds one until its limit, the others keep answering.
    """

    timeout: float = 10.0
    max_rows: int = 10_000
    max_request_bytes: int = 100_000
    workers: int = 4


class QueryRefused(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def check_query(text: str) -> None:
    """Refuse what a read-only endpoint must not run."""
    masked = _MASKABLE.sub(lambda m: " " * len(m.group(0)), text)
    if _UPDATE.match(masked):
        raise QueryRefused(403, "read-only endpoint: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, "
                                "DROP, ...) is refused")
    if _SERVICE.search(masked):
        raise QueryRefused(403, "SERVICE (federated queries to other endpoints) is refused")


def evaluate(store: GraphStore, text: str, fmt_explicit: str | None, accept: str | None,
             max_rows: int) -> tuple[int, str, bytes, dict[str, str]]:
    """Run one query and write its answer in the negotiated format, capped at max_rows."""
    try:
        result = store.query(text)
    except SyntaxError as exc:
        return 400, "text/plain", f"malformed query: {str(exc).splitlines()[0]}\n".encode(), {}
    except (ValueError, OSError, RuntimeError) as exc:
        return 400, "text/plain", (str(exc).splitlines()[0] + "\n").encode(), {}
    headers: dict[str, str] = {}
    if isinstance(result, ox.QueryTriples):
        key = negotiate(accept, fmt_explicit, graph=True)
        ctype, rdf_format = GRAPH_FORMATS[key]
        triples = []
        for n, t in enumerate(result):
            if n >= max_rows:
                headers["X-KG-Truncated"] = "true"
                break
            triples.append(t)
        return 200, ctype, bytes(ox.serialize(triples, format=rdf_format)), headers
    key = negotiate(accept, fmt_explicit, graph=False)
    ctype, writer = SELECT_FORMATS[key]
    if isinstance(result, ox.QueryBoolean):
        return 200, ctype, writer([], [], bool(result)), headers
    variables = [v.value for v in result.variables]
    rows = []
    for n, solution in enumerate(result):
        if n >= max_rows:
            headers["X-KG-Truncated"] = "true"
            break
        rows.append([solution[v] for v in variables])
    return 200, ctype, writer(variables, rows), headers


def _worker_main(store_path: str, conn: Any) -> None:
    """A query process: opens the store read-only and answers requests until told to stop."""
    store = GraphStore(store_path, read_only=True)
    while True:
        try:
            request = conn.recv()
        except EOFError:
            return
        if request is None:
            return
        conn.send(evaluate(store, *request))


class _Worker:
    def __init__(self, ctx: Any, store_path: str) -> None:
        self.conn, child = ctx.Pipe()
        self.process = ctx.Process(target=_worker_main, args=(store_path, child), daemon=True)
        self.process.start()
        child.close()

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


class Endpoint:
    """The store, the limits and a pool of query processes shared by all request handlers.

    Queries run in separate processes because a query cannot be interrupted from Python: when
    one passes the time limit its process is killed and replaced, and the others keep
    answering.
    """

    def __init__(self, store: GraphStore, config: ServeConfig) -> None:
        import multiprocessing as mp
        import queue

        self.store = store
        self.config = config
        self._ctx = mp.get_context("spawn")
        self._idle: queue.Queue[_Worker] = queue.Queue()
        for _ in range(config.workers):
            self._idle.put(_Worker(self._ctx, str(store.path)))

    def run(self, text: str, fmt_explicit: str | None, accept: str | None
            ) -> tuple[int, str, bytes, dict[str, str]]:
        check_query(text)
        worker = self._idle.get()
        try:
            worker.conn.send((text, fmt_explicit, accept, self.config.max_rows))
            if worker.conn.poll(self.config.timeout):
                answer = worker.conn.recv()
                self._idle.put(worker)
                worker = None
                status, ctype, body, headers = answer
                if status != 200:
                    raise QueryRefused(status, body.decode("utf-8", "replace").strip())
                return answer
            raise QueryRefused(503, f"query exceeded the {self.config.timeout:g} s limit")
        except (EOFError, OSError, BrokenPipeError) as exc:
            raise QueryRefused(500, f"query process failed ({exc})") from exc
        finally:
            if worker is not None:  # timed out or broke: replace it
                worker.stop()
                self._idle.put(_Worker(self._ctx, str(self.store.path)))

    def close(self) -> None:
        while not self._idle.empty():
            self._idle.get().stop()


class Handler(BaseHTTPRequestHandler):
    endpoint: Endpoint
    server_version = "kg-sparql/1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        sys.stderr.write(f"kg serve: {self.address_string()} {format % args}\n")

    def _send(self, status: int, ctype: str, body: bytes,
              headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Content-Security-Policy",
                         "default-src 'none'; script-src 'unsafe-inline'; "
                         "style-src 'unsafe-inline'; connect-src 'self'")
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def _error(self, status: int, message: str) -> None:
        self._send(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"))

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        url = urllib.parse.urlsplit(self.path)
        params = urllib.parse.parse_qs(url.query)
        if url.path in ("/", "/index.html"):
            self._send(200, "text/html; charset=utf-8", PAGE.encode("utf-8"))
        elif url.path == "/health":
            self._send(200, "text/plain; charset=utf-8", b"ok\n")
        elif url.path == "/queries":
            saved = {name: {"description": doc, "text": load_saved(name)}
                     for name, doc in list_saved().items()}
            self._send(200, "application/json", json.dumps(saved).encode("utf-8"))
        elif url.path == "/sparql":
            if "query" not in params:
                self._error(400, "missing ?query=")
                return
            self._answer(params["query"][0], params.get("format", [None])[0])
        else:
            self._error(404, "not found")

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        url = urllib.parse.urlsplit(self.path)
        if url.path != "/sparql":
            self._error(404, "not found")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            self._error(400, "bad Content-Length")
            return
        if length > self.endpoint.config.max_request_bytes:
            self._error(413, f"request body over {self.endpoint.config.max_request_bytes} bytes")
            return
        body = self.rfile.read(length).decode("utf-8", "replace")
        ctype = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        fmt = urllib.parse.parse_qs(url.query).get("format", [None])[0]
        if ctype == "application/sparql-query":
            self._answer(body, fmt)
        elif ctype == "application/sparql-update":
            self._error(403, "read-only endpoint: SPARQL Update is refused")
        else:
            form = urllib.parse.parse_qs(body)
            if "update" in form:
                self._error(403, "read-only endpoint: SPARQL Update is refused")
            elif "query" not in form:
                self._error(400, "missing query=")
            else:
                self._answer(form["query"][0], fmt or form.get("format", [None])[0])

    def _answer(self, text: str, fmt: str | None) -> None:
        if len(text.encode("utf-8")) > self.endpoint.config.max_request_bytes:
            self._error(413, "query too long")
            return
        started = time.perf_counter()
        try:
            status, ctype, body, headers = self.endpoint.run(text, fmt,
                                                             self.headers.get("Accept"))
        except QueryRefused as exc:
            self._error(exc.status, str(exc))
            return
        headers["X-KG-Time-Ms"] = f"{(time.perf_counter() - started) * 1000:.1f}"
        self._send(status, ctype, body, headers)


class KgServer(ThreadingHTTPServer):
    daemon_threads = True
    endpoint: Endpoint

    def server_close(self) -> None:
        super().server_close()
        self.endpoint.close()


def make_server(store: GraphStore, host: str = "127.0.0.1", port: int = 7878,
                config: ServeConfig | None = None) -> KgServer:
    """A server bound to host:port (port 0 picks a free one); call serve_forever() on it."""
    endpoint = Endpoint(store, config or ServeConfig())
    handler = type("KgHandler", (Handler,), {"endpoint": endpoint})
    try:
        server = KgServer((host, port), handler)
    except OSError:
        endpoint.close()
        raise
    server.endpoint = endpoint
    return server


def serve_in_thread(server: ThreadingHTTPServer) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return thread
