"""The store as a networkx graph of entities: what the page draws and the analytics measure."""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import networkx as nx

from kg.store import Store, run_query
from kg.vocab import fragment_span

# Node kinds (`kg:nodeKind` of the classes in ontology/kg.ttl), their colour and vis-network
# shape; the legend shows them in this order.
KINDS: dict[str, tuple[str, str]] = {
    "law": ("#c0392b", "diamond"),
    "regulation": ("#e67e22", "diamond"),
    "measure": ("#f1c40f", "square"),
    "standard": ("#16a085", "square"),
    "normative document": ("#95a5a6", "square"),
    "draft": ("#d7bde2", "triangle"),
    "national authority": ("#2c3e50", "dot"),
    "local authority": ("#3498db", "dot"),
    "court": ("#8e44ad", "dot"),
    "case": ("#e74c3c", "star"),
    "respondent": ("#7f8c8d", "ellipse"),
}
# Edges: (SPARQL pattern from ?s to ?o, label).
_EDGES = [
    ("?s eli:passed_by ?o", "issued by"),
    ("?s kg:draftOf ?o", "draft of"),
    ("?s eli:based_on ?o", "based on"),
    ("?s kg:authority ?o", "by"),
    ("?s kg:respondent ?o", "against"),
    ("?s kg:legalBasis ?o", "under"),
    ("?s org:subOrganizationOf ?o", "part of"),
]
_NODE_INFO = """
SELECT ?x ?kind ?label ?date ?status WHERE {
  ?x a ?c . FILTER(STRSTARTS(STR(?c), STR(kg:)))
  OPTIONAL { ?c kg:nodeKind ?kind }
  OPTIONAL { ?x skos:prefLabel ?pl } OPTIONAL { ?x rdfs:label ?rl } OPTIONAL { ?x dcterms:title ?t }
  BIND(COALESCE(?pl, ?rl, ?t) AS ?label)
  OPTIONAL { { ?x eli:date_document ?date } UNION { ?x dcterms:date ?date } }
  OPTIONAL { ?x kg:status/skos:prefLabel ?status }
}"""
# One sample per entity, all fields from the same mention: newsletter file, RFC 5147 target,
# headline and date of the item.
_SOURCES = """
SELECT ?x (SAMPLE(CONCAT(STR(?f), "\\t", STR(?t), "\\t", STR(?h), "\\t", COALESCE(STR(?d), "")))
       AS ?first) (COUNT(DISTINCT ?item) AS ?items)
WHERE {
  ?m a kg:Mention ; oa:hasBody ?x ; prov:wasDerivedFrom ?item ; oa:hasTarget ?t .
  ?item dcterms:title ?h ; dcterms:isPartOf/dcterms:source ?f . OPTIONAL { ?item dcterms:date ?d }
} GROUP BY ?x"""


def build_graph(store: Store, query: str | None = None) -> nx.DiGraph:
    """Every entity with its kind, label, date, status and first source, and their links.

    With `query` (a SELECT), the graph is the IRIs in its rows instead: consecutive IRI columns
    of a row are linked.
    """
    graph = nx.DiGraph()
    if query is not None:
        result = run_query(store, query)
        for row in result.rows:
            iris = [v for v in row if isinstance(v, str) and v.startswith("http")]
            for a, b in zip(iris, iris[1:], strict=False):
                graph.add_edge(a, b, label="related")
            for a in iris:
                graph.add_node(a)
    else:
        for pattern, label in _EDGES:
            for s, o in run_query(store, f"SELECT ?s ?o WHERE {{ {pattern} }}").rows:
                graph.add_edge(s, o, label=label)
    info: dict[str, dict[str, Any]] = {}
    for x, kind, label, date, status in run_query(store, _NODE_INFO).rows:
        entry = info.setdefault(x, {"label": label, "date": None, "status": status, "kind": kind})
        if kind and (entry["kind"] is None or _rank(kind) < _rank(entry["kind"])):
            entry["kind"] = kind
        entry["label"] = entry["label"] or label
        if date and (entry["date"] is None or str(date) < entry["date"]):
            entry["date"] = str(date)
    sources = {r[0]: r[1:] for r in run_query(store, _SOURCES).rows}
    for node in list(graph.nodes):
        data = info.get(node, {})
        graph.nodes[node].update(
            label=data.get("label") or node.rsplit("/", 1)[-1],
            kind=data.get("kind") or "normative document",
            date=data.get("date"), status=data.get("status"))
        if node in sources:
            first, items = sources[node]
            file, target, headline, date = str(first).split("\t", 3)
            start, end = fragment_span(target)
            graph.nodes[node].update(source_headline=headline, source_file=file,
                                     source_date=date or None, source_span=f"{start}-{end}",
                                     items=items)
    return graph


def _rank(kind: str) -> int:
    return list(KINDS).index(kind) if kind in KINDS else len(KINDS)


def select_view(graph: nx.DiGraph, *, focus: str | None = None, hops: int = 1,
                since: str | None = None, kinds: Iterable[str] | None = None,
                limit: int = 1000) -> nx.DiGraph:
    """The part of the graph a person can read: a neighbourhood, a period, some kinds, and at
    most `limit` nodes, keeping the best connected (laws, main authorities, cases)."""
    view = graph
    if focus:
        start = _find(graph, focus)
        undirected = graph.to_undirected(as_view=True)
        keep = nx.single_source_shortest_path_length(undirected, start, cutoff=hops)
        view = graph.subgraph(keep)
    if since:
        dated = {n for n, d in view.nodes(data=True) if d.get("date") and d["date"] < since}
        view = view.subgraph([n for n in view.nodes if n not in dated])
    if kinds:
        wanted = set(kinds)
        view = view.subgraph([n for n, d in view.nodes(data=True) if d.get("kind") in wanted])
    if view.number_of_nodes() > limit:
        ranked = sorted(view.degree, key=lambda nd: (-nd[1], str(nd[0])))
        view = view.subgraph([n for n, _ in ranked[:limit]])
    return nx.DiGraph(view)


def _find(graph: nx.DiGraph, focus: str) -> str:
    if focus in graph:
        return focus
    wanted = focus.lower()
    matches = [n for n, d in graph.nodes(data=True) if str(d.get("label", "")).lower() == wanted]
    matches = matches or [n for n, d in graph.nodes(data=True)
                          if wanted in str(d.get("label", "")).lower()]
    if not matches:
        raise KeyError(f"nothing in the graph is called {focus!r}")
    return max(matches, key=graph.degree)


def node_size(degree: int) -> float:
    return round(10 + 6 * math.sqrt(degree), 1)
