"""`kg serve` against Oxigraph's own server, on the same store and the same saved queries.

One run builds a store from seeds/ plus a synthetic corpus (KG_BENCH_SERVE_N newsletters),
starts `oxigraph serve-read-only` and `kg serve` on it, on 127.0.0.1, and sends each the same
saved-query mix from 1, 20 and 50 clients: every client opens a new connection per request,
as urllib-based clients (SPARQLWrapper, rdflib's SPARQLStore) do. Load is bounded in requests
(REQUESTS per client, ROUNDS rounds) and in time (LEVEL_SECONDS per round). The two servers
take turns round by round, so that other work on the machine weighs on both alike.

Two mixes: "all", every saved query with the bindings `make bench` uses (1-30 ms each on this
store: the query engine weighs most), and "light", the saved queries that take under 2 ms,
where the server's own cost per request decides the rate.

    python -m tests.benchmarks.serve              # print the table, store it in results.json
    python -m tests.benchmarks.serve --store DIR  # on a store built already
    python -m tests.benchmarks.serve --json       # print it as JSON too (run.py does this)
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
RESULTS = ROOT / "tests" / "benchmarks" / "results.json"
N = int(os.environ.get("KG_BENCH_SERVE_N", "100"))
CLIENTS = [int(x) for x in os.environ.get("KG_BENCH_SERVE_CLIENTS", "1,20,50").split(",")]
REQUESTS = int(os.environ.get("KG_BENCH_SERVE_REQUESTS", "20"))  # per client
ROUNDS = int(os.environ.get("KG_BENCH_SERVE_ROUNDS", "5"))
LEVEL_SECONDS = 60.0  # a round stops early (and says so) past this
LIGHT_MS = 2.0
ACCEPT = "application/sparql-results+json"
_MARK = re.compile(r"[ \t]*#\s*(?:only if|unless) [?$]\w+[ \t]*$", re.M)


def build_store(workdir: Path, n: int = N) -> Path:
    """seeds/ plus n synthetic newsletters, bulk-loaded and compacted as `kg build` does."""
    from kg.pipeline import Pipeline, add_documents
    from kg.store import GraphStore, load_reference

    from .corpus import write_corpus

    corpus = workdir / "corpus"
    write_corpus(corpus, n)
    path = workdir / "store"
    store = GraphStore(path)
    load_reference(store)
    jobs = min(2, os.cpu_count() or 1)
    add_documents(store, [corpus, ROOT / "seeds"], Pipeline() if jobs == 1 else None,
                  jobs=jobs, bulk=True)
    store.flush()
    store.compact()
    store.close()
    return path


def query_mix(store_dir: Path) -> dict[str, list[tuple[str, str, float]]]:
    """(name, self-contained query text, ms in process) per mix: PREFIX lines are written
    out so that Oxigraph's server, which declares none, runs the same text."""
    from kg.store import GraphStore, list_saved, load_saved
    from kg.store.queries import bind_values
    from kg.vocab import PREFIXES

    from .run import bindings_for

    store = GraphStore(store_dir, read_only=True)
    bindings = bindings_for(store)
    head = "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())
    out = []
    for name in list_saved():
        # The `# only if ?x` marks have done their work: dropped, so that kg, which would
        # apply them again, runs the very text Oxigraph runs.
        text = _MARK.sub("", head + bind_values(load_saved(name), bindings.get(name)))
        times = []
        for _ in range(3):  # CPU time, least of three: what other work on the machine moves least
            start = time.thread_time()
            for _row in store.query(text):
                pass
            times.append(time.thread_time() - start)
        out.append((name, text, min(times) * 1000))
    store.close()
    return {"all": out, "light": [q for q in out if q[2] < LIGHT_MS]}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_up(url: str, proc: subprocess.Popen, seconds: float = 30.0) -> None:
    """Wait until `url` answers: both servers open the store before they listen or answer."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}: {url}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server not up after {seconds} s: {url}")


def start_oxigraph(store_dir: Path) -> tuple[subprocess.Popen, str]:
    """`oxigraph serve-read-only` on a free port; its process and its query URL."""
    port = free_port()
    exe = Path(sys.executable).with_name("oxigraph")
    proc = subprocess.Popen([str(exe if exe.exists() else "oxigraph"), "serve-read-only",
                             "--location", str(store_dir), "--bind", f"127.0.0.1:{port}",
                             "--timeout-s", "10"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    wait_up(f"{base}/query?query=ASK%7B%7D", proc)
    return proc, f"{base}/query"


def start_kg(store_dir: Path, *args: str) -> tuple[subprocess.Popen, str]:
    """`kg serve` as a user starts it, on a free port; its process and its query URL."""
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kg.cli", "serve", "--store", str(store_dir),
                             "--port", str(port), *args], cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    wait_up(f"{base}/health", proc)
    return proc, f"{base}/sparql"


async def _one(port: int, request: bytes) -> tuple[int, float]:
    start = time.perf_counter()
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(request)
        data = await reader.read()  # Connection: close, so to the end
        writer.close()
        status = int(data[9:12]) if data.startswith(b"HTTP/1.") else -1
    except (OSError, ValueError, asyncio.IncompleteReadError):
        status = -1
    return status, time.perf_counter() - start


async def _load(url: str, texts: list[str], clients: int, per_client: int,
                seconds: float) -> dict[str, Any]:
    parts = urllib.parse.urlsplit(url)
    requests = [(f"GET {parts.path}?{urllib.parse.urlencode({'query': t})} HTTP/1.1\r\n"
                 f"Host: {parts.netloc}\r\nAccept: {ACCEPT}\r\nConnection: close\r\n\r\n"
                 ).encode() for t in texts]
    outcomes: list[tuple[int, float]] = []
    stop = time.perf_counter() + seconds

    async def client(c: int) -> None:
        for i in range(per_client):
            if time.perf_counter() > stop:
                return
            outcomes.append(await _one(parts.port or 80, requests[(c * 7 + i) % len(requests)]))

    start = time.perf_counter()
    await asyncio.gather(*(client(c) for c in range(clients)))
    wall = time.perf_counter() - start
    return {"clients": clients, "requests": len(outcomes),
            "errors": sum(1 for s, _ in outcomes if s != 200), "wall_s": wall,
            "ok_s": [t for s, t in outcomes if s == 200],
            "cut_short": len(outcomes) < clients * per_client}


def load(url: str, texts: list[str], clients: int, per_client: int = REQUESTS,
         seconds: float = LEVEL_SECONDS, raw: bool = False) -> dict[str, Any]:
    """`clients` concurrent clients, each sending `per_client` requests one after another:
    a row (requests/s, p50, p95, errors), or with `raw` every latency, for `_merge`."""
    result = asyncio.run(_load(url, texts, clients, per_client, seconds))
    return result if raw else _merge([result])


def _merge(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    """Rounds of one server at one level as one row: rates over the summed time."""
    ok = sorted(t for r in rounds for t in r["ok_s"])
    wall = sum(r["wall_s"] for r in rounds)
    return {"clients": rounds[0]["clients"], "requests": sum(r["requests"] for r in rounds),
            "errors": sum(r["errors"] for r in rounds),
            "rps": round(len(ok) / wall, 1) if wall else 0.0,
            "p50_ms": round(statistics.median(ok) * 1000, 1) if ok else None,
            "p95_ms": round(ok[max(0, int(0.95 * len(ok)) - 1)] * 1000, 1) if ok else None,
            "cut_short": any(r["cut_short"] for r in rounds)}


def _rate(one_round: dict[str, Any]) -> float:
    return len(one_round["ok_s"]) / one_round["wall_s"] if one_round["wall_s"] else 0.0


def compare(store_dir: Path, kg_args: tuple[str, ...] = ()) -> dict[str, Any]:
    """Both servers, every mix and client count. The servers take turns, ROUNDS times at each
    level, so that a machine busy with something else slows both alike."""
    mixes = query_mix(store_dir)
    servers = {"oxigraph": start_oxigraph(store_dir), "kg": start_kg(store_dir, *kg_args)}
    rows = []
    try:
        for mix, queries in mixes.items():
            texts = [t for _, t, _ in queries]
            for _, url in servers.values():  # warm both: caches, query processes
                load(url, texts, 2, len(texts))
            for clients in CLIENTS:
                per_client = REQUESTS if clients > 1 else REQUESTS * 5
                rounds: dict[str, list] = {name: [] for name in servers}
                for _ in range(ROUNDS):
                    for name, (_, url) in servers.items():
                        rounds[name].append(load(url, texts, clients, per_client, raw=True))
                rows += [{"mix": mix, "server": name, **_merge(r)} for name, r in rounds.items()]
                rows[-1]["round_ratios"] = [round(_rate(k) / _rate(o), 2) if _rate(o) else None
                                            for k, o in zip(rounds["kg"], rounds["oxigraph"],
                                                            strict=True)]
    finally:
        for proc, _ in servers.values():
            proc.terminate()
            proc.wait(timeout=10)
    return {"store_newsletters": N + 5, "cpus": os.cpu_count(), "rounds": ROUNDS,
            "requests_per_client": REQUESTS,
            "mixes": {m: [n for n, _, _ in q] for m, q in mixes.items()}, "rows": rows}


def table(result: dict[str, Any]) -> str:
    """The rows as a Markdown table, with kg's rate as a share of Oxigraph's: over all rounds,
    and the least and greatest of the rounds, each kg's against the Oxigraph round next to it
    (how much the machine's other work moved the share)."""
    lines = ["| mix | clients | server | req/s | p50 ms | p95 ms | errors | kg/oxigraph |",
             "|---|---:|---|---:|---:|---:|---:|---:|"]
    rows = result["rows"]
    for row in rows:
        ratio = ""
        if row["server"] == "kg":
            ox = next(r for r in rows if r["server"] == "oxigraph" and r["mix"] == row["mix"]
                      and r["clients"] == row["clients"])
            ratio = f"{row['rps'] / ox['rps']:.2f}" if ox["rps"] else ""
            each = [r for r in row.get("round_ratios", []) if r is not None]
            if ratio and len(each) > 1:
                ratio += f" ({min(each):.2f}-{max(each):.2f})"
        lines.append(f"| {row['mix']} | {row['clients']} | {row['server']} | {row['rps']} | "
                     f"{row['p50_ms']} | {row['p95_ms']} | {row['errors']}/{row['requests']}"
                     f"{' (time limit)' if row['cut_short'] else ''} | {ratio} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Print the table; with --json, print the results as JSON last (for run.py), otherwise
    put them under "serve" in results.json, leaving the rest of it as it is."""
    argv = sys.argv[1:] if argv is None else argv
    if "--store" in argv:
        result = compare(Path(argv[argv.index("--store") + 1]))
    else:
        with tempfile.TemporaryDirectory(dir=os.environ.get("KG_BENCH_TMP")) as tmp:
            result = compare(build_store(Path(tmp)))
    print(table(result), flush=True)
    if "--json" in argv:
        print(json.dumps(result))
    elif RESULTS.exists():
        saved = json.loads(RESULTS.read_text(encoding="utf-8"))
        if isinstance(saved, dict):
            saved["serve"] = result
            RESULTS.write_text(json.dumps(saved, indent=1), encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
