"""SHACL validation of a graph against ontology/shapes.ttl."""

from __future__ import annotations

from pathlib import Path

from rdflib import Graph

from kg.vocab import ONTOLOGY_DIR, load_ontology


def shapes() -> Graph:
    g = Graph()
    g.parse(ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    return g


def validate_graph(data: Graph | None = None) -> tuple[bool, str]:
    """(conforms, report text) for `data` (default: the ontology and reference data).

    The ontology is added to the data graph so that shapes targeting a class also reach
    instances of its subclasses (RDFS inference).
    """
    from pyshacl import validate

    graph = Graph()
    for triple in load_ontology():
        graph.add(triple)
    if data is not None:
        for triple in data:
            graph.add(triple)
    conforms, _, text = validate(graph, shacl_graph=shapes(), inference="rdfs",
                                 advanced=True, allow_warnings=True)
    return bool(conforms), str(text)


def validate_file(path: str | Path) -> tuple[bool, str]:
    """Validate a Turtle/TriG/N-Triples file; its named graphs are merged."""
    from rdflib import Dataset

    ds = Dataset()
    suffix = Path(path).suffix.lower()
    fmt = {".trig": "trig", ".nq": "nquads", ".nt": "nt", ".jsonld": "json-ld"}.get(suffix,
                                                                                   "turtle")
    ds.parse(path, format=fmt)
    merged = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        merged.add((s, p, o))
    if not len(merged):
        raise ValueError("no RDF triples in it")
    return validate_graph(merged)
