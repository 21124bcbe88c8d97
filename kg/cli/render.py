"""How the `kg` command prints what kg.api returns: rich tables on standard output, one-line
errors and warnings on standard error, files written whole or not at all."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from kg import api

out = Console(width=None if sys.stdout.isatty() else 140)
err = Console(stderr=True, soft_wrap=True)


def line(text: str, to: Console = out) -> None:
    """A line as it is: no markup, no highlighting."""
    to.print(text, markup=False, highlight=False)


def error(message: str) -> None:
    """A failure in one line on standard error, so that scripts can find it."""
    line(f"kg: error: {message}", err)


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a one-line error and return the Exit to raise."""
    error(message)
    return typer.Exit(code)


@contextmanager
def failures() -> Iterator[None]:
    """Report a failure of kg.api as its one line (after the lines it carries) and exit with
    its status."""
    try:
        yield
    except api.failures() as exc:
        for text in exc.errors if isinstance(exc, api.KgError) else ():
            error(text)
        raise fail(str(exc), api.exit_code(exc)) from exc


def messages(found: Sequence[api.Message]) -> None:
    """Errors and warnings about the inputs, in the order they were met."""
    for message in found:
        if message.level == "note":
            line(message.text, err)
        else:
            line(f"kg: {message.level}: {message.text}", err)


def write(text: str, out_file: Path | None) -> None:
    """Write to a file atomically (temp file + rename) or to standard output."""
    if out_file is None:
        sys.stdout.write(text)
        if not text.endswith("\n"):
            sys.stdout.write("\n")
        return
    api.atomic_write_text(out_file, text)


def write_bytes(data: bytes, out_file: Path | None) -> None:
    """Write to a file atomically or to standard output, as they are."""
    if out_file is None:
        sys.stdout.buffer.write(data)
    else:
        api.atomic_write_bytes(out_file, data)


def table(title: str | None, columns: Sequence[str], rows: Sequence[Sequence[Any]],
          **options: Any) -> None:
    """A table of plain cells (numbers of a float column with four decimals)."""
    shown = Table(title=title, title_justify="left", **options)
    for col in columns:
        shown.add_column(col, overflow="fold")
    for row in rows:
        shown.add_row(*[f"{v:.4f}" if isinstance(v, float) else str(v) for v in row])
    out.print(shown)


def document(doc: Any) -> None:
    """One newsletter as read: its items with their dates and sections."""
    counts: dict[str, int] = {}
    for item in doc.items:
        counts[item.section] = counts.get(item.section, 0) + 1
    summary = ", ".join(f"{k} {v}" for k, v in counts.items())
    shown = Table(
        title=(f"{doc.file}  ·  {doc.kind}, {doc.layout} layout  ·  issue {doc.issue or '?'}  ·  "
               f"{len(doc.items)} items ({summary})"),
        title_justify="left",
        caption=doc.title or "",
        caption_justify="left",
        show_lines=False,
    )
    shown.add_column("#", justify="right", no_wrap=True)
    shown.add_column("date", no_wrap=True)
    shown.add_column("section", no_wrap=True)
    shown.add_column("headline", overflow="ellipsis", no_wrap=True, max_width=90)
    for item in doc.items:
        shown.add_row("" if item.number is None else str(item.number),
                      item.date or item.month or "-", item.section, item.headline)
    out.print(shown)


def extraction(result: dict[str, Any]) -> None:
    """One newsletter's `kg extract` JSON as a table of its items."""
    shown = Table(title=f"{result['file']}  ·  issue {result['issue'] or '?'}",
                  title_justify="left", show_lines=True)
    shown.add_column("#", justify="right", no_wrap=True)
    shown.add_column("date", no_wrap=True)
    shown.add_column("authorities", max_width=34)
    shown.add_column("instruments (status; issuers)", max_width=60)
    shown.add_column("case", max_width=40)
    for n, item in enumerate(result["items"], start=1):
        instruments = "\n".join(
            f"{i['title']} ({i['status']}{'; ' + ', '.join(i['issuers']) if i['issuers'] else ''})"
            for i in item["instruments"])
        cases = item.get("cases") or ([item["case"]] if item.get("case") else [])
        case_text = "\n".join(
            f"{(c['authority'] or {}).get('name', '?')} -> {c['respondent']}: "
            f"{', '.join(c['actions']) or '-'}"
            + (f"; {c['fine']['value']:,.0f} {c['fine']['currency']}" if c.get("fine") else "")
            for c in cases)
        shown.add_row(str(item["number"] or n), item["date"] or "-",
                      "\n".join(item["authorities"]), instruments, case_text)
    out.print(shown)


