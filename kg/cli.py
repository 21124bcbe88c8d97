"""The `kg` command: one thin function per command, the work is done in the library."""

from __future__ import annotations

import json
import re
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
    # The command line is parsed; what start-up made (see main) lives on and is frozen.
    from kg.util import end_start_up

    end_start_up()


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


def _pipeline():  # noqa: ANN202 - (Extractor, Linker)
    """The extractor and linker, built once per command (spaCy loads only here)."""
    from kg.build import Builder

    builder = Builder()
    return builder.extractor, builder.linker


@app.command()
def extract(
    paths: Annotated[list[Path], typer.Argument(help="Newsletter files or directories.")],
    format: Annotated[ParseFormat, typer.Option("--format", "-f")] = ParseFormat.json,
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help="Write here.")] = None,
) -> None:
    """Extract authorities, instruments and cases, linked to IRIs, per newsletter."""
    from kg.link import document_json, link_document

    docs, failures = _read_all(paths)
    extractor, linker = _pipeline()
    results = [document_json(doc, link_document(doc, extractor, linker)) for doc in docs]
    if format is ParseFormat.json:
        _write(json.dumps(results, ensure_ascii=False, indent=2), out_file)
    else:
        for result in results:
            _print_extraction(result)
    if failures:
        raise typer.Exit(1)


def _print_extraction(result: dict) -> None:
    table = Table(title=f"{result['file']}  ·  issue {result['issue'] or '?'}",
                  title_justify="left", show_lines=True)
    table.add_column("#", justify="right", no_wrap=True)
    table.add_column("date", no_wrap=True)
    table.add_column("authorities", max_width=34)
    table.add_column("instruments (status; issuers)", max_width=60)
    table.add_column("case", max_width=40)
    for n, item in enumerate(result["items"], start=1):
        instruments = "\n".join(
            f"{i['title']} ({i['status']}{'; ' + ', '.join(i['issuers']) if i['issuers'] else ''})"
            for i in item["instruments"])
        cases = item.get("cases") or ([item["case"]] if item.get("case") else [])
        case_text = "\n".join(
            f"{c['authority'] or '?'} -> {c['respondent']}: {', '.join(c['actions']) or '-'}"
            + (f"; {c['fine']['value']:,.0f} {c['fine']['currency']}" if c.get("fine") else "")
            for c in cases)
        table.add_row(str(item["number"] or n), item["date"] or "-",
                      "\n".join(item["authorities"]), instruments, case_text)
    out.print(table)


@app.command()
def evaluate(
    gold_dir: Annotated[Path, typer.Argument(help="Folder of gold JSON files.")],
    against: Annotated[list[Path] | None, typer.Option(
        "--against", help="Newsletters to extract (default: seeds/).")] = None,
    verbose: Annotated[bool, typer.Option("--verbose", "-v",
                                          help="List misses and false hits.")] = False,
) -> None:
    """Precision, recall and F1 of the extraction against gold, by the gold scorer's rules."""
    from kg.evaluate import evaluate_extraction, extract_as_scored, find_text, load_gold
    from kg.ingest import ReadError

    if not gold_dir.is_dir():
        raise fail(f"{gold_dir}: not a folder of gold JSON files")
    try:
        gold = load_gold(gold_dir)
    except (OSError, ValueError) as exc:
        raise fail(f"{gold_dir}: cannot read gold files ({exc})") from exc
    if not gold:
        raise fail(f"{gold_dir}: no gold .json files")
    texts = against or [Path("seeds")]
    extractor, linker = _pipeline()
    predictions: dict[str, dict] = {}
    failures = 0
    for doc in gold:
        src = find_text(doc["file"], texts)
        if src is None:
            err.print(f"skip {doc['file']}: no such text in {', '.join(map(str, texts))}",
                      markup=False, highlight=False)
            continue
        try:  # a text that cannot be read or extracted scores as an empty prediction
            predictions[doc["file"]] = extract_as_scored(src, extractor, linker)
        except (ReadError, OSError) as exc:
            predictions[doc["file"]] = {}
            err.print(f"kg: error: {exc}", markup=False, highlight=False)
        except Exception as exc:  # a crash on one text fails that text only
            predictions[doc["file"]] = {}
            err.print(f"kg: error: {src}: extraction failed ({exc!r})", markup=False,
                      highlight=False)
        failures += not predictions[doc["file"]]
    report = evaluate_extraction(gold, predictions)
    table = Table(title=f"Extraction against {gold_dir} ({len(predictions)} documents)",
                  title_justify="left")
    for col in ("field", "P", "R", "F1", "tp", "fp", "fn"):
        table.add_column(col, justify="left" if col == "field" else "right")
    for name, p, r, f1, tp, fp, fn in report.rows():
        table.add_row(name, f"{p:.3f}", f"{r:.3f}", f"{f1:.3f}", str(tp), str(fp), str(fn))
    out.print(table)
    if verbose:
        for name, score in report.scores.items():
            for miss in score.misses:
                out.print(f"[red]miss[/red] {name}: {miss}", highlight=False)
            for hit in score.false_hits:
                out.print(f"[yellow]false[/yellow] {name}: {hit}", highlight=False)
    out.print(f"docs_failed={failures} docs_skipped={len(gold) - len(predictions)}",
              highlight=False)
    if failures:
        raise typer.Exit(1)


