"""Reading a case as `kg extract --format json` writes it."""

from __future__ import annotations

from typing import Any


def authority_name(case: dict[str, Any]) -> str | None:
    """The acting body's name: a case's authority is an entity (name, IRI, other names)."""
    return case["authority"]["name"] if case["authority"] else None
