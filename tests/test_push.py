"""kg push onto a real Oxigraph server and a real Virtuoso on loopback: the server then holds
exactly the store's graphs, a second push changes nothing, a newsletter removed here is deleted
there, and every saved query gives there the rows it gives on the embedded store."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from typer.testing import CliRunner
from virtuoso import MISSING, free_port, running_virtuoso

from kg.cli import app
from kg.store import GraphStore, QueryError, list_saved, load_saved, run_query
from kg.store.remote import MERGED_GRAPH, PUSHED_GRAPH, GraphWriter, RemoteStore, push, server_urls

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
ID = "https://w3id.org/cnkg/id/"


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server binary (pip install oxigraph) is not installed")
    port = free_port()
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path_factory.mktemp("ox")),
                             "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    yield base + "/query"
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if MISSING:
        pytest.skip(MISSING)
    with running_virtuoso(tmp_path_factory.mktemp("virtuoso")) as base:
        yield base + "/sparql"


@pytest.fixture(scope="module", params=["oxigraph", "virtuoso"])
def endpoint(request: pytest.FixtureRequest, seed_store: Path) -> str:
    """A server of each kind, holding the seed store."""
    url = request.getfixturevalue(request.param)
    push(GraphStore(seed_store, read_only=True), server_urls(url))
    return url


def _local_counts(store: GraphStore) -> dict[str, int]:
    from kg.store.remote import local_graphs

    return {name: n for name, n, _ in local_graphs(store)}


def _server_counts(url: str) -> dict[str, int]:
    counts = GraphWriter(server_urls(url), "auto", 60).counts()
    counts.pop(PUSHED_GRAPH)
    return counts


# -- every saved query, the same rows on the server as on the embedded store -----------------
def _bindings(store: GraphStore) -> dict[str, list[dict[str, Any]]]:
    months = sorted({r[0] for r in run_query(store, load_saved("items-per-month")).rows})
    few = [months[0], months[len(months) // 2], months[-1]]
    monthly = {"app-batches", "based-on-core-laws", "cases-against-respondent", "cases-under-law",
               "cross-border-timeline", "drafts-without-final", "finals-and-drafts",
               "joint-issuance"}
    out: dict[str, list[dict[str, Any]]] = {n: [{"month": m} for m in few] for n in monthly}
    out["provenance"] = [{"entity": ID + "authority/miit"}, {"label": "cyberspace"},
                         {"entity": ID + "authority/miit", "month": months[-1]}]
    out["cases-against-respondent"].append({"respondent": "bank"})
    out["cases-under-law"].append({"lawName": "Cybersecurity Law"})
    out["instruments-by-authority"] = [{"authorityIri": ID + "authority/cac"},
                                       {"authorityName": "cyberspace administration of china"}]
    out["fines-by-authority-year"] = [{"inYear": y} for y in (2022, 2024)]
    out["newsletter-contents"] = [{"fileName": "000_f6ccfccfc20f5a7f.txt"}]
    return out


def _comparable(text: str, rows: list[list[Any]], variables: list[str]) -> list[str]:
    """Rows as sorted strings; a GROUP_CONCAT's parts sorted, as SPARQL leaves their order to
    the server, and so are rows that ORDER BY leaves tied."""
    concat = {v: sep for sep, v in re.findall(r'separator\s*=\s*"([^"]*)"\)\s*AS\s*\?(\w+)', text)}
    seps = {variables.index(v): sep for v, sep in concat.items() if v in variables}
    out = []
    for row in rows:
        out.append(repr([seps[i].join(sorted(str(x).split(seps[i]))) if i in seps and x else x
                         for i, x in enumerate(row)]))
    return sorted(out)


@pytest.mark.parametrize("name", sorted(list_saved()))
def test_saved_query_gives_the_same_rows_on_the_server(endpoint: str, seed_store: Path,
                                                        name: str) -> None:
    store, remote = GraphStore(seed_store, read_only=True), RemoteStore(endpoint)
    text = load_saved(name)
    for bindings in [None, *_bindings(store).get(name, [])]:
        here, there = run_query(store, text, bindings), run_query(remote, text, bindings)
        assert here.variables == there.variables
        assert _comparable(text, there.rows, there.variables) == _comparable(
            text, here.rows, here.variables), (name, bindings)


# -- push mirrors ------------------------------------------------------------------------------
def _copy(seed_store: Path, tmp_path: Path) -> GraphStore:
    shutil.copytree(seed_store, tmp_path / "store")
    return GraphStore(tmp_path / "store")


@pytest.mark.parametrize("via", ["graph-store", "update"])
def test_push_mirrors_the_store(endpoint: str, seed_store: Path, tmp_path: Path,
                                via: str) -> None:
    store = _copy(seed_store, tmp_path)
    server = server_urls(endpoint)
    assert server.kind == ("virtuoso" if endpoint.endswith("/sparql") else "oxigraph")  # asked
    assert _server_counts(endpoint) == _local_counts(store)  # the seed, as the fixture pushed it
    assert MERGED_GRAPH in _local_counts(store)

    again = push(store, server, via)
    assert (again.written, again.deleted, again.unchanged) == ({}, [], len(_local_counts(store)))

    gone = next(g for g in store.named_graphs() if "/newsletter/" in g)
    store.remove_graph(gone)
    report = push(store, server, via)
    assert report.via == via and report.deleted == [gone]
    assert {MERGED_GRAPH, f"{ID}graph/summary"} <= set(report.written)
    assert _server_counts(endpoint) == _local_counts(store)
    assert gone not in _server_counts(endpoint)
    sha = "SELECT ?sha WHERE { ?n a kg:Newsletter ; kg:sha256 ?sha } ORDER BY ?sha"
    assert run_query(RemoteStore(endpoint), sha).rows == run_query(store, sha).rows

    assert push(store, server, via).written == {}  # nothing changed since
    store.close()
    push(GraphStore(seed_store, read_only=True), server, via)  # back to the seed for the others
    assert _server_counts(endpoint) == _local_counts(GraphStore(seed_store, read_only=True))


def test_a_graph_changed_on_the_server_is_written_again(endpoint: str, seed_store: Path) -> None:
    store, server = GraphStore(seed_store, read_only=True), server_urls(endpoint)
    writer = GraphWriter(server, "auto", 60)
    summary = f"{ID}graph/summary"
    writer.put(summary, io.BytesIO(b"<urn:x:s> <urn:x:p> <urn:x:o> .\n"))
    assert push(store, server).written == {summary: _local_counts(store)[summary]}
    assert _server_counts(endpoint) == _local_counts(store)


def test_push_replaces_what_an_earlier_kg_wrote_in_the_default_graph(
        oxigraph: str, seed_store: Path) -> None:
    """kg before 0.2 put the merged graph in the server's default graph."""
    base = oxigraph.rsplit("/", 1)[0]
    old = (f"<{ID}newsletter/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
           "<https://w3id.org/cnkg/ontology#Newsletter> .\n").encode()
    urllib.request.urlopen(urllib.request.Request(
        base + "/store?default", data=old, method="PUT",
        headers={"Content-Type": "application/n-triples"})).read()
    push(GraphStore(seed_store, read_only=True), server_urls(oxigraph))
    ask = urllib.request.Request(base + "/query?query=ASK%7B%3Fs%20%3Fp%20%3Fo%7D",
                                 headers={"Accept": "application/sparql-results+json"})
    assert b"false" in urllib.request.urlopen(ask).read()  # the default graph is empty