StoreOpt = Annotated[Path, typer.Option("--store", "-s", help="Store folder.")]
DEFAULT_STORE = Path("build/store")


def _open_store(path: Path, read_only: bool = False):  # noqa: ANN202 - GraphStore
    from kg.store import GraphStore, StoreError

    old = path.with_name(path.name + ".old")
    if not path.exists() and old.is_dir():
        old.rename(path)  # a `build --fresh` killed between its two renames: put the old back
    try:
        return GraphStore(path, read_only=read_only)
    except StoreError as exc:
        raise fail(str(exc)) from exc


def _dump_path(store: Path) -> Path:
    return store.parent / f"{store.name}.trig"


def _refresh_dump(gs, store: Path, dump: bool) -> None:  # noqa: ANN001 - GraphStore
    """Rewrite the dump, or delete it: a dump that no longer matches the store misleads."""
    if dump:
        gs.dump(_dump_path(store))
    else:
        _dump_path(store).unlink(missing_ok=True)


@app.command()
def build(
    paths: Annotated[list[Path], typer.Argument(help="Newsletter files or directories.")],
    store: StoreOpt = DEFAULT_STORE,
    fresh: Annotated[bool, typer.Option("--fresh", help="Start from an empty store.")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1,
                                      help="Extract in this many processes.")] = 1,
    dump: Annotated[bool, typer.Option("--dump/--no-dump",
                                       help="Also write the store as TriG beside it.")] = True,
) -> None:
    """Build the graph: ontology, reference data and every newsletter, into a store.

    With --fresh (or when there is no store yet) the new store is built beside the old one,
    bulk-loaded in large batches, and swapped in only when complete, so an interrupted build
    never leaves you without a store. Without it, each new newsletter is one transaction.
    """
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from kg.build import Builder, add_documents, load_reference
    from kg.ingest import ReadError, iter_paths

    entries = list(iter_paths(paths))
    files = [e for e in entries if not isinstance(e, ReadError)]
    if not files:
        for e in entries:
            err.print(f"kg: error: {e}", markup=False, highlight=False)
        raise fail("nothing to build: no readable newsletter among the inputs")
    target = store
    fresh = fresh or not (store / "CURRENT").exists()
    if fresh:
        import shutil

        target = store.with_name(store.name + ".new")
        shutil.rmtree(target, ignore_errors=True)
    gs = _open_store(target)
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.fields[file]}"), console=err, transient=True) as bar:
        task = bar.add_task("loading ontology", total=len(entries) + 1, file="")
        load_reference(gs)
        builder = Builder() if jobs == 1 else None
        bar.update(task, advance=1, description="extracting")

        def step(path: str, status: str) -> None:
            bar.update(task, advance=1, file=f"{Path(path).name} ({status})")

        report = add_documents(gs, paths, builder, on_file=step, jobs=jobs, bulk=fresh)
    for line in report.failed:
        err.print(f"kg: error: {line}", markup=False, highlight=False)
    gs.flush()
    if fresh:
        gs.compact()
        import shutil

        gs.close()
        old = store.with_name(store.name + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if store.exists():
            store.rename(old)
        target.rename(store)
        shutil.rmtree(old, ignore_errors=True)
        gs = _open_store(store)
    _refresh_dump(gs, store, dump)
    _print_summary(gs, report, store, dump)
    if report.failed:
        raise typer.Exit(1)


@app.command()
def add(
    paths: Annotated[list[Path], typer.Argument(help="Newsletter files or directories.")],
    store: StoreOpt = DEFAULT_STORE,
    jobs: Annotated[int, typer.Option("--jobs", "-j", min=1,
                                      help="Extract in this many processes.")] = 1,
    dump: Annotated[bool, typer.Option("--dump/--no-dump",
                                       help="Rewrite the TriG dump beside the store "
                                       "(without it a dump there, now stale, is "
                                       "deleted).")] = False,
) -> None:
    """Add newsletters to an existing store; a file already there (same sha256) is skipped.

    Each newsletter is one transaction, so an interrupted add leaves whole newsletters only.
    """
    from kg.build import add_documents
    from kg.store import ONTOLOGY_GRAPH

    gs = _open_store(store)
    if not gs.has_graph(ONTOLOGY_GRAPH):  # listing 10k named graphs took 0.5 s
        from kg.build import load_reference

        load_reference(gs)
    report = add_documents(gs, paths, jobs=jobs)
    for line in report.failed:
        err.print(f"kg: error: {line}", markup=False, highlight=False)
    _refresh_dump(gs, store, dump)
    out.print(f"added {len(report.added)}, unchanged {len(report.unchanged)}, "
              f"failed {len(report.failed)}; {report.quads} quads written to {store}")
    if report.failed:
        raise typer.Exit(1)


@app.command()
def remove(
    paths: Annotated[list[Path], typer.Argument(help="Newsletter files to take out.")],
    store: StoreOpt = DEFAULT_STORE,
    dump: Annotated[bool, typer.Option("--dump/--no-dump",
                                       help="Rewrite the TriG dump beside the store "
                                       "(without it a dump there, now stale, is "
                                       "deleted).")] = False,
) -> None:
    """Remove exactly the facts these newsletters added."""
    from kg.build import remove_documents

    gs = _open_store(store)
    report = remove_documents(gs, paths)
    for line in report.failed:
        err.print(f"kg: error: {line}", markup=False, highlight=False)
    _refresh_dump(gs, store, dump)
    out.print(f"removed {len(report.removed)} newsletter(s), {report.quads} quads; "
              f"{len(report.unchanged)} not in the store")
    if report.failed:
        raise typer.Exit(1)


# Builds that add more newsletters than this skip the rankings in their summary.
SUMMARY_RANKINGS_MAX = 1000


def _print_summary(gs, report, store: Path, dump: bool) -> None:  # noqa: ANN001
    from kg.store import ONTOLOGY_GRAPH, run_query

    out.print(f"[bold]Built {store}[/bold]: {len(report.added)} newsletter(s) added, "
              f"{len(report.unchanged)} unchanged, {len(report.failed)} failed; "
              f"{report.quads} quads added; {len(gs.named_graphs())} named graphs in the store"
              + (f"; dump: {_dump_path(store)}" if dump else ""))
    # Per class of the ontology, its members in the merged graph less those the reference data
    # types (the merged graph holds every reference triple too): one index range per class,
    # where testing every typed node against the reference graph took 5.7 s at 10k newsletters.
    counts = run_query(gs, f"""
        SELECT ?class (?all - COALESCE(?ref, 0) AS ?n) WHERE {{
          GRAPH <{ONTOLOGY_GRAPH}> {{ ?class a owl:Class }}
          FILTER(STRSTARTS(STR(?class), STR(kg:)))
          LATERAL {{ SELECT ?class (COUNT(*) AS ?all) WHERE {{ ?x a ?class }} GROUP BY ?class }}
          LATERAL {{ OPTIONAL {{ SELECT ?class (COUNT(*) AS ?ref)
                                 WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?y a ?class }} }}
                                 GROUP BY ?class }} }}
          FILTER(?all > COALESCE(?ref, 0))
        }} ORDER BY DESC(?n) ?class""")
    table = Table(title="Extracted, by class", title_justify="left")
    table.add_column("class")
    table.add_column("count", justify="right")
    for cls, n in counts.rows:
        table.add_row(cls.split("#")[-1], str(n))
    out.print(table)
    if len(report.added) > SUMMARY_RANKINGS_MAX:
        # Ranking every mention of 10,000 newsletters takes half a minute; kg stats does it.
        out.print("Most mentioned authorities and most cited instruments: `kg stats`.")
        return
    from kg.viz.analytics import CITED, MENTIONED

    for title, sparql in (("Most mentioned authorities", MENTIONED),
                          ("Most cited instruments", CITED)):
        rows = run_query(gs, sparql).rows
        table = Table(title=title, title_justify="left")
        table.add_column("name", max_width=90)
        table.add_column("items", justify="right")
        for name, n in rows:
            table.add_row(str(name), str(n))
        out.print(table)


class QueryFormat(StrEnum):
    table = "table"
    csv = "csv"
    tsv = "tsv"
    json = "json"
    ttl = "ttl"


@app.command()
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
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help="Write here.")] = None,
) -> None:
    """Ask the graph in SPARQL (SELECT, ASK, CONSTRUCT, DESCRIBE); ontology prefixes declared.

    ASK prints true or false; CONSTRUCT and DESCRIBE print RDF (Turtle, or JSON-LD with
    --format json), from the store or from any server.
    """
    from kg.store import QueryError, list_saved, load_saved, run_query

    if list_:
        table = Table(title="Saved queries (kg query --saved NAME)", title_justify="left")
        table.add_column("name", no_wrap=True)
        table.add_column("what it answers")
        for name, doc in list_saved().items():
            table.add_row(name, doc)
        out.print(table)
        return
    given = [x for x in (sparql, file, saved) if x]
    if len(given) != 1:
        raise fail("give exactly one of: a query, -f FILE, --saved NAME (or --list)", 2)
    try:
        if file is not None:
            try:
                text = file.read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                raise fail(f"{file}: cannot read query ({exc})") from exc
        elif saved is not None:
            text = load_saved(saved)
        else:
            text = sparql or ""
        bindings = {}
        for pair in bind or []:
            name, sep, value = pair.partition("=")
            if not sep:
                raise fail(f"--bind {pair!r}: expected NAME=VALUE", 2)
            bindings[name.lstrip("?$")] = value
        if endpoint:
            from kg.store.remote import RemoteStore

            result = run_query(RemoteStore(endpoint), text, bindings)
        else:
            result = run_query(_open_store(store, read_only=True), text, bindings)
    except QueryError as exc:
        raise fail(f"{file or saved or 'query'}: {exc}") from exc
    if format is QueryFormat.table and result.kind != "select":
        format = QueryFormat.csv if result.kind == "ask" else QueryFormat.ttl
    if format is QueryFormat.table:
        table = Table(show_lines=False)
        for v in result.variables:
            table.add_column(v, overflow="fold")
        for row in result.rows:
            table.add_row(*["" if x is None else str(x) for x in row])
        out.print(table)
        out.print(f"{len(result.rows)} row(s)")
        return
    _write(result.serialize(format.value), out_file)


