"""SHACL validation of a graph against ontology/shapes.ttl.

A graph written by the builder points at authorities, laws, places and concepts that only the
reference data describes, so the reference data is merged into every graph checked: otherwise
`sh:class kg:Authority` could not see that `id/authority/cac` is one. kg.ttl is pyshacl's
ontology graph, so RDFS inference lets a shape on kg:Instrument reach a kg:Law.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from kg.vocab import ONTOLOGY_DIR, load_ontology

ONTOLOGY_FILE = "kg.ttl"
SHAPES_FILE = "shapes.ttl"


def shapes() -> Graph:
    """The SHACL shapes graph (ontology/shapes.ttl)."""
    g = Graph()
    g.parse(ONTOLOGY_DIR / SHAPES_FILE, format="turtle")
    return g


def ontology_graph() -> Graph:
    """The ontology proper (ontology/kg.ttl): classes, properties and their hierarchy."""
    g = Graph()
    g.parse(ONTOLOGY_DIR / ONTOLOGY_FILE, format="turtle")
    return g


def validate_graph(data: Graph | None = None) -> tuple[bool, str]:
    """(conforms, report text) for `data`, or for the ontology and reference data when None.

    Violations make a graph fail; shapes of severity sh:Warning (a case with no action) are
    reported in the text only.
    """
    from pyshacl import validate

    graph = Graph()  # a fresh graph, so pyshacl may add its inferences in place
    for triple in load_ontology():
        graph.add(triple)
    if data is not None:
        for triple in data:
            graph.add(triple)
    conforms, _, text = validate(graph, shacl_graph=shapes(), ont_graph=ontology_graph(),
                                 inference="rdfs", advanced=True, allow_warnings=True,
                                 inplace=True)
    return bool(conforms), str(text)


def validate_file(path: str | Path) -> tuple[bool, str]:
    """Validate a Turtle/TriG/N-Quads/N-Triples/JSON-LD file; its named graphs are merged.

    A file with no triples is an error (ValueError), not a graph that trivially conforms.
    """
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