def test_credentials_come_from_the_environment(virtuoso: str, seed_store: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """With KG_PUSH_USER and KG_PUSH_PASSWORD set, Virtuoso is written through its endpoints
    that ask for digest authentication; a wrong password is refused by name."""
    store = GraphStore(seed_store, read_only=True)
    monkeypatch.setenv("KG_PUSH_USER", "dba")
    monkeypatch.setenv("KG_PUSH_PASSWORD", "wrong")
    server = server_urls(virtuoso)
    assert server.graph_store and server.graph_store.endswith("/sparql-graph-crud-auth")
    with pytest.raises(QueryError, match="HTTP 401"):
        push(store, server)
    monkeypatch.setenv("KG_PUSH_PASSWORD", "dba")
    push(store, server_urls(virtuoso))
    assert _server_counts(virtuoso) == _local_counts(store)
    usage = CliRunner().invoke(app, ["push", "--help"]).output
    assert "--password" not in usage and "--user" not in usage


def test_query_endpoint_prints_ask_and_rdf(endpoint: str, seed_store: Path) -> None:
    runner = CliRunner()
    ask = runner.invoke(app, ["query", "--endpoint", endpoint, "ASK { ?n a kg:Newsletter }"])
    assert ask.exit_code == 0 and ask.output.strip() == "true", ask.output
    construct = "CONSTRUCT { ?n kg:sha256 ?s } WHERE { ?n a kg:Newsletter ; kg:sha256 ?s }"
    expected = run_query(GraphStore(seed_store, read_only=True), construct).triples
    for fmt, rdf in (("ttl", "text/turtle"), ("json", "application/ld+json")):
        done = runner.invoke(app, ["query", "--endpoint", endpoint, "--format", fmt, construct])
        assert done.exit_code == 0, done.output
        got = list(ox.parse(done.output.encode(), format=ox.RdfFormat.from_media_type(rdf)))
        assert len(got) == len(expected) == 5


def test_the_url_layouts_of_each_server(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KG_PUSH_USER", raising=False)
    fuseki = server_urls("http://h:3030/ds/sparql", "fuseki")
    assert (fuseki.update, fuseki.graph_store) == ("http://h:3030/ds/update", "http://h:3030/ds/data")
    oxigraph = server_urls("http://h:7878/query", "oxigraph")
    assert (oxigraph.update, oxigraph.graph_store) == ("http://h:7878/update", "http://h:7878/store")
    virtuoso = server_urls("http://h:8890/sparql", "virtuoso", update="http://h:8890/other")
    assert (virtuoso.update, virtuoso.graph_store) == ("http://h:8890/other",
                                                       "http://h:8890/sparql-graph-crud")
    monkeypatch.setenv("KG_PUSH_USER", "someone")
    assert server_urls("http://h:8890/sparql", "virtuoso").graph_store.endswith("-crud-auth")


def test_kg_push_command(oxigraph: str, seed_store: Path) -> None:
    runner = CliRunner()
    wrong = runner.invoke(app, ["push", "--endpoint", oxigraph, "--server", "graphdb"])
    assert wrong.exit_code == 2 and "oxigraph, fuseki, virtuoso" in wrong.output
    done = runner.invoke(app, ["push", "--endpoint", oxigraph, "--store", str(seed_store)])
    assert done.exit_code == 0, done.output
    again = runner.invoke(app, ["push", "--endpoint", oxigraph, "--store", str(seed_store)])
    assert "0 graph(s) written" in again.output and "0 deleted" in again.output, again.output
