"""HTTP/1.1 for the endpoint: an asyncio protocol on httptools (the parser uvicorn uses) that
hands each request, whole, to the ASGI application. uvicorn's server runs it: the socket,
signals, start-up, graceful shutdown and the Date header are uvicorn's.

Every request to the endpoint passes through this one process, so a request costs little
here: no per-connection loggers, address look-ups or flow-control objects, and an answer goes
out in a single write (status line, headers and body), so that a client hears it at once
rather than first its headers and then its body. Request bodies are small (queries): one is
read whole before the application sees it, and one over `max_body` bytes is handed over as
soon as that is known, from its Content-Length or as it arrives, to be refused (413) without
reading the rest.
"""

from __future__ import annotations

import asyncio
import http
import urllib.parse
from collections import deque
from typing import Any

import httptools

_STATUS = {s.value: b"HTTP/1.1 %d %s\r\n" % (s.value, s.phrase.encode()) for s in http.HTTPStatus}
_CLOSE = b"connection: close\r\n"
_MAX_HEADER_BYTES = 64 * 1024


class _Message:
    """One request as it is read."""

    __slots__ = ("method", "version", "url", "headers", "size", "body", "keep_alive", "handed")

    def __init__(self) -> None:
        self.method, self.version, self.url, self.size = "GET", "1.1", b"", 0
        self.headers: list[tuple[bytes, bytes]] = []
        self.body = bytearray()
        self.keep_alive = self.handed = False


