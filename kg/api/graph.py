"""`kg.api.open(store)`: a built store and everything kg does with one."""

from __future__ import annotations

import re
from collections.abc import Iterable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import KgError, UsageError
from .results import Changed, Pushed, Stats, Validation, View

if TYPE_CHECKING:
    from kg.store import QueryResult

DEFAULT_STORE = Path("build/store")
PLOTS = ("timeline", "fines", "authorities")


class KnowledgeGraph(AbstractContextManager["KnowledgeGraph"]):
    """A built store, for queries from Python and notebooks, and for the `kg` commands that
    read or change it (they open it through here, so both behave the same).

    path
        The store folder written by `kg build`; a store a fresh build left mid-swap is put back.
    read_only
        Open without the write lock (the default), so a server or another process can share
        the store; `add` and `remove` need `read_only=False`.
    """

    def __init__(self, path: str | Path = DEFAULT_STORE, read_only: bool = True) -> None:
        from kg.store import open_store

        self.path = Path(path)
        self.store = open_store(self.path, read_only=read_only)

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Let go of the store, so a `kg` command may write to it."""
        self.store.close()

    # -- asking ---------------------------------------------------------------------------
    def query(self, sparql: str, /, **bindings: Any) -> QueryResult:
        """Run SPARQL (ontology prefixes declared); keyword arguments bind variables."""
        return self.store.run(sparql, bindings or None)

    def query_df(self, sparql: str, /, **bindings: Any) -> Any:
        """The rows of a SELECT as a pandas DataFrame."""
        return self.query(sparql, **bindings).to_df()

    def saved(self, name: str, /, **bindings: Any) -> Any:
        """Run a saved query from kg/queries by name, as a DataFrame."""
        from kg.store import load_saved

        return self.query_df(load_saved(name), **bindings)

    @property
    def graph(self) -> Any:
        """The store as an rdflib Dataset (default graph = the merged graph)."""
        return self.store.dataset()

    def export(self, format: str = "ttl") -> bytes:
        """The graph as RDF (ttl, nt, nq, trig, jsonld), for Gephi (graphml, gexf), or the
        enforcement cases as CSV."""
        from kg.store.export import export

        return export(self.store, format)

    def validate(self) -> Validation:
        """The store checked against the SHACL shapes, with the reference data: every graph's
        triples, read back as rdflib reads a dump of the store."""
        import pyoxigraph as ox
        from rdflib import Dataset, Graph

        from kg.validate import validate_graph

        quads = Dataset()
        quads.parse(data=self.store.dump_bytes(ox.RdfFormat.N_QUADS), format="nquads")
        merged = Graph()
        for s, p, o, _ in quads.quads((None, None, None, None)):
            merged.add((s, p, o))
        conforms, report = validate_graph(merged)
        return Validation(str(self.path), conforms, report)

    def stats(self) -> Stats:
        """Counts, most active and most cited, centrality, components and the hierarchy."""
        from kg.viz.analytics import stats

        return Stats(**stats(self.store))

    def view(self, *, focus: str | None = None, hops: int = 1, since: str | None = None,
             types: Iterable[str] | None = None, limit: int = 1000,
             query: str | None = None) -> View:
        """The part of the graph to draw: around `focus` (an IRI or a name), dated from
        `since` (YYYY-MM), of some kinds, at most `limit` nodes; or the IRIs of a SELECT."""
        from kg.viz.network import build_graph, select_view

        check_view(since, types)
        graph = build_graph(self.store, query)
        try:
            view = select_view(graph, focus=focus, hops=hops, since=since, kinds=types,
                               limit=limit)
        except KeyError as exc:
            raise KgError(str(exc.args[0])) from exc
        return View(view, graph.number_of_nodes(), f"kg: {focus or 'graph'}")

    def plot(self, what: str, out: str | Path) -> Path:
        """Developments per month (timeline), fines by authority and year (fines), or the
        authority hierarchy (authorities), as a PNG or an HTML page."""
        from kg.viz.analytics import plot

        check_plot(what, Path(out))
        return plot(self.store, what, Path(out))

    def push(self, endpoint: str, *, server: str | None = None, graph_store: str | None = None,
             update: str | None = None, via: str = "auto") -> Pushed:
        """Mirror the store on a SPARQL 1.1 server (see `kg.store.remote.push`)."""
        from kg.store.remote import MERGED_GRAPH, push, server_urls

        check_push(server, via)
        report = push(self.store, server_urls(endpoint, server, graph_store, update), via)
        return Pushed(report, endpoint, MERGED_GRAPH)

    # -- changing -------------------------------------------------------------------------
    def add(self, *paths: str | Path, jobs: int = 1, dump: bool = False) -> Changed:
        """Extract newsletters and add those the store lacks, one transaction each, as
        `kg add` does: the reference data is loaded first if the store lacks it, and the TriG
        dump beside the store is rewritten (`dump`) or deleted."""
        from kg.pipeline import add_documents
        from kg.store import ensure_reference, refresh_dump

        self._writable("add")
        ensure_reference(self.store)
        report = add_documents(self.store, paths, jobs=jobs)
        return Changed(self.path, report, refresh_dump(self.store, dump))

    def remove(self, *paths: str | Path, dump: bool = False) -> Changed:
        """Take out exactly the facts these newsletters added, as `kg remove` does."""
        from kg.pipeline import remove_documents
        from kg.store import refresh_dump

        self._writable("remove")
        report = remove_documents(self.store, paths)
        return Changed(self.path, report, refresh_dump(self.store, dump))

    def _writable(self, what: str) -> None:
        if self.store.read_only:
            raise PermissionError(f"{self.path}: opened read-only; use kg.api.open(path, "
                                  f"read_only=False) to {what}")


def open(store: str | Path = DEFAULT_STORE, read_only: bool = True) -> KnowledgeGraph:
    """Open a store built by `kg build`."""
    return KnowledgeGraph(store, read_only=read_only)


def check_view(since: str | None, types: Iterable[str] | None) -> None:
    """Refuse a `since` that is not YYYY-MM and kinds the page does not draw."""
    from kg.viz.network import KINDS

    if since and not re.fullmatch(r"\d{4}-\d{2}", since):
        raise UsageError(f"--since {since!r}: expected YYYY-MM")
    unknown = [t for t in types or [] if t not in KINDS]
    if unknown:
        raise UsageError(f"--types {', '.join(unknown)}: unknown; one of {', '.join(KINDS)}")


def check_plot(what: str, out: Path) -> None:
    """Refuse a plot kg does not draw, and a file it cannot write it as."""
    if what not in PLOTS:
        raise UsageError(f"{what!r}: plot timeline, fines or authorities")
    if out.suffix.lower() not in (".png", ".html"):
        raise UsageError(f"{out}: write a .png or an .html file")


def check_push(server: str | None, via: str) -> None:
    """Refuse a server kind or a way of writing that push does not know."""
    from kg.store.remote import SERVERS

    if server is not None and server not in SERVERS:
        raise UsageError(f"--server {server!r}: expected one of {', '.join(SERVERS)}")
    if via not in ("auto", "graph-store", "update"):
        raise UsageError(f"--via {via!r}: expected auto, graph-store or update")
