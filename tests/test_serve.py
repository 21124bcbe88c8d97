"""The SPARQL endpoint over real HTTP on loopback: clients, protocol rules, limits, load."""

from __future__ import annotations

import csv
import inspect
import io
import json
import socket
import statistics
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pyoxigraph as ox
import pytest
import SPARQLWrapper as sw
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from kg.serve import ServeConfig, make_server
from kg.serve.app import serve_in_thread
from kg.store import ONTOLOGY_GRAPH, GraphStore, list_saved, load_saved

# SPARQLWrapper builds rdflib ConjunctiveGraphs, which rdflib 7 calls deprecated.
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated")

# Runs until its deadline on the seed store (a three-way cartesian product), in little memory.
ENDLESS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
NEWSLETTERS = "SELECT ?f WHERE { ?n a kg:Newsletter ; dcterms:source ?f } ORDER BY ?f"
# The same with its prefixes, for clients that send their own.
DECLARED = ("PREFIX kg: <https://w3id.org/cnkg/ontology#> "
            "PREFIX dcterms: <http://purl.org/dc/terms/> " + NEWSLETTERS)
CAC = "https://w3id.org/cnkg/id/authority/cac"


@contextmanager
def serving(seed_store: Path, **limits: Any) -> Iterator[str]:
    server = make_server(GraphStore(seed_store, read_only=True), "127.0.0.1", 0,
                         ServeConfig(**limits))
    serve_in_thread(server)
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def base(seed_store: Path) -> Iterator[str]:
    with serving(seed_store, timeout=2.0, max_rows=50, max_request_bytes=20_000) as url:
        yield url


def _get(url: str, accept: str | None = None, method: str = "GET", headers: dict | None = None,
         data: bytes | None = None) -> tuple[int, Any, bytes]:
    h = {**({"Accept": accept} if accept else {}), **(headers or {})}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, data, h, method=method),
                                    timeout=30) as r:
            return r.status, r.headers, r.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.headers, exc.read()


def _post(url: str, data: bytes, ctype: str, accept: str | None = None) -> tuple[int, Any, bytes]:
    return _get(url, accept, "POST", {"Content-Type": ctype}, data)


def _raw(base: str, request: bytes) -> int:
    """Send bytes as they are (urllib would mend a bad request); the status that comes back."""
    with socket.create_connection(("127.0.0.1", urllib.parse.urlsplit(base).port), 10) as s:
        s.sendall(request)
        return int(s.makefile("rb").readline()[9:12])


def _q(query: str, **extra: str) -> str:
    return urllib.parse.urlencode({"query": query, **extra})


def test_get_post_formats_and_row_cap(base: str) -> None:
    status, _, body = _get(f"{base}/sparql?{_q(NEWSLETTERS)}")
    bindings = json.loads(body)["results"]["bindings"]
    assert status == 200 and len(bindings) == 5
    assert all(b["f"]["type"] == "literal" for b in bindings)  # SPARQL JSON: typed terms
    _, _, body = _post(f"{base}/sparql", _q(NEWSLETTERS).encode(),
                       "application/x-www-form-urlencoded", "text/csv")
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert rows[0] == ["f"] and len(rows) == 6
    _, headers, body = _post(f"{base}/sparql", NEWSLETTERS.encode(), "application/sparql-query",
                             "application/sparql-results+xml")
    assert "xml" in headers["Content-Type"] and len(ElementTree.fromstring(body)[1]) == 5
    status, headers, body = _get(f"{base}/sparql?{_q('SELECT * WHERE { ?s ?p ?o }')}")
    assert status == 200 and headers.get("X-KG-Truncated") == "true"
    assert len(json.loads(body)["results"]["bindings"]) == 50
    _, headers, body = _get(f"{base}/sparql?{_q('CONSTRUCT WHERE { ?s ?p ?o }')}",
                            "application/n-triples")
    assert headers.get("X-KG-Truncated") == "true" and body.count(b"\n") == 50


