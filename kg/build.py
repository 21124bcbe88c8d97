"""The whole pipeline: newsletters -> items -> mentions -> linked entities -> RDF -> store.

Each newsletter is added in one store transaction, under a named graph derived from the sha256
of its bytes: a second add of the same file changes nothing, and `remove` takes out exactly what
it added.
"""

from __future__ import annotations

from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.ingest import Document, ReadError, read_paths
from kg.store import ONTOLOGY_GRAPH, GraphStore
from kg.store.embedded import Encoded, encode_for_bulk
from kg.store.summary import tally


@dataclass
class BuildReport:
    """What a build or add did, for the summary and the exit status."""

    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    quads: int = 0
    items: int = 0


class Builder:
    """Holds the extraction pipeline so that many newsletters share one spaCy load."""

    def __init__(self) -> None:
        from kg.util import long_lived

        with long_lived():
            from kg.extract import Extractor, load_lexicon
            from kg.link import Linker

            self.lexicon = load_lexicon()
            self.extractor = Extractor(self.lexicon)
            self.linker = Linker(self.lexicon)

    def quads(self, doc: Document) -> list[Any]:
        from kg.graph import newsletter_quads
        from kg.link import link_document

        return list(newsletter_quads(doc, link_document(doc, self.extractor, self.linker)))


def load_reference(store: GraphStore) -> int:
    """(Re)load the ontology and reference data into their own named graph, with the month
    of every dated instrument stated beside its date, as the builder states it for
    newsletters' (so that month pages list the core laws too)."""
    from rdflib import URIRef

    from kg.vocab import ELI, KG, load_ontology, month_literal

    g = URIRef(ONTOLOGY_GRAPH)
    ontology = load_ontology()
    months = [(s, KG.instrumentMonth, month_literal(d))
              for s, d in ontology.subject_objects(ELI.date_document)
              if str(d)[4:5] == "-" and str(d)[:4].isdigit()]  # a day or a month, not a year
    return store.replace_graph(ONTOLOGY_GRAPH, ((s, p, o, g) for s, p, o in [*ontology,
                                                                           *months]))


# A bulk batch of about this many quads (some 30 MB of N-Quads and N-Triples) is loaded at
# once. On 1,000 newsletters with --jobs 2, 100k built in 42 s with 0.46 GB in the main
# process; 250k took 51 s and 1.0 GB, 50k 48 s and 0.33 GB.
BATCH_QUADS = 100_000


def add_documents(store: GraphStore, paths: Iterable[str | Path],
                  builder: Builder | None = None,
                  on_file: Callable[[str, str], None] | None = None,
                  jobs: int = 1, bulk: bool = False,
                  batch_quads: int = BATCH_QUADS) -> BuildReport:
    """Add every newsletter under `paths` that the store does not hold yet.

    Extraction is per document, so with `jobs` > 1 it runs in that many worker processes;
    the store is still written by this process alone, in input order. By default each
    newsletter is one transaction. With `bulk` (a store being built beside the live one),
    newsletters are gathered into batches of about `batch_quads` quads and bulk-loaded by a
    background thread while extraction goes on.
    """
    report = BuildReport()
    if jobs > 1:
        results: Iterable[tuple[str, Any]] = _extract_parallel(store, paths, jobs)
    else:
        results = _extract_serial(store, paths, builder or Builder())
    seen: set[str] = set()
    loader = _BulkLoader(store, batch_quads) if bulk else None
    totals: Counter = Counter()  # the bulk-loaded newsletters' tallies, added at the end
    try:
        for path, outcome in results:
            if isinstance(outcome, ReadError):
                report.failed.append(str(outcome))
                status = "failed"
            elif outcome is None or outcome[0] in seen:
                report.unchanged.append(path)
                status = "unchanged"
            else:
                graph, quads, n_quads, n_items, counts = outcome
                seen.add(graph)
                if loader is not None:
                    loader.add(quads, n_quads)
                    totals.update(counts)
                else:
                    store.add_graph(graph, quads, counts)
                report.quads += n_quads
                report.items += n_items
                report.added.append(path)
                status = "added"
            if on_file:
                on_file(path, status)
    finally:
        if loader is not None:
            loader.close()
    if totals:
        store.add_totals(totals)
    return report


