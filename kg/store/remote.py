"""A SPARQL 1.1 server used like the embedded store: queries, and a push that mirrors the store.

On the server every graph of the store is a named graph under its own name, and the merged graph
(the store's default graph) is MERGED_GRAPH. No server's default graph is used: Virtuoso can
neither write its default graph nor keep it apart (it is the union of all graphs), and Oxigraph
would need the merged graph twice. RemoteStore names MERGED_GRAPH as a query's default graph
with the protocol's default-graph-uri (Oxigraph, Fuseki and Virtuoso honour it), so a saved
query is the same text on the embedded store and on every server.

PUSHED_GRAPH records each graph's triple count and SHA-256 as pushed. A push writes the graphs
whose count (on the server) or digest (recorded) differs from the store's, and deletes the
graphs under the kg namespace that the store no longer has: a second push writes nothing.
"""

from __future__ import annotations

import hashlib
import io
import itertools
import tempfile
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from typing import IO, Any

import pyoxigraph as ox

from kg.vocab import ID, PREFIXES, sparql_prefixes

from . import queries
from .embedded import GraphStore
from .http import Http, HttpError, credentials
from .queries import QueryError, QueryResult

MERGED_GRAPH = f"{ID}graph/merged"
PUSHED_GRAPH = f"{ID}graph/pushed"
_DIGEST, _TRIPLES = PUSHED_GRAPH + "#sha256", "http://rdfs.org/ns/void#triples"
_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_RECORDED = f"SELECT ?g ?d WHERE {{ GRAPH <{PUSHED_GRAPH}> {{ ?g <{_DIGEST}> ?d }} }}"
SERVERS = ("oxigraph", "fuseki", "virtuoso")
# SPARQL Update and Graph Store paths beside the query URL; Virtuoso's need digest credentials.
_LAYOUTS = {"oxigraph": ("update", "store"), "fuseki": ("update", "data"),
            "virtuoso": ("sparql{auth}", "sparql-graph-crud{auth}")}
_INSERT_CHUNK = 2_000  # triples per INSERT DATA: Virtuoso compiles each into one SQL statement
_BULK = 2_000_000  # bytes from which Oxigraph's Graph Store is asked to load untransacted


@dataclass(frozen=True)
class Server:
    """Where a server takes queries, SPARQL Update, the Graph Store Protocol (None: unknown)."""

    kind: str
    query: str
    update: str | None
    graph_store: str | None


def server_urls(endpoint: str, kind: str | None = None, graph_store: str | None = None,
                update: str | None = None) -> Server:
    """A server's URLs from its query URL and kind (discovered when not given).

    Oxigraph: /query, /update, /store. Fuseki: /DATASET/query (or /sparql), /DATASET/update,
    /DATASET/data. Virtuoso: /sparql for queries and updates, /sparql-graph-crud; with
    credentials /sparql-auth and /sparql-graph-crud-auth (digest authentication).
    """
    kind = kind or discover(endpoint)
    base, auth = endpoint.rstrip("/").rpartition("/")[0], "-auth" if credentials() else ""
    urls = [f"{base}/{path.format(auth=auth)}" for path in _LAYOUTS.get(kind, ())] or [None, None]
    return Server(kind, endpoint, update or urls[0], graph_store or urls[1])


def discover(endpoint: str, timeout: float = 10.0) -> str:
    """The server's kind from the Server header of its answer to `ASK {}` (else "sparql")."""
    url = f"{endpoint}{'&' if '?' in endpoint else '?'}query=ASK%20%7B%7D"
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            header = resp.headers.get("Server", "")
    except urllib.error.HTTPError as exc:
        header = exc.headers.get("Server", "") if exc.headers else ""
    except (urllib.error.URLError, OSError) as exc:
        raise QueryError(f"{endpoint}: cannot connect ({exc})") from exc
    found = [k for k in (*SERVERS, "jena") if k in header.lower()]
    return ("fuseki" if found[0] == "jena" else found[0]) if found else "sparql"


