"""`make bench`: how kg's cost grows from ten newsletters to ten thousand.

For each corpus size N, in a fresh process (so peak memory is that size's own): read, extract,
link, build RDF and load the store, streaming one newsletter at a time; then time every saved
query (median and 95th percentile over repeats), and for small N the same queries on rdflib's
in-memory graph. The results table is written into README.md between the bench markers.
"""

from __future__ import annotations

import json
import math
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
README = ROOT / "README.md"
RESULTS = ROOT / "tests" / "benchmarks" / "results.json"
SIZES = [int(x) for x in os.environ.get("KG_BENCH_SIZES", "10,100,1000,10000").split(",")]
RDFLIB_MAX_N = 100
REPEATS = 20
# Parameterised saved queries are timed as people run them: with a value bound.
BINDINGS = {
    "provenance": {"entity": "https://w3id.org/cnkg/id/authority/cac"},
    "cases-against-respondent": {"respondent": "company"},
    "instruments-by-authority": {"authorityName": "Cyberspace Administration of China"},
    "cases-under-law": {"lawName": "Cybersecurity Law"},
}


def measure(n: int, workdir: Path) -> dict:
    """Run one size in this process and return its figures."""
    from kg.build import Builder, load_reference
    from kg.graph import document_graph_iri, newsletter_quads
    from kg.ingest import read_file
    from kg.store import GraphStore, list_saved, load_saved, run_query

    from .corpus import write_corpus

    corpus = workdir / "corpus"
    paths = write_corpus(corpus, n)
    store_dir = workdir / "store"
    t_start = time.perf_counter()
    builder = Builder()
    t_setup = time.perf_counter() - t_start
    store = GraphStore(store_dir)
    load_reference(store)
    read_s = extract_s = link_s = rdf_s = load_s = token_s = 0.0
    items = words = quads = 0
    tokenizer = builder.extractor.nlp.tokenizer
    for path in paths:
        t = time.perf_counter()
        doc = read_file(path)
        read_s += time.perf_counter() - t
        items += len(doc.items)
        words += sum(len(it.text.split()) for it in doc.items)
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
        q = list(newsletter_quads(doc, linked))
        rdf_s += time.perf_counter() - t
        t = time.perf_counter()
        store.add_graph(str(document_graph_iri(doc)), q)
        load_s += time.perf_counter() - t
        quads += len(q)
    store.flush()
    total_s = time.perf_counter() - t_start
    size = sum(f.stat().st_size for f in store_dir.rglob("*") if f.is_file())
    latencies = {}
    for name in list_saved():
        text = load_saved(name)
        times = []
        for _ in range(REPEATS):
            t = time.perf_counter()
            run_query(store, text, BINDINGS.get(name))
            times.append(time.perf_counter() - t)
            if times[0] > 1.0 and len(times) >= 3:
                break  # a slow query is timed three times, not twenty
        latencies[name] = _stats(times)
    rdflib_ratio = None
    if n <= RDFLIB_MAX_N:
        rdflib_ratio = _rdflib_ratio(store, latencies)
    return {
        "n": n, "items": items, "words": words, "quads": quads,
        "setup_s": round(t_setup, 2), "total_s": round(total_s, 2),
        "read_items_per_s": round(items / read_s), "extract_words_per_s": round(words / extract_s),
        "tokenizer_words_per_s": round(words / token_s),
        "extract_vs_tokenizer": round((words / extract_s) / (words / token_s), 3),
        "link_s": round(link_s, 2), "rdf_quads_per_s": round(quads / rdf_s),
        "load_quads_per_s": round(quads / load_s), "load_s": round(load_s, 2),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "store_mb": round(size / 1e6, 1), "queries": latencies, "rdflib_ratio": rdflib_ratio,
    }


def jobs_comparison(n: int, workdir: Path) -> dict:
    """Wall time of add_documents with --jobs 1 and --jobs 2 on the same corpus."""
    from kg.build import add_documents, load_reference
    from kg.store import GraphStore

    from .corpus import write_corpus

    write_corpus(workdir / "corpus", n)
    out = {}
    for jobs in (1, 2):
        store = GraphStore(workdir / f"store{jobs}")
        load_reference(store)
        t = time.perf_counter()
        add_documents(store, [workdir / "corpus"], jobs=jobs)
        out[f"jobs{jobs}_s"] = round(time.perf_counter() - t, 2)
    out["speedup"] = round(out["jobs1_s"] / out["jobs2_s"], 2)
    return out


def _stats(times: list[float]) -> dict:
    times = sorted(times)
    p95 = times[min(len(times) - 1, math.ceil(0.95 * len(times)) - 1)]
    return {"median_ms": round(statistics.median(times) * 1000, 2),
            "p95_ms": round(p95 * 1000, 2)}


