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
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING

from kg.ingest import Document, ReadError, read_paths
from kg.store import BulkLoader, Encoded, GraphStore, Spool, Tallier, Tally, encode_for_bulk

if TYPE_CHECKING:
    from kg.graph import Quad

# A bulk batch of about this many quads (some 30 MB of N-Quads and N-Triples) is loaded at
# once: larger batches load no faster and hold more memory in the main process. A newsletter
# with more quads than this is made, encoded and loaded a batch at a time.
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
        return list(self.stream(doc))

    def stream(self, doc: Document) -> Iterator[Quad]:
        """The newsletter's quads as `quads` gives them, made as they are taken: the items are
        extracted and linked at once, the quads one at a time."""
        from kg.graph import newsletter_quads
        from kg.link import link_document

        return newsletter_quads(doc, link_document(doc, self.extractor, self.linker))


def batches(quads: Iterable[Quad], size: int) -> Iterator[list[Quad]]:
    """Quads in lists of at most `size`."""
    it = iter(quads)
    while batch := list(islice(it, size)):
        yield batch


@dataclass
class Extracted:
    """One newsletter through the pipeline, ready for the store.

    Made in this process, `quads` makes them as the store takes them, so a newsletter of
    millions of quads is never held whole. Made by a worker process, `encoded` is their N-Quads
    text in batches, each with its number of quads (a list, or a `Spool` when there are
    several), and `tally` their tally for the running totals.
    """

    graph: str
    n_items: int
    quads: Iterator[Quad] | None = None
    encoded: Iterable[tuple[Encoded, int]] = ()
    tally: Tally | None = None


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
    background thread while extraction goes on; a newsletter of more quads is made, tallied
    and loaded a batch at a time, so memory does not grow with its size beyond its extracted
    items. `on_file(path, status)` hears of each input.
    """
    report = BuildReport()
    if jobs > 1:
        outcomes = _extract_parallel(store, paths, jobs, batch_quads)
    else:
        outcomes = _extract_serial(store, paths, pipeline or Pipeline())
    seen: set[str] = set()
    loader = BulkLoader(store.bulk_add, batch_quads) if bulk else None
    totals: Tally = Counter()  # the bulk-loaded newsletters' tallies, added at the end
    try:
        for outcome in outcomes:
            status = _store_one(store, outcome, report, seen, loader, totals, batch_quads)
            if on_file:
                on_file(outcome.path, status)
    finally:
        if loader is not None:
            loader.close()
    if totals:
        store.add_totals(totals)
    return report


def _store_one(store: GraphStore, outcome: Outcome, report: BuildReport, seen: set[str],
               loader: BulkLoader | None, totals: Tally, batch_quads: int) -> str:
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
        report.quads += _queue(done, loader, totals, batch_quads)
    elif done.quads is not None:
        report.quads += store.add_graph(done.graph, done.quads)
    else:  # one transaction: the batches are one text again
        report.quads += store.add_graph(done.graph, Encoded.join(e for e, _ in done.encoded),
                                        done.tally)
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


def _queue(done: Extracted, loader: BulkLoader, totals: Tally, batch_quads: int) -> int:
    """Hand one newsletter to the bulk loader a batch at a time, and its tally to `totals`;
    the number of quads."""
    n = 0
    if done.quads is None:
        for encoded, count in done.encoded:
            loader.add(encoded, count)
            n += count
        totals.update(done.tally or {})
        return n
    tallier = Tallier()
    for batch in batches(done.quads, batch_quads):
        tallier.update(batch)
        loader.add(batch, len(batch))
        n += len(batch)
    totals.update(tallier.result())
    return n


def _extracted(doc: Document, pipeline: Pipeline) -> Extracted:
    """One newsletter, its quads made as they are taken."""
    from kg.graph import document_graph_iri

    return Extracted(str(document_graph_iri(doc)), len(doc.items), quads=pipeline.stream(doc))


def _encoded(doc: Document, pipeline: Pipeline, batch_quads: int, spool: str) -> Extracted:
    """One newsletter, its quads written as N-Quads text a batch at a time and tallied (in a
    worker, so that they travel to the main process as text). From the second batch on, the
    batches go to a `Spool` file in the folder `spool`."""
    from kg.graph import document_graph_iri

    tallier = Tallier()
    held: list[tuple[Encoded, int]] = []  # one batch travels as it is
    spooled: Spool | None = None
    for batch in batches(pipeline.stream(doc), batch_quads):
        tallier.update(batch)
        encoded = (encode_for_bulk(batch), len(batch))
        if spooled is None and not held:
            held.append(encoded)
            continue
        if spooled is None:
            spooled = Spool(spool)
            spooled.add(*held.pop())
        spooled.add(*encoded)
    return Extracted(str(document_graph_iri(doc)), len(doc.items), tally=tallier.result(),
                     encoded=held if spooled is None else spooled)


def _extract_serial(store: GraphStore, paths: Iterable[str | Path],
                    pipeline: Pipeline) -> Iterator[Outcome]:
    from kg.graph import document_graph_iri

    for result in read_paths(paths):
        if isinstance(result, ReadError):
            yield Outcome(result.path, result)
        elif store.has_graph(str(document_graph_iri(result))):
            yield Outcome(result.path, None)
        else:
            yield Outcome(result.path, _extracted(result, pipeline))


_WORKER: Pipeline | None = None


def _worker_init() -> None:
    global _WORKER
    _WORKER = Pipeline()


def _worker_extract(task: str | Document, batch_quads: int, spool: str) -> list[Outcome]:
    """In a worker: extract one file's document(s), or one document of a feed that the main
    process read; quads travel back as N-Quads text (through a file in the folder `spool` when
    a document has more than `batch_quads`)."""
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
    return [Outcome(path, _encoded(doc, _WORKER, batch_quads, spool)) for doc in docs]


def _extract_parallel(store: GraphStore, paths: Iterable[str | Path], jobs: int,
                      batch_quads: int) -> Iterator[Outcome]:
    import multiprocessing as mp
    import tempfile
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
    # The spool folder outlives the pool, and is deleted with whatever was not read from it.
    with (tempfile.TemporaryDirectory(prefix="kg-build-") as spool,
          ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init,
                              mp_context=ctx) as pool):
        pending: deque[Future[list[Outcome]]] = deque()
        for task in todo:
            pending.append(pool.submit(_worker_extract, task, batch_quads, spool))
            if len(pending) >= window:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