@pytest.mark.parametrize("method", ["GET", "POST"])
@pytest.mark.parametrize("fmt", ["JSON", "XML", "CSV", "TSV"])
def test_sparqlwrapper_select_and_ask(base: str, fmt: str, method: str) -> None:
    client = sw.SPARQLWrapper(f"{base}/sparql", returnFormat=getattr(sw, fmt))
    client.setMethod(method)
    client.setQuery(DECLARED)
    rows = client.queryAndConvert()
    client.setQuery("ASK { ?s ?p ?o }")
    ask = client.queryAndConvert()
    if fmt == "JSON":
        assert len(rows["results"]["bindings"]) == 5 and ask["boolean"] is True
    elif fmt == "XML":
        assert len(rows.getElementsByTagName("result")) == 5
        assert ask.getElementsByTagName("boolean")[0].firstChild.data == "true"
    else:
        assert len(rows.decode().strip().splitlines()) == 6 and b"true" in ask


@pytest.mark.parametrize("fmt", ["TURTLE", "N3", "XML", "RDFXML", "JSONLD"])
def test_sparqlwrapper_construct_and_describe(base: str, fmt: str) -> None:
    client = sw.SPARQLWrapper(f"{base}/sparql", returnFormat=getattr(sw, fmt))
    client.setQuery("PREFIX kg: <https://w3id.org/cnkg/ontology#> CONSTRUCT { ?c a "
                    "kg:EnforcementCase } WHERE { ?c a kg:EnforcementCase } LIMIT 3")
    graph = client.queryAndConvert()
    if isinstance(graph, bytes | str):  # SPARQLWrapper hands some formats back unparsed
        graph = Graph().parse(data=graph, format="json-ld" if fmt == "JSONLD" else "n3")
    assert len(graph) == 3
    client.setQuery(f"DESCRIBE <{CAC}>")
    assert client.query().response.status == 200


def test_rdflib_sparqlstore(base: str) -> None:
    graph = Graph(store=SPARQLStore(f"{base}/sparql"))
    assert len(list(graph.query(DECLARED))) == 5
    assert graph.query("ASK { ?s ?p ?o }").askAnswer is True
    assert len(graph.query("CONSTRUCT { ?s a ?t } WHERE { ?s a ?t } LIMIT 4").graph) == 4
    assert (URIRef(CAC), None, None) in graph


@pytest.mark.parametrize("update", [
    "INSERT DATA { <http://x> <http://y> <http://z> }", "DELETE WHERE { ?s ?p ?o }",
    "LOAD <http://example.org/data.ttl>", "CLEAR ALL", "DROP ALL",
    "PREFIX ex: <http://e/> INSERT DATA { ex:a ex:b ex:c }",
])
def test_updates_are_refused(base: str, update: str) -> None:
    form = "application/x-www-form-urlencoded"
    status, _, body = _post(f"{base}/sparql", _q(update).encode(), form)
    assert status == 403 and b"refused" in body
    assert _post(f"{base}/sparql", update.encode(), "application/sparql-update")[0] == 403
    assert _post(f"{base}/sparql", urllib.parse.urlencode({"update": update}).encode(),
                 form)[0] == 403


@pytest.mark.parametrize("query, status", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }", 403),
    ("select * where { service silent <http://127.0.0.1:1/> { ?s ?p ?o } }", 403),
    ("SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE ?x { ?s ?p ?o } } }", 403),
    ("SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:1/> { ?s ?p ?o } }", 403),
    ("SELECT ?service WHERE { ?service a kg:Newsletter } LIMIT 1", 200),
    ("PREFIX ex: <http://e/> SELECT * WHERE { ?s ex:service ?o } LIMIT 1", 200),
    ("SELECT * WHERE { ?s ?p 'service' } LIMIT 1", 200),
    ("SELECT * WHERE { ?s <http://e/service> ?o } # SERVICE in a comment", 200),
])
def test_service_is_refused_and_the_word_is_not(base: str, query: str, status: int) -> None:
    answer, _, body = _get(f"{base}/sparql?{_q(query)}")
    assert answer == status and (status == 200 or b"SERVICE" in body)


