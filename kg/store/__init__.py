"""Stage 5: the store (embedded Oxigraph, or a remote SPARQL endpoint) and saved queries."""

from .embedded import ONTOLOGY_GRAPH, STORE_FORMAT, GraphStore, StoreError
from .queries import QueryError, QueryResult, list_saved, load_saved, run_query

__all__ = ["ONTOLOGY_GRAPH", "STORE_FORMAT", "GraphStore", "QueryError", "QueryResult",
           "StoreError", "list_saved", "load_saved", "run_query"]