class HttpProtocol(asyncio.Protocol):
    """One client connection. Its requests are answered in order: one that arrives while
    another is answered waits (pipelining), with reading paused meanwhile."""

    max_body = 100_000  # bytes; protocol_for() sets the server's limit

    def __init__(self, config: Any, server_state: Any, app_state: dict[str, Any],
                 _loop: asyncio.AbstractEventLoop | None = None) -> None:
        if not config.loaded:
            config.load()
        self.app, self.state = config.loaded_app, server_state
        self.loop = _loop or asyncio.get_event_loop()
        self.idle_s, self.limit = config.timeout_keep_alive, config.limit_concurrency
        self.parser = httptools.HttpRequestParser(self)
        self.transport: asyncio.Transport | None = None
        self.message: _Message | None = None
        self.waiting: deque[_Message] = deque()
        self.busy = self.closing = False
        self.timer: asyncio.TimerHandle | None = None

    # The connection
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.state.connections.add(self)
        self.timer = self.loop.call_later(self.idle_s, self._idle)

    def connection_lost(self, exc: Exception | None) -> None:
        self.state.connections.discard(self)
        self.closing = True
        self.waiting.clear()
        if self.timer is not None:
            self.timer.cancel()

    def data_received(self, data: bytes) -> None:
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            pass  # no protocol to switch to: the request is answered as plain HTTP
        except httptools.HttpParserError:
            self._refuse(400, b"Invalid HTTP request.")

    def shutdown(self) -> None:
        """The server is stopping: close now if idle, else after the answer under way."""
        self.closing = True
        if not self.busy and self.transport is not None:
            self.transport.close()

    def pause_writing(self) -> None:
        pass  # an answer is written whole; the transport buffers what the client has not read

    def resume_writing(self) -> None:
        pass

    def _idle(self) -> None:
        self.timer = None
        if not self.busy and self.transport is not None:
            self.transport.close()

    def _refuse(self, status: int, reason: bytes) -> None:
        """Answer a request that cannot be read (bad syntax, oversized headers) and close; or,
        while an earlier request is answered, close after that answer."""
        assert self.transport is not None
        self.closing = True
        if self.busy:
            self.transport.pause_reading()
            return
        if not self.transport.is_closing():
            self.transport.write(b"".join((
                _STATUS[status], b"content-type: text/plain; charset=utf-8\r\n",
                b"content-length: %d\r\n" % len(reason), _CLOSE, b"\r\n", reason)))
        self.transport.close()

    # The parser's callbacks
    def on_message_begin(self) -> None:
        self.message = _Message()

    def on_url(self, url: bytes) -> None:
        assert self.message is not None
        self.message.url += url
        self.message.size += len(url)
        if self.message.size > 3 * self.max_body + _MAX_HEADER_BYTES:
            raise httptools.HttpParserError("request line too long")

    def on_header(self, name: bytes, value: bytes) -> None:
        assert self.message is not None
        self.message.headers.append((name.lower(), value))
        self.message.size += len(name) + len(value)
        if self.message.size > 3 * self.max_body + _MAX_HEADER_BYTES:
            raise httptools.HttpParserError("headers too long")

    def on_headers_complete(self) -> None:
        message = self.message
        assert message is not None and self.transport is not None
        message.method = self.parser.get_method().decode("ascii")
        message.version = self.parser.get_http_version()
        message.keep_alive = self.parser.should_keep_alive()
        length = next((v for k, v in message.headers if k == b"content-length"), b"")
        if length.isdigit() and int(length) > self.max_body:
            self._hand_over(message)  # refused from its length: the body is not read
        elif (b"expect", b"100-continue") in message.headers and not self.busy:
            self.transport.write(b"HTTP/1.1 100 Continue\r\n\r\n")

    def on_body(self, body: bytes) -> None:
        message = self.message
        assert message is not None
        if message.handed:
            return
        message.body += body
        if len(message.body) > self.max_body:
            self._hand_over(message)  # refused as it arrives: the rest is not read

    def on_message_complete(self) -> None:
        message = self.message
        assert message is not None
        if not message.handed:
            message.handed = True
            self._queue(message)

    def _hand_over(self, message: _Message) -> None:
        """A request handed over before its end: the connection cannot be read further."""
        assert self.transport is not None
        message.handed, message.keep_alive = True, False
        self.transport.pause_reading()
        self._queue(message)

    # Answering
    def _queue(self, message: _Message) -> None:
        self.waiting.append(message)
        if self.busy:
            if self.transport is not None:
                self.transport.pause_reading()
        else:
            self._next()

    def _next(self) -> None:
        message = self.waiting.popleft()
        self.busy = True
        task = self.loop.create_task(self._run(message))
        self.state.tasks.add(task)
        task.add_done_callback(self.state.tasks.discard)

    async def _run(self, message: _Message) -> None:
        head: list[bytes] = []
        body: list[bytes] = []
        sized: list[bool] = []  # [whether the application gave a Content-Length]
        received = False

        async def receive() -> dict[str, Any]:
            nonlocal received
            if received:
                return {"type": "http.disconnect"}
            received = True
            return {"type": "http.request", "body": bytes(message.body), "more_body": False}

        async def send(event: dict[str, Any]) -> None:
            if event["type"] == "http.response.start":
                status = event["status"]
                head.append(_STATUS.get(status, b"HTTP/1.1 %d \r\n" % status))
                head.extend(b"%s: %s\r\n" % pair for pair in self.state.default_headers)
                for name, value in event.get("headers", ()):
                    if b"\n" in value or b"\r" in value or b"\n" in name or b"\r" in name:
                        raise ValueError(f"a header that would split the answer: {name!r}")
                    head.append(b"%s: %s\r\n" % (name, value))
                    if name.lower() == b"content-length":
                        sized.append(True)
                if status in (204, 304) or status < 200:
                    sized.append(True)  # no body, and no length (RFC 9110 8.6)
            elif event["type"] == "http.response.body":
                body.append(event.get("body", b""))

        try:
            scope = self._scope(message)
        except (ValueError, httptools.HttpParserError):
            await _plain(send, 400, b"Invalid request target.")
        else:
            if self.limit and len(self.state.tasks) > self.limit:
                await _plain(send, 503, b"Service Unavailable")
            else:
                try:
                    await self.app(scope, receive, send)
                except Exception:  # the application failed: the client still gets an answer
                    head.clear()
                    body.clear()
                    sized.clear()
                    await _plain(send, 500, b"Internal Server Error")
        self._write(message, head, body, bool(sized))

    @staticmethod
    def _scope(message: _Message) -> dict[str, Any]:
        url = httptools.parse_url(message.url)
        path = url.path.decode("ascii")
        if "%" in path:
            path = urllib.parse.unquote(path, errors="strict")
        return {"type": "http", "asgi": {"version": "3.0", "spec_version": "2.3"},
                "http_version": message.version, "method": message.method, "scheme": "http",
                "path": path, "raw_path": url.path, "query_string": url.query or b"",
                "root_path": "", "headers": message.headers, "client": None, "server": None}

    def _write(self, message: _Message, head: list[bytes], body: list[bytes],
               sized: bool) -> None:
        self.busy = False
        self.state.total_requests += 1
        transport = self.transport
        if transport is None or transport.is_closing():
            return  # the client went away while its query ran
        close = self.closing or not message.keep_alive
        content = b"".join(body)
        if not sized:
            head.append(b"content-length: %d\r\n" % len(content))
        if close:
            head.append(_CLOSE)
        head.append(b"\r\n")
        if message.method != "HEAD":
            head.append(content)
        transport.write(b"".join(head))
        if close:
            transport.close()
        elif self.waiting:
            self._next()
        else:
            transport.resume_reading()
            self.timer = self.loop.call_later(self.idle_s, self._idle)


async def _plain(send: Any, status: int, text: bytes) -> None:
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", b"%d" % len(text))]})
    await send({"type": "http.response.body", "body": text})


def protocol_for(max_body: int) -> type[HttpProtocol]:
    """The protocol class for a server whose request bodies are at most `max_body` bytes."""
    return type("KgHttpProtocol", (HttpProtocol,), {"max_body": max_body})
