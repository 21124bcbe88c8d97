"""`kg viz`, `kg stats`, `kg plot`: the graph drawn, measured and plotted."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kg import api

from . import render
from .app import DEFAULT_STORE, StoreOpt


def viz(
    store: StoreOpt = DEFAULT_STORE,
    out_file: Annotated[Path, typer.Option("--out", "-o",
                                           help="HTML file to write.")] = api.DEFAULT_VIEW,
    focus: Annotated[str | None, typer.Option("--focus", help="An IRI or a name.")] = None,
    hops: Annotated[int, typer.Option("--hops", min=1)] = 1,
    query: Annotated[Path | None, typer.Option("--query", help="Draw a SELECT's IRIs.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="YYYY-MM")] = None,
    types: Annotated[list[str] | None, typer.Option(
        "--types", help="Kinds to keep, e.g. law, case, 'local authority'.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Most nodes drawn.")] = 1000,
) -> None:
    """Write an interactive, offline HTML view of the graph (pyvis)."""
    with render.failures():
        view = api.view(store, out=out_file, focus=focus, hops=hops, query=query, since=since,
                        types=types, limit=limit)
    render.out.print(f"wrote {out_file}: {view.nodes} nodes, {view.edges} edges (of "
                     f"{view.total_nodes} in the graph); open it in a browser")


def stats(store: StoreOpt = DEFAULT_STORE) -> None:
    """Counts, most active authorities, most cited instruments, centrality, components."""
    with render.failures():
        result = api.stats(store)
    render.stats(result)


def plot(
    what: Annotated[str, typer.Argument(help="timeline, fines or authorities")],
    store: StoreOpt = DEFAULT_STORE,
    out_file: Annotated[Path | None, typer.Option("--out", "-o",
                                                  help="FILE.png or FILE.html")] = None,
) -> None:
    """Plot developments per month, fines by authority and year, or the authority hierarchy."""
    with render.failures():
        target = api.plot(what, store, out_file)
    render.out.print(f"wrote {target}")
