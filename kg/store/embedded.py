"""The embedded store: Oxigraph on disk, the merged graph plus one named graph per newsletter.

Chosen on the figures in FACTS.md: on 1M triples pyoxigraph loads in 2.6 s and answers a 2-hop
join in 86 ms where rdflib's in-memory graph takes 37 s and 12.6 s. Python users still get an
rdflib `Dataset` over the same data through oxrdflib (`GraphStore.dataset`).

Layout (store format 5):
- The default graph is the merged knowledge graph: every triple of every newsletter, once.
  Queries run on it. (Oxigraph's "union default graph" would return a triple once per graph
  that holds it, and an authority described by 45 newsletters then multiplies every join it
  takes part in by 45.)
- A newsletter's own nodes (itself, its items, cases, fines, mentions: IRIs under the
  newsletter's IRI, see `is_local`) are described by no other newsletter, so their triples
  are stored once, in the merged graph. They are 90% of a newsletter's triples.
- The newsletter's named graph holds what it says about shared nodes (instruments,
  authorities, local bodies), which other newsletters may also say; `remove_graph` deletes
  those that no other graph states. Its own nodes it finds by walking the merged graph from the
  newsletter's node along links between own nodes (item -> newsletter, case -> item, ...).
- Running totals over the corpus (`kg.store.summary`) are in their own named graph, moved by
  every add and remove in the same transaction (format 4).
- An item names every entity one of its mentions is of (`kg:mentions`), respondents included
  (format 5), so an entity's mentions are reached through the items that name it.
Storing every triple twice (named and merged), as format 2 did, doubled the index writes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from kg.vocab import ID, KG, PREFIXES

from . import summary
from .summary import Tally

# Bump when the RDF written by `kg build` changes shape; older stores are then refused.
STORE_FORMAT = 5
META_GRAPH = f"{ID}graph/meta"
ONTOLOGY_GRAPH = f"{ID}graph/ontology"


class StoreError(Exception):
    """A store that cannot be used as asked; the message says what to do."""


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


def is_local(subject: str, graph: str) -> bool:
    """Whether `subject` is one of the nodes minted for the newsletter whose graph this is."""
    return subject == graph or subject.startswith((graph + "/", graph + "#"))


def _graph_name(q: ox.Quad) -> str:
    return q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""


class Encoded(NamedTuple):
    """One or more newsletters as `GraphStore.bulk_add` and `add_graph` take them.

    named: N-Quads of what the named graphs keep (triples about shared nodes, see `is_local`);
    merged: every triple as N-Triples, for the merged (default) graph. Kept apart so the two
    load side by side.
    """

    named: bytes
    merged: bytes

    @staticmethod
    def join(parts: Iterable[Encoded]) -> Encoded:
        parts = list(parts)
        return Encoded(b"".join(p.named for p in parts), b"".join(p.merged for p in parts))


def encode_for_bulk(quads: Iterable[Any]) -> Encoded:
    """The named-graph part as N-Quads, and every triple as N-Triples for the merged graph.

    rdflib quads are written straight to text (IRIs checked, literals escaped by pyoxigraph),
    without building pyoxigraph quads first: a tenth of a worker's time went on that.
    """
    named, merged = [], []
    # A newsletter names each of its nodes, predicates and its graph many times: each IRI is
    # checked and written once (literals are nearly all distinct, so they are not kept).
    iris: dict[str, str] = {}

    def nt(term: Node) -> str:
        if type(term) is not URIRef:
            return _nt(term)
        text = iris.get(term)
        if text is None:
            text = iris[term] = _nt(term)
        return text

    for q in quads:
        if isinstance(q, ox.Quad):
            triple, graph = f"{q.subject} {q.predicate} {q.object}", str(q.graph_name)
            local = is_local(q.subject.value, _graph_name(q))
        else:
            s, p, o, g = q
            triple, graph = f"{nt(s)} {nt(p)} {nt(o)}", nt(g)
            local = is_local(str(s), str(g))
        if not local:
            named.append(f"{triple} {graph} .\n")
        merged.append(f"{triple} .\n")
    return Encoded("".join(named).encode("utf-8"), "".join(merged).encode("utf-8"))


def _halves(data: bytes) -> list[bytes]:
    """Split N-Quads/N-Triples text in two at a line break."""
    cut = data.find(b"\n", len(data) // 2) + 1
    return [data[:cut], data[cut:]] if 0 < cut < len(data) else [data]


_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_NEWSLETTER = ox.NamedNode(str(KG.Newsletter))
_IRI_UNSAFE = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _nt(term: Node) -> str:
    if isinstance(term, URIRef):
        if _IRI_UNSAFE.search(term):
            raise ValueError(f"not a valid IRI: {term!r}")
        return f"<{term}>"
    return str(to_ox(term))


def to_ox_quads(quads: Iterable[Any]) -> Iterator[ox.Quad]:
    """rdflib quads -> pyoxigraph quads (pyoxigraph quads pass through)."""
    for quad in quads:
        if isinstance(quad, ox.Quad):
            yield quad
            continue
        s, p, o, g = quad
        yield ox.Quad(to_ox(s), to_ox(p), to_ox(o), to_ox(g))


class GraphStore:
    """A persistent store of newsletter graphs plus the ontology graph.

    path
        Folder of the Oxigraph database; created on first write.
    read_only
        Open without taking the write lock, so a server and queries can share a store.
    """

    def __init__(self, path: str | Path, read_only: bool = False) -> None:
        self.path = Path(path)
        self.read_only = read_only
        if read_only:
            if not (self.path / "CURRENT").exists():
                raise StoreError(f"{self.path}: no kg store here; run `kg build` first")
            try:
                self._store = ox.Store.read_only(str(self.path))
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot open store ({exc})") from exc
        else:
            self.path.mkdir(parents=True, exist_ok=True)
            try:
                self._store = ox.Store(str(self.path))
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot open store ({exc}); is another kg "
                                 "command writing to it?") from exc
        self._check_format()

    # -- format -------------------------------------------------------------------------
    def _check_format(self) -> None:
        found = self.format_version()
        if found is None:
            if not self.read_only and self.is_empty():
                self._store.extend([ox.Quad(ox.NamedNode(META_GRAPH),
                                            ox.NamedNode(str(KG.storeFormat)),
                                            ox.Literal(str(STORE_FORMAT),
                                                       datatype=ox.NamedNode(
                                                           "http://www.w3.org/2001/XMLSchema#integer")),
                                            ox.NamedNode(META_GRAPH))])
                return
            if self.is_empty():
                return
            raise StoreError(f"{self.path}: not a kg store (no format mark); rebuild it with "
                             "`kg build`")
        if found != STORE_FORMAT:
            raise StoreError(f"{self.path}: store written by kg store format {found}, this kg "
                             f"reads format {STORE_FORMAT}; rebuild it with `kg build`")

    def format_version(self) -> int | None:
        for quad in self._store.quads_for_pattern(ox.NamedNode(META_GRAPH),
                                                  ox.NamedNode(str(KG.storeFormat)), None,
                                                  ox.NamedNode(META_GRAPH)):
            try:
                return int(quad.object.value)
            except ValueError:
                return -1
        return None

    def is_empty(self) -> bool:
        return next(iter(self._store.quads_for_pattern(None, None, None, None)), None) is None

    # -- writing ------------------------------------------------------------------------
    def has_graph(self, graph: str) -> bool:
        """A named graph, or a newsletter whose every triple is about its own nodes (it then
        has no named graph: those triples live in the merged graph only)."""
        node = ox.NamedNode(graph)
        if self._store.contains_named_graph(node):
            return True
        return next(iter(self._store.quads_for_pattern(node, _RDF_TYPE, _NEWSLETTER,
                                                       ox.DefaultGraph())), None) is not None

    def replace_graph(self, graph: str, quads: Iterable[tuple[Node, Node, Node, Node]]) -> int:
        """Swap a named graph's content in one transaction; returns the number of quads."""
        data = list(to_ox_quads(quads))
        own = self.own_triples(graph)
        delta = summary.tally(data)
        delta.subtract(summary.tally(own))
        # One SPARQL update is one transaction: readers never see the graph half-replaced.
        self._store.update(f"{_drop_subjects(own)} ; {_drop_orphans(graph)} ; "
                           f"DROP SILENT GRAPH <{graph}> ; {_insert(graph, data)} ; "
                           f"{summary.sparql_update(self._store, delta)}")
        return len(data)

    def add_graph(self, graph: str, quads: Iterable[tuple[Node, Node, Node, Node]] | Encoded,
                  totals: Tally | None = None) -> int:
        """Add a newsletter's triples to the merged graph and its named graph, and its tally
        to the running totals, in one transaction; returns the number of triples it states.

        `quads` may also be what `encode_for_bulk` wrote (a worker's output), and `totals`
        its `summary.tally` when the worker made it.
        """
        if isinstance(quads, Encoded):
            data = list(ox.parse(quads.merged, format=ox.RdfFormat.N_TRIPLES))
        else:
            data = list(to_ox_quads(quads))
        delta = summary.tally(data) if totals is None else totals
        self._store.update(f"{_insert(graph, data)} ; "
                           f"{summary.sparql_update(self._store, delta)}")
        return len(data)

    def add_totals(self, totals: Tally) -> None:
        """Add newsletters' tallies to the running totals: after a `bulk_add` of them."""
        self._store.update(summary.sparql_update(self._store, totals))

    def bulk_add(self, data: Encoded, side_by_side: bool = True) -> None:
        """Load many newsletters' quads at once, bypassing transactions.

        Much faster than `add_graph` and smaller on disk, but not atomic: a crash midway
        leaves part of the batch. Only for a store being built beside the live
        one (`kg build` into an empty or `--fresh` store), which is discarded if it fails.
        `data` is what `encode_for_bulk` writes. Oxigraph's bulk loader keeps about one core
        busy, so by default the named graphs and the merged graph load side by side, each in
        two halves (2 cores: 1M quads in 3.8 s, where the merged triples alone take 5.3 s in
        one load). A build whose workers already use every core passes `side_by_side=False`:
        there the extra threads only contend (1,000 newsletters in 46-49 s against 43-44 s,
        and 0.1 GB more).
        """
        from concurrent.futures import ThreadPoolExecutor

        if not side_by_side:  # N-Triples lines are N-Quads lines in the default graph
            self._store.bulk_load(data.named + data.merged, format=ox.RdfFormat.N_QUADS,
                                  lenient=True)
            return
        parts = [(half, ox.RdfFormat.N_QUADS) for half in _halves(data.named)]
        parts += [(half, ox.RdfFormat.N_TRIPLES) for half in _halves(data.merged)]
        with ThreadPoolExecutor(max_workers=len(parts)) as pool:
            for done in [pool.submit(self._store.bulk_load, part, format=fmt, lenient=True)
                         for part, fmt in parts if part]:
                done.result()

    def remove_graph(self, graph: str) -> int:
        """Take out a newsletter: its own nodes' triples, the triples about shared nodes that
        no other graph states, its named graph and its tally, in one transaction. Returns the
        number of triples it stated."""
        g = ox.NamedNode(graph)
        own = self.own_triples(graph)
        n = len(own) + sum(1 for _ in self._store.quads_for_pattern(None, None, None, g))
        delta = summary.negate(summary.tally(own))
        self._store.update(f"{_drop_subjects(own)} ; {_drop_orphans(graph)} ; "
                           f"DROP SILENT GRAPH <{graph}> ; "
                           f"{summary.sparql_update(self._store, delta)}")
        return n

    def own_triples(self, graph: str) -> list[ox.Quad]:
        """The merged-graph triples of a newsletter's own nodes (see `is_local`).

        They are found by walking from the newsletter's node along links, either way, to other
        own nodes: every node the builder mints hangs off the newsletter (an item is part of
        it; a case or mention derives from an item; a fine or respondent belongs to a case).
        """
        default = ox.DefaultGraph()
        seen, todo, out = {graph}, [ox.NamedNode(graph)], []
        while todo:
            node = todo.pop()
            for q in self._store.quads_for_pattern(node, None, None, default):
                out.append(q)
                o = q.object
                if isinstance(o, ox.NamedNode) and o.value not in seen and is_local(o.value,
                                                                                   graph):
                    seen.add(o.value)
                    todo.append(o)
            for q in self._store.quads_for_pattern(None, None, node, default):
                s = q.subject
                if isinstance(s, ox.NamedNode) and s.value not in seen and is_local(s.value,
                                                                                   graph):
                    seen.add(s.value)
                    todo.append(s)
        return out

    def compact(self) -> None:
        """Merge the files a bulk load leaves: about half the disk and twice the query speed."""
        self._store.optimize()

    def flush(self) -> None:
        self._store.flush()

    # -- reading ------------------------------------------------------------------------
    def named_graphs(self) -> list[str]:
        return sorted(g.value for g in self._store.named_graphs())

    def __len__(self) -> int:
        """Triples in the merged graph: every fact of every newsletter and reference graph."""
        (row,) = self._store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(row[0].value)

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> Any:
        """Run SPARQL over the merged graph, with the ontology's prefixes declared.

        `GRAPH ?g { ... }` reaches the named graphs: one per newsletter, and the ontology's.
        `bindings` values are substituted for variables as RDF terms, never as query text.
        """
        from .queries import bind_values

        return self._store.query(bind_values(sparql, bindings), prefixes=PREFIXES)

    @property
    def oxigraph(self) -> ox.Store:
        return self._store

    def dataset(self) -> Any:
        """An rdflib Dataset over this store (oxrdflib), for rdflib's Graph API."""
        from oxrdflib import OxigraphStore
        from rdflib import Dataset

        return Dataset(store=OxigraphStore(store=self._store))

    def dump(self, path: str | Path, fmt: ox.RdfFormat = ox.RdfFormat.TRIG) -> None:
        """Write the store to a file, atomically."""
        from kg.util import atomic_write_bytes

        atomic_write_bytes(path, self.dump_bytes(fmt))

    def dump_bytes(self, fmt: ox.RdfFormat = ox.RdfFormat.TRIG) -> bytes:
        """Every graph in a quad format (the merged graph as the default graph), or the
        merged graph alone in a triple format."""
        if fmt in (ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS):
            return bytes(self._store.dump(format=fmt))
        return bytes(self._store.dump(format=fmt, from_graph=ox.DefaultGraph()))

    def close(self) -> None:
        del self._store


def _insert(graph: str, triples: list[ox.Quad]) -> str:
    """SPARQL that adds a newsletter's triples to the merged graph, and those about shared
    nodes to its named graph too (see `is_local`)."""
    merged = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in triples)
    named = " ".join(f"{q.subject} {q.predicate} {q.object} ." for q in triples
                     if not is_local(q.subject.value, graph))
    return f"INSERT DATA {{ GRAPH <{graph}> {{ {named} }} {merged} }}"


def _drop_subjects(triples: list[ox.Quad]) -> str:
    """SPARQL that deletes from the merged graph every triple of these triples' subjects."""
    nodes = " ".join(sorted({str(q.subject) for q in triples}))
    if not nodes:
        return "DELETE DATA { }"
    return f"DELETE {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {nodes} }} ?s ?p ?o }}"


def _drop_orphans(graph: str) -> str:
    """SPARQL that deletes from the merged graph the triples only `graph` holds."""
    return (f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} "
            f"FILTER NOT EXISTS {{ GRAPH ?h {{ ?s ?p ?o }} FILTER(?h != <{graph}>) }} }}")