@app.command()
def validate(
    graph: Annotated[Path | None, typer.Argument(
        help="A Turtle/TriG/N-Triples file (default: the ontology and reference data).")] = None,
    store: Annotated[Path | None, typer.Option("--store", "-s",
                                               help="Validate a built store instead.")] = None,
) -> None:
    """Check a graph against the SHACL shapes in ontology/shapes.ttl."""
    from kg.validate import validate_file, validate_graph

    if graph is not None and not graph.is_file():
        raise fail(f"{graph}: no such file")
    try:
        if store is not None:
            import tempfile

            gs = _open_store(store, read_only=True)
            with tempfile.TemporaryDirectory() as tmp:
                dump = Path(tmp) / "store.trig"
                gs.dump(dump)
                conforms, text = validate_file(dump)
            what = str(store)
        elif graph is not None:
            conforms, text = validate_file(graph)
            what = str(graph)
        else:
            conforms, text = validate_graph()
            what = "ontology and reference data"
    except Exception as exc:  # noqa: BLE001 - any parse error becomes one line
        raise fail(f"{graph or store or 'ontology'}: cannot validate "
                   f"({str(exc).splitlines()[0] if str(exc) else type(exc).__name__})") from exc
    if conforms:
        out.print(f"{what}: conforms to ontology/shapes.ttl")
        return
    out.print(text, markup=False, highlight=False)
    raise fail(f"{what}: does not conform to ontology/shapes.ttl")