def _count(base: str, query: str, **params: str) -> int:
    body = _get(f"{base}/sparql?{_q(query, **params)}")[2]
    return int(json.loads(body)["results"]["bindings"][0]["n"]["value"])


def test_default_and_named_graph_uri_are_honoured(base: str) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    ontology = _count(base, f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?s ?p ?o }}}}")
    assert _count(base, count, **{"default-graph-uri": ONTOLOGY_GRAPH}) == ontology
    assert _count(base, count) != ontology
    graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert _count(base, graphs, **{"named-graph-uri": ONTOLOGY_GRAPH}) == 1
    assert _count(base, graphs) > 1
    assert _get(f"{base}/sparql?{_q(count, **{'default-graph-uri': 'not an iri'})}")[0] == 400


@pytest.mark.parametrize("accept, ctype", [
    ("text/csv;q=0.9, application/sparql-results+xml", "application/sparql-results+xml"),
    ("application/sparql-results+json;q=0.1, text/csv", "text/csv"),
    ("*/*;q=0.1, text/tab-separated-values", "text/tab-separated-values"),
    ("text/csv;q=0, */*", "application/sparql-results+json"),
    ("text/*", "text/csv"), (None, "application/sparql-results+json"),
])
def test_accept_q_values(base: str, accept: str | None, ctype: str) -> None:
    status, headers, _ = _get(f"{base}/sparql?{_q(NEWSLETTERS)}", accept)
    assert status == 200 and headers["Content-Type"].startswith(ctype)


def test_methods_formats_and_bad_requests(base: str) -> None:
    status, headers, body = _get(f"{base}/sparql?{_q(NEWSLETTERS)}", method="HEAD")
    assert status == 200 and body == b"" and "json" in headers["Content-Type"]
    assert _get(f"{base}/", method="HEAD")[0] == 200
    status, headers, _ = _get(f"{base}/sparql", method="OPTIONS")
    assert status == 204 and "POST" in headers["Allow"]
    assert "Access-Control-Allow-Origin" not in headers
    assert _get(f"{base}/sparql", method="PUT")[0] == 405
    assert _get(f"{base}/sparql?{_q(NEWSLETTERS)}", "image/png")[0] == 406
    assert _get(f"{base}/sparql?{_q(NEWSLETTERS, format='bogus')}")[0] == 406
    construct = "CONSTRUCT WHERE { ?s a kg:Newsletter }"
    assert _get(f"{base}/sparql?{_q(construct)}", "text/csv")[0] == 406
    status, _, body = _get(f"{base}/sparql?{_q('SELECT ?x WHERE { ?x a }')}")
    assert status == 400 and b"malformed" in body
    assert _get(f"{base}/sparql?{_q('ASK {}')}&{_q('ASK {}')}")[0] == 400
    assert _get(f"{base}/sparql")[0] == _raw(base, b"GARBAGE\r\n\r\n") == 400
    assert _raw(base, b"GET /sparql?query=\xff HTTP/1.1\r\nHost: x\r\nConnection: close"
                      b"\r\n\r\n") == 400  # a query string that is not UTF-8
    assert _get(f"{base}/queries/most-cited-laws/x")[0] == _get(f"{base}/nowhere")[0] == 404
    assert _get(f"{base}/health", method="DELETE")[0] == 405


def test_answers_larger_than_a_pipe_arrive_whole(seed_store: Path) -> None:
    """Answers pass from the query processes to the server through a pipe, in pieces: one of
    megabytes comes out as the store gives it, and the next answer after it too."""
    everything = "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o"
    store = GraphStore(seed_store, read_only=True)
    expected = [[str(t) for t in row] for row in store.oxigraph.query(everything)]
    with serving(seed_store, workers=1, max_rows=1_000_000) as url:
        status, _, body = _get(f"{url}/sparql?{_q(everything)}", "text/tab-separated-values")
        assert _get(f"{url}/sparql?{_q(NEWSLETTERS)}")[0] == 200
    assert status == 200 and len(body) > 2 << 20
    got = ox.parse_query_results(body, ox.QueryResultsFormat.TSV)
    assert [[str(t) for t in row] for row in got] == expected


