"""The whole pipeline: newsletters -> items -> mentions -> linked entities -> RDF -> store.

Each newsletter is added in one store transaction, under a named graph derived from the sha256
of its bytes: a second add of the same file changes nothing, and `remove` takes out exactly what
it added.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kg.ingest import Document, ReadError, read_paths
from kg.store import ONTOLOGY_GRAPH, GraphStore


@dataclass
class BuildReport:
    """What a build or add did, for the summary and the exit status."""

    added: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    quads: int = 0
    items: int = 0


class Builder:
    """Holds the extraction pipeline so that many newsletters share one spaCy load."""

    def __init__(self) -> None:
        from kg.extract import Extractor, load_lexicon
        from kg.link import Linker

        self.lexicon = load_lexicon()
        self.extractor = Extractor(self.lexicon)
        self.linker = Linker(self.lexicon)

    def quads(self, doc: Document) -> list[Any]:
        from kg.graph import newsletter_quads
        from kg.link import link_document

        return list(newsletter_quads(doc, link_document(doc, self.extractor, self.linker)))


def load_reference(store: GraphStore) -> int:
    """(Re)load the ontology and reference data into their own named graph."""
    from rdflib import URIRef

    from kg.vocab import load_ontology

    g = URIRef(ONTOLOGY_GRAPH)
    return store.replace_graph(ONTOLOGY_GRAPH, ((s, p, o, g) for s, p, o in load_ontology()))


def add_documents(store: GraphStore, paths: Iterable[str | Path],
                  builder: Builder | None = None,
                  on_file: Callable[[str, str], None] | None = None) -> BuildReport:
    """Add every newsletter under `paths` that the store does not hold yet."""
    from kg.graph import document_graph_iri

    report = BuildReport()
    builder = builder or Builder()
    for result in read_paths(paths):
        if isinstance(result, ReadError):
            report.failed.append(str(result))
            if on_file:
                on_file(result.path, "failed")
            continue
        graph = str(document_graph_iri(result))
        if store.has_graph(graph):
            report.unchanged.append(result.path)
            if on_file:
                on_file(result.path, "unchanged")
            continue
        quads = builder.quads(result)
        report.quads += store.add_graph(graph, quads)
        report.items += len(result.items)
        report.added.append(result.path)
        if on_file:
            on_file(result.path, "added")
    return report


def remove_documents(store: GraphStore, paths: Iterable[str | Path]) -> BuildReport:
    """Take out exactly the named graphs these files added (matched by sha256)."""
    from kg.graph import document_graph_iri

    report = BuildReport()
    for result in read_paths(paths):
        if isinstance(result, ReadError):
            report.failed.append(str(result))
            continue
        graph = str(document_graph_iri(result))
        if store.has_graph(graph):
            report.quads += store.remove_graph(graph)
            report.removed.append(result.path)
        else:
            report.unchanged.append(result.path)
    return report
