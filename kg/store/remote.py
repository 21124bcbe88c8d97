"""A SPARQL 1.1 endpoint used like the embedded store: query it, and push the graph to it."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pyoxigraph as ox

from kg.vocab import sparql_prefixes

from .queries import QueryError, QueryResult, bind_values, python_value


class RemoteStore:
    """Any SPARQL 1.1 Protocol endpoint (Oxigraph server, Fuseki, Virtuoso, GraphDB, QLever).

    endpoint
        The query URL, e.g. http://127.0.0.1:7878/query.
    timeout
        Seconds to wait for an answer; the server's own limits still apply.
    """

    def __init__(self, endpoint: str, timeout: float = 60.0) -> None:
        self.endpoint = endpoint
        self.timeout = timeout

    def run(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult:
        text = sparql_prefixes() + bind_values(sparql, bindings)
        data = urllib.parse.urlencode({"query": text}).encode()
        req = urllib.request.Request(self.endpoint, data=data, headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Accept": "application/sparql-results+json, application/n-triples;q=0.9"})
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:  # noqa: S310
                ctype = resp.headers.get("Content-Type", "")
                body = resp.read()
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            raise QueryError(f"{self.endpoint}: HTTP {exc.code}: "
                             f"{detail[0] if detail else exc.reason}") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise QueryError(f"{self.endpoint}: cannot connect ({exc})") from exc
        if "json" in ctype:
            doc = json.loads(body)
            if "boolean" in doc:
                return QueryResult("ask", [], [], boolean=bool(doc["boolean"]))
            variables = doc["head"]["vars"]
            rows = [[_json_value(b.get(v)) for v in variables]
                    for b in doc["results"]["bindings"]]
            return QueryResult("select", variables, rows)
        triples = [(t.subject, t.predicate, t.object)
                   for t in ox.parse(body, format=ox.RdfFormat.N_TRIPLES)]
        return QueryResult("graph", ["subject", "predicate", "object"],
                           [[x.value for x in t] for t in triples], triples=triples)


def _json_value(b: dict[str, Any] | None) -> Any:
    return None if b is None else python_value(b["value"], b.get("datatype", ""))


def guess_graph_store(endpoint: str) -> str:
    """Oxigraph and Fuseki put the Graph Store Protocol beside /query at /store or /data."""
    base, _, last = endpoint.rstrip("/").rpartition("/")
    if last in ("query", "sparql"):
        return f"{base}/store"
    return endpoint.rstrip("/") + "/store"


def push(store: Any, graph_store: str, timeout: float = 300.0) -> dict[str, int]:
    """PUT every named graph of an embedded store, and the merged graph as the server's default
    graph, to a Graph Store Protocol URL.

    PUT replaces the graph on the server, so pushing twice leaves the same data there. Queries
    on the server then see what `kg query` sees, with no union-default-graph setting.
    """
    counts: dict[str, int] = {}
    for graph in [*store.named_graphs(), None]:
        target = ox.NamedNode(graph) if graph else ox.DefaultGraph()
        quads = list(store.oxigraph.quads_for_pattern(None, None, None, target))
        body = "".join(f"{q.subject} {q.predicate} {q.object} .\n" for q in quads).encode()
        query = urllib.parse.urlencode({"graph": graph}) if graph else "default"
        url = f"{graph_store}?{query}"
        req = urllib.request.Request(url, data=body, method="PUT",
                                     headers={"Content-Type": "application/n-triples"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:  # noqa: S310
                resp.read()
        except urllib.error.HTTPError as exc:
            raise QueryError(f"{graph_store}: HTTP {exc.code} for graph {graph}") from exc
        except (urllib.error.URLError, OSError) as exc:
            raise QueryError(f"{graph_store}: cannot connect ({exc})") from exc
        counts[graph or "default"] = len(quads)
    return counts
