"""kg push into a real Oxigraph server on loopback, then the same answers over HTTP."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from kg.store import GraphStore, run_query
from kg.store.remote import RemoteStore, push

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    if not Path(OXIGRAPH).exists():
        pytest.skip("the oxigraph server binary (pip install oxigraph) is not installed")
    port = _free_port()
    data = tmp_path_factory.mktemp("oxigraph")
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(data), "--bind",
                             f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


COUNT = "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a kg:EnforcementCase }"
SHAS = "SELECT ?sha WHERE { ?n a kg:Newsletter ; kg:sha256 ?sha } ORDER BY ?sha"


def test_push_then_same_answers(server: str, seed_store: Path) -> None:
    store = GraphStore(seed_store, read_only=True)
    counts = push(store, server + "/store")
    remote = RemoteStore(server + "/query")
    assert len(counts) == len(store.named_graphs()) + 1  # and the merged default graph
    assert run_query(remote, COUNT).rows == run_query(store, COUNT).rows
    assert run_query(remote, SHAS).rows == run_query(store, SHAS).rows


def test_saved_queries_give_the_same_rows_remotely(server: str, seed_store: Path) -> None:
    from kg.store import list_saved, load_saved

    store = GraphStore(seed_store, read_only=True)
    push(store, server + "/store")
    remote = RemoteStore(server + "/query")
    for name in ("cases-under-law", "most-cited-laws", "local-cac-branches"):
        text = load_saved(name)
        assert sorted(map(str, run_query(remote, text).rows)) == sorted(
            map(str, run_query(store, text).rows)), name
    assert list_saved()


def test_push_twice_leaves_the_same_data(server: str, seed_store: Path) -> None:
    store = GraphStore(seed_store, read_only=True)
    remote = RemoteStore(server + "/query")
    everything = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    push(store, server + "/store")
    first = run_query(remote, everything).rows
    push(store, server + "/store")
    assert run_query(remote, everything).rows == first
