"""A whole newsletter through extraction and linking: the public `kg extract` JSON.

Three readings of cases need the whole document, so they run here, after every item is
extracted: a plural party fined "each" becomes the members the report describes; a case no
paragraph names an actor for takes the body the document's lead names (a list of typical cases
and the paragraph that introduces it); and one still without an actor takes the kind of body its
sentence names ("a public security organ").
"""

from __future__ import annotations

from typing import Any

from kg.extract import Extractor
from kg.extract.actors import generic_actor
from kg.extract.members import split_members
from kg.extract.model import ItemExtraction
from kg.extract.story import lead_actor
from kg.ingest import Document, Item

from .linker import LinkedItem, Linker

_LEAD_CHARS = 2000


def link_document(doc: Document, extractor: Extractor, linker: Linker) -> list[LinkedItem]:
    """Every item of a document, extracted, its cases completed, and linked."""
    exts = extractor.extract(doc)
    split_members(exts)
    if any(c.authority is None for e in exts for c in e.cases):
        lead = _lead(doc, extractor)
        if lead is not None:
            lead_actor(lead, exts, extractor.lexicon)
        generic_actor(exts, extractor.lexicon)
    return [linker.link(e) for e in exts]


def _lead(doc: Document, extractor: Extractor) -> ItemExtraction | None:
    """The text before the first item (an introduction the reader keeps out of the items),
    extracted as one item; None when there is none."""
    if not doc.items:
        return None
    start = min(it.span[0] for it in doc.items)
    # The paragraphs just before the list introduce it; a long preamble is read no further back.
    begin = max(0, start - _LEAD_CHARS)
    if begin:
        begin = doc.text.find("\n", begin, start) + 1 or begin
    text = doc.text[begin:start].rstrip()
    if not text.strip():
        return None
    item = Item(None, text, "", None, "other", (begin, start), (begin, begin + len(text)),
                (start, start))
    return next(iter(extractor.extract_items([item])))


def document_json(doc: Document, items: list[LinkedItem]) -> dict[str, Any]:
    """The gold-shaped JSON of one document, with IRIs and spans added."""
    out = doc.to_json()
    out["items"] = [item.to_json() for item in items]
    return out
