"""Building and growing the store: one named graph per newsletter, idempotent, removable."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg
from kg.pipeline import add_documents, remove_documents
from kg.store import (
    META_GRAPH,
    TOTALS_GRAPH,
    GraphStore,
    StoreError,
    load_reference,
    run_query,
    tally,
)

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def _quads(store: GraphStore) -> set[str]:
    return {str(q) for q in store.oxigraph.quads_for_pattern(None, None, None, None)}


@pytest.fixture()
def store(tmp_path: Path, pipeline) -> GraphStore:
    s = GraphStore(tmp_path / "store")
    load_reference(s)
    return s


def test_one_named_graph_per_newsletter(store: GraphStore, pipeline) -> None:
    add_documents(store, SEEDS[:2], pipeline)
    newsletters = [g for g in store.named_graphs() if "/newsletter/" in g]
    assert len(newsletters) == 2


def test_adding_the_same_file_twice_changes_nothing(store: GraphStore, pipeline) -> None:
    add_documents(store, SEEDS[:1], pipeline)
    before = _quads(store)
    report = add_documents(store, SEEDS[:1], pipeline)
    assert (report.added, len(report.unchanged), _quads(store)) == ([], 1, before)


def test_remove_takes_out_exactly_what_add_put_in(store: GraphStore, pipeline) -> None:
    add_documents(store, SEEDS[:1], pipeline)
    before = _quads(store)
    add_documents(store, SEEDS[1:2], pipeline)
    remove_documents(store, SEEDS[1:2])
    assert _quads(store) == before


def test_rebuild_gives_the_same_triples(tmp_path: Path, pipeline) -> None:
    def build(path: Path) -> set[str]:
        s = GraphStore(path)
        load_reference(s)
        add_documents(s, SEEDS, pipeline)
        # Blank nodes get fresh names per load; compare what does not contain them.
        return {q for q in _quads(s) if "_:" not in q}
    assert build(tmp_path / "a") == build(tmp_path / "b")


def test_entity_named_in_two_newsletters_is_one_node(seed_store: Path) -> None:
    store = GraphStore(seed_store, read_only=True)
    rows = run_query(store, """
        SELECT (COUNT(DISTINCT ?n) AS ?n) WHERE {
          ?item kg:mentions <https://w3id.org/cnkg/id/authority/miit> ; dcterms:isPartOf ?n }
        """).rows
    assert rows[0][0] >= 3


def test_store_from_another_format_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "old"
    raw = ox.Store(str(path))
    raw.add(ox.Quad(ox.NamedNode(META_GRAPH),
                    ox.NamedNode("https://w3id.org/cnkg/ontology#storeFormat"),
                    ox.Literal("0", datatype=ox.NamedNode(
                        "http://www.w3.org/2001/XMLSchema#integer")),
                    ox.NamedNode(META_GRAPH)))
    del raw
    with pytest.raises(StoreError, match="rebuild"):
        GraphStore(path)


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="kg build"):
        GraphStore(tmp_path / "nothing", read_only=True)


def test_python_front_door(seed_store: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(seed_store, copy)
    g = kg.open(copy)
    df = g.query_df("SELECT ?n WHERE { ?n a kg:Newsletter }")
    assert len(df) == 5 and len(g.graph) > 1000


def test_front_door_binds_values_inside_filters(seed_store: Path) -> None:
    g = kg.open(seed_store)
    rows = g.query("SELECT ?t WHERE { ?i a kg:NewsItem ; dcterms:title ?t "
                   "FILTER(CONTAINS(?t, ?needle)) }", needle="supermarket").rows
    assert len(rows) == 1


def test_front_door_binds_values_safely(seed_store: Path) -> None:
    g = kg.open(seed_store)
    rows = g.query("SELECT ?t WHERE { ?i a kg:NewsItem ; dcterms:title ?t "
                   "FILTER(CONTAINS(?t, ?needle)) }", needle='x" } # ').rows
    assert rows == []


def test_built_seed_graph_conforms_to_shapes(seed_store: Path, tmp_path: Path) -> None:
    from kg.validate import validate_file

    dump = tmp_path / "seed.trig"
    store = GraphStore(seed_store, read_only=True)
    store.dump(dump)
    conforms, report = validate_file(dump)
    assert conforms, report[:2000]


def test_parallel_extraction_writes_the_same_graph(tmp_path: Path, pipeline) -> None:
    def build(path: Path, jobs: int) -> set[str]:
        s = GraphStore(path)
        load_reference(s)
        add_documents(s, SEEDS, pipeline if jobs == 1 else None, jobs=jobs)
        return {q for q in _quads(s) if "_:" not in q}
    assert build(tmp_path / "one", 1) == build(tmp_path / "two", 2)


_NEWSLETTER = re.compile(r"^(.*?/newsletter/[^/#]+)")


def _merged_is_union_of_named(s: GraphStore) -> bool:
    """The store's layout: the merged graph holds every triple of the named graphs, and
    besides them only triples about a present newsletter's own nodes, which no named graph
    holds. (The format mark and the running totals are about the store, not in the graph.)"""
    merged, named = set(), {}
    for q in s.oxigraph.quads_for_pattern(None, None, None, None):
        triple = (str(q.subject), str(q.predicate), str(q.object))
        if isinstance(q.graph_name, ox.DefaultGraph):
            merged.add(triple)
        elif q.graph_name.value not in (META_GRAPH, TOTALS_GRAPH):
            named.setdefault(q.graph_name.value, set()).add(triple)
    said = set().union(*named.values())
    if any(_NEWSLETTER.match(t[0].strip("<>")) for t in said):
        return False  # an own node's triple in a named graph
    for t in merged - said:
        m = _NEWSLETTER.match(t[0].strip("<>"))
        if not m or m.group(1) not in named:
            return False
    return said <= merged


def test_add_then_remove_leaves_the_store_as_it_was(store: GraphStore, pipeline) -> None:
    before = _quads(store)
    add_documents(store, [SEEDS[1]], pipeline)
    assert _quads(store) > before
    report = remove_documents(store, [SEEDS[1]])
    assert _quads(store) == before
    assert report.quads > 0


def test_removing_every_newsletter_leaves_only_the_reference_data(
        seed_store: Path, tmp_path: Path, pipeline) -> None:
    # Removal finds a newsletter's own nodes by walking links from its node: one it could not
    # reach would be left behind here.
    copy = tmp_path / "store"
    shutil.copytree(seed_store, copy)
    store = GraphStore(copy)
    remove_documents(store, SEEDS)
    reference = GraphStore(tmp_path / "reference")
    load_reference(reference)
    assert {q for q in _quads(store) if "_:" not in q} == {
        q for q in _quads(reference) if "_:" not in q}


def test_merged_graph_holds_every_triple_once_after_add_and_remove(
        store: GraphStore, pipeline, tmp_path: Path) -> None:
    # The same newsletter under another sha: its entity descriptions are shared triples.
    twin = tmp_path / "twin.txt"
    twin.write_bytes(SEEDS[0].read_bytes() + b"\n")
    add_documents(store, [SEEDS[0], twin], pipeline)
    assert _merged_is_union_of_named(store)
    shared = "SELECT (COUNT(*) AS ?n) WHERE { ?a org:subOrganizationOf ?p }"
    distinct = ("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?a ?p "
                "{ ?a org:subOrganizationOf ?p } }")
    assert run_query(store, shared).rows == run_query(store, distinct).rows
    before = run_query(store, shared).rows
    remove_documents(store, [twin])
    assert _merged_is_union_of_named(store)
    assert run_query(store, shared).rows == before  # still said by the first newsletter


@pytest.mark.parametrize("jobs", [1, 2])
def test_bulk_build_writes_the_same_graph_as_transactions(tmp_path: Path, pipeline,
                                                          jobs: int) -> None:
    def build(path: Path, bulk: bool) -> set[str]:
        s = GraphStore(path)
        load_reference(s)
        # A small batch size makes the five seeds several batches.
        report = add_documents(s, SEEDS, pipeline if jobs == 1 else None, jobs=jobs,
                               bulk=bulk, batch_quads=1500)
        assert len(report.added) == len(SEEDS)
        return _quads(s)
    assert build(tmp_path / "bulk", True) == build(tmp_path / "tx", False)


@pytest.mark.parametrize("side_by_side", [True, False])
def test_bulk_add_loads_named_and_merged_graphs(tmp_path: Path, pipeline,
                                                side_by_side: bool) -> None:
    from kg.graph import document_graph_iri
    from kg.ingest import read_file
    from kg.store import Encoded, encode_for_bulk

    docs = [read_file(p) for p in SEEDS[:2]]
    quads = [pipeline.quads(d) for d in docs]
    encoded = [encode_for_bulk(q) for q in quads]
    bulk = GraphStore(tmp_path / "bulk")
    bulk.bulk_add(Encoded.join(encoded), side_by_side=side_by_side)
    bulk.add_totals(tally(quads[0]) + tally(quads[1]))
    tx = GraphStore(tmp_path / "tx")
    for d, e in zip(docs, encoded, strict=True):
        tx.add_graph(str(document_graph_iri(d)), e)
    assert _quads(bulk) == _quads(tx)
    assert _merged_is_union_of_named(bulk)


def test_the_same_file_twice_in_one_bulk_build_is_added_once(tmp_path: Path, pipeline) -> None:
    s = GraphStore(tmp_path / "store")
    report = add_documents(s, [SEEDS[0], SEEDS[0]], pipeline, bulk=True)
    assert (len(report.added), len(report.unchanged)) == (1, 1)
