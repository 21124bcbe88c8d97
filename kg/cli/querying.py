"""`kg query`, `kg validate`, `kg export`: the graph asked, checked, written out."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from kg import api

from . import render
from .app import DEFAULT_STORE, OutOpt, StoreOpt


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    xml = "xml"
    ttl = "ttl"


def query(
    sparql: Annotated[str | None, typer.Argument(help="A SPARQL query.")] = None,
    file: Annotated[Path | None, typer.Option("-f", "--file", help="Read the query here.")] = None,
    saved: Annotated[str | None, typer.Option("--saved", help="Run a saved query.")] = None,
    list_: Annotated[bool, typer.Option("--list", help="List the saved queries.")] = False,
    bind: Annotated[list[str] | None, typer.Option(
        "--bind", help="NAME=VALUE, substituted for ?NAME as a term.")] = None,
    format: Annotated[QueryFormat, typer.Option("--format")] = QueryFormat.table,
    store: StoreOpt = DEFAULT_STORE,
    endpoint: Annotated[str | None, typer.Option(
        "--endpoint", help="Query a SPARQL endpoint instead of the store.")] = None,
    out_file: OutOpt = None,
) -> None:
    """Ask the graph in SPARQL (SELECT, ASK, CONSTRUCT, DESCRIBE); ontology prefixes declared.

    ASK prints true or false; CONSTRUCT and DESCRIBE print RDF (Turtle, or JSON-LD with
    --format json), from the store or from any server.
    """
    if list_:
        shown = Table(title="Saved queries (kg query --saved NAME)", title_justify="left")
        shown.add_column("name", no_wrap=True)
        shown.add_column("what it answers")
        for entry in api.saved():
            shown.add_row(entry.name, entry.doc)
        render.out.print(shown)
        return
    with render.failures():
        text = api.load_query(sparql, file=file, saved=saved)
        bindings = {}
        for pair in bind or []:
            name, sep, value = pair.partition("=")
            if not sep:
                raise render.fail(f"--bind {pair!r}: expected NAME=VALUE", 2)
            bindings[name.lstrip("?$")] = value
        result = api.query(text, bindings, store=store, endpoint=endpoint)
    if format is QueryFormat.table and result.kind != "select":
        format = QueryFormat.csv if result.kind == "ask" else QueryFormat.ttl
    if format is QueryFormat.table:
        render.query_result(result)
        return
    render.write(result.serialize(format.value), out_file)


def validate(
    graph: Annotated[Path | None, typer.Argument(
        help="A Turtle/TriG/N-Triples file (default: the ontology and reference data).")] = None,
    store: Annotated[Path | None, typer.Option("--store", "-s",
                                               help="Validate a built store instead.")] = None,
) -> None:
    """Check a graph against the SHACL shapes in ontology/shapes.ttl."""
    with render.failures():
        result = api.validate(graph, store=store)
    if result.conforms:
        render.out.print(f"{result.what}: conforms to ontology/shapes.ttl")
        return
    render.line(result.report)
    raise render.fail(f"{result.what}: does not conform to ontology/shapes.ttl")


class ExportFormat(StrEnum):
    ttl = "ttl"
    nt = "nt"
    nq = "nq"
    trig = "trig"
    jsonld = "jsonld"
    graphml = "graphml"
    gexf = "gexf"
    csv = "csv"


def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.ttl,
    store: StoreOpt = DEFAULT_STORE,
    out_file: OutOpt = None,
) -> None:
    """Export the graph: RDF (ttl, nt, nq, trig, jsonld), Gephi (graphml, gexf), or cases CSV."""
    with render.failures():
        data = api.export(format.value, store)
    render.write_bytes(data, out_file)
