"""What kg asks of a store, whether it is on disk or behind a SPARQL endpoint."""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from .queries import QueryResult


@runtime_checkable
class Store(Protocol):
    """A store that answers SPARQL with plain values: `GraphStore` on disk, `RemoteStore` over
    the SPARQL protocol. Queries, saved queries and the analytics need nothing more."""

    def run(self, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult:
        """Run SPARQL with the ontology's prefixes declared; `bindings` are substituted for
        variables as RDF terms. Raises QueryError when the query cannot run."""
        ...
