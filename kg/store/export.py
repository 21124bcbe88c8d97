"""The graph in other shapes: RDF serialisations, GraphML/GEXF for Gephi, a CSV of cases."""

from __future__ import annotations

import csv
import io
from typing import Any

import pyoxigraph as ox

from .embedded import GraphStore
from .queries import run_query

RDF_FORMATS = {
    "ttl": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nq": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG, "jsonld": ox.RdfFormat.JSON_LD,
}
FORMATS = (*RDF_FORMATS, "graphml", "gexf", "csv")
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SKIP_PREDICATES = ("http://www.w3.org/ns/oa#", "http://www.w3.org/ns/prov#wasDerivedFrom")

CASES_SPARQL = """
SELECT ?case ?date ?authority ?authority_iri ?respondent ?fine ?currency ?personal_fine
       ?app_count ?newsletter ?headline
       (GROUP_CONCAT(DISTINCT ?law; separator="; ") AS ?legal_basis)
       (GROUP_CONCAT(DISTINCT ?act; separator="; ") AS ?actions)
WHERE {
  ?case a kg:EnforcementCase ; prov:wasDerivedFrom ?item .
  ?item dcterms:title ?headline ; dcterms:isPartOf/dcterms:source ?newsletter .
  OPTIONAL { ?case dcterms:date ?date }
  OPTIONAL { ?case kg:authority ?authority_iri . ?authority_iri skos:prefLabel ?authority }
  OPTIONAL { ?case kg:respondent/rdfs:label ?respondent }
  OPTIONAL { ?case kg:fine ?f . ?f schema:value ?fine ; schema:currency ?currency }
  OPTIONAL { ?case kg:personalFine/schema:value ?personal_fine }
  OPTIONAL { ?case kg:appCount ?app_count }
  OPTIONAL { ?case kg:legalBasis/kg:citationName ?law }
  OPTIONAL { ?case kg:action/skos:notation ?act }
}
GROUP BY ?case ?date ?authority ?authority_iri ?respondent ?fine ?currency ?personal_fine
         ?app_count ?newsletter ?headline
ORDER BY ?date ?case
"""
CASE_COLUMNS = ["case", "date", "authority", "authority_iri", "respondent", "legal_basis",
                "actions", "fine", "currency", "personal_fine", "app_count", "newsletter",
                "headline"]


def export(store: GraphStore, fmt: str) -> bytes:
    """The whole store in one format (the merged graph, plus the named graphs for nq/trig)."""
    if fmt in ("nq", "trig"):
        return store.dump_bytes(RDF_FORMATS[fmt])
    if fmt in RDF_FORMATS:
        merged = store.oxigraph.quads_for_pattern(None, None, None, ox.DefaultGraph())
        triples = sorted((ox.Triple(q.subject, q.predicate, q.object) for q in merged), key=str)
        return bytes(ox.serialize(triples, format=RDF_FORMATS[fmt]))
    if fmt == "csv":
        return cases_csv(store).encode("utf-8")
    if fmt in ("graphml", "gexf"):
        import networkx as nx

        graph = to_networkx(store)
        buf = io.BytesIO()
        (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(graph, buf)
        return buf.getvalue()
    raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}")


def cases_csv(store: GraphStore) -> str:
    """One row per enforcement case; the fine as a plain number with its currency."""
    result = run_query(store, CASES_SPARQL)
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=CASE_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for row in result.rows:
        record = dict(zip(result.variables, row, strict=True))
        for key in ("fine", "personal_fine"):
            if isinstance(record.get(key), float) and record[key].is_integer():
                record[key] = int(record[key])
        writer.writerow({k: "" if record.get(k) is None else record[k] for k in CASE_COLUMNS})
    return buf.getvalue()


def to_networkx(store: GraphStore) -> Any:
    """Entities and the links between them, labelled and typed, for Gephi.

    Literals, mentions, selectors and provenance links are left out: they would bury the
    entities under annotation nodes.
    """
    import networkx as nx

    labels: dict[str, str] = {}
    types: dict[str, str] = {}
    label_preds = {"http://www.w3.org/2004/02/skos/core#prefLabel",
                   "http://www.w3.org/2000/01/rdf-schema#label", "http://purl.org/dc/terms/title"}
    kg_ns = "https://w3id.org/cnkg/ontology#"
    mention = ox.NamedNode(kg_ns + "Mention")
    merged = ox.DefaultGraph()
    mentions = {q.subject.value for q in store.oxigraph.quads_for_pattern(
        None, ox.NamedNode(RDF_TYPE), mention, merged)}
    edges: set[tuple[str, str, str]] = set()
    for q in store.oxigraph.quads_for_pattern(None, None, None, merged):
        s, p, o = q.subject, q.predicate.value, q.object
        if not isinstance(s, ox.NamedNode) or s.value in mentions:
            continue
        if p in label_preds and isinstance(o, ox.Literal):
            labels.setdefault(s.value, o.value)
        elif p == RDF_TYPE and isinstance(o, ox.NamedNode) and o.value.startswith(kg_ns):
            types[s.value] = o.value[len(kg_ns):]
        elif isinstance(o, ox.NamedNode) and not p.startswith(_SKIP_PREDICATES) \
                and o.value not in mentions and p != RDF_TYPE:
            edges.add((s.value, p.rsplit("#", 1)[-1].rsplit("/", 1)[-1], o.value))
    graph = nx.DiGraph()
    for s, label, o in sorted(edges):
        graph.add_edge(s, o, label=label)
    for node in graph.nodes:
        graph.nodes[node]["label"] = labels.get(node, node.rsplit("/", 1)[-1])
        graph.nodes[node]["type"] = types.get(node, "Resource")
    return graph