class RemoteStore:
    """Any SPARQL 1.1 Protocol endpoint (Oxigraph server, Fuseki, Virtuoso, kg serve), by its
    query URL (e.g. http://127.0.0.1:7878/query); `timeout` in seconds per answer."""

    def __init__(self, endpoint: str, timeout: float = 60.0) -> None:
        self.endpoint = endpoint
        self.timeout = timeout
        self._http = Http(timeout, [endpoint])
        self._pushed: list[str] | None = None

    def run(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult:
        """Run SPARQL on the server as on the embedded store (see `Store.run`): the ontology's
        prefixes declared, the merged graph as the default graph of a pushed server."""
        text = sparql_prefixes() + queries.bind_values(sparql, bindings)
        return self._ask(text, queries.query_form(text), self._dataset(text))

    def pushed_graphs(self) -> list[str]:
        """The graphs a kg push left on the server; none on a server that serves a store
        itself (kg serve, `oxigraph serve` on a store), whose default graph is the merged one."""
        if self._pushed is None:
            self._pushed = sorted(str(row[0]) for row in self._ask(_RECORDED, "select", []).rows)
        return self._pushed

    def _dataset(self, text: str) -> list[tuple[str, str]]:
        """default-graph-uri and named-graph-uri for a pushed server: the merged graph, and the
        named graphs the query can reach (all of them only for a `GRAPH ?g`, so that a query
        does not carry ten thousand names it has no use for). None for a query with FROM."""
        has_from, any_graph, named = queries.dataset_of(text)
        if has_from or not self.pushed_graphs():
            return []
        graphs = [g for g in self.pushed_graphs() if g != MERGED_GRAPH]
        if not any_graph:
            graphs = [g for g in graphs if g.startswith(f"{ID}graph/")] + named
        return [("default-graph-uri", MERGED_GRAPH)] + [("named-graph-uri", g)
                                                        for g in dict.fromkeys(graphs)]

    def _ask(self, text: str, form: str, dataset: list[tuple[str, str]]) -> QueryResult:
        accept = queries.RDF_ACCEPT if form in ("construct", "describe") else (
            "application/sparql-results+json")
        ctype, body = self._http.send(
            self.endpoint, urllib.parse.urlencode([("query", text), *dataset]).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept})
        return queries.parse_results(form, ctype, body)


@dataclass
class PushReport:
    """What a push did: graphs written (with their triples), deleted, left as they were."""

    server: Server
    via: str
    written: dict[str, int] = field(default_factory=dict)
    deleted: list[str] = field(default_factory=list)
    unchanged: int = 0


def push(store: GraphStore, server: Server, via: str = "auto",
         timeout: float = 600.0) -> PushReport:
    """Make the server hold exactly the store's graphs (see the module docstring).

    via: "graph-store" (the Graph Store Protocol), "update" (SPARQL Update), or "auto": the
    Graph Store Protocol when the server has one, SPARQL Update otherwise.
    """
    writer = GraphWriter(server, via, timeout)
    local = {name: (n, digest) for name, n, digest in local_graphs(store)}
    remote = writer.counts()
    recorded = writer.digests()
    changed = [g for g, (n, digest) in local.items()
               if remote.get(g) != n or recorded.get(g) != digest]
    stale = sorted(g for g in remote if g not in local and g != PUSHED_GRAPH)
    report = PushReport(server, writer.via, unchanged=len(local) - len(changed))
    if changed or stale or set(recorded) != set(local):
        # Changed graphs are forgotten first: a push cut short is then redone, not trusted.
        writer.put(PUSHED_GRAPH, _manifest({g: v for g, v in local.items() if g not in changed}))
        for graph in stale:
            writer.delete(graph)
            report.deleted.append(graph)
        for graph in changed:
            with tempfile.TemporaryFile() as body:  # a merged graph of 10M triples is 1.5 GB
                _dump(store, graph, body)
                writer.put(graph, body)
            report.written[graph] = local[graph][0]
        writer.put(PUSHED_GRAPH, _manifest(local))
    writer.clear_old_default()
    report.via = writer.via
    return report


class _Digest:
    """Where a graph is written to be hashed and its lines counted, never held whole."""

    def __init__(self) -> None:
        self.sha, self.lines, self.flush = hashlib.sha256(), 0, lambda: None

    def write(self, data: bytes) -> int:
        self.sha.update(data)
        self.lines += data.count(b"\n")
        return len(data)


def _dump(store: GraphStore, graph: str, output: Any) -> None:
    node = ox.DefaultGraph() if graph == MERGED_GRAPH else ox.NamedNode(graph)
    store.oxigraph.dump(output, format=ox.RdfFormat.N_TRIPLES, from_graph=node)