def _rdflib_ratio(store, latencies: dict) -> dict:  # noqa: ANN001
    """The same saved queries on rdflib's in-memory graph, as rdflib time / Oxigraph time."""
    import pyoxigraph as ox
    from rdflib import Dataset

    from kg.store import load_saved
    from kg.store.queries import bind_values
    from kg.vocab import PREFIXES

    ds = Dataset(default_union=True)
    ds.parse(data=store.oxigraph.dump(format=ox.RdfFormat.N_QUADS).decode(), format="nquads")
    out = {}
    for name, ox_stats in latencies.items():
        times = []
        try:
            for _ in range(3):
                t = time.perf_counter()
                list(ds.query(bind_values(load_saved(name), BINDINGS.get(name)),
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


def table(results: list[dict], jobs: dict | None = None) -> str:
    head = ("| N | items | words | quads | total s | extract words/s | vs tokenizer | "
            "store load quads/s | peak RSS MB | store MB | slowest query p95 ms |")
    lines = [head, "|" + "---|" * 11]
    for r in results:
        slow = max((q["p95_ms"] for q in r["queries"].values()), default=0)
        lines.append(f"| {r['n']:,} | {r['items']:,} | {r['words']:,} | {r['quads']:,} | "
                     f"{r['total_s']} | {r['extract_words_per_s']:,} | "
                     f"{r['extract_vs_tokenizer']:.0%} | {r['load_quads_per_s']:,} | "
                     f"{r['peak_rss_mb']:,} | {r['store_mb']} | {slow} |")
    if len(results) >= 2:
        xs = [math.log(r["n"]) for r in results]
        ys = [math.log(r["total_s"] - r["setup_s"]) for r in results]
        mx, my = statistics.mean(xs), statistics.mean(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
            (x - mx) ** 2 for x in xs)
        lines.append("")
        lines.append(f"Scaling exponent of total time (less start-up) against N: {slope:.2f} "
                     "(1.0 is linear).")
    ratios = [r["rdflib_ratio"] for r in results if r.get("rdflib_ratio")]
    if ratios:
        last = ratios[-1]
        lines.append(f"Saved queries on rdflib's in-memory graph vs Oxigraph (same graph, "
                     f"N={[r['n'] for r in results if r.get('rdflib_ratio')][-1]}): median "
                     f"{statistics.median(last.values()):.0f}x slower, range "
                     f"{min(last.values())}x to {max(last.values())}x.")
    if jobs:
        lines.append(f"Extraction and load of {jobs['n']} newsletters: `--jobs 1` {jobs['jobs1_s']}"
                     f" s, `--jobs 2` {jobs['jobs2_s']} s ({jobs['speedup']}x).")
    return "\n".join(lines)


def write_readme(results: list[dict], jobs: dict | None = None) -> None:
    text = README.read_text(encoding="utf-8")
    block = (f"<!-- bench:start -->\nMeasured by `make bench` on {time.strftime('%Y-%m-%d')}, "
             f"{_machine()}.\n\n{table(results, jobs)}\n<!-- bench:end -->")
    if "<!-- bench:start -->" in text:
        text = re.sub(r"<!-- bench:start -->.*?<!-- bench:end -->", lambda _: block, text,
                      flags=re.S)
    else:
        text += f"\n## Performance\n\n{block}\n"
    README.write_text(text, encoding="utf-8")


def main() -> None:
    if len(sys.argv) == 3 and sys.argv[1] == "--jobs":
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(jobs_comparison(int(sys.argv[2]), Path(tmp))))
        return
    if len(sys.argv) == 3 and sys.argv[1] == "--one":
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(measure(int(sys.argv[2]), Path(tmp))))
        return
    results = []
    for n in SIZES:
        proc = subprocess.run([sys.executable, "-m", "tests.benchmarks.run", "--one", str(n)],
                              cwd=ROOT, capture_output=True, text=True, check=False)
        if proc.returncode != 0:
            print(proc.stderr[-2000:], file=sys.stderr)
            sys.exit(f"bench: N={n} failed")
        result = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"N={n}: total {result['total_s']} s, extract {result['extract_words_per_s']:,} "
              f"words/s ({result['extract_vs_tokenizer']:.0%} of tokenizer), load "
              f"{result['load_quads_per_s']:,} quads/s, peak {result['peak_rss_mb']} MB",
              flush=True)
        results.append(result)
        RESULTS.write_text(json.dumps(results, indent=1), encoding="utf-8")
    jobs_n = min(200, max(SIZES))
    proc = subprocess.run([sys.executable, "-m", "tests.benchmarks.run", "--jobs", str(jobs_n)],
                          cwd=ROOT, capture_output=True, text=True, check=False)
    jobs = json.loads(proc.stdout.strip().splitlines()[-1]) if proc.returncode == 0 else None
    if jobs:
        jobs["n"] = jobs_n
        results[-1]["jobs"] = jobs
    RESULTS.write_text(json.dumps(results, indent=1), encoding="utf-8")
    write_readme(results, jobs)
    print(table(results, jobs))


if __name__ == "__main__":
    shutil.disk_usage(ROOT)  # fail early on a missing checkout
    main()