@app.command()
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
    from kg.serve import ServeConfig, make_server
    from kg.store import StoreError

    gs = _open_store(store, read_only=True)
    config = ServeConfig(timeout=timeout, max_rows=max_rows, max_request_bytes=max_request_bytes,
                         queue=queue, max_memory_mb=max_memory_mb, cors=cors)
    if workers is not None:
        config.workers = workers
    try:
        server = make_server(gs, host, port, config)
    except StoreError as exc:
        raise fail(str(exc)) from exc
    except OSError as exc:
        raise fail(f"{host}:{port}: cannot listen ({exc.strerror or exc})") from exc
    bound = f"http://{server.server_address[0]}:{server.server_address[1]}"
    err.print(f"kg serve: {bound}/sparql (query page {bound}/), read-only, {config.workers} "
              "query processes, Ctrl-C to stop", markup=False, highlight=False)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


class ExportFormat(StrEnum):
    ttl = "ttl"
    nt = "nt"
    nq = "nq"
    trig = "trig"
    jsonld = "jsonld"
    graphml = "graphml"
    gexf = "gexf"
    csv = "csv"


@app.command()
def export(
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.ttl,
    store: StoreOpt = DEFAULT_STORE,
    out_file: Annotated[Path | None, typer.Option("--out", "-o", help="Write here.")] = None,
) -> None:
    """Export the graph: RDF (ttl, nt, nq, trig, jsonld), Gephi (graphml, gexf), or cases CSV."""
    from kg.store.export import export as run_export

    data = run_export(_open_store(store, read_only=True), format.value)
    if out_file is None:
        sys.stdout.buffer.write(data)
    else:
        from kg.util import atomic_write_bytes

        atomic_write_bytes(out_file, data)


