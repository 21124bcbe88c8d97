"""`kg parse`, `kg extract`, `kg evaluate`: newsletters read, extracted, scored."""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from kg import api

from . import render
from .app import OutOpt, PathsArg


class ParseFormat(StrEnum):
    table = "table"
    json = "json"


FormatOpt = Annotated[ParseFormat, typer.Option("--format", "-f")]


def parse(paths: PathsArg, format: FormatOpt = ParseFormat.table,
          out_file: OutOpt = None) -> None:
    """Read newsletters into dated, sectioned items."""
    reading = api.parse(paths)
    render.messages(reading.messages)
    docs = reading.documents
    if format is ParseFormat.json:
        render.write(json.dumps([d.to_json() for d in docs], ensure_ascii=False, indent=2),
                     out_file)
    else:
        for doc in docs:
            render.document(doc)
        if docs:
            n = sum(len(d.items) for d in docs)
            render.out.print(f"[bold]{len(docs)} newsletter(s), {n} items[/bold]")
    if reading.failures:
        raise typer.Exit(1)


def extract(paths: PathsArg, format: FormatOpt = ParseFormat.json,
            out_file: OutOpt = None) -> None:
    """Extract authorities, instruments and cases, linked to IRIs, per newsletter."""
    extraction = api.extract(paths)
    render.messages(extraction.messages)
    if format is ParseFormat.json:
        render.write(json.dumps(extraction.documents, ensure_ascii=False, indent=2), out_file)
    else:
        for result in extraction.documents:
            render.extraction(result)
    if extraction.failures:
        raise typer.Exit(1)


def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold JSON files.")],
    against: Annotated[list[Path] | None, typer.Option(
        "--against", help="Newsletters to extract (default: seeds/).")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v",
                                          help="List misses and false hits.")] = False,
) -> None:
    """Precision, recall and F1 of the extraction against gold, by the gold scorer's rules."""
    with render.failures():
        result = api.evaluate(gold_dir, against)
    render.messages(result.messages)
    render.evaluation(result, verbose)
    if result.failures:
        raise typer.Exit(1)
