"""RDF terms from rdflib to pyoxigraph and to N-Triples text, the forms the store writes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def to_ox(term: Node) -> Any:
    """rdflib term -> pyoxigraph term."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def to_ox_quads(quads: Iterable[Any]) -> Iterator[ox.Quad]:
    """rdflib quads -> pyoxigraph quads (pyoxigraph quads pass through)."""
    for quad in quads:
        if isinstance(quad, ox.Quad):
            yield quad
            continue
        s, p, o, g = quad
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g))


def nt(term: Node) -> str:
    """An rdflib term in N-Triples syntax; an IRI is checked, a literal escaped by pyoxigraph."""
    if isinstance(term, URIRef):
        if _IRI_UNSAFE.search(term):
            raise ValueError(f"not a valid IRI: {term!r}")
        return f"<{term}>"
    return str(to_ox(term))


def graph_name(quad: ox.Quad) -> str:
    """The IRI of a quad's named graph; "" for the default graph."""
    return quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""


def triple_text(quad: ox.Quad) -> str:
    """A quad's triple in SPARQL/N-Triples syntax, ending with " ." as a data block wants."""
    return f"{quad.subject} {quad.predicate} {quad.object} ."