@app.command()
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
    from kg.store import QueryError
    from kg.store.remote import MERGED_GRAPH, SERVERS, server_urls
    from kg.store.remote import push as run_push

    if server is not None and server not in SERVERS:
        raise fail(f"--server {server!r}: expected one of {', '.join(SERVERS)}", 2)
    if via not in ("auto", "graph-store", "update"):
        raise fail(f"--via {via!r}: expected auto, graph-store or update", 2)
    gs = _open_store(store, read_only=True)
    try:
        report = run_push(gs, server_urls(endpoint, server, graph_store, update), via)
    except QueryError as exc:
        raise fail(str(exc)) from exc
    target = report.server.graph_store if report.via == "graph-store" else report.server.update
    out.print(f"pushed to {target} ({report.server.kind}, {report.via}): "
              f"{len(report.written)} graph(s) written ({sum(report.written.values())} triples), "
              f"{len(report.deleted)} deleted, {report.unchanged} unchanged. The merged graph is "
              f"<{MERGED_GRAPH}>; query it with: kg query --endpoint {endpoint} ...",
              markup=False, highlight=False)


@app.command()
def viz(
    store: StoreOpt = DEFAULT_STORE,
    out_file: Annotated[Path, typer.Option("--out", "-o", help="HTML file to write.")] = Path(
        "build/graph.html"),
    focus: Annotated[str | None, typer.Option("--focus", help="An IRI or a name.")] = None,
    hops: Annotated[int, typer.Option("--hops", min=1)] = 1,
    query: Annotated[Path | None, typer.Option("--query", help="Draw a SELECT's IRIs.")] = None,
    since: Annotated[str | None, typer.Option("--since", help="YYYY-MM")] = None,
    types: Annotated[list[str] | None, typer.Option(
        "--types", help="Kinds to keep, e.g. law, case, 'local authority'.")] = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="Most nodes drawn.")] = 1000,
) -> None:
    """Write an interactive, offline HTML view of the graph (pyvis)."""
    from kg.util import atomic_write_text
    from kg.viz.network import KINDS, build_graph, select_view
    from kg.viz.page import render

    if since and not re.fullmatch(r"\d{4}-\d{2}", since):
        raise fail(f"--since {since!r}: expected YYYY-MM", 2)
    unknown = [t for t in types or [] if t not in KINDS]
    if unknown:
        raise fail(f"--types {', '.join(unknown)}: unknown; one of {', '.join(KINDS)}", 2)
    gs = _open_store(store, read_only=True)
    text = None
    if query is not None:
        try:
            text = query.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise fail(f"{query}: cannot read query ({exc})") from exc
    from kg.store import QueryError

    try:
        graph = build_graph(gs, text)
        view = select_view(graph, focus=focus, hops=hops, since=since, kinds=types, limit=limit)
    except KeyError as exc:
        raise fail(str(exc.args[0])) from exc
    except QueryError as exc:
        raise fail(f"{query}: {exc}") from exc
    atomic_write_text(out_file, render(view, title=f"kg: {focus or 'graph'}"))
    out.print(f"wrote {out_file}: {view.number_of_nodes()} nodes, {view.number_of_edges()} "
              f"edges (of {graph.number_of_nodes()} in the graph); open it in a browser")


