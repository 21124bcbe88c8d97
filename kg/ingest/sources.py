"""Bytes of one file to the plain text(s) it holds, whatever its format.

Every later offset refers to `SourceText.text`, so a format reader must give the text exactly as
the items will be cut from it. A format that holds several documents (a feed) gives one
`SourceText` per document, each with its own `part` key.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .decode import decode

_HTML_SNIFF = re.compile(rb"^\s*(?:<!doctype html|<html|<head|<body|<\?xml\s[^>]*>\s*<html)", re.I)
# Markdown ATX headings ("### Heading") are headings the way <h3> is in a web page.
_MD_HEADING = re.compile(r"^[ \t]*(#{1,6})[ \t]+\S", re.M)


@dataclass
class SourceText:
    """The text of one document and what its container says about it.

    `heading_starts` are offsets of lines that markup (HTML, Markdown, Word styles) marks as
    headings; `published` is an ISO date (or datetime) from metadata such as
    `article:published_time`, an e-mail's `Date:` or a feed entry's date.
    """

    text: str
    encoding: str
    kind: str = "text"
    heading_starts: frozenset[int] = field(default_factory=frozenset)
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    part: str | None = None
    warnings: list[str] = field(default_factory=list)


def source_texts(name: str, data: bytes) -> list[SourceText]:
    """The document(s) in one file's bytes; raises ReadError naming the file."""
    lower = name.lower()
    if lower.endswith((".html", ".htm")) or _HTML_SNIFF.match(data[:512]):
        return [_html(name, data)]
    raw, encoding = decode(name, data)
    heading_starts = frozenset(m.start(1) for m in _MD_HEADING.finditer(raw))
    return [SourceText(raw, encoding, "text", heading_starts)]


def _html(name: str, data: bytes) -> SourceText:
    from .html import html_to_text  # BeautifulSoup takes 0.1 s to import; text needs none

    raw, encoding = decode(name, data)
    page = html_to_text(raw)
    return SourceText(page.text, encoding, "html", page.heading_starts, page.title,
                      page.publisher)
