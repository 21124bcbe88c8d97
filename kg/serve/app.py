"""The read-only SPARQL 1.1 Protocol endpoint: an ASGI application served by uvicorn, queries
run in separate processes.

uvicorn runs the server: the listening socket (a backlog of 2048, so that a burst of clients
waits in the kernel rather than being reset), HTTP/1.1 on httptools (keep-alive, pipelining,
a malformed request answered 400 by the parser), uvloop where installed, signals, start-up and
graceful shutdown. The routes are in routes.py, the limits (deadline from arrival, bounded
queue, memory cap) in pool.py.
"""

from __future__ import annotations

import os
import socket
import threading
from dataclasses import dataclass, field

from kg.store import GraphStore

from .pool import Pool
from .routes import make_app

BACKLOG = 2048


@dataclass
class ServeConfig:
    """Limits of the endpoint.

    timeout
        Seconds from a request's arrival to its answer, waiting included; past it, 503. Every
        saved query answers in milliseconds, so 10 s only stops queries that would not end.
    max_rows
        Rows returned at most; the response says when it was cut (X-KG-Truncated).
    max_request_bytes
        Largest request body or query accepted (413 above it); queries are small.
    workers
        Query processes, each running one query at a time: one per CPU and one more, which
        is ready while another waits for the server to hand it the next query.
    queue
        Requests that may wait for a free process; beyond that, 503 at once. Requests that
        wait behind queries running over a second get extra processes, up to `workers` more
        (see pool.Pool), so memory is bounded by 2 x workers x max_memory_mb.
    max_memory_mb
        Address space of one query process (RLIMIT_AS); a query that needs more ends its
        process (503), which is replaced. 0: no limit.
    cors
        Answer cross-origin requests from any page (Access-Control-Allow-Origin: *).
    """

    timeout: float = 10.0
    max_rows: int = 10_000
    max_request_bytes: int = 100_000
    workers: int = field(default_factory=lambda: (os.cpu_count() or 1) + 1)
    queue: int = 256
    max_memory_mb: int = 2048
    cors: bool = False


class KgServer:
    """A bound socket, its query processes and the uvicorn server that will serve them.

    Shaped like the standard library's servers (server_address, serve_forever, shutdown,
    server_close) so that the CLI and tests drive it the same way.
    """

    def __init__(self, sock: socket.socket, pool: Pool, config: ServeConfig) -> None:
        import uvicorn

        self.socket, self.pool, self.config = sock, pool, config
        self.server_address = sock.getsockname()
        uv_config = uvicorn.Config(make_app(pool, config), lifespan="on", log_level="warning",
                                   access_log=False, server_header=False, backlog=BACKLOG,
                                   ws="none", proxy_headers=False,
                                   timeout_keep_alive=5, timeout_graceful_shutdown=2,
                                   limit_concurrency=max(BACKLOG, config.queue * 4))
        self._server = uvicorn.Server(uv_config)
        self._done = threading.Event()

    def serve_forever(self) -> None:
        """Serve until shutdown() (or, in the main thread, Ctrl-C / SIGTERM)."""
        try:
            self._server.run(sockets=[self.socket])
        finally:
            self._done.set()

    def shutdown(self) -> None:
        self._server.should_exit = True
        self._done.wait(timeout=10)

    def server_close(self) -> None:
        self.pool.close()
        self.socket.close()


def make_server(store: GraphStore, host: str = "127.0.0.1", port: int = 7878,
                config: ServeConfig | None = None) -> KgServer:
    """A server bound to host:port (port 0 picks a free one) with its query processes
    started; call serve_forever() on it."""
    config = config or ServeConfig()
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(BACKLOG)
        sock.set_inheritable(True)
        pool = Pool(str(store.path), config.workers, config.queue, config.timeout,
                    config.max_memory_mb or None)
    except OSError:
        sock.close()
        raise
    return KgServer(sock, pool, config)


def serve_in_thread(server: KgServer) -> threading.Thread:
    """Serve in a daemon thread (tests, notebooks); stop with shutdown() and server_close()."""
    thread = threading.Thread(target=server.serve_forever, daemon=True, name="kg-serve")
    thread.start()
    return thread
