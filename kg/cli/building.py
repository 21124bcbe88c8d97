"""`kg build`, `kg add`, `kg remove`: a store built, grown and shrunk."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg import api

from . import render
from .app import DEFAULT_STORE, JobsOpt, PathsArg, StoreOpt

DumpOpt = Annotated[bool, typer.Option("--dump/--no-dump",
                                       help="Rewrite the TriG dump beside the store "
                                       "(without it a dump there, now stale, is "
                                       "deleted).")]


def build(
    paths: PathsArg,
    store: StoreOpt = DEFAULT_STORE,
    fresh: Annotated[bool, typer.Option("--fresh", help="Start from an empty store.")] = False,
    jobs: JobsOpt = 1,
    dump: Annotated[bool, typer.Option("--dump/--no-dump",
                                       help="Also write the store as TriG beside it.")] = True,
) -> None:
    """Build the graph: ontology, reference data and every newsletter, into a store.

    With --fresh (or when there is no store yet) the new store is built beside the old one,
    bulk-loaded in large batches, and swapped in only when complete, so an interrupted build
    never leaves you without a store. Without it, each new newsletter is one transaction.
    """
    with render.failures(), render.progress() as show:
        result = api.build(paths, store, fresh=fresh, jobs=jobs, dump=dump, progress=show)
    _failed(result)
    render.built(result, dump)
    if result.report.failed:
        raise typer.Exit(1)


def add(paths: PathsArg, store: StoreOpt = DEFAULT_STORE, jobs: JobsOpt = 1,
        dump: DumpOpt = False) -> None:
    """Add newsletters to an existing store; a file already there (same sha256) is skipped.

    Each newsletter is one transaction, so an interrupted add leaves whole newsletters only.
    """
    with render.failures():
        result = api.add(paths, store, jobs=jobs, dump=dump)
    report = _failed(result)
    render.out.print(f"added {len(report.added)}, unchanged {len(report.unchanged)}, "
                     f"failed {len(report.failed)}; {report.quads} quads written to {store}")
    if report.failed:
        raise typer.Exit(1)


def remove(
    paths: Annotated[list[Path], typer.Argument(help="Newsletter files to take out.")],
    store: StoreOpt = DEFAULT_STORE,
    dump: DumpOpt = False,
) -> None:
    """Remove exactly the facts these newsletters added."""
    with render.failures():
        result = api.remove(paths, store, dump=dump)
    report = _failed(result)
    render.out.print(f"removed {len(report.removed)} newsletter(s), {report.quads} quads; "
                     f"{len(report.unchanged)} not in the store")
    if report.failed:
        raise typer.Exit(1)


def _failed(result: api.Changed) -> api.BuildReport:
    """Report the inputs that failed; the report."""
    for text in result.report.failed:
        render.error(text)
    return result.report
