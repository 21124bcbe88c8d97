"""A whole newsletter through extraction and linking: the public `kg extract` JSON."""

from __future__ import annotations

from typing import Any

from kg.extract import Extractor
from kg.ingest import Document

from .linker import LinkedItem, Linker


def link_document(doc: Document, extractor: Extractor, linker: Linker) -> list[LinkedItem]:
    """Every item of a document, extracted and linked."""
    return [linker.link(e) for e in extractor.extract(doc)]


def document_json(doc: Document, items: list[LinkedItem]) -> dict[str, Any]:
    """The gold-shaped JSON of one document, with IRIs and spans added."""
    out = doc.to_json()
    out["items"] = [item.to_json() for item in items]
    return out
