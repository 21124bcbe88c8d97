"""kg: a knowledge graph of China's cybersecurity and data-protection law.

The front door for Python users is `kg.open(store)`::

    import kg
    g = kg.open("build/store")
    g.query_df("SELECT ?name WHERE { ?a a kg:NationalAuthority ; skos:prefLabel ?name }")
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

__version__ = "0.1.0"


class KnowledgeGraph:
    """A built store, for queries from Python and notebooks.

    path
        The store folder written by `kg build`.
    read_only
        Open without the write lock (the default), so a server or another process can share
        the store; `add` needs `read_only=False`.
    """

    def __init__(self, path: str | Path = "build/store", read_only: bool = True) -> None:
        from kg.store import GraphStore

        self.path = Path(path)
        self.store = GraphStore(self.path, read_only=read_only)

    def query(self, sparql: str, **bindings: Any) -> Any:
        """Run SPARQL (ontology prefixes declared); keyword arguments bind variables."""
        from kg.store import run_query

        return run_query(self.store, sparql, bindings or None)

    def query_df(self, sparql: str, **bindings: Any) -> Any:
        """The rows of a SELECT as a pandas DataFrame."""
        return self.query(sparql, **bindings).to_df()

    def saved(self, name: str, **bindings: Any) -> Any:
        """Run a saved query from kg/queries by name, as a DataFrame."""
        from kg.store import load_saved

        return self.query_df(load_saved(name), **bindings)

    @property
    def graph(self) -> Any:
        """The store as an rdflib Dataset (default graph = the merged graph)."""
        return self.store.dataset()

    def add(self, *paths: str | Path) -> Any:
        """Extract newsletters and add them, one transaction each; returns a BuildReport."""
        from kg.build import add_documents

        if self.store.read_only:
            raise PermissionError(f"{self.path}: opened read-only; use kg.open(path, "
                                  "read_only=False) to add")
        return add_documents(self.store, paths)


def open(store: str | Path = "build/store", read_only: bool = True) -> KnowledgeGraph:  # noqa: A001
    """Open a store built by `kg build`."""
    return KnowledgeGraph(store, read_only=read_only)
