"""`make bench`: how kg's cost grows from ten newsletters to ten thousand.

For each corpus size N, in one run:
- stage rates, in this process on the first `SAMPLE` newsletters (after one untimed), one stage
  at a time: reading (items/s), spaCy's stock English tokenizer, kg's own tokenizer and kg's
  extraction on the same text (words/s), linking, RDF (quads/s) and the store's bulk load of
  those quads (quads/s);
- end to end, `kg build --fresh --jobs JOBS` in a child process, as a user runs it: wall time,
  peak memory of the whole process tree, store size on disk;
- every saved query on that store (median and 95th percentile over repeats), and for small N
  the same queries on rdflib's in-memory graph;
- for the largest N, `kg add` of one new newsletter to that store, and a bulk load of 1M quads.
The results table is written into tests/benchmarks/README.md between the bench markers.

Environment: KG_BENCH_SIZES (corpus sizes, default 10,100,1000,10000), KG_BENCH_JOBS (build
workers, default 2), KG_BENCH_TMP (scratch folder, created when missing; default the system's
temporary folder), KG_BENCH_SERVE=0 (leave out the `kg serve` comparison of serve.py).
"""

from __future__ import annotations

import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "tests" / "benchmarks" / "README.md"
RESULTS = ROOT / "tests" / "benchmarks" / "results.json"
SIZES = [int(x) for x in os.environ.get("KG_BENCH_SIZES", "10,100,1000,10000").split(",")]
JOBS = int(os.environ.get("KG_BENCH_JOBS", "2"))
SERVE = os.environ.get("KG_BENCH_SERVE", "1") != "0"
SAMPLE = 300
RDFLIB_MAX_N = 100
REPEATS = 20
KG = [sys.executable, "-m", "kg.cli"]
# Parameterised saved queries are timed as people run them: with a value bound.
BINDINGS = {
    "provenance": {"entity": "https://w3id.org/cnkg/id/authority/cac"},
    "cases-against-respondent": {"respondent": "company"},
    "instruments-by-authority": {"authorityIri": "https://w3id.org/cnkg/id/authority/cac"},
    "cases-under-law": {"lawName": "Cybersecurity Law"},
    "newsletter-contents": {"fileName": "bench_00003.txt"},
}
# Listings that page by month (and fines by year) are timed on the corpus's latest month or
# year, as a reader pages through them; at the largest N the whole corpus is timed too.
PAGED = {name: "month" for name in (
    "app-batches", "cases-against-respondent", "cases-under-law", "based-on-core-laws",
    "provenance", "drafts-without-final", "finals-and-drafts", "cross-border-timeline",
    "joint-issuance")} | {"fines-by-authority-year": "inYear"}


def scratch_dir() -> str | None:
    """KG_BENCH_TMP as an absolute path, created when missing (None: the system's default).

    Absolute, because the builds run as child processes in their own working folder; created
    here, so that a missing folder is made rather than failing a run half-way.
    """
    value = os.environ.get("KG_BENCH_TMP")
    if not value:
        return None
    folder = Path(value).expanduser().resolve()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        sys.exit(f"bench: KG_BENCH_TMP={value}: cannot create it: {err.strerror or err}")
    if not os.access(folder, os.W_OK | os.X_OK):
        sys.exit(f"bench: KG_BENCH_TMP={value}: not a writable folder")
    return str(folder)


def bindings_for(store: Any) -> dict[str, dict]:
    """BINDINGS, plus the latest month (or year) for the paged listings."""
    from kg.store import load_saved, run_query

    months = [row[0] for row in run_query(store, load_saved("items-per-month")).rows]
    out = {name: dict(b) for name, b in BINDINGS.items()}
    if months:
        latest = max(months)
        for name, param in PAGED.items():
            out.setdefault(name, {})[param] = latest if param == "month" else latest[:4]
    return out


