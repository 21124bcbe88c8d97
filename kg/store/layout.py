"""Where the store keeps each triple: the merged graph, one named graph per newsletter.

- The default graph is the merged knowledge graph: every triple of every newsletter, once.
  Queries run on it. (Oxigraph's "union default graph" would return a triple once per graph
  that holds it, and an authority described by 45 newsletters then multiplies every join it
  takes part in by 45.)
- A newsletter's own nodes (itself, its items, cases, fines, mentions: IRIs under the
  newsletter's IRI, see `is_local`) are described by no other newsletter, so their triples
  are stored once, in the merged graph.
- The newsletter's named graph holds what it says about shared nodes (instruments,
  authorities, local bodies), which other newsletters may also say; removing a newsletter
  deletes those that no other graph states. Its own nodes are found by walking the merged graph
  from the newsletter's node along links between own nodes (`own_triples`).
- Running totals over the corpus (`kg.store.totals`) are in their own named graph, moved by
  every add and remove in the same transaction.
- An item names every entity one of its mentions is of (`kg:mentions`), respondents included,
  so an entity's mentions are reached through the items that name it.
- The store's format mark (`STORE_FORMAT`) is in `META_GRAPH`: a store of another layout is
  refused rather than misread.

The SPARQL Update builders here write that layout; `GraphStore` runs them in one transaction.
"""

from __future__ import annotations

from collections.abc import Iterable

import pyoxigraph as ox

from kg.vocab import ID, KG

from .terms import XSD_INTEGER, triple_text

# Raised when the RDF written by `kg build` changes shape; stores of another format are refused.
STORE_FORMAT = 6
META_GRAPH = f"{ID}graph/meta"
ONTOLOGY_GRAPH = f"{ID}graph/ontology"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
NEWSLETTER = ox.NamedNode(str(KG.Newsletter))
_FORMAT = ox.NamedNode(str(KG.storeFormat))


def is_local(subject: str, graph: str) -> bool:
    """Whether `subject` is one of the nodes minted for the newsletter whose graph this is."""
    return subject == graph or subject.startswith((graph + "/", graph + "#"))


def format_mark() -> ox.Quad:
    """The quad that says which format a store is written in."""
    meta = ox.NamedNode(META_GRAPH)
    return ox.Quad(meta, _FORMAT, ox.Literal(str(STORE_FORMAT),
                                             datatype=ox.NamedNode(XSD_INTEGER)), meta)


def format_of(store: ox.Store) -> int | None:
    """The store's format mark: None when it has none, -1 when it is not a number."""
    meta = ox.NamedNode(META_GRAPH)
    for quad in store.quads_for_pattern(meta, _FORMAT, None, meta):
        try:
            return int(quad.object.value)
        except ValueError:
            return -1
    return None


def insert(graph: str, triples: list[ox.Quad]) -> str:
    """SPARQL that adds a newsletter's triples to the merged graph, and those about shared
    nodes to its named graph too (see `is_local`)."""
    merged = " ".join(triple_text(q) for q in triples)
    named = " ".join(triple_text(q) for q in triples if not is_local(q.subject.value, graph))
    return f"INSERT DATA {{ GRAPH <{graph}> {{ {named} }} {merged} }}"


def drop(graph: str, own: Iterable[ox.Quad]) -> str:
    """SPARQL that takes a newsletter out: every triple of its own nodes, the triples only its
    graph holds, and the graph."""
    return f"{_drop_subjects(own)} ; {_drop_orphans(graph)} ; DROP SILENT GRAPH <{graph}>"


def _drop_subjects(triples: Iterable[ox.Quad]) -> str:
    """SPARQL that deletes from the merged graph every triple of these triples' subjects."""
    nodes = " ".join(sorted({str(q.subject) for q in triples}))
    if not nodes:
        return "DELETE DATA { }"
    return f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {nodes} }} ?s ?p ?o }}"


def _drop_orphans(graph: str) -> str:
    """SPARQL that deletes from the merged graph the triples only `graph` holds."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h != <{graph}>) }} }}")


def own_triples(store: ox.Store, graph: str) -> list[ox.Quad]:
    """The merged-graph triples of a newsletter's own nodes (see `is_local`).

    They are found by walking from the newsletter's node along links, either way, to other
    own nodes: every node the pipeline mints hangs off the newsletter (an item is part of it;
    a case or mention derives from an item; a fine or respondent belongs to a case).
    """
    default = ox.DefaultGraph()
    seen, todo, out = {graph}, [ox.NamedNode(graph)], []
    while todo:
        node = todo.pop()
        for q in store.quads_for_pattern(node, None, None, default):
            out.append(q)
            o = q.object
            if isinstance(o, ox.NamedNode) and o.value not in seen and is_local(o.value, graph):
                seen.add(o.value)
                todo.append(o)
        for q in store.quads_for_pattern(None, None, node, default):
            s = q.subject
            if isinstance(s, ox.NamedNode) and s.value not in seen and is_local(s.value, graph):
                seen.add(s.value)
                todo.append(s)
    return out


def stores_newsletter(store: ox.Store, graph: str) -> bool:
    """A named graph, or a newsletter whose every triple is about its own nodes (it then has
    no named graph: those triples live in the merged graph only)."""
    node = ox.NamedNode(graph)
    if store.contains_named_graph(node):
        return True
    return next(iter(store.quads_for_pattern(node, RDF_TYPE, NEWSLETTER, ox.DefaultGraph())),
                None) is not None
