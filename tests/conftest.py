"""Shared fixtures: the seed newsletters built once per test session into a temporary store."""

from __future__ import annotations

from pathlib import Path

import pytest

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
