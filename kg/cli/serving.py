"""`kg serve`, `kg push`: the store as a SPARQL endpoint, or mirrored on a SPARQL server."""

from __future__ import annotations

from typing import Annotated

import typer

from kg import api

from . import render
from .app import DEFAULT_STORE, StoreOpt


def serve(
    store: StoreOpt = DEFAULT_STORE,
    host: Annotated[str, typer.Option("--host", help="Interface to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535)] = 7878,
    timeout: Annotated[float, typer.Option(
        "--timeout", min=0.1, help="Seconds per query, from its arrival (waiting counts).")] = 10.0,
    max_rows: Annotated[int, typer.Option("--max-rows", min=1)] = 10_000,
    max_request_bytes: Annotated[int, typer.Option("--max-request-bytes", min=1)] = 100_000,
    workers: Annotated[int | None, typer.Option(
        "--workers", min=1, help="Query processes (default: one per CPU, and one more).")] = None,
    queue: Annotated[int, typer.Option(
        "--queue", min=0, help="Requests that may wait for a process; more get 503.")] = 256,
    max_memory_mb: Annotated[int, typer.Option(
        "--max-memory-mb", min=0,
        help="Address space of one query process; a query needing more gets 503. 0: none.")
    ] = 2048,
    cors: Annotated[bool, typer.Option("--cors", help="Allow cross-origin requests.")] = False,
) -> None:
    """Serve the store read-only as a SPARQL 1.1 endpoint (/sparql) with a query page (/)."""
    with render.failures():
        serving = api.serve(store, host=host, port=port, timeout=timeout, max_rows=max_rows,
                            max_request_bytes=max_request_bytes, workers=workers, queue=queue,
                            max_memory_mb=max_memory_mb, cors=cors)
    render.line(f"kg serve: {serving.url}/sparql (query page {serving.url}/), read-only, "
                f"{serving.workers} query processes, Ctrl-C to stop", render.err)
    serving.run()


def push(
    endpoint: Annotated[str, typer.Option("--endpoint", help="The server's query URL.")],
    server: Annotated[str | None, typer.Option(
        "--server", help="oxigraph, fuseki or virtuoso (default: asked of the server).")] = None,
    graph_store: Annotated[str | None, typer.Option(
        "--graph-store", help="Graph Store Protocol URL (default: the server's own).")] = None,
    update: Annotated[str | None, typer.Option(
        "--update", help="SPARQL Update URL (default: the server's own).")] = None,
    via: Annotated[str, typer.Option(
        "--via", help="auto, graph-store or update (auto: the Graph Store Protocol when the "
                      "server has one).")] = "auto",
    store: StoreOpt = DEFAULT_STORE,
) -> None:
    """Mirror the store on a SPARQL 1.1 server: write the graphs that differ, delete the ones
    the store no longer has. Credentials come from KG_PUSH_USER and KG_PUSH_PASSWORD."""
    with render.failures():
        result = api.push(endpoint, server=server, graph_store=graph_store, update=update,
                          via=via, store=store)
    report = result.report
    render.line(f"pushed to {result.target} ({report.server.kind}, {report.via}): "
                f"{len(report.written)} graph(s) written ({sum(report.written.values())} "
                f"triples), {len(report.deleted)} deleted, {report.unchanged} unchanged. The "
                f"merged graph is <{result.merged_graph}>; query it with: kg query --endpoint "
                f"{endpoint} ...")
