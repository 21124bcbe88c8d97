"""kg as a library: one facade for Python, notebooks, tests and the `kg` command line.

    from kg import api

    api.build(["seeds/"], fresh=True)           # what `kg build seeds/ --fresh` does
    api.add(["new.txt"])                         # what `kg add new.txt` does
    g = api.open("build/store")
    g.query_df("SELECT ?name WHERE { ?a a kg:NationalAuthority ; skos:prefLabel ?name }")
    g.saved("most-cited-laws")                   # a saved query, as a DataFrame
    g.view(focus="Cybersecurity Law").html()     # the interactive page

Every command of `kg` is a function here with a typed result (`kg.api.results`), and the
command only parses its options, calls the function and prints what it returns: the same call
from Python leaves the same store, and the same dump beside it. Failures are `KgError`
(`UsageError` for options that do not fit), `StoreError` and `QueryError`, each with a message
of one line.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from kg.util import atomic_write_bytes, atomic_write_text, end_start_up

from .building import add, build, remove
from .errors import KgError, UsageError, exit_code, failures
from .graph import DEFAULT_STORE, KnowledgeGraph, open
from .newsletters import evaluate, extract, parse
from .operations import (
    DEFAULT_VIEW,
    export,
    load_query,
    plot,
    push,
    query,
    saved,
    serve,
    stats,
    validate,
    view,
)
from .results import (
    Built,
    Changed,
    Evaluation,
    Extraction,
    Message,
    Progress,
    Pushed,
    Query,
    Reading,
    SavedQuery,
    Serving,
    Stats,
    Validation,
    View,
)

if TYPE_CHECKING:
    from kg.pipeline import BuildReport, Pipeline
    from kg.store import QueryError, QueryResult, StoreError

# Types of the layers below, importable from here without loading those layers until asked.
_BELOW = {"StoreError": "kg.store", "QueryError": "kg.store", "QueryResult": "kg.store",
          "BuildReport": "kg.pipeline", "Pipeline": "kg.pipeline"}


def __getattr__(name: str) -> Any:
    if name in _BELOW:
        return getattr(import_module(_BELOW[name]), name)
    raise AttributeError(f"module 'kg.api' has no attribute {name!r}")


__all__ = ["DEFAULT_STORE", "DEFAULT_VIEW", "BuildReport", "Built", "Changed", "Evaluation",
           "Extraction", "KgError", "KnowledgeGraph", "Message", "Pipeline", "Progress",
           "Pushed", "Query", "QueryError", "QueryResult", "Reading", "SavedQuery", "Serving",
           "Stats", "StoreError", "UsageError", "Validation", "View", "add",
           "atomic_write_bytes", "atomic_write_text", "build", "end_start_up", "evaluate",
           "exit_code", "export", "extract", "failures", "load_query", "open", "parse", "plot",
           "push", "query", "remove", "saved", "serve", "stats", "validate", "view"]
