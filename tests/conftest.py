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
def builder():
    """The extraction pipeline, loaded once (spaCy and the ontology take about a second)."""
    from kg.build import Builder

    return Builder()


@pytest.fixture(scope="session")
def seed_store(tmp_path_factory: pytest.TempPathFactory, builder) -> Path:
    """A store built from seeds/ exactly as `kg build seeds/` builds it."""
    from kg.build import add_documents, load_reference
    from kg.store import GraphStore

    path = tmp_path_factory.mktemp("store") / "store"
    store = GraphStore(path)
    load_reference(store)
    report = add_documents(store, [SEEDS], builder)
    assert len(report.added) == 5
    store.flush()
    store.close()
    return path
