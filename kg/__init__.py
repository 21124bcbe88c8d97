"""kg: a knowledge graph of China's cybersecurity and data-protection law.

The library is `kg.api`; its front door is also here::

    import kg
    g = kg.open("build/store")
    g.query_df("SELECT ?name WHERE { ?a a kg:NationalAuthority ; skos:prefLabel ?name }")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from kg.api import KnowledgeGraph, open


def __getattr__(name: str) -> Any:
    # kg.api sits above every stage: loaded when asked for, not when a stage is imported.
    if name in ("open", "KnowledgeGraph"):
        from kg import api

        return getattr(api, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


__all__ = ["KnowledgeGraph", "__version__", "open"]
