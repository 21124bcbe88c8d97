"""What `kg build`, `kg add` and `kg remove` do to a store named by its folder.

An add or remove opens the store through `KnowledgeGraph` and closes it again, so the command
and the same call from Python leave the same store and the same dump beside it; a build writes
the store beside the old one through `kg.store.BuildTarget`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import KgError
from .graph import DEFAULT_STORE, KnowledgeGraph
from .results import Built, Changed, Progress

if TYPE_CHECKING:
    from kg.pipeline import Pipeline
    from kg.store import GraphStore

# Builds that add more newsletters than this skip the rankings in their summary (`kg stats`
# ranks any store).
SUMMARY_RANKINGS_MAX = 1000


def build(paths: Sequence[str | Path], store: str | Path = DEFAULT_STORE, *, fresh: bool = False,
          jobs: int = 1, dump: bool = True, progress: Callable[[Progress], None] | None = None,
          pipeline: Pipeline | None = None) -> Built:
    """Build the graph: ontology, reference data and every newsletter, into a store.

    With `fresh` (or when there is no store yet) the new store is built beside the old one,
    bulk-loaded in large batches, and swapped in only when complete, so an interrupted build
    never leaves you without a store. Without it, each new newsletter is one transaction.
    `progress` hears of each step; `pipeline` is one already loaded, for `jobs` = 1.
    """
    from kg.ingest import ReadError, iter_paths
    from kg.pipeline import Pipeline, add_documents
    from kg.store import BuildTarget, load_reference, refresh_dump

    entries = list(iter_paths(paths))
    if all(isinstance(e, ReadError) for e in entries):
        raise KgError("nothing to build: no readable newsletter among the inputs",
                      errors=[str(e) for e in entries])
    tell = progress or (lambda step: None)
    total = len(entries) + 1
    done = 1

    def step(path: str, status: str) -> None:
        nonlocal done
        done += 1
        tell(Progress(done, total, "extracting", f"{Path(path).name} ({status})"))

    target = BuildTarget(store, fresh)
    try:
        tell(Progress(0, total, "loading ontology"))
        load_reference(target.store)
        if jobs == 1:
            pipeline = pipeline or Pipeline()
        tell(Progress(1, total, "extracting"))
        report = add_documents(target.store, paths, pipeline if jobs == 1 else None,
                               on_file=step, jobs=jobs, bulk=target.fresh)
    except BaseException:
        target.store.close()  # so that the same process can build again
        raise
    with target.finish() as gs:
        rank = len(report.added) <= SUMMARY_RANKINGS_MAX
        return Built(Path(store), report, refresh_dump(gs, dump), **summary(gs, rank))


def summary(store: GraphStore, rankings: bool = True) -> dict[str, Any]:
    """The store's named graphs, the entities extracted per class and, with `rankings`, the
    most mentioned authorities and most cited instruments."""
    from kg.store.counts import extracted, most_cited, most_mentioned

    return {"named_graphs": len(store.named_graphs()), "extracted": extracted(store),
            "mentioned": most_mentioned(store) if rankings else None,
            "cited": most_cited(store) if rankings else None}


def add(paths: Iterable[str | Path], store: str | Path = DEFAULT_STORE, *, jobs: int = 1,
        dump: bool = False) -> Changed:
    """Add newsletters to a store (see `KnowledgeGraph.add`)."""
    with KnowledgeGraph(store, read_only=False) as g:
        return g.add(*paths, jobs=jobs, dump=dump)


def remove(paths: Iterable[str | Path], store: str | Path = DEFAULT_STORE, *,
           dump: bool = False) -> Changed:
    """Take newsletters out of a store (see `KnowledgeGraph.remove`)."""
    with KnowledgeGraph(store, read_only=False) as g:
        return g.remove(*paths, dump=dump)
