"""SPARQL 1.1 Protocol rules that need no store: format negotiation, request bodies, datasets.

Kept apart from the server so that they can be tested, and reused by the query processes,
without HTTP.
"""

from __future__ import annotations

import functools
import urllib.parse
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass

from .results import (
    GRAPH_FORMATS,
    GRAPH_NAMES,
    GRAPH_TYPES,
    SELECT_FORMATS,
    SELECT_NAMES,
    SELECT_TYPES,
)


class Refused(Exception):
    """A request answered with an HTTP error status and a one-line reason."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


# (media range, q, position in the header); parsed once in the front, used in a query process.
# A tuple, so that a negotiation can be remembered by its inputs.
Accept = tuple[tuple[str, float, int], ...]


def parse_accept(header: str | None) -> Accept:
    """An Accept header as (media range, q) pairs; a range with a bad q counts as q=0."""
    out: list[tuple[str, float, int]] = []
    for position, part in enumerate((header or "").split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = min(max(float(value), 0.0), 1.0)
                except ValueError:
                    q = 0.0
        out.append((media, q, position))
    return tuple(out)


def _quality(accept: Accept, media: str, exact: bool) -> tuple[float, int, int]:
    """q of the most specific range matching `media`, its specificity, and minus its position:
    RFC 9110 12.5.1, where `text/csv;q=0` refuses CSV even when `*/*` accepts anything.
    An alias (`exact`: application/json for SPARQL JSON) matches only when named."""
    kind = media.split("/")[0]
    best: tuple[float, int, int] | None = None
    for rng, q, position in accept:
        if rng == media:
            spec = 2
        elif rng == f"{kind}/*" and not exact:
            spec = 1
        elif rng == "*/*" and not exact:
            spec = 0
        else:
            continue
        if best is None or spec > best[1]:
            best = (q, spec, -position)
    return best or (0.0, -1, 0)


def choose_format(accept: Accept, explicit: list[str], graph: bool) -> str:
    """The format key for a result: ?format= values first, then the Accept header's ranking.

    Raises Refused(406) when nothing asked for can be written, rather than answering in a
    format the client did not ask for. Remembered for the few combinations clients send (a
    refusal is worked out again each time).
    """
    return _choose(accept, tuple(explicit), graph)


@functools.lru_cache(maxsize=256)
def _choose(accept: Accept, explicit: tuple[str, ...], graph: bool) -> str:
    names, types = (GRAPH_NAMES, GRAPH_TYPES) if graph else (SELECT_NAMES, SELECT_TYPES)
    sent = {c.split(";")[0] for c, _ in (GRAPH_FORMATS if graph else SELECT_FORMATS).values()}
    wanted = [v.strip().lower() for v in explicit if v.strip()]
    for value in wanted:
        key = names.get(value) or types.get(value.split(";")[0].strip())
        if key:
            return key
    kind = "an RDF graph" if graph else "SPARQL results"
    if wanted:
        raise Refused(406, f"format {wanted[0]!r} is not one kg writes {kind} in; known: "
                           f"{', '.join(sorted(set(names)))}")
    if not accept:
        return next(iter(types.values()))
    best, best_rank = None, (0.0, -1, 0)
    for media, key in types.items():  # in server preference order: a tie keeps the first
        rank = _quality(accept, media, exact=media not in sent)
        if rank[0] > 0 and rank > best_rank:
            best, best_rank = key, rank
    if best is None:
        offered = ", ".join(dict.fromkeys(types))
        raise Refused(406, f"none of the accepted types is one kg writes {kind} in; "
                           f"offered: {offered}")
    return best


@dataclass
class QueryRequest:
    """What /sparql was asked, from the URL or the body, checked against the protocol."""

    text: str
    formats: list[str]
    default_graphs: list[str] | None
    named_graphs: list[str] | None


def _graphs(values: list[str]) -> list[str]:
    for iri in values:
        parts = urllib.parse.urlsplit(iri)
        if not parts.scheme or any(c in iri for c in '<>"{}|^`\\ \n\t'):
            raise Refused(400, f"not an absolute IRI: {iri!r}")
    return values


def query_request(params: Mapping[str, list[str]]) -> QueryRequest:
    """One query and its dataset from decoded parameters; 400 for what the protocol forbids."""
    if "update" in params or "using-graph-uri" in params or "using-named-graph-uri" in params:
        raise Refused(403, "read-only endpoint: SPARQL Update is refused")
    queries = params.get("query", [])
    if len(queries) != 1:
        raise Refused(400, "missing query=" if not queries else "more than one query=")
    defaults, named = params.get("default-graph-uri"), params.get("named-graph-uri")
    given = defaults is not None or named is not None
    # The protocol: either parameter replaces the whole dataset, FROM and FROM NAMED too.
    return QueryRequest(queries[0], params.get("format", []),
                        _graphs(defaults or []) if given else None,
                        _graphs(named or []) if given else None)


def parse_params(raw: str) -> dict[str, list[str]]:
    """A query string or form body, UTF-8 strictly: a bad byte is a 400, not a replaced one.

    Decoding is remembered for recent short inputs: clients (the query page, dashboards,
    scripts) send the same queries again and again, and undoing the %-escapes of a query is
    among the largest costs per request of the process that serves every client.
    """
    if len(raw) > 20_000:
        return _parse(raw)
    return dict(_parse_recent(raw))  # a copy: callers may add keys


def _parse(raw: str) -> dict[str, list[str]]:
    try:
        return urllib.parse.parse_qs(raw, keep_blank_values=True, encoding="utf-8",
                                     errors="strict")
    except (UnicodeDecodeError, ValueError) as exc:
        raise Refused(400, f"malformed parameters ({exc})") from exc


_parse_recent = functools.lru_cache(maxsize=512)(_parse)


async def read_body(headers: Mapping[str, str], chunks: AsyncIterator[bytes],
                    limit: int) -> bytes:
    """The request body, at most `limit` bytes: 411 without a length, 413 over the limit.

    The length is checked before any byte is read, and counted again while reading, since a
    chunked body declares none.
    """
    length = headers.get("content-length")
    chunked = "chunked" in headers.get("transfer-encoding", "").lower()
    if length is None and not chunked:
        raise Refused(411, "a POST needs Content-Length (or a chunked body)")
    if length is not None:
        if not length.strip().isdigit():
            raise Refused(400, f"bad Content-Length: {length!r}")
        if int(length) > limit:
            raise Refused(413, f"request body over {limit} bytes")
    body = bytearray()
    async for chunk in chunks:
        body += chunk
        if len(body) > limit:
            raise Refused(413, f"request body over {limit} bytes")
    return bytes(body)


def decode(body: bytes) -> str:
    """A body as text: UTF-8, as the protocol says; anything else is a 400."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise Refused(400, "request body is not UTF-8") from exc
