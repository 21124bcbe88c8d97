"""Bulk loading: many newsletters' triples written as text and loaded without transactions.

Only for a store being built beside the live one (`kg build` into an empty or `--fresh`
store), which is discarded if the build fails: a crash midway leaves part of a batch.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path
from typing import Any, NamedTuple

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.term import Node

from .layout import is_local
from .terms import graph_name, nt


class Encoded(NamedTuple):
    """One or more newsletters as `GraphStore.bulk_add` and `add_graph` take them.

    named: N-Quads of what the named graphs keep (triples about shared nodes, see `is_local`);
    merged: every triple as N-Triples, for the merged (default) graph. Kept apart so the two
    load side by side.
    """

    named: bytes
    merged: bytes

    @staticmethod
    def join(parts: Iterable[Encoded]) -> Encoded:
        parts = list(parts)
        return Encoded(b"".join(p.named for p in parts), b"".join(p.merged for p in parts))


def encode_for_bulk(quads: Iterable[Any]) -> Encoded:
    """The named-graph part as N-Quads, and every triple as N-Triples for the merged graph.

    rdflib quads are written straight to text (IRIs checked, literals escaped by pyoxigraph),
    without building pyoxigraph quads first.
    """
    named, merged = [], []
    # A newsletter names each of its nodes, predicates and its graph many times: each IRI is
    # checked and written once (literals are nearly all distinct, so they are not kept).
    iris: dict[str, str] = {}

    def text(term: Node) -> str:
        if type(term) is not URIRef:
            return nt(term)
        found = iris.get(term)
        if found is None:
            found = iris[term] = nt(term)
        return found

    for q in quads:
        if isinstance(q, ox.Quad):
            triple, graph = f"{q.subject} {q.predicate} {q.object}", str(q.graph_name)
            local = is_local(q.subject.value, graph_name(q))
        else:
            s, p, o, g = q
            triple, graph = f"{text(s)} {text(p)} {text(o)}", text(g)
            local = is_local(str(s), str(g))
        if not local:
            named.append(f"{triple} {graph} .\n")
        merged.append(f"{triple} .\n")
    return Encoded("".join(named).encode("utf-8"), "".join(merged).encode("utf-8"))


class Spool:
    """Encoded batches kept in a file rather than in memory, each with its number of quads: how
    a worker process hands the main process a newsletter of many batches (sent whole, they would
    be held at once, and twice while pickled, in both processes). Read back once, in order."""

    def __init__(self, folder: str | Path) -> None:
        fd, self.path = tempfile.mkstemp(dir=folder, prefix="kg-", suffix=".spool")
        os.close(fd)
        self.sizes: list[tuple[int, int, int]] = []

    def add(self, data: Encoded, n: int) -> None:
        """Append one batch of `n` quads."""
        with open(self.path, "ab") as fh:
            fh.write(data.named)
            fh.write(data.merged)
        self.sizes.append((len(data.named), len(data.merged), n))

    def __iter__(self) -> Iterator[tuple[Encoded, int]]:
        """The batches in order, one at a time; the file is deleted once they are read."""
        try:
            with open(self.path, "rb") as fh:
                for named, merged, n in self.sizes:
                    yield Encoded(fh.read(named), fh.read(merged)), n
        finally:
            os.unlink(self.path)


def halves(data: bytes) -> list[bytes]:
    """N-Quads/N-Triples text cut in two at a line break, for two loads side by side."""
    cut = data.find(b"\n", len(data) // 2) + 1
    return [data[:cut], data[cut:]] if 0 < cut < len(data) else [data]


def load(store: ox.Store, data: Encoded, side_by_side: bool = True) -> None:
    """Load encoded newsletters into a pyoxigraph store, bypassing transactions.

    Oxigraph's bulk loader keeps about one core busy, so by default the named graphs and the
    merged graph load side by side, each in two halves. A build whose workers already use
    every core passes `side_by_side=False`: there the extra threads only contend.
    """
    if not side_by_side:  # N-Triples lines are N-Quads lines in the default graph
        store.bulk_load(data.named + data.merged, format=ox.RdfFormat.N_QUADS, lenient=True)
        return
    parts = [(half, ox.RdfFormat.N_QUADS) for half in halves(data.named)]
    parts += [(half, ox.RdfFormat.N_TRIPLES) for half in halves(data.merged)]
    with ThreadPoolExecutor(max_workers=len(parts)) as pool:
        for done in [pool.submit(store.bulk_load, part, format=fmt, lenient=True)
                     for part, fmt in parts if part]:
            done.result()


class BulkLoader:
    """Gathers newsletters into large batches and bulk-loads each in a background thread.

    At most one batch is being loaded while the next is gathered, so memory stays at about
    two batches; an error in a load is raised at the next `add` or at `close`. The load
    releases the GIL, so extraction results keep arriving meanwhile. `load` is the store's
    `bulk_add`.
    """

    def __init__(self, load: Any, batch_quads: int) -> None:
        self.load = load
        self.batch_quads = batch_quads
        self.chunks: list[Encoded] = []
        self.count = 0
        self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="kg-bulk")
        self.running: Future[None] | None = None

    def add(self, quads: Encoded | Iterable[Any], n: int) -> None:
        """Queue one newsletter's quads (`n` of them), loading a batch once it is full."""
        self.chunks.append(quads if isinstance(quads, Encoded) else encode_for_bulk(quads))
        self.count += n
        if self.count >= self.batch_quads:
            self._submit()

    def _submit(self) -> None:
        if self.running is not None:
            self.running.result()
            self.running = None
        data = Encoded.join(self.chunks)
        self.chunks, self.count = [], 0
        self.running = self.pool.submit(self.load, data, side_by_side=False)

    def close(self) -> None:
        """Load what is queued and wait for it."""
        try:
            if self.count:
                self._submit()
            if self.running is not None:
                self.running.result()
        finally:
            self.pool.shutdown(wait=True)
