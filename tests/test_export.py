"""Exports parse back in their own formats and keep the facts."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Dataset, Graph

from kg.store import GraphStore
from kg.store.export import export

ROOT = Path(__file__).resolve().parents[1]
GOLD = [json.loads(p.read_text(encoding="utf-8"))
        for p in sorted((ROOT / "tests" / "gold").glob("*.json"))]


@pytest.fixture(scope="module")
def store(seed_store: Path) -> GraphStore:
    return GraphStore(seed_store, read_only=True)


@pytest.mark.parametrize("fmt,parser", [("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld")])
def test_rdf_exports_parse_back(store: GraphStore, fmt: str, parser: str) -> None:
    g = Graph().parse(data=export(store, fmt).decode("utf-8"), format=parser)
    assert len(g) > 5000


@pytest.mark.parametrize("fmt,parser", [("nq", "nquads"), ("trig", "trig")])
def test_quad_exports_keep_one_graph_per_newsletter(store: GraphStore, fmt: str,
                                                    parser: str) -> None:
    ds = Dataset()
    ds.parse(data=export(store, fmt).decode("utf-8"), format=parser)
    graphs = {str(c.identifier) for c in ds.graphs() if "/newsletter/" in str(c.identifier)}
    assert len(graphs) == len(GOLD)


def test_cases_csv_has_the_gold_fines(store: GraphStore) -> None:
    rows = list(csv.DictReader(io.StringIO(export(store, "csv").decode("utf-8"))))
    gold = sorted(item["case"]["fine_cny"] for g in GOLD for item in g["items"]
                  if item["case"] and item["case"]["fine_cny"])
    found = sorted(int(r["fine"]) for r in rows if r["fine"])
    assert found == gold and {r["currency"] for r in rows if r["fine"]} == {"CNY"}


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graph_exports_open_with_labels_and_types(store: GraphStore, tmp_path: Path, fmt: str,
                                                  reader) -> None:
    path = tmp_path / f"g.{fmt}"
    path.write_bytes(export(store, fmt))
    g = reader(path)
    cac = "https://w3id.org/cnkg/id/authority/cac"
    assert g.nodes[cac]["label"] == "Cyberspace Administration of China"
    assert g.nodes[cac]["type"] == "NationalAuthority"
