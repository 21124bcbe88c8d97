"""A query process: opens the store read-only, then checks, runs and writes one query at a time.

Queries run in processes, not threads, because a running Oxigraph query can be stopped from
outside only by ending its process, and so that an address-space limit (RLIMIT_AS) ends the
process of a query that grows too large, not the server.
"""

from __future__ import annotations

import os
import pickle
import re
import signal
import struct
import sys
from functools import lru_cache
from typing import Any, NamedTuple

import pyoxigraph as ox

from kg.store.queries import QueryError, bind_values
from kg.vocab import PREFIXES

from .protocol import Accept, Refused, choose_format
from .results import (
    GRAPH_FORMATS,
    SELECT_FORMATS,
    write_boolean,
    write_solutions,
    write_triples,
)

READY = "ready"
Answer = tuple[int, str, bytes, dict[str, str]]
_HEADER = struct.Struct("!QQ")


def frame(meta: Any, body: bytes = b"") -> bytes:
    """A message between the processes: the lengths of its two parts, a pickled `meta` and
    `body` as it is (a written result is sent as its bytes, never pickled). The front reads
    answers without blocking its event loop, a piece at a time, so it needs to know where
    one ends."""
    data = pickle.dumps(meta, protocol=pickle.HIGHEST_PROTOCOL)
    return b"".join((_HEADER.pack(len(data), len(body)), data, body))


def unframe(buf: bytearray, most: int = -1) -> list[tuple[Any, bytes]]:
    """The whole messages at the start of `buf` as (meta, body), `most` of them at most;
    `buf` keeps what is left."""
    out: list[tuple[Any, bytes]] = []
    while len(buf) >= _HEADER.size and len(out) != most:
        n, m = _HEADER.unpack_from(buf)
        end = _HEADER.size + n + m
        if len(buf) < end:
            break
        out.append((pickle.loads(buf[_HEADER.size:_HEADER.size + n]),
                    bytes(buf[_HEADER.size + n:end])))
        del buf[:end]
    return out


