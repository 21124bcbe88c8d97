"""Shared fixtures: the seed newsletters built once per test session into a temporary store."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.ingest import Document, Item

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold"


def pytest_configure(config: pytest.Config) -> None:
    """kg's lexicon cache goes to a temporary folder, not the home folder (subprocesses too)."""
    import os
    import tempfile

    os.environ.setdefault("KG_CACHE_DIR", tempfile.mkdtemp(prefix="kg-cache-"))


@pytest.fixture(scope="session")
def pipeline():
    """The extraction pipeline, loaded once (spaCy and the ontology take about a second)."""
    from kg.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def builder(pipeline):
    """The pipeline under the name the extraction tests know it by."""
    return pipeline


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory, pipeline) -> Path:
    """A store of seeds/ as `kg add seeds/` writes it: the reference data, then a transaction a
    newsletter."""
    from kg.pipeline import add_documents
    from kg.store import GraphStore, load_reference

    path = tmp_path_factory.mktemp("store") / "store"
    store = GraphStore(path)
    load_reference(store)
    report = add_documents(store, [SEEDS], pipeline)
    assert len(report.added) == 5
    store.flush()
    store.close()
    return path


def news_document(paragraphs: list[str]) -> Document:
    """One news story: an item per paragraph, its first line the headline."""
    text, items = "", []
    for p in paragraphs:
        head, _, body = p.partition("\n")
        start = len(text)
        h_end = start + len(head)
        items.append(Item(None, head, body, None, "enforcement",
                          (start, h_end + (1 + len(body) if body else 0)), (start, h_end),
                          (h_end + 1, h_end + 1 + len(body))))
        text += p + "\n"
    return Document("news.txt", "0" * 64, None, None, None, "utf-8", text, items, [], "prose")


@pytest.fixture(scope="session")
def cases(builder):
    """The cases of a news story written as paragraphs, as `kg extract` gives them."""
    from kg.link import document_json, link_document

    def go(*paragraphs: str) -> list[dict]:
        doc = news_document(list(paragraphs))
        items = document_json(doc, link_document(doc, builder.extractor, builder.linker))["items"]
        return [c for it in items for c in (it.get("cases") or ([it["case"]] if it["case"]
                                                               else []))]
    return go