def stage_rates(paths: list[Path], workdir: Path) -> dict:
    """Each stage timed alone on the same newsletters, so the rates can be compared."""
    from kg.graph import newsletter_quads
    from kg.ingest import read_file
    from kg.pipeline import Pipeline
    from kg.store import Encoded, GraphStore, encode_for_bulk, to_ox_quads

    t = time.perf_counter()
    builder = Pipeline()
    setup_s = time.perf_counter() - t
    import spacy

    # spaCy's stock English tokenizer is the floor the target is set against; kg's own
    # (the same splits, with its cache kept on: see kg.extract.pipeline) is timed beside it.
    stock = spacy.blank("en").tokenizer
    tokenizer = builder.extractor.nlp.tokenizer
    # One newsletter through every stage first, untimed: one-off costs (lazy imports, compiled
    # patterns, the vocabulary's first words) are not a rate, and at N=10 they were a tenth.
    warm = read_file(paths[0])
    list(stock.pipe(it.text for it in warm.items))
    list(tokenizer.pipe(it.text for it in warm.items))
    list(to_ox_quads(newsletter_quads(warm, [builder.linker.link(e) for e in
                                             builder.extractor.extract(warm)])))
    read_s = extract_s = link_s = rdf_s = token_s = stock_s = 0.0
    items = words = quads = 0
    chunks = []
    for path in paths:
        t = time.perf_counter()
        doc = read_file(path)
        read_s += time.perf_counter() - t
        items += len(doc.items)
        words += sum(len(it.text.split()) for it in doc.items)
        t = time.perf_counter()
        for _ in stock.pipe(it.text for it in doc.items):
            pass
        stock_s += time.perf_counter() - t
        t = time.perf_counter()
        for _ in tokenizer.pipe(it.text for it in doc.items):
            pass
        token_s += time.perf_counter() - t
        t = time.perf_counter()
        extractions = builder.extractor.extract(doc)
        extract_s += time.perf_counter() - t
        t = time.perf_counter()
        linked = [builder.linker.link(e) for e in extractions]
        link_s += time.perf_counter() - t
        t = time.perf_counter()
        q = list(to_ox_quads(newsletter_quads(doc, linked)))
        rdf_s += time.perf_counter() - t
        quads += len(q)
        chunks.append(encode_for_bulk(q))
    store = GraphStore(workdir / "load-store")
    t = time.perf_counter()
    store.bulk_add(Encoded.join(chunks))
    store.flush()
    load_s = time.perf_counter() - t
    store.close()
    shutil.rmtree(workdir / "load-store")
    return {
        "sample": len(paths), "setup_s": round(setup_s, 2),
        "read_items_per_s": round(items / read_s), "extract_words_per_s": round(words / extract_s),
        "tokenizer_words_per_s": round(words / stock_s),
        "extract_vs_tokenizer": round(stock_s / extract_s, 3),
        "kg_tokenizer_words_per_s": round(words / token_s),
        "extract_vs_kg_tokenizer": round(token_s / extract_s, 3),
        "link_ms_per_newsletter": round(link_s * 1000 / len(paths), 2),
        "rdf_quads_per_s": round(quads / rdf_s), "load_quads_per_s": round(quads / load_s),
        "quads_per_newsletter": round(quads / len(paths)),
    }


def run_tree(cmd: list[str], **kw) -> tuple[float, int, subprocess.CompletedProcess]:  # noqa: ANN003
    """Run a command; return wall seconds and the peak RSS (MB) of it and its children."""
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kw)
    peak = [0]
    done = threading.Event()

    def sample() -> None:
        while not done.wait(0.5):
            peak[0] = max(peak[0], _tree_rss(proc.pid))

    watcher = threading.Thread(target=sample, daemon=True)
    t = time.perf_counter()
    watcher.start()
    out, errs = proc.communicate()
    wall = time.perf_counter() - t
    done.set()
    watcher.join()
    return wall, peak[0] // 1024, subprocess.CompletedProcess(cmd, proc.returncode, out, errs)