@app.command()
def stats(store: StoreOpt = DEFAULT_STORE) -> None:
    """Counts, most active authorities, most cited instruments, centrality, components."""
    from rich.tree import Tree

    from kg.viz.analytics import stats as compute

    result = compute(_open_store(store, read_only=True))
    for key, title, cols in (
        ("counts", "Nodes per class", ("class", "count")),
        ("issuing", "Most active issuing authorities", ("authority", "instruments")),
        ("enforcing", "Most active enforcing authorities", ("authority", "cases")),
        ("cited", "Most cited instruments", ("instrument", "items")),
        ("pagerank_instruments", "PageRank: instruments", ("instrument", "score")),
        ("pagerank_authorities", "PageRank: authorities", ("authority", "score")),
        ("betweenness_authorities", "Betweenness: authorities", ("authority", "score")),
    ):
        table = Table(title=title, title_justify="left")
        for col in cols:
            table.add_column(col, overflow="fold")
        for name, value in result[key]:
            table.add_row(str(name), f"{value:.4f}" if isinstance(value, float) else str(value))
        out.print(table)
    comps = result["components"]
    out.print(f"Connected components: {len(comps)}; largest sizes {comps[:5]}")
    tree = Tree("Authority hierarchy (bodies named in the newsletters)")
    branches: dict[str, Tree] = {}
    for child, parent in sorted(result["hierarchy"], key=lambda r: (r[1], r[0])):
        if parent not in branches:
            branches[parent] = tree.add(parent)
        branches[parent].add(child)
    out.print(tree)


@app.command()
def plot(
    what: Annotated[str, typer.Argument(help="timeline, fines or authorities")],
    store: StoreOpt = DEFAULT_STORE,
    out_file: Annotated[Path | None, typer.Option("--out", "-o",
                                                  help="FILE.png or FILE.html")] = None,
) -> None:
    """Plot developments per month, fines by authority and year, or the authority hierarchy."""
    from kg.viz.analytics import plot as draw

    if what not in ("timeline", "fines", "authorities"):
        raise fail(f"{what!r}: plot timeline, fines or authorities", 2)
    target = out_file or Path(f"build/{what}.png")
    if target.suffix.lower() not in (".png", ".html"):
        raise fail(f"{target}: write a .png or an .html file", 2)
    draw(_open_store(store, read_only=True), what, target)
    out.print(f"wrote {target}")


def _print_document(doc) -> None:  # noqa: ANN001 - kg.ingest.Document
    counts: dict[str, int] = {}
    for item in doc.items:
        counts[item.section] = counts.get(item.section, 0) + 1
    summary = ", ".join(f"{k} {v}" for k, v in counts.items())
    table = Table(
        title=(f"{doc.file}  ·  {doc.kind}, {doc.layout} layout  ·  issue {doc.issue or '?'}  ·  "
               f"{len(doc.items)} items ({summary})"),
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
        table.add_row("" if item.number is None else str(item.number),
                      item.date or item.month or "-", item.section, item.headline)
    out.print(table)


def main() -> None:
    """Entry point that turns any unexpected exception into one line, not a traceback.

    Set KG_DEBUG=1 to see the traceback.
    """
    import gc
    import os

    # Start-up (parsing the command line imports pydantic) runs with the cyclic collector off,
    # as kg.util.long_lived explains; _root turns it back on before the command runs.
    gc.disable()
    try:
        app()
    except KeyboardInterrupt:
        err.print("kg: interrupted")
        sys.exit(130)
    except Exception as exc:  # noqa: BLE001 - the last line of defence
        if os.environ.get("KG_DEBUG"):
            raise
        first = str(exc).splitlines()[0] if str(exc) else ""
        err.print(f"kg: error: {type(exc).__name__}: {first} (KG_DEBUG=1 shows the traceback)",
                  markup=False, highlight=False)
        sys.exit(2)


if __name__ == "__main__":
    main()
