"""A newsletter whose every triple is about its own nodes has no named graph in the store; it
must still count as stored, so a second add changes nothing and remove takes it out."""

from __future__ import annotations

from pathlib import Path

from kg.graph import document_graph_iri
from kg.ingest import read_file
from kg.pipeline import Pipeline, add_documents, remove_documents
from kg.store import GraphStore, load_reference

# One item that names nothing shared: no authority, instrument or place.
PLAIN = "Privacy notes\n\nSpeakers at a roundtable compared consent practices across sectors.\n"


def _store(tmp_path: Path) -> GraphStore:
    store = GraphStore(tmp_path / "store")
    load_reference(store)
    return store


def test_a_second_add_leaves_it_unchanged(tmp_path: Path, pipeline: Pipeline) -> None:
    path = tmp_path / "plain.txt"
    path.write_text(PLAIN, encoding="utf-8")
    store = _store(tmp_path)
    add_documents(store, [path], pipeline)
    report = add_documents(store, [path], pipeline)
    assert (report.added, len(report.unchanged)) == ([], 1)


def test_remove_takes_it_out(tmp_path: Path, pipeline: Pipeline) -> None:
    path = tmp_path / "plain.txt"
    path.write_text(PLAIN, encoding="utf-8")
    store = _store(tmp_path)
    graph = str(document_graph_iri(read_file(path)))
    add_documents(store, [path], pipeline)
    assert store.has_graph(graph)
    remove_documents(store, [path])
    assert not store.has_graph(graph)
