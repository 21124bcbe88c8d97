"""Stage 5: the store (embedded Oxigraph, or a remote SPARQL endpoint) and saved queries.

`terms` writes RDF terms, `layout` decides which graph keeps each triple, `bulk` loads many
newsletters at once, `totals` keeps the running totals, `embedded` is the store on disk,
`lifecycle` opens, rebuilds and swaps it, `reference` loads the ontology into it, `counts` and
`export` read it out, `queries` runs SPARQL and the saved queries, `remote` (over `http`) speaks
to SPARQL servers. The store on disk and a server are both a `Store`.
"""

from .bulk import BulkLoader, Encoded, Spool, encode_for_bulk
from .embedded import GraphStore, StoreError, is_store
from .layout import META_GRAPH, ONTOLOGY_GRAPH, STORE_FORMAT, is_local
from .lifecycle import BuildTarget, dump_path, open_store, recover, refresh_dump
from .protocol import Store
from .queries import QueryError, QueryResult, run_query
from .reference import ensure_reference, load_reference
from .saved import list_saved, load_saved
from .terms import to_ox, to_ox_quads
from .totals import TOTALS_GRAPH, Tallier, Tally, tally

__all__ = ["META_GRAPH", "ONTOLOGY_GRAPH", "STORE_FORMAT", "TOTALS_GRAPH", "BuildTarget",
           "BulkLoader", "Encoded", "GraphStore", "QueryError", "QueryResult", "Spool", "Store",
           "StoreError", "Tallier", "Tally", "dump_path", "encode_for_bulk", "ensure_reference",
           "is_local", "is_store", "list_saved", "load_reference", "load_saved", "open_store",
           "recover", "refresh_dump", "run_query", "tally", "to_ox", "to_ox_quads"]