def _tree_rss(root: int) -> int:
    """Resident KB of a process and its descendants, following /proc/PID/task/*/children
    (cheap enough to sample every half second without stealing the build's CPU)."""
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            status = Path(f"/proc/{pid}/status").read_text()
            total += next((int(ln.split()[1]) for ln in status.splitlines()
                           if ln.startswith("VmRSS")), 0)
            for task in Path(f"/proc/{pid}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except (OSError, ValueError):
            continue
    return total


def measure(n: int, workdir: Path, last: bool) -> dict:
    """One corpus size: stage rates, the end-to-end build, then the saved queries."""
    from kg.store import GraphStore, list_saved, load_saved, run_query

    from .corpus import write_corpus

    paths = write_corpus(workdir / "corpus", n)
    result = {"n": n, "jobs": JOBS, **stage_rates(paths[:SAMPLE], workdir)}
    store_dir = workdir / "store"
    wall, peak, proc = run_tree([*KG, "build", str(workdir / "corpus"), "--store", str(store_dir),
                                 "--fresh", "--jobs", str(JOBS), "--no-dump"], cwd=workdir)
    if proc.returncode != 0:
        raise RuntimeError(f"kg build failed: {proc.stderr[-2000:]}")
    store = GraphStore(store_dir, read_only=True)
    added = re.search(r"(\d+) quads added", proc.stdout)
    result.update({
        "total_s": round(wall, 1), "peak_rss_mb": peak,
        "quads": int(added.group(1)) if added else None,
        "store_mb": round(sum(f.stat().st_size for f in store_dir.rglob("*") if f.is_file())
                          / 1e6, 1),
        "items": len(run_query(store, "SELECT ?i WHERE { ?i a kg:NewsItem }").rows),
    })
    bindings = bindings_for(store)
    result["queries"] = latencies = {name: _time_query(store, load_saved(name),
                                                       bindings.get(name))
                                     for name in list_saved()}
    result["bindings"] = {name: bindings[name] for name in sorted(PAGED) if name in bindings}
    if last:
        result["whole_corpus"] = {name: _time_query(store, load_saved(name), BINDINGS.get(name),
                                                    repeats=3) for name in sorted(PAGED)}
    if n <= RDFLIB_MAX_N:
        result["rdflib_ratio"] = _rdflib_ratio(store, latencies, bindings)
    store.close()
    if last:
        result["add_one_s"] = _add_one(workdir, store_dir)
        result["load_1m"] = _load_million(store_dir, workdir)
    return result


ADD_REPEATS = 5


def _add_one(workdir: Path, store_dir: Path) -> dict:
    """`kg add` of one newsletter the store has not seen, wall time including start-up.

    Timed ADD_REPEATS times (each add is undone with `kg remove`); the median is reported.
    kg's modules are byte-compiled first, as an installed package is: with
    PYTHONDONTWRITEBYTECODE set, every run would otherwise compile them from source.
    """
    import compileall

    from .corpus import write_corpus

    compileall.compile_dir(ROOT / "kg", quiet=1)
    extra = write_corpus(workdir / "extra", 1, seed=99)
    times = []
    for _ in range(ADD_REPEATS):
        wall, _, proc = run_tree([*KG, "add", str(extra[0]), "--store", str(store_dir)],
                                 cwd=workdir)
        if proc.returncode != 0 or "added 1" not in proc.stdout:
            raise RuntimeError(f"kg add failed: {proc.stdout[-500:]} {proc.stderr[-2000:]}")
        times.append(wall)
        undo = subprocess.run([*KG, "remove", str(extra[0]), "--store", str(store_dir)],
                              cwd=workdir, capture_output=True, text=True)
        if undo.returncode != 0:
            raise RuntimeError(f"kg remove failed: {undo.stderr[-2000:]}")
    return {"median_s": round(statistics.median(times), 2), "max_s": round(max(times), 2),
            "runs": len(times)}


def _load_million(store_dir: Path, workdir: Path) -> dict:
    """Bulk-load the first million quads of the built store's newsletters into new stores.

    kg_s: as kg loads them (`bulk_add`: every triple into the merged graph, and those about
    shared entities into the newsletter's named graph too). triples_s / triples_one_s: the same
    million as plain triples into one graph, in two halves side by side / in one load: what the
    store itself does with 1M triples.
    """
    import itertools
    from concurrent.futures import ThreadPoolExecutor

    import pyoxigraph as ox

    from kg.store import GraphStore, encode_for_bulk
    from kg.store.bulk import halves as split_in_two

    src = GraphStore(store_dir, read_only=True)
    quads = list(itertools.islice(_newsletter_quads(src), 1_000_000))
    src.close()
    out = {"quads": len(quads)}
    data = encode_for_bulk(quads)
    del quads

    def triples(halves: int) -> None:
        raw = ox.Store(str(workdir / f"m-triples-{halves}"))
        parts = split_in_two(data.merged) if halves == 2 else [data.merged]
        with ThreadPoolExecutor(max_workers=len(parts)) as pool:
            for done in [pool.submit(raw.bulk_load, p, format=ox.RdfFormat.N_TRIPLES,
                                     lenient=True) for p in parts]:
                done.result()
        raw.flush()

    def kg() -> None:
        target = GraphStore(workdir / "m-kg")
        target.bulk_add(data)
        target.flush()

    for key, load in (("kg_s", kg), ("triples_s", lambda: triples(2)),
                      ("triples_one_s", lambda: triples(1))):
        t = time.perf_counter()
        load()
        out[key] = round(time.perf_counter() - t, 2)
    return out


def _newsletter_quads(store: Any) -> Iterator[Any]:
    """Every newsletter's quads as the builder made them, read back from a built store: its
    named graph, plus the merged-graph triples of its own nodes."""
    import pyoxigraph as ox

    for graph in store.named_graphs():
        if "/newsletter/" not in graph:
            continue
        g = ox.NamedNode(graph)
        yield from store.oxigraph.quads_for_pattern(None, None, None, g)
        for t in store.own_triples(graph):
            yield ox.Quad(t.subject, t.predicate, t.object, g)


def jobs_comparison(n: int, workdir: Path) -> dict:
    """Wall time of `kg build --fresh` with --jobs 1 and --jobs 2 on the same corpus."""
    from .corpus import write_corpus

    write_corpus(workdir / "corpus", n)
    out = {"n": n}
    for jobs in (1, 2):
        wall, _, proc = run_tree([*KG, "build", str(workdir / "corpus"), "--store",
                                  str(workdir / f"store{jobs}"), "--fresh", "--jobs", str(jobs),
                                  "--no-dump"], cwd=workdir)
        if proc.returncode != 0:
            raise RuntimeError(proc.stderr[-2000:])
        out[f"jobs{jobs}_s"] = round(wall, 2)
    out["speedup"] = round(out["jobs1_s"] / out["jobs2_s"], 2)
    return out


def query_startup() -> float:
    """Median wall time of `kg query --saved` on the seed store, imports included."""
    with tempfile.TemporaryDirectory() as tmp:
        store = Path(tmp) / "store"
        subprocess.run([*KG, "build", str(ROOT / "seeds"), "--store", str(store), "--no-dump"],
                       check=True, capture_output=True)
        times = []
        for _ in range(5):
            t = time.perf_counter()
            subprocess.run([*KG, "query", "--saved", "most-cited-laws", "--store", str(store)],
                           check=True, capture_output=True)
            times.append(time.perf_counter() - t)
    return round(statistics.median(times), 2)


def _stats(times: list[float]) -> dict:
    times = sorted(times)
    p95 = times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)]
    return {"median_ms": round(statistics.median(times) * 1000, 2),
            "p95_ms": round(p95 * 1000, 2)}


