"""What the `kg` commands that read a store do, as functions of the store's folder.

Each opens the store through `KnowledgeGraph`, does its work there and closes it again, so a
command and the same call from Python see the same store.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import KgError, UsageError
from .graph import DEFAULT_STORE, KnowledgeGraph, check_plot, check_push, check_view
from .results import Pushed, Query, SavedQuery, Serving, Stats, Validation, View

if TYPE_CHECKING:
    from kg.store import QueryResult, Store

DEFAULT_VIEW = Path("build/graph.html")


def load_query(sparql: str | None = None, *, file: Path | None = None,
               saved: str | None = None) -> Query:
    """Exactly one of: a query's text, a file holding one, a saved query's name."""
    from kg.store import QueryError, load_saved

    if len([x for x in (sparql, file, saved) if x]) != 1:
        raise UsageError("give exactly one of: a query, -f FILE, --saved NAME (or --list)")
    if file is not None:
        return Query(_read_query(file), str(file))
    if saved is not None:
        try:
            return Query(load_saved(saved), saved)
        except QueryError as exc:
            raise QueryError(f"{saved}: {exc}") from exc
    return Query(sparql or "")


def _read_query(file: Path) -> str:
    try:
        return file.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise KgError(f"{file}: cannot read query ({exc})") from exc


def query(sparql: Query | str, bindings: Mapping[str, Any] | None = None, *,
          store: str | Path = DEFAULT_STORE, endpoint: str | None = None) -> QueryResult:
    """Ask the store, or the SPARQL endpoint at `endpoint`; `bindings` are substituted for
    variables as RDF terms. A QueryError names where the query came from."""
    from kg.store import QueryError
    from kg.store.remote import RemoteStore

    q = sparql if isinstance(sparql, Query) else Query(sparql)
    try:
        if endpoint:
            return _ask(RemoteStore(endpoint), q, bindings)
        with KnowledgeGraph(store) as g:
            return _ask(g.store, q, bindings)
    except QueryError as exc:
        raise QueryError(f"{q.source}: {exc}") from exc


def _ask(store: Store, q: Query, bindings: Mapping[str, Any] | None) -> QueryResult:
    return store.run(q.text, dict(bindings) if bindings else None)


def saved() -> list[SavedQuery]:
    """The saved queries that ship with kg (run one with `load_query(saved=NAME)`)."""
    from kg.store import list_saved

    return [SavedQuery(name, doc) for name, doc in list_saved().items()]


def export(format: str = "ttl", store: str | Path = DEFAULT_STORE) -> bytes:
    """The store in one format (see `KnowledgeGraph.export`)."""
    with KnowledgeGraph(store) as g:
        return g.export(format)


def push(endpoint: str, *, server: str | None = None, graph_store: str | None = None,
         update: str | None = None, via: str = "auto",
         store: str | Path = DEFAULT_STORE) -> Pushed:
    """Mirror the store on a SPARQL 1.1 server (see `KnowledgeGraph.push`)."""
    check_push(server, via)
    with KnowledgeGraph(store) as g:
        return g.push(endpoint, server=server, graph_store=graph_store, update=update, via=via)


def validate(graph: Path | None = None, *, store: Path | None = None) -> Validation:
    """Check a graph file, a store, or (neither given) the ontology and reference data
    against ontology/shapes.ttl."""
    from kg.validate import validate_file, validate_graph

    if graph is not None and not graph.is_file():
        raise KgError(f"{graph}: no such file")
    if store is not None:
        with KnowledgeGraph(store) as g:
            return _validating(str(store), g.validate)
    if graph is not None:
        return _validating(str(graph), lambda: Validation(str(graph), *validate_file(graph)))
    return _validating("ontology", lambda: Validation("ontology and reference data",
                                                      *validate_graph()))


def _validating(what: str, check: Callable[[], Validation]) -> Validation:
    """Any error while reading or checking a graph becomes one line naming it."""
    try:
        return check()
    except Exception as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise KgError(f"{what}: cannot validate ({first})") from exc


def stats(store: str | Path = DEFAULT_STORE) -> Stats:
    """Counts, rankings and centrality of a store (see `KnowledgeGraph.stats`)."""
    with KnowledgeGraph(store) as g:
        return g.stats()


def view(store: str | Path = DEFAULT_STORE, *, out: str | Path = DEFAULT_VIEW,
         focus: str | None = None, hops: int = 1, query: Path | None = None,
         since: str | None = None, types: Iterable[str] | None = None,
         limit: int = 1000) -> View:
    """Write the interactive, offline page of part of the graph to `out` (see
    `KnowledgeGraph.view`); `query` is a file holding a SELECT whose IRIs to draw."""
    from kg.store import QueryError
    from kg.util import atomic_write_text

    check_view(since, types)
    with KnowledgeGraph(store) as g:
        text = None if query is None else _read_query(query)
        try:
            shown = g.view(focus=focus, hops=hops, since=since, types=types, limit=limit,
                           query=text)
        except QueryError as exc:
            raise QueryError(f"{query}: {exc}") from exc
    shown.path = Path(out)
    atomic_write_text(shown.path, shown.html())
    return shown


def plot(what: str, store: str | Path = DEFAULT_STORE, out: str | Path | None = None) -> Path:
    """Draw a plot of the store into `out` (default build/WHAT.png); returns where."""
    target = Path(out) if out is not None else Path(f"build/{what}.png")
    check_plot(what, target)
    with KnowledgeGraph(store) as g:
        return g.plot(what, target)


def serve(store: str | Path = DEFAULT_STORE, *, host: str = "127.0.0.1", port: int = 7878,
          timeout: float = 10.0, max_rows: int = 10_000, max_request_bytes: int = 100_000,
          workers: int | None = None, queue: int = 256, max_memory_mb: int = 2048,
          cors: bool = False) -> Serving:
    """A read-only SPARQL endpoint over the store, bound and ready: `.run()` serves it (see
    `kg.serve.ServeConfig` for the limits)."""
    from kg.serve import ServeConfig, make_server

    g = KnowledgeGraph(store)
    config = ServeConfig(timeout=timeout, max_rows=max_rows, max_request_bytes=max_request_bytes,
                         queue=queue, max_memory_mb=max_memory_mb, cors=cors)
    if workers is not None:
        config.workers = workers
    try:
        server = make_server(g.store, host, port, config)
    except OSError as exc:
        raise KgError(f"{host}:{port}: cannot listen ({exc.strerror or exc})") from exc
    return Serving(server, g.store, config.workers)