def test_cors_on_request(seed_store: Path) -> None:
    origin = {"Origin": "https://example.org"}
    preflight = {**origin, "Access-Control-Request-Method": "POST",
                 "Access-Control-Request-Headers": "content-type"}
    with serving(seed_store, workers=1, cors=True) as url:
        status, headers, _ = _get(f"{url}/sparql?{_q(NEWSLETTERS)}", headers=origin)
        assert status == 200 and headers["Access-Control-Allow-Origin"] == "*"
        status, headers, _ = _get(f"{url}/sparql", method="OPTIONS", headers=preflight)
        assert status == 200 and "POST" in headers["Access-Control-Allow-Methods"]
        assert "content-type" in headers["Access-Control-Allow-Headers"].lower()


FORM = "application/x-www-form-urlencoded"
BIG = b"x" * 30_000  # over the 20,000-byte limit: a length of -1 must not let it in


@pytest.mark.parametrize("headers, body, status", [
    *[(f"Content-Length: {n}\r\n", b"query=" + BIG, 400) for n in ("-5", "-1", "abc")],
    ("", b"query=ASK%7B%7D", 411),
    ("Content-Length: 999999\r\n", b"", 413),
    ("Transfer-Encoding: chunked\r\n", b"%x\r\n%s\r\n0\r\n\r\n" % (len(BIG), BIG), 413),
])
def test_content_length_cases(base: str, headers: str, body: bytes, status: int) -> None:
    assert _raw(base, f"POST /sparql HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Type: "
                      f"{FORM}\r\n{headers}\r\n".encode() + body) == status


@pytest.mark.parametrize("data, ctype, status", [
    (b"query=" + BIG, FORM, 413), (b"query=%FF%FE", FORM, 400), (b"nothing=here", FORM, 400),
    (b"\xff\xfe", "application/sparql-query", 400), (b"ASK {}", "text/plain", 415),
])
def test_malformed_bodies(base: str, data: bytes, ctype: str, status: int) -> None:
    assert _post(f"{base}/sparql", data, ctype)[0] == status


def test_keep_alive_pipelining_and_expect_continue(base: str) -> None:
    """Two requests sent at once on one connection come back in order, each whole; a POST that
    expects 100 Continue hears it before sending its body."""
    port = urllib.parse.urlsplit(base).port
    get = f"GET /sparql?{_q('ASK {}')} HTTP/1.1\r\nHost: x\r\n\r\n".encode()
    with socket.create_connection(("127.0.0.1", port), 10) as s:
        s.sendall(get + get.replace(b"\r\n\r\n", b"\r\nConnection: close\r\n\r\n"))
        data = s.makefile("rb").read()
    assert data.count(b"HTTP/1.1 200 OK") == 2 and data.count(b'"boolean":true') == 2
    body = b"query=ASK%7B%7D"
    with socket.create_connection(("127.0.0.1", port), 10) as s:
        s.sendall(f"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: {FORM}\r\nContent-Length: "
                  f"{len(body)}\r\nExpect: 100-continue\r\nConnection: close\r\n\r\n".encode())
        reader = s.makefile("rb")
        assert reader.readline().startswith(b"HTTP/1.1 100")
        s.sendall(body)
        rest = reader.read()
    assert b"HTTP/1.1 200 OK" in rest and rest.endswith(b'"boolean":true}')


def test_page_and_saved_queries(base: str) -> None:
    status, _, body = _get(f"{base}/queries/most-cited-laws")
    assert status == 200 and json.loads(body)["results"]["bindings"]
    status, _, body = _get(f"{base}/queries/instruments-by-authority?authorityIri={CAC}",
                           "text/csv")
    rows = list(csv.reader(io.StringIO(body.decode())))
    assert status == 200 and rows[0][:2] == ["authority", "year"] and len(rows) > 1
    assert {row[0] for row in rows[1:]} == {"Cyberspace Administration of China"}
    assert _get(f"{base}/queries/no-such-query")[0] == 404
    assert b"http://" not in _get(base + "/")[2] and b"https://" not in _get(base + "/")[2]
    assert set(json.loads(_get(base + "/queries")[2])) == set(list_saved())


