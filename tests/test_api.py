"""kg.api from Python and the `kg` command from the shell leave the same store behind: the same
quads, the same dump beside it, the reference data in it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import kg
from kg import api
from kg.pipeline import Pipeline, add_documents
from kg.store import ONTOLOGY_GRAPH, GraphStore, dump_path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))


def shell(*args: str | Path) -> None:
    done = subprocess.run([sys.executable, "-m", "kg.cli", *map(str, args)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]


def quads(path: Path) -> set[str]:
    with GraphStore(path, read_only=True) as store:
        return {str(q) for q in store.oxigraph.quads_for_pattern(None, None, None, None)}


def has_reference(path: Path) -> bool:
    with GraphStore(path, read_only=True) as store:
        return store.has_graph(ONTOLOGY_GRAPH)


def dump_of(path: Path) -> bytes | None:
    dump = dump_path(path)
    return dump.read_bytes() if dump.exists() else None


def same(a: Path, b: Path) -> bool:
    return quads(a) == quads(b) and dump_of(a) == dump_of(b)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory, pipeline: Pipeline) -> tuple[Path, Path]:
    """Two seeds built --fresh over an older store: by the shell, and by Python."""
    tmp = tmp_path_factory.mktemp("built")
    by_shell, by_python = tmp / "shell" / "store", tmp / "python" / "store"
    for path in (by_shell, by_python):
        with GraphStore(path) as old:  # a store to be replaced, with a dump to be rewritten
            add_documents(old, SEEDS[2:3], pipeline)
        dump_path(path).write_text("stale", encoding="utf-8")
    shell("build", *SEEDS[:2], "--fresh", "--store", by_shell)
    api.build(SEEDS[:2], by_python, fresh=True, pipeline=pipeline)
    return by_shell, by_python


def test_build_fresh_is_the_same_from_python(built: tuple[Path, Path]) -> None:
    by_shell, by_python = built
    assert same(by_shell, by_python)
    assert dump_of(by_python) not in (None, b"stale")
    assert has_reference(by_python)
    assert not any(p.name.endswith((".new", ".old")) for p in by_python.parent.iterdir())


@pytest.fixture()
def bare(tmp_path: Path, pipeline: Pipeline) -> tuple[Path, Path]:
    """A store without the reference data and with a stale dump beside it, twice."""
    first = tmp_path / "shell" / "store"
    with GraphStore(first) as store:
        add_documents(store, SEEDS[:1], pipeline)
    dump_path(first).write_text("stale", encoding="utf-8")
    second = tmp_path / "python" / "store"
    shutil.copytree(first, second)
    shutil.copy(dump_path(first), dump_path(second))
    return first, second


def test_add_is_the_same_from_python(bare: tuple[Path, Path]) -> None:
    by_shell, by_python = bare
    shell("add", SEEDS[1], "--store", by_shell)
    kg.open(by_python, read_only=False).add(SEEDS[1])
    assert same(by_shell, by_python)
    assert has_reference(by_python) and dump_of(by_python) is None


def test_add_with_a_dump_is_the_same_from_python(bare: tuple[Path, Path]) -> None:
    by_shell, by_python = bare
    shell("add", SEEDS[1], "--store", by_shell, "--dump")
    result = api.add([SEEDS[1]], by_python, dump=True)
    assert same(by_shell, by_python)
    assert result.dump == dump_path(by_python) and dump_of(by_python) != b"stale"


def test_remove_is_the_same_from_python(built: tuple[Path, Path], tmp_path: Path) -> None:
    by_shell, by_python = (tmp_path / side / "store" for side in ("shell", "python"))
    for source, copy in zip(built, (by_shell, by_python), strict=True):
        shutil.copytree(source, copy)
        shutil.copy(dump_path(source), dump_path(copy))
    shell("remove", SEEDS[0], "--store", by_shell, "--dump")
    with kg.open(by_python, read_only=False) as g:
        result = g.remove(SEEDS[0], dump=True)
    assert len(result.report.removed) == 1
    assert same(by_shell, by_python)
    assert has_reference(by_python)


def test_remove_deletes_the_stale_dump_from_python(built: tuple[Path, Path],
                                                    tmp_path: Path) -> None:
    copy = tmp_path / "store"
    shutil.copytree(built[1], copy)
    shutil.copy(dump_path(built[1]), dump_path(copy))
    api.remove([SEEDS[1]], copy)
    assert dump_of(copy) is None