def evaluation(result: api.Evaluation, verbose: bool) -> None:
    """Precision, recall and F1 per field; with `verbose`, every miss and false hit."""
    shown = Table(title=f"Extraction against {result.gold_dir} ({result.predicted} documents)",
                  title_justify="left")
    for col in ("field", "P", "R", "F1", "tp", "fp", "fn"):
        shown.add_column(col, justify="left" if col == "field" else "right")
    for name, s in result.report.scores.items():
        shown.add_row(name, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", str(s.tp),
                      str(s.fp), str(s.fn))
    out.print(shown)
    if verbose:
        for name, score in result.report.scores.items():
            for miss in score.misses:
                out.print(f"[red]miss[/red] {name}: {miss}", highlight=False)
            for hit in score.false_hits:
                out.print(f"[yellow]false[/yellow] {name}: {hit}", highlight=False)
    out.print(f"docs_failed={result.failures} docs_skipped={result.skipped}", highlight=False)


@contextmanager
def progress() -> Iterator[Callable[[api.Progress], None]]:
    """A progress bar on standard error, gone when the build is done."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[file]}"), console=err, transient=True) as bar:
        task = None

        def show(step: api.Progress) -> None:
            nonlocal task
            if task is None:
                task = bar.add_task(step.stage, total=step.total, file="")
            bar.update(task, completed=step.done, description=step.stage, file=step.file)

        yield show


def built(result: api.Built, dump: bool) -> None:
    """The summary of a build: what it did, what the store holds, the rankings."""
    report = result.report
    out.print(f"[bold]Built {result.store}[/bold]: {len(report.added)} newsletter(s) added, "
              f"{len(report.unchanged)} unchanged, {len(report.failed)} failed; "
              f"{report.quads} quads added; {result.named_graphs} named graphs in the store"
              + (f"; dump: {result.dump}" if dump else ""))
    shown = Table(title="Extracted, by class", title_justify="left")
    shown.add_column("class")
    shown.add_column("count", justify="right")
    for cls, n in result.extracted:
        shown.add_row(cls, str(n))
    out.print(shown)
    if result.mentioned is None or result.cited is None:
        out.print("Most mentioned authorities and most cited instruments: `kg stats`.")
        return
    for title, rows in (("Most mentioned authorities", result.mentioned),
                        ("Most cited instruments", result.cited)):
        shown = Table(title=title, title_justify="left")
        shown.add_column("name", max_width=90)
        shown.add_column("items", justify="right")
        for name, n in rows:
            shown.add_row(str(name), str(n))
        out.print(shown)


def query_result(result: api.QueryResult) -> None:
    """A SELECT's rows as a table, with their number."""
    shown = Table(show_lines=False)
    for v in result.variables:
        shown.add_column(v, overflow="fold")
    for row in result.rows:
        shown.add_row(*["" if x is None else str(x) for x in row])
    out.print(shown)
    out.print(f"{len(result.rows)} row(s)")


STATS_TABLES = (
    ("counts", "Nodes per class", ("class", "count")),
    ("issuing", "Most active issuing authorities", ("authority", "instruments")),
    ("enforcing", "Most active enforcing authorities", ("authority", "cases")),
    ("cited", "Most cited instruments", ("instrument", "items")),
    ("pagerank_instruments", "PageRank: instruments", ("instrument", "score")),
    ("pagerank_authorities", "PageRank: authorities", ("authority", "score")),
    ("betweenness_authorities", "Betweenness: authorities", ("authority", "score")),
)


def stats(result: api.Stats) -> None:
    """Every table of `kg stats`, the components, and the authority hierarchy as a tree."""
    from rich.tree import Tree

    for key, title, cols in STATS_TABLES:
        table(title, cols, getattr(result, key))
    comps = result.components
    out.print(f"Connected components: {len(comps)}; largest sizes {comps[:5]}")
    tree = Tree("Authority hierarchy (bodies named in the newsletters)")
    branches: dict[str, Tree] = {}
    for child, parent in sorted(result.hierarchy, key=lambda r: (r[1], r[0])):
        if parent not in branches:
            branches[parent] = tree.add(parent)
        branches[parent].add(child)
    out.print(tree)
