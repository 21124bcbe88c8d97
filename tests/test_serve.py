"""The SPARQL endpoint over real HTTP on loopback: formats, refusals, limits, load."""

from __future__ import annotations

import csv
import io
import json
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from xml.etree import ElementTree

import pytest

from kg.serve import ServeConfig, make_server
from kg.serve.app import serve_in_thread
from kg.store import GraphStore, list_saved, load_saved


@pytest.fixture(scope="module")
def base(seed_store: Path):
    store = GraphStore(seed_store, read_only=True)
    server = make_server(store, "127.0.0.1", 0, ServeConfig(timeout=2.0, max_rows=50,
                                                            max_request_bytes=20_000))
    serve_in_thread(server)
    host, port = server.server_address[:2]
    yield f"http://{host}:{port}"
    server.shutdown()
    server.server_close()


def _get(url: str, accept: str | None = None) -> tuple[int, dict, bytes]:
    req = urllib.request.Request(url, headers={"Accept": accept} if accept else {})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def _post(url: str, data: bytes, ctype: str, accept: str | None = None) -> tuple[int, dict, bytes]:
    headers = {"Content-Type": ctype, **({"Accept": accept} if accept else {})}
    req = urllib.request.Request(url, data=data, headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, dict(r.headers), r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def _q(query: str) -> str:
    return urllib.parse.urlencode({"query": query})


NEWSLETTERS = "SELECT ?f WHERE { ?n a kg:Newsletter ; dcterms:source ?f } ORDER BY ?f"


def test_get_json(base: str) -> None:
    status, _, body = _get(f"{base}/sparql?{_q(NEWSLETTERS)}")
    files = [b["f"]["value"] for b in json.loads(body)["results"]["bindings"]]
    assert status == 200 and len(files) == 5


def test_post_form_csv(base: str) -> None:
    status, _, body = _post(f"{base}/sparql", _q(NEWSLETTERS).encode(),
                            "application/x-www-form-urlencoded", "text/csv")
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert status == 200 and rows[0] == ["f"] and len(rows) == 6


def test_post_sparql_query_xml(base: str) -> None:
    status, headers, body = _post(f"{base}/sparql", NEWSLETTERS.encode(),
                                  "application/sparql-query", "application/sparql-results+xml")
    root = ElementTree.fromstring(body)
    assert status == 200 and "xml" in headers["Content-Type"] and len(root[1]) == 5


def test_tsv(base: str) -> None:
    status, _, body = _get(f"{base}/sparql?{_q(NEWSLETTERS)}&format=tsv")
    assert status == 200 and body.decode().splitlines()[0] == "?f"


def test_ask(base: str) -> None:
    status, _, body = _get(f"{base}/sparql?{_q('ASK { ?c a kg:EnforcementCase }')}")
    assert status == 200 and json.loads(body)["boolean"] is True


def test_construct_turtle_and_jsonld(base: str) -> None:
    query = _q("CONSTRUCT { ?a skos:prefLabel ?n } WHERE { ?a a kg:NationalAuthority ; "
               "skos:prefLabel ?n } LIMIT 5")
    _, h1, ttl = _get(f"{base}/sparql?{query}", "text/turtle")
    _, h2, jsonld = _get(f"{base}/sparql?{query}", "application/ld+json")
    assert "turtle" in h1["Content-Type"] and b"prefLabel" in ttl
    assert isinstance(json.loads(jsonld), list)


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://x> <http://y> <http://z> }",
    "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>",
    "CLEAR ALL",
    "DROP ALL",
    "PREFIX ex: <http://e/> INSERT DATA { ex:a ex:b ex:c }",
])
def test_updates_are_refused(base: str, update: str) -> None:
    status, _, body = _post(f"{base}/sparql", urllib.parse.urlencode({"query": update}).encode(),
                            "application/x-www-form-urlencoded")
    assert status == 403 and b"refused" in body


def test_update_form_field_is_refused(base: str) -> None:
    status, _, _ = _post(f"{base}/sparql", b"update=CLEAR+ALL",
                         "application/x-www-form-urlencoded")
    assert status == 403


def test_service_is_refused(base: str) -> None:
    status, _, body = _get(f"{base}/sparql?"
                           + _q("SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }"))
    assert status == 403 and b"SERVICE" in body


def test_request_size_cap(base: str) -> None:
    status, _, _ = _post(f"{base}/sparql", b"query=" + b"x" * 30_000,
                         "application/x-www-form-urlencoded")
    assert status == 413


def test_result_cap(base: str) -> None:
    status, headers, body = _get(f"{base}/sparql?{_q('SELECT * WHERE { ?s ?p ?o }')}")
    assert status == 200 and headers.get("X-KG-Truncated") == "true"
    assert len(json.loads(body)["results"]["bindings"]) == 50


def test_no_file_of_the_machine_is_served(base: str) -> None:
    for path in ("/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/etc/passwd", "/static/x"):
        status, _, body = _get(base + path)
        assert status == 404 and b"root:" not in body


def test_malformed_query_is_400(base: str) -> None:
    status, _, body = _get(f"{base}/sparql?{_q('SELECT ?x WHERE { ?x a }')}")
    assert status == 400 and b"malformed" in body


def test_slow_query_times_out_while_others_answer(base: str) -> None:
    slow = _q("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }")
    results: dict[str, int] = {}

    def run_slow() -> None:
        results["slow"] = _get(f"{base}/sparql?{slow}")[0]

    thread = threading.Thread(target=run_slow)
    thread.start()
    time.sleep(0.2)
    start = time.perf_counter()
    fast_status = _get(f"{base}/sparql?{_q(NEWSLETTERS)}")[0]
    fast_time = time.perf_counter() - start
    thread.join(timeout=30)
    assert (results.get("slow"), fast_status) == (503, 200) and fast_time < 2.0


def test_page_works_offline_and_lists_saved_queries(base: str) -> None:
    _, _, page = _get(base + "/")
    _, _, saved = _get(base + "/queries")
    assert b"http://" not in page and b"https://" not in page
    assert set(json.loads(saved)) == set(list_saved())


def test_default_bind_is_loopback(seed_store: Path) -> None:
    import inspect

    from kg.cli import serve

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"


def test_bounded_load(base: str, capsys: pytest.CaptureFixture[str]) -> None:
    names = sorted(list_saved())
    queries = [_q(load_saved(names[i % len(names)])) for i in range(400)]

    def one(query: str) -> tuple[int, float]:
        start = time.perf_counter()
        status = _get(f"{base}/sparql?{query}")[0]
        return status, time.perf_counter() - start

    with ThreadPoolExecutor(max_workers=20) as pool:
        outcomes = list(pool.map(one, queries))
    latencies = sorted(t for _, t in outcomes)
    p95 = latencies[int(0.95 * len(latencies)) - 1]
    with capsys.disabled():
        print(f"\nload: 400 saved-query requests, 20 clients: p95 {p95 * 1000:.0f} ms, "
              f"median {statistics.median(latencies) * 1000:.0f} ms")
    assert all(status == 200 for status, _ in outcomes)
