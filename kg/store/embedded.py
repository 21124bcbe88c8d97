"""The embedded store: Oxigraph on disk, laid out as `kg.store.layout` describes.

pyoxigraph loads and joins far faster than rdflib's in-memory graph; Python users still get an
rdflib `Dataset` over the same data through oxrdflib (`GraphStore.dataset`).
"""

from __future__ import annotations

from collections.abc import Iterable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib.term import Node

from kg.vocab import PREFIXES

from . import bulk, layout, totals
from .bulk import Encoded
from .layout import STORE_FORMAT
from .queries import QueryResult, answer, bind_values, query_error
from .terms import to_ox_quads
from .totals import Tally


class StoreError(Exception):
    """A store that cannot be used as asked; the message says what to do."""


def is_store(path: str | Path) -> bool:
    """Whether a folder holds a database (RocksDB's CURRENT file names its live manifest)."""
    return (Path(path) / "CURRENT").exists()


class GraphStore(AbstractContextManager["GraphStore"]):
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
            if not is_store(self.path):
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

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- format -------------------------------------------------------------------------
    def _check_format(self) -> None:
        found = self.format_version()
        if found is None:
            if not self.read_only and self.is_empty():
                self._store.extend([layout.format_mark()])
                return
            if self.is_empty():
                return
            raise StoreError(f"{self.path}: not a kg store (no format mark); rebuild it with "
                             "`kg build`")
        if found != STORE_FORMAT:
            raise StoreError(f"{self.path}: store written by kg store format {found}, this kg "
                             f"reads format {STORE_FORMAT}; rebuild it with `kg build`")

    def format_version(self) -> int | None:
        """The store's format mark (None: unmarked; -1: not a number)."""
        return layout.format_of(self._store)

    def is_empty(self) -> bool:
        """Whether the store holds no quad at all (a new store, before its format mark)."""
        return next(iter(self._store.quads_for_pattern(None, None, None, None)), None) is None

    # -- writing ------------------------------------------------------------------------
    def has_graph(self, graph: str) -> bool:
        """Whether the store holds this newsletter (or the named graph)."""
        return layout.stores_newsletter(self._store, graph)

    def replace_graph(self, graph: str, quads: Iterable[tuple[Node, Node, Node, Node]]) -> int:
        """Swap a named graph's content in one transaction; returns the number of quads."""
        data = list(to_ox_quads(quads))
        own = self.own_triples(graph)
        delta = totals.tally(data)
        delta.subtract(totals.tally(own))
        # One SPARQL update is one transaction: readers never see the graph half-replaced.
        self._store.update(f"{layout.drop(graph, own)} ; {layout.insert(graph, data)} ; "
                           f"{totals.sparql_update(self._store, delta)}")
        return len(data)

    def add_graph(self, graph: str, quads: Iterable[tuple[Node, Node, Node, Node]] | Encoded,
                  tally: Tally | None = None) -> int:
        """Add a newsletter's triples to the merged graph and its named graph, and its tally
        to the running totals, in one transaction; returns the number of triples it states.

        `quads` may also be what `encode_for_bulk` wrote (a worker's output), and `tally`
        its `totals.tally` when the worker made it.
        """
        if isinstance(quads, Encoded):
            data = list(ox.parse(quads.merged, format=ox.RdfFormat.N_TRIPLES))
        else:
            data = list(to_ox_quads(quads))
        delta = totals.tally(data) if tally is None else tally
        self._store.update(f"{layout.insert(graph, data)} ; "
                           f"{totals.sparql_update(self._store, delta)}")
        return len(data)

    def add_totals(self, tally: Tally) -> None:
        """Add newsletters' tallies to the running totals: after a `bulk_add` of them."""
        self._store.update(totals.sparql_update(self._store, tally))

    def bulk_add(self, data: Encoded, side_by_side: bool = True) -> None:
        """Load many newsletters' quads at once, bypassing transactions (see `kg.store.bulk`):
        much faster than `add_graph` and smaller on disk, but not atomic."""
        bulk.load(self._store, data, side_by_side)

    def remove_graph(self, graph: str) -> int:
        """Take out a newsletter: its own nodes' triples, the triples about shared nodes that
        no other graph states, its named graph and its tally, in one transaction. Returns the
        number of triples it stated."""
        g = ox.NamedNode(graph)
        own = self.own_triples(graph)
        n = len(own) + sum(1 for _ in self._store.quads_for_pattern(None, None, None, g))
        delta = totals.negate(totals.tally(own))
        self._store.update(f"{layout.drop(graph, own)} ; "
                           f"{totals.sparql_update(self._store, delta)}")
        return n

    def own_triples(self, graph: str) -> list[ox.Quad]:
        """The merged-graph triples of a newsletter's own nodes (see `layout.own_triples`)."""
        return layout.own_triples(self._store, graph)

    def compact(self) -> None:
        """Merge the files a bulk load leaves: about half the disk and twice the query speed."""
        self._store.optimize()

    def flush(self) -> None:
        """Write what bulk loads left in memory to disk."""
        self._store.flush()

    # -- reading ------------------------------------------------------------------------
    def named_graphs(self) -> list[str]:
        """Every named graph, sorted: one per newsletter, the ontology's, the totals'."""
        return sorted(g.value for g in self._store.named_graphs())

    def __len__(self) -> int:
        """Triples in the merged graph: every fact of every newsletter and reference graph."""
        (row,) = self._store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
        return int(row[0].value)

    def query(self, sparql: str, bindings: dict[str, Any] | None = None) -> Any:
        """Run SPARQL over the merged graph, with the ontology's prefixes declared; pyoxigraph's
        answer as it is.

        `GRAPH ?g { ... }` reaches the named graphs: one per newsletter, and the ontology's.
        `bindings` values are substituted for variables as RDF terms, never as query text.
        """
        return self._store.query(bind_values(sparql, bindings), prefixes=PREFIXES)

    def run(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult:
        """Run SPARQL as `query` does, answering with plain values (a `QueryResult`); a query
        that cannot run raises QueryError."""
        try:
            result = self.query(sparql, bindings)
        except (SyntaxError, ValueError, OSError, RuntimeError) as exc:
            raise query_error(exc) from exc
        return answer(result)

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
        """Let go of the database, so another process may open it for writing."""
        del self._store

