"""The `kg` command: one thin function per command, the work is done in the library."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    help="kg: a knowledge graph of China's cybersecurity and data-protection law.",
)
out = Console(width=None if sys.stdout.isatty() else 140)
err = Console(stderr=True, soft_wrap=True)


@app.callback()
def _root() -> None:
    """kg: a knowledge graph of China's cybersecurity and data-protection law."""


class ParseFormat(StrEnum):
    table = "table"
    json = "json"


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a one-line error and return the Exit to raise."""
    err.print(f"kg: error: {message}", markup=False, highlight=False)
    return typer.Exit(code)


def _warn(message: str) -> None:
    err.print(f"kg: warning: {message}", markup=False, highlight=False)


def _read_all(paths: list[Path]):  # noqa: ANN202 - list of Documents
    """Read every file, reporting bad ones; returns (documents, number of failures)."""
    from kg.ingest import ReadError, read_paths

    docs = []
    failures = 0
    for result in read_paths(paths):
        if isinstance(result, ReadError):
            failures += 1
            err.print(f"kg: error: {result}", markup=False, highlight=False)
            continue
        for warning in result.warnings:
            _warn(f"{result.path}: {warning}")
        docs.append(result)
    return docs, failures


def _write(text: str, out_file: Path | None) -> None:
    """Write to a file atomically (temp file + rename) or to standard output."""
    if out_file is None:
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")
        return
    from kg.util import atomic_write_text

    atomic_write_text(out_file, text)


@app.command()
def parse(
    paths: Annotated[list[Path], typer.Argument(help="Newsletter files or directories.")],
    format: Annotated[ParseFormat, typer.Option("--format", "-f")] = ParseFormat.table,
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help="Write here.")] = None,
) -> None:
    """Read newsletters into dated, sectioned items."""
    docs, failures = _read_all(paths)
    if format is ParseFormat.json:
        _write(json.dumps([d.to_json() for d in docs], ensure_ascii=False, indent=2), out_file)
    else:
        for doc in docs:
            _print_document(doc)
        if docs:
            n = sum(len(d.items) for d in docs)
            out.print(f"[bold]{len(docs)} newsletter(s), {n} items[/bold]")
    if failures:
        raise typer.Exit(1)


def _print_document(doc) -> None:  # noqa: ANN001 - kg.ingest.Document
    counts: dict[str, int] = {}
    for item in doc.items:
        counts[item.section] = counts.get(item.section, 0) + 1
    summary = ", ".join(f"{k} {v}" for k, v in counts.items())
    table = Table(
        title=f"{doc.file}  ·  issue {doc.issue or '?'}  ·  {len(doc.items)} items ({summary})",
        title_justify="left",
        caption=doc.title or "",
        caption_justify="left",
        show_lines=False,
    )
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("section", no_wrap=True)
    table.add_column("headline", overflow="ellipsis", no_wrap=True, max_width=90)
    for item in doc.items:
        table.add_row("" if item.number is None else str(item.number), item.date or "-",
                      item.section, item.headline)
    out.print(table)


def main() -> None:
    """Entry point that turns any unexpected exception into one line, not a traceback."""
    try:
        app()
    except KeyboardInterrupt:
        err.print("kg: interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