def write_all(fd: int, data: bytes) -> None:
    """Write all of `data` to a blocking file descriptor."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


class Reader:
    """Messages from a blocking file descriptor, read in pieces of up to 64 kB: a job, which
    is small, comes in one read rather than one for its lengths and one for the rest."""

    def __init__(self, fd: int) -> None:
        self.fd, self.buf = fd, bytearray()

    def next(self) -> tuple[Any, bytes]:
        """The next message; EOFError when the descriptor is closed."""
        while True:
            messages = unframe(self.buf, 1)
            if messages:
                return messages[0]
            part = os.read(self.fd, 1 << 16)
            if not part:
                raise EOFError
            self.buf += part


def _send(fd: int, answer: Answer | str) -> None:
    if isinstance(answer, str):
        write_all(fd, frame(answer))
    else:
        status, ctype, body, headers = answer
        write_all(fd, frame((status, ctype, headers), body))


class Job(NamedTuple):
    """One query as the front sends it to a query process: as a plain tuple (`tuple(job)`),
    since pickle writes a named tuple through Python-level calls, several times slower."""

    text: str
    bindings: dict[str, str] | None
    default_graphs: list[str] | None
    named_graphs: list[str] | None
    formats: list[str]
    accept: Accept
    max_rows: int


def _text(status: int, message: str) -> Answer:
    return status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), {}


# SPARQL expands \u and \U escapes before parsing (both Oxigraph and rdflib do), so a keyword
# may be written \u0053ERVICE: the quick look for the word is done on the expanded text.
_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _expanded(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code <= sys.maxunicode else m.group(0)

    return _ESCAPE.sub(one, text)


def _has_service(node: Any) -> bool:
    from rdflib.plugins.sparql.parserutils import CompValue

    if isinstance(node, CompValue):
        return node.name == "ServiceGraphPattern" or any(_has_service(v) for v in node.values())
    if isinstance(node, list | tuple) or hasattr(node, "asList"):
        return any(_has_service(v) for v in node)
    return False


@lru_cache(maxsize=256)
def _is_update(text: str) -> bool:
    from rdflib.plugins.sparql.parser import parseUpdate

    try:
        parseUpdate(text)
    except Exception:  # pyparsing raises several kinds; any means "not one"
        return False
    return True


@lru_cache(maxsize=256)
def check(text: str) -> None:
    """Refuse SERVICE (requests from this machine to any address a client names), deciding
    on the parsed query: `?service`, `ex:service` and "service" in a string are not SERVICE.

    A query in which the word does not occur at all cannot hold the keyword, and is not parsed
    twice. One that names it but that rdflib's parser cannot read is refused too, since it
    cannot be checked.
    """
    if "service" not in _expanded(text).lower():
        return
    from rdflib.plugins.sparql.parser import parseQuery

    try:
        tree = parseQuery(text)
    except Exception as exc:  # pyparsing's errors
        if _is_update(text):
            raise Refused(403, "read-only endpoint: SPARQL Update is refused") from exc
        raise Refused(400, "malformed query, or syntax the SERVICE check cannot read: "
                           f"{str(exc).splitlines()[0]}") from exc
    if _has_service(tree):
        raise Refused(403, "SERVICE (federated queries to other endpoints) is refused")


def _graph_kw(job: Job) -> dict[str, Any]:
    if job.default_graphs is None:
        return {}
    return {"default_graph": [ox.NamedNode(g) for g in job.default_graphs],
            "named_graphs": [ox.NamedNode(g) for g in job.named_graphs or []]}


def evaluate(store: ox.Store, job: Job) -> Answer:
    """Check, run and write one query, capped at max_rows, in the negotiated format."""
    try:
        sparql = bind_values(job.text, job.bindings)
        check(sparql)  # the text that runs, after `# only if` lines and bound values
        result = store.query(sparql, prefixes=PREFIXES, **_graph_kw(job))
        return _write(result, job)
    except Refused as exc:
        return _text(exc.status, str(exc))
    except SyntaxError as exc:
        if _is_update(job.text):  # a query parser refuses an update: say why
            return _text(403, "read-only endpoint: SPARQL Update (INSERT, DELETE, LOAD, CLEAR, "
                              "DROP, ...) is refused")
        return _text(400, f"malformed query: {str(exc).splitlines()[0]}")
    except (QueryError, ValueError, TypeError) as exc:
        return _text(400, str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
    except (OSError, RuntimeError) as exc:
        return _text(500, f"query failed: {str(exc).splitlines()[0] if str(exc) else exc!r}")


def _write(result: Any, job: Job) -> Answer:
    if isinstance(result, ox.QueryTriples):
        key = choose_format(job.accept, job.formats, graph=True)
        body, cut = write_triples(result, key, job.max_rows)
        ctype = GRAPH_FORMATS[key][0]
    elif isinstance(result, ox.QueryBoolean):
        key = choose_format(job.accept, job.formats, graph=False)
        body, cut = write_boolean(result, key), False
        ctype = SELECT_FORMATS[key][0]
    else:
        key = choose_format(job.accept, job.formats, graph=False)
        body, cut = write_solutions(result, key, job.max_rows)
        ctype = SELECT_FORMATS[key][0]
    return 200, ctype, body, {"X-KG-Truncated": "true"} if cut else {}


def _die_with_parent() -> None:
    """Linux: be killed when the process that started this one ends, even mid-query."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def main(store_path: str, jobs: Any, answers: Any, memory_bytes: int | None) -> None:
    """Run jobs read from the pipe `jobs` until it closes, answering on the pipe `answers`; a
    query over the memory limit ends the process (Oxigraph aborts on a failed allocation; a
    MemoryError in Python is answered first)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the server's to handle
    _die_with_parent()
    # The store is opened before the cap: opening starts RocksDB's threads, whose reserved
    # address space a tight cap can refuse; the cap is for what a query then allocates.
    store = ox.Store.read_only(store_path)
    if memory_bytes:
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    out, reader = answers.fileno(), Reader(jobs.fileno())
    _send(out, READY)
    while True:
        try:
            fields, _ = reader.next()
        except (EOFError, OSError):
            return
        try:
            answer = evaluate(store, Job(*fields))
        except MemoryError:
            _send(out, _text(503, f"query went over the memory limit of one query process "
                                  f"({(memory_bytes or 0) >> 20} MB)"))
            os._exit(3)
        _send(out, answer)