def _time_query(store: Any, text: str, bindings: dict | None, repeats: int = REPEATS) -> dict:
    from kg.store import run_query

    times: list[float] = []
    for _ in range(repeats):
        t = time.perf_counter()
        run_query(store, text, bindings)
        times.append(time.perf_counter() - t)
        if times[0] > 1.0 and len(times) >= 3:
            break  # a slow query is timed three times, not twenty
    return _stats(times)


def _rdflib_ratio(store, latencies: dict, bindings: dict) -> dict:  # noqa: ANN001
    """The same saved queries on rdflib's in-memory graph, as rdflib time / Oxigraph time."""
    import pyoxigraph as ox
    from rdflib import Dataset

    from kg.store import load_saved
    from kg.store.queries import bind_values
    from kg.vocab import PREFIXES

    # Named graphs and the merged default graph, as in the store.
    ds = Dataset()
    ds.parse(data=store.oxigraph.dump(format=ox.RdfFormat.N_QUADS).decode(), format="nquads")
    out = {}
    for name, ox_stats in latencies.items():
        times = []
        try:
            for _ in range(3):
                t = time.perf_counter()
                list(ds.query(bind_values(load_saved(name), bindings.get(name)),
                              initNs=PREFIXES))
                times.append(time.perf_counter() - t)
        except Exception:  # noqa: BLE001 - rdflib cannot run every SPARQL 1.1 query
            continue
        out[name] = round(statistics.median(times) * 1000 / max(ox_stats["median_ms"], 0.01), 1)
    return out


def _machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        model = next(ln.split(":", 1)[1].strip() for ln in Path("/proc/cpuinfo").read_text()
                     .splitlines() if ln.startswith("model name"))
        cpu = model
    except (OSError, StopIteration):
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, Python {platform.python_version()}"