def local_graphs(store: GraphStore) -> list[tuple[str, int, str]]:
    """(name, triples, SHA-256 of its N-Triples) of each non-empty graph. A graph is written in
    its index's order, which its triples decide; another order would only push it again."""
    out = []
    for graph in [*store.named_graphs(), MERGED_GRAPH]:
        _dump(store, graph, sink := _Digest())
        if sink.lines:
            out.append((graph, sink.lines, sink.sha.hexdigest()))
    return out


def _manifest(graphs: dict[str, tuple[int, str]]) -> IO[bytes]:
    lines = [f'<{g}> <{_TRIPLES}> "{n}"^^<{_INTEGER}> .\n<{g}> <{_DIGEST}> "{d}" .\n'
             for g, (n, d) in graphs.items()]
    return io.BytesIO("".join(lines).encode())


class GraphWriter:
    """Graph writes by the Graph Store Protocol or SPARQL Update; the reads a push compares."""

    def __init__(self, server: Server, via: str, timeout: float) -> None:
        via = ("graph-store" if server.graph_store else "update") if via == "auto" else via
        if getattr(server, via.replace("-", "_"), None) is None:
            raise QueryError(f"{server.query}: no {via} URL known for a {server.kind} server; "
                             f"give it with --{via}")
        self.server, self.via, self._confirmed = server, via, False
        self.http = Http(timeout, [server.query, server.update or "", server.graph_store or ""],
                          digest=server.kind == "virtuoso")
        self.reader = RemoteStore(server.query, timeout)
        self.reader._http = self.http
        if credentials() and server.kind == "virtuoso":  # be challenged before any upload
            write = server.graph_store if via == "graph-store" else server.update
            try:
                self.http.send(f"{write}?{urllib.parse.urlencode({'graph': PUSHED_GRAPH})}")
            except HttpError as exc:
                if exc.code in (401, 403):
                    raise

    def _select(self, text: str) -> list[list[Any]]:
        return self.reader._ask(text, "select", []).rows

    def counts(self) -> dict[str, int]:  # triples per graph under the kg namespace
        rows = self._select(f'SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} '
                            f'FILTER(STRSTARTS(STR(?g), "{ID}")) }} GROUP BY ?g')
        return {str(g): int(n) for g, n in rows}

    def digests(self) -> dict[str, str]:
        return {str(g): str(d) for g, d in self._select(_RECORDED)}

    def put(self, graph: str, body: IO[bytes]) -> None:
        size = body.seek(0, io.SEEK_END)
        body.seek(0)
        if not size:  # an empty graph is no graph (Virtuoso keeps none)
            return self.delete(graph)
        if self.via == "graph-store":
            try:
                self._store("PUT", graph, body, size)
                self._confirmed = True
                return
            except HttpError as exc:
                # The first write tells whether the URL has a Graph Store at all.
                if self._confirmed or exc.code not in (404, 405, 501) or not self.server.update:
                    raise
                self.via = "update"
        self._update(f"DROP SILENT GRAPH <{graph}>")
        body.seek(0)
        while chunk := b"".join(itertools.islice(body, _INSERT_CHUNK)).decode("utf-8"):
            self._update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{chunk}}} }}")

    def delete(self, graph: str) -> None:
        if self.via == "update":
            return self._update(f"DROP SILENT GRAPH <{graph}>")
        try:
            self._store("DELETE", graph, None, 0)
        except HttpError as exc:
            if exc.code != 404:  # already gone
                raise

    def clear_old_default(self) -> None:
        """Empty a default graph that an earlier kg push (which wrote the merged graph there)
        left; Virtuoso's default graph is the union of all graphs, never written."""
        if self.server.kind != "virtuoso" and self.reader._ask(
                f"ASK {{ ?n a <{PREFIXES['kg']}Newsletter> }}", "ask", []).boolean:
            self._update("CLEAR SILENT DEFAULT") if self.via == "update" else self.http.send(
                f"{self.server.graph_store}?default", method="DELETE")

    def _store(self, method: str, graph: str, body: IO[bytes] | None, size: int) -> None:
        query = urllib.parse.urlencode({"graph": graph})
        if self.server.kind == "oxigraph" and size >= _BULK:
            query += "&no_transaction"
        self.http.send(f"{self.server.graph_store}?{query}", body, method, {
            "Content-Type": "application/n-triples", "Content-Length": str(size)} if body else {})

    def _update(self, text: str) -> None:
        assert self.server.update is not None
        self.http.send(self.server.update, urllib.parse.urlencode({"update": text}).encode(),
                       headers={"Content-Type": "application/x-www-form-urlencoded"})