class _BulkLoader:
    """Gathers newsletters into large batches and bulk-loads each in a background thread.

    At most one batch is being loaded while the next is gathered, so memory stays at about
    two batches; an error in a load is raised at the next `add` or at `close`. The load
    releases the GIL, so extraction results keep arriving meanwhile.
    """

    def __init__(self, store: GraphStore, batch_quads: int) -> None:
        from concurrent.futures import ThreadPoolExecutor

        self.store = store
        self.batch_quads = batch_quads
        self.chunks: list[Any] = []
        self.count = 0
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-bulk")
        self.running: Any = None

    def add(self, quads: Any, n: int) -> None:
        if not isinstance(quads, Encoded):
            quads = encode_for_bulk(quads)
        self.chunks.append(quads)
        self.count += n
        if self.count >= self.batch_quads:
            self._submit()

    def _submit(self) -> None:
        if self.running is not None:
            self.running.result()
            self.running = None
        data = Encoded.join(self.chunks)
        self.chunks, self.count = [], 0
        self.running = self.pool.submit(self.store.bulk_add, data, side_by_side=False)

    def close(self) -> None:
        try:
            if self.count:
                self._submit()
            if self.running is not None:
                self.running.result()
        finally:
            self.pool.shutdown(wait=True)


def _graph_of_bytes(data: bytes) -> str:
    import hashlib

    from kg.graph.build import graph_iri_for_sha

    return str(graph_iri_for_sha(hashlib.sha256(data).hexdigest()))


def _extract_serial(store: GraphStore, paths: Iterable[str | Path],
                    builder: Builder) -> Iterator[tuple[str, Any]]:
    from kg.graph import document_graph_iri

    for result in read_paths(paths):
        if isinstance(result, ReadError):
            yield result.path, result
            continue
        graph = str(document_graph_iri(result))
        if store.has_graph(graph):
            yield result.path, None
            continue
        quads = builder.quads(result)
        yield result.path, (graph, quads, len(quads), len(result.items), tally(quads))


_WORKER: Builder | None = None


def _worker_init() -> None:
    global _WORKER
    _WORKER = Builder()


def _worker_extract(task: str | Document) -> list[tuple[str, Any]]:
    """In a worker: extract one file's document(s), or one document of a feed that the main
    process read; quads travel back as N-Quads text."""
    from kg.graph import document_graph_iri
    from kg.ingest import read_documents

    if isinstance(task, Document):
        path, docs = task.path, [task]
    else:
        path = task
        try:
            docs = read_documents(path)
        except ReadError as exc:
            return [(path, exc)]
    assert _WORKER is not None
    results: list[tuple[str, Any]] = []
    for doc in docs:
        quads = _WORKER.quads(doc)
        results.append((path, (str(document_graph_iri(doc)), encode_for_bulk(quads), len(quads),
                               len(doc.items), tally(quads))))
    return results


def _extract_parallel(store: GraphStore, paths: Iterable[str | Path],
                      jobs: int) -> Iterator[tuple[str, Any]]:
    import multiprocessing as mp
    from concurrent.futures import ProcessPoolExecutor

    from kg.graph import document_graph_iri
    from kg.ingest import iter_paths, read_documents
    from kg.ingest.sources import format_of

    todo: list[str | Document] = []
    for entry in iter_paths(paths):
        if isinstance(entry, ReadError):
            yield entry.path, entry
            continue
        try:
            data = entry.read_bytes()
        except OSError:
            todo.append(str(entry))  # the worker reports the error in its own words
            continue
        if format_of(entry.name, data) == "feed":
            # A feed holds many documents, each its own graph, none named by the file's
            # digest: read it here (reading is cheap beside extraction) and send the
            # documents the store lacks to the workers one by one.
            try:
                docs = read_documents(entry)
            except ReadError as exc:
                yield exc.path, exc
                continue
            for doc in docs:
                if store.has_graph(str(document_graph_iri(doc))):
                    yield str(entry), None
                else:
                    todo.append(doc)
        elif store.has_graph(_graph_of_bytes(data)):
            yield str(entry), None
        else:
            todo.append(str(entry))
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
    # A bounded window of files in flight: when the store is slower than the workers, results
    # wait in the workers rather than pile up in this process.
    window = jobs * 8
    with ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init,
                             mp_context=ctx) as pool:
        pending: deque[Any] = deque()
        for task in todo:
            pending.append(pool.submit(_worker_extract, task))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


def remove_documents(store: GraphStore, paths: Iterable[str | Path]) -> BuildReport:
    """Take out exactly the named graphs these files added (matched by sha256)."""
    from kg.graph import document_graph_iri

    report = BuildReport()
    for result in read_paths(paths):
        if isinstance(result, ReadError):
            report.failed.append(str(result))
            continue
        graph = str(document_graph_iri(result))
        if store.has_graph(graph):
            report.quads += store.remove_graph(graph)
            report.removed.append(result.path)
        else:
            report.unchanged.append(result.path)
    return report