def table(results: list[dict], extra: dict) -> str:
    head = ("| N | items | quads | total s | extract words/s | vs spaCy tokenizer | "
            "vs kg tokenizer | "
            "load quads/s | peak RSS MB | store MB | slowest query p95 ms (which) |")
    lines = [head, "|" + "---|" * 11]
    for r in results:
        name, slow = max(r["queries"].items(), key=lambda kv: kv[1]["p95_ms"])
        lines.append(f"| {r['n']:,} | {r['items']:,} | {r['quads']:,} | {r['total_s']} | "
                     f"{r['extract_words_per_s']:,} | {r['extract_vs_tokenizer']:.0%} | "
                     f"{r.get('extract_vs_kg_tokenizer', 0):.0%} | "
                     f"{r['load_quads_per_s']:,} | {r['peak_rss_mb']:,} | {r['store_mb']} | "
                     f"{slow['p95_ms']} ({name}) |")
    lines.append("")
    lines.append(f"`total s` is `kg build --fresh --jobs {results[-1]['jobs']} --no-dump` end to "
                 "end in a child process (start-up, extraction, bulk load, compaction, summary); "
                 "`peak RSS` is that process and its workers together; stage rates are measured "
                 f"one stage at a time on the first {SAMPLE} newsletters, after one untimed; "
                 "`vs spaCy tokenizer` is extraction's words/s against spaCy's stock English "
                 "tokenizer on the same text, `vs kg tokenizer` against kg's own tokenizer, "
                 "which splits the same but keeps spaCy's cache working.")
    if len(results) >= 2:
        slope = _slope(results)
        big = [r for r in results if r["n"] >= 1000]
        lines.append(f"Scaling exponent of total time (less start-up) against N: {slope:.2f} "
                     "over all sizes" + (
                         f", {_slope(big):.2f} from N=1,000 up" if len(big) >= 2 else "")
                     + " (1.0 is linear).")
    ratios = [r for r in results if r.get("rdflib_ratio")]
    if ratios:
        last = ratios[-1]["rdflib_ratio"]
        lines.append(f"Saved queries on rdflib's in-memory graph vs Oxigraph (same graph, "
                     f"N={ratios[-1]['n']}): median {statistics.median(last.values()):.0f}x "
                     f"slower, range {min(last.values())}x to {max(last.values())}x.")
    top = results[-1]
    p95s = sorted(q["p95_ms"] for q in top["queries"].values())
    under = sum(1 for v in p95s if v < 100)
    lines.append(f"Saved queries at N={top['n']:,}: {under} of {len(p95s)} under 100 ms at the "
                 f"95th percentile; median of the p95s {statistics.median(p95s):.0f} ms.")
    lines.append("p95 by saved query at N=" + f"{top['n']:,}: " + ", ".join(
        f"`{name}` {q['p95_ms']:,} ms" for name, q in sorted(top["queries"].items(),
                                                           key=lambda kv: kv[1]["p95_ms"])) + ".")
    if top.get("bindings"):
        lines.append("Paged listings were timed on one page: " + ", ".join(
            f"`{name}` {', '.join(f'?{k}={v}' for k, v in b.items())}"
            for name, b in top["bindings"].items()) + ".")
    if top.get("whole_corpus"):
        lines.append("The same listings over the whole corpus (no month or year bound), median: "
                     + ", ".join(f"`{name}` {q['median_ms']:,} ms"
                                 for name, q in top["whole_corpus"].items()) + ".")
    if "add_one_s" in top:
        a = top["add_one_s"]
        lines.append(f"`kg add` of one new newsletter to the N={top['n']:,} store: median "
                     f"{a['median_s']} s wall over {a['runs']} runs (slowest {a['max_s']} s), "
                     "start-up included.")
    if "load_1m" in top:
        m = top["load_1m"]
        lines.append(f"Bulk load of {m['quads']:,} quads of kg's graph into a new store: "
                     f"{m['kg_s']} s as kg loads them (the merged graph, and the named graphs' "
                     "triples about shared entities); "
                     f"the same {m['quads']:,} as plain triples into one graph: "
                     f"{m['triples_s']} s in two halves side by side, {m['triples_one_s']} s "
                     "in one load.")
    if extra.get("startup_s") is not None:
        lines.append(f"`kg query --saved most-cited-laws` on the seed store: "
                     f"{extra['startup_s']} s wall, imports included (median of 5).")
    jobs = extra.get("jobs")
    if jobs:
        lines.append(f"`kg build --fresh` of {jobs['n']} newsletters: `--jobs 1` {jobs['jobs1_s']}"
                     f" s, `--jobs 2` {jobs['jobs2_s']} s ({jobs['speedup']}x).")
    if extra.get("serve"):
        from .serve import table as serve_table

        srv = extra["serve"]
        lines += ["", f"kg serve against `oxigraph serve-read-only` on a store of "
                  f"{srv['store_newsletters']} newsletters, {srv['rounds']} rounds per level, "
                  "the servers taking turns (`serve.py`):", "", serve_table(srv)]
    return "\n".join(lines)


