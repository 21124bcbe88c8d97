"""The saved queries shipped in kg/queries: standard SPARQL 1.1 files, each opening with a
comment that says what it answers."""

from __future__ import annotations

from importlib import resources

from .queries import QueryError


def list_saved() -> dict[str, str]:
    """Saved query name -> the first comment line (what it answers)."""
    out: dict[str, str] = {}
    for entry in sorted(resources.files("kg.queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            text = entry.read_text(encoding="utf-8")
            doc = next((ln.lstrip("# ").strip() for ln in text.splitlines()
                        if ln.startswith("#")), "")
            out[entry.name[:-3]] = doc
    return out


def load_saved(name: str) -> str:
    path = resources.files("kg.queries") / f"{name}.rq"
    if not path.is_file():
        known = ", ".join(list_saved())
        raise QueryError(f"no saved query named {name!r}; known: {known}")
    return path.read_text(encoding="utf-8")