def test_no_file_is_served_and_loopback_is_the_default(base: str) -> None:
    from kg.cli import serve

    for path in ("/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/etc/passwd", "/static/x"):
        status, _, body = _get(base + path)
        assert status == 404 and b"root:" not in body
    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"


def _timed(url: str, query: str, into: dict[str, tuple[int, float]], name: str) -> None:
    start = time.perf_counter()
    status = _get(f"{url}/sparql?{_q(query)}")[0]
    into[name] = (status, time.perf_counter() - start)


def _started(target: Any, *args: Any) -> threading.Thread:
    thread = threading.Thread(target=target, args=args)
    thread.start()
    return thread


def test_hostile_clients_as_many_as_workers(seed_store: Path) -> None:
    """Two clients sending endless queries to two processes: a normal query still gets its
    answer within its own limit, and every endless one a 503 at its deadline."""
    timeout, stop, out = 3.0, threading.Event(), {}

    def attack(url: str, n: int) -> None:
        while not stop.is_set():
            _timed(url, ENDLESS, out, f"hostile{n}-{len(out)}")

    with serving(seed_store, workers=2, timeout=timeout) as url:
        attackers = [_started(attack, url, n) for n in range(2)]
        time.sleep(0.3)
        _timed(url, NEWSLETTERS, out, "normal")
        stop.set()
        for t in attackers:
            t.join(timeout=30)
    status, took = out.pop("normal")
    assert status == 200 and took < timeout and len(out) >= 2
    assert all(s == 503 and t < timeout + 1.5 for s, t in out.values())


def test_queue_time_counts_and_a_full_queue_answers_503(seed_store: Path) -> None:
    """One process and its one extra (for requests waiting behind slow queries) busy with
    endless queries: a third waits, runs, and still ends at its deadline counted from its
    arrival; a fourth request finds the queue (of 1) full and hears 503 at once."""
    timeout, out, threads = 3.0, {}, []
    with serving(seed_store, workers=1, queue=1, timeout=timeout) as url:
        for name, pause in (("first", 0.5), ("second", 0.7), ("waits", 0.1)):
            threads.append(_started(_timed, url, ENDLESS, out, name))
            time.sleep(pause)
        _timed(url, NEWSLETTERS, out, "refused")
        for t in threads:
            t.join(timeout=30)
    refused = out.pop("refused")
    assert refused[0] == 503 and refused[1] < 0.5
    assert all(s == 503 and t < timeout + 0.5 for s, t in out.values()) and len(out) == 3


def test_memory_cap(seed_store: Path) -> None:
    """A query that grows past the cap ends its process, and gets 503; the next is answered."""
    huge = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f"
    with serving(seed_store, workers=1, timeout=60, max_memory_mb=1024) as url:
        start = time.perf_counter()
        status, _, body = _get(f"{url}/sparql?{_q(huge)}")
        assert status == 503 and b"memory" in body and time.perf_counter() - start < 30
        assert _get(f"{url}/sparql?{_q(NEWSLETTERS)}")[0] == 200


def test_bounded_load(base: str, capsys: pytest.CaptureFixture[str]) -> None:
    names, out = sorted(list_saved()), {}
    with ThreadPoolExecutor(max_workers=50) as pool:
        for i in range(400):
            pool.submit(_timed, base, load_saved(names[i % len(names)]), out, str(i))
    latencies = sorted(t for _, t in out.values())
    with capsys.disabled():
        print(f"\nload: 400 saved-query requests, 50 clients: p95 "
              f"{latencies[int(0.95 * len(latencies)) - 1] * 1000:.0f} ms, "
              f"median {statistics.median(latencies) * 1000:.0f} ms")
    assert len(out) == 400 and [s for s, _ in out.values() if s != 200] == []
