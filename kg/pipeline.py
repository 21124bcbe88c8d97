"""The whole pipeline: newsletters -> items -> mentions -> linked entities -> RDF -> store.

Each newsletter is added in one store transaction, under a named graph derived from the sha256
of its bytes: a second add of the same file changes nothing, and `remove_documents` takes out
exactly what it added.
"""

from __future__ import annotations

import hashlib
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from kg.ingest import Document, ReadError, read_paths
from kg.store import BulkLoader, Encoded, GraphStore, Tally, encode_for_bulk, tally

if TYPE_CHECKING:
    from kg.graph import Quad

# A bulk batch of about this many quads (some 30 MB of N-Quads and N-Triples) is loaded at
# once: larger batches load no faster and hold more memory in the main process.
BATCH_QUADS = 100_000


@dataclass
class BuildReport:
    """What a build, add or remove did, for the summary and the exit status."""

    added: list[str] = field(default_factory=list)
    quads: int = 0  # written (or taken out)
    items: int = 0  # of the newsletters added
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)


class Pipeline:
    """The extractor and linker with their lexicon, loaded once (spaCy and the ontology) and
    shared by every newsletter: a newsletter in, its quads out."""

    def __init__(self) -> None:
        from kg.util import long_lived

        with long_lived():
            from kg.extract import Extractor
            from kg.lexicon import load_lexicon
            from kg.link import Linker

            self.lexicon = load_lexicon()
            self.extractor = Extractor(self.lexicon)
            self.linker = Linker(self.lexicon)

    def quads(self, doc: Document) -> list[Quad]:
        """The newsletter's quads, in its own named graph."""
        from kg.graph import newsletter_quads
        from kg.link import link_document

        return list(newsletter_quads(doc, link_document(doc, self.extractor, self.linker)))


@dataclass
class Extracted:
    """One newsletter through the pipeline, ready for the store: its quads (as N-Quads text
    when a worker process made them) and their tally for the running totals."""

    graph: str
    quads: list[Quad] | Encoded
    n_quads: int
    n_items: int
    tally: Tally


@dataclass
class Outcome:
    """What became of one input: extracted, unreadable, or None when the store has it."""

    path: str
    result: Extracted | ReadError | None


def add_documents(store: GraphStore, paths: Iterable[str | Path],
                  pipeline: Pipeline | None = None,
                  on_file: Callable[[str, str], None] | None = None,
                  jobs: int = 1, bulk: bool = False,
                  batch_quads: int = BATCH_QUADS) -> BuildReport:
    """Add every newsletter under `paths` that the store does not hold yet.

    Extraction is per document, so with `jobs` > 1 it runs in that many worker processes;
    the store is still written by this process alone, in input order. By default each
    newsletter is one transaction. With `bulk` (a store being built beside the live one),
    newsletters are gathered into batches of about `batch_quads` quads and bulk-loaded by a
    background thread while extraction goes on. `on_file(path, status)` hears of each input.
    """
    report = BuildReport()
    if jobs > 1:
        outcomes = _extract_parallel(store, paths, jobs)
    else:
        outcomes = _extract_serial(store, paths, pipeline or Pipeline())
    seen: set[str] = set()
    loader = BulkLoader(store.bulk_add, batch_quads) if bulk else None
    totals: Tally = Counter()  # the bulk-loaded newsletters' tallies, added at the end
    try:
        for outcome in outcomes:
            status = _store_one(store, outcome, report, seen, loader, totals)
            if on_file:
                on_file(outcome.path, status)
    finally:
        if loader is not None:
            loader.close()
    if totals:
        store.add_totals(totals)
    return report


def _store_one(store: GraphStore, outcome: Outcome, report: BuildReport, seen: set[str],
               loader: BulkLoader | None, totals: Tally) -> str:
    """Write one outcome (or queue it for the bulk loader); its status word."""
    done = outcome.result
    if isinstance(done, ReadError):
        report.failed.append(str(done))
        return "failed"
    if done is None or done.graph in seen:
        report.unchanged.append(outcome.path)
        return "unchanged"
    seen.add(done.graph)
    if loader is not None:
        loader.add(done.quads, done.n_quads)
        totals.update(done.tally)
    else:
        store.add_graph(done.graph, done.quads, done.tally)
    report.quads += done.n_quads
    report.items += done.n_items
    report.added.append(outcome.path)
    return "added"


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


def _extracted(doc: Document, pipeline: Pipeline, encode: bool) -> Extracted:
    from kg.graph import document_graph_iri

    quads = pipeline.quads(doc)
    return Extracted(str(document_graph_iri(doc)), encode_for_bulk(quads) if encode else quads,
                     len(quads), len(doc.items), tally(quads))


def _extract_serial(store: GraphStore, paths: Iterable[str | Path],
                    pipeline: Pipeline) -> Iterator[Outcome]:
    from kg.graph import document_graph_iri

    for result in read_paths(paths):
        if isinstance(result, ReadError):
            yield Outcome(result.path, result)
        elif store.has_graph(str(document_graph_iri(result))):
            yield Outcome(result.path, None)
        else:
            yield Outcome(result.path, _extracted(result, pipeline, encode=False))


_WORKER: Pipeline | None = None


def _worker_init() -> None:
    global _WORKER
    _WORKER = Pipeline()


def _worker_extract(task: str | Document) -> list[Outcome]:
    """In a worker: extract one file's document(s), or one document of a feed that the main
    process read; quads travel back as N-Quads text."""
    from kg.ingest import read_documents

    if isinstance(task, Document):
        path, docs = task.path, [task]
    else:
        path = task
        try:
            docs = read_documents(path)
        except ReadError as exc:
            return [Outcome(path, exc)]
    assert _WORKER is not None
    return [Outcome(path, _extracted(doc, _WORKER, encode=True)) for doc in docs]


def _extract_parallel(store: GraphStore, paths: Iterable[str | Path],
                      jobs: int) -> Iterator[Outcome]:
    import multiprocessing as mp
    from concurrent.futures import Future, ProcessPoolExecutor

    from kg.graph import document_graph_iri, graph_iri_for_sha
    from kg.ingest import iter_paths, read_documents
    from kg.ingest.sources import format_of

    todo: list[str | Document] = []
    for entry in iter_paths(paths):
        if isinstance(entry, ReadError):
            yield Outcome(entry.path, entry)
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
                yield Outcome(exc.path, exc)
                continue
            for doc in docs:
                if store.has_graph(str(document_graph_iri(doc))):
                    yield Outcome(str(entry), None)
                else:
                    todo.append(doc)
        elif store.has_graph(str(graph_iri_for_sha(hashlib.sha256(data).hexdigest()))):
            yield Outcome(str(entry), None)
        else:
            todo.append(str(entry))
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else None
    # A bounded window of files in flight: when the store is slower than the workers, results
    # wait in the workers rather than pile up in this process.
    window = jobs * 8
    with ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init,
                             mp_context=ctx) as pool:
        pending: deque[Future[list[Outcome]]] = deque()
        for task in todo:
            pending.append(pool.submit(_worker_extract, task))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
