"""The package layout keeps its promises: text flows one way through the stages, the command
line goes through `kg.api` alone, modules stay small, and no private name crosses a package.

Read from the source with `ast`, so a new import that runs back up a stage fails here rather
than in review.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

KG = Path(__file__).resolve().parent.parent / "kg"

# Each unit (a package under kg/, or a top-level module) by its place in the flow. A unit may
# import only units of a lower rank. Units of one rank do not import one another.
RANK = {
    "util": 0, "vocab": 0, "queries": 0,
    "lexicon": 1,
    "ingest": 2,
    "extract": 3,
    "link": 4,
    "graph": 5,
    "store": 6,
    "pipeline": 7,
    "validate": 8, "evaluate": 8, "serve": 8, "viz": 8,
    "api": 9,
    "cli": 10,
}
MAX_LINES = 350


def _modules() -> list[Path]:
    return sorted(p for p in KG.rglob("*.py") if "__pycache__" not in p.parts)


def _unit(path: Path) -> str:
    return path.relative_to(KG).with_suffix("").parts[0]


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module imported, names taken from it) for every absolute import of a kg module."""
    found: list[tuple[str, list[str]]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.module, [a.name for a in node.names]))
        elif isinstance(node, ast.Import):
            found.extend((a.name, []) for a in node.names)
    return [(m, names) for m, names in found if m == "kg" or m.startswith("kg.")]


def test_every_unit_has_a_rank() -> None:
    units = {_unit(p) for p in _modules()} - {"__init__"}
    assert units <= set(RANK), f"give these a place in RANK: {sorted(units - set(RANK))}"


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(KG)))
def test_imports_point_downstream(path: Path) -> None:
    unit = _unit(path)
    if unit == "__init__":
        return  # the package's front door loads kg.api lazily
    for module, names in _imports(path):
        parts = module.split(".")
        target = parts[1] if len(parts) > 1 else None
        if target is None:
            assert unit == "cli" and names == ["api"], f"{path.name}: from kg import {names}"
            continue
        if target == unit:
            continue
        assert RANK[target] < RANK[unit], f"{unit} imports {module}, a stage at or after it"


@pytest.mark.parametrize("path", sorted((KG / "cli").glob("*.py")), ids=lambda p: p.name)
def test_the_command_line_goes_through_the_api(path: Path) -> None:
    for module, names in _imports(path):
        assert module in ("kg", "kg.cli") or module.startswith("kg.cli."), (
            f"{path.name} imports {module}: commands call kg.api only")
        if module == "kg":
            assert names == ["api"]


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(KG)))
def test_no_private_name_crosses_a_package(path: Path) -> None:
    unit = _unit(path)
    for module, names in _imports(path):
        parts = module.split(".")
        if len(parts) > 1 and parts[1] != unit:
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            assert not private, f"{path.name} takes {private} from {module}"


def test_no_module_is_over_the_limit() -> None:
    long = {str(p.relative_to(KG)): n for p in _modules()
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES}
    assert not long, f"over {MAX_LINES} lines: {long}"


def test_tests_use_public_names() -> None:
    tests = Path(__file__).resolve().parent
    for path in sorted(tests.rglob("*.py")):
        for module, names in _imports(path):
            private = [n for n in names if n.startswith("_") and not n.startswith("__")]
            assert not private, f"{path.relative_to(tests)} takes {private} from {module}"
