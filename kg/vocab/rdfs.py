"""The RDFS subclass closure, done by hand over an rdflib graph of the ontology: the lexicon's
loader and the ontology's tests ask "every instance of this class or a subclass" without an
inference engine."""

from __future__ import annotations

from rdflib import Graph, URIRef
from rdflib.namespace import RDF, RDFS


def subclasses(g: Graph, root: URIRef) -> set[URIRef]:
    """`root` and every class below it by rdfs:subClassOf."""
    out, frontier = {root}, [root]
    while frontier:
        for sub in g.subjects(RDFS.subClassOf, frontier.pop()):
            if isinstance(sub, URIRef) and sub not in out:
                out.add(sub)
                frontier.append(sub)
    return out


def instances(g: Graph, root: URIRef) -> set[URIRef]:
    """Every IRI typed with `root` or one of its subclasses."""
    return {s for c in subclasses(g, root) for s in g.subjects(RDF.type, c)
            if isinstance(s, URIRef)}