def _slope(results: list[dict]) -> float:
    """Least-squares slope of log(total time less start-up) against log(N)."""
    xs = [math.log(r["n"]) for r in results]
    ys = [math.log(max(r["total_s"] - r["setup_s"], 0.01)) for r in results]
    mx, my = statistics.mean(xs), statistics.mean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs)


def write_readme(results: list[dict], extra: dict, readme: Path = README) -> None:
    """Put the table between the bench markers of tests/benchmarks/README.md (appended, with
    its markers, when the file has none)."""
    text = readme.read_text(encoding="utf-8") if readme.exists() else ""
    block = (f"<!-- bench:start -->\nMeasured by `make bench` on {time.strftime('%Y-%m-%d')}, "
             f"{_machine()}.\n\n{table(results, extra)}\n<!-- bench:end -->")
    if "<!-- bench:start -->" in text:
        text = re.sub(r"<!-- bench:start -->.*?<!-- bench:end -->", lambda _: block, text,
                      flags=re.S)
    else:
        text += f"\n## Results\n\n{block}\n"
    readme.write_text(text, encoding="utf-8")


def main() -> None:
    scratch = scratch_dir()
    if len(sys.argv) == 3 and sys.argv[1] == "--jobs":
        with tempfile.TemporaryDirectory(dir=scratch) as tmp:
            print(json.dumps(jobs_comparison(int(sys.argv[2]), Path(tmp))))
        return
    if len(sys.argv) == 4 and sys.argv[1] == "--one":
        with tempfile.TemporaryDirectory(dir=scratch) as tmp:
            print(json.dumps(measure(int(sys.argv[2]), Path(tmp), sys.argv[3] == "last")))
        return
    results = []
    for n in SIZES:
        last = "last" if n == SIZES[-1] else "-"
        proc = subprocess.run([sys.executable, "-m", "tests.benchmarks.run", "--one", str(n),
                               last], cwd=ROOT, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            print(proc.stderr[-3000:], file=sys.stderr)
            sys.exit(f"bench: N={n} failed")
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        slow = max(q["p95_ms"] for q in result["queries"].values())
        print(f"N={n}: build {result['total_s']} s, peak {result['peak_rss_mb']} MB, extract "
              f"{result['extract_words_per_s']:,} words/s ({result['extract_vs_tokenizer']:.0%} "
              f"of spaCy's tokenizer, {result['extract_vs_kg_tokenizer']:.0%} of kg's), "
              f"load {result['load_quads_per_s']:,} quads/s, slowest query p95 "
              f"{slow} ms", flush=True)
        results.append(result)
        RESULTS.write_text(json.dumps({"results": results}, indent=1), encoding="utf-8")
    extra: dict = {"startup_s": query_startup()}
    # Large enough that the workers' start-up (spaCy in each) is not most of the time.
    jobs_n = min(1000, max(SIZES))
    proc = subprocess.run([sys.executable, "-m", "tests.benchmarks.run", "--jobs", str(jobs_n)],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    if proc.returncode == 0:
        extra["jobs"] = json.loads(proc.stdout.strip().splitlines()[-1])
    # kg serve against Oxigraph's own server (tests/benchmarks/serve.py), in its own process.
    proc = subprocess.run([sys.executable, "-m", "tests.benchmarks.serve", "--json"], cwd=ROOT,
                          capture_output=True, text=True, check=False) if SERVE else None
    if proc is not None and proc.returncode == 0:
        *serve_table, serve_json = proc.stdout.strip().splitlines()
        extra["serve"] = json.loads(serve_json)
        print("\n".join(serve_table))
    RESULTS.write_text(json.dumps({"results": results, **extra}, indent=1), encoding="utf-8")
    write_readme(results, extra)
    print(table(results, extra))


if __name__ == "__main__":
    shutil.disk_usage(ROOT)  # fail early on a missing checkout
    main()
