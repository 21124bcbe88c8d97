"""The document model the reader produces and every later stage extends."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Item:
    """One development reported by a newsletter.

    `span` is `[start, end)` in `Document.text`; the headline and body spans let later stages
    map an entity offset inside the item back to the source.
    """

    number: int | None
    headline: str
    body: str
    date: str | None
    section: str
    span: tuple[int, int]
    headline_span: tuple[int, int]
    body_span: tuple[int, int]
    month: str | None = None

    @property
    def text(self) -> str:
        """Headline and body as the extractor reads them."""
        return f"{self.headline}\n{self.body}" if self.body else self.headline

    def to_json(self) -> dict[str, Any]:
        return {
            "number": self.number,
            "headline": self.headline,
            "body": self.body,
            "date": self.date,
            "month": self.month or (self.date[:7] if self.date else None),
            "section": self.section,
            "span": list(self.span),
        }


@dataclass
class Document:
    """A newsletter as read from one file.

    `text` is the decoded (and, for HTML, de-marked-up) text that all spans refer to.
    """

    path: str
    sha256: str
    title: str | None
    publisher: str | None
    issue: str | None
    encoding: str
    text: str = field(repr=False)
    items: list[Item] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    layout: str = "numbered"
    kind: str = "text"

    @property
    def file(self) -> str:
        from pathlib import Path

        return Path(self.path).name

    def to_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "path": self.path,
            "sha256": self.sha256,
            "title": self.title,
            "publisher": self.publisher,
            "issue": self.issue,
            "encoding": self.encoding,
            "format": self.kind,
            "layout": self.layout,
            "warnings": list(self.warnings),
            "items": [item.to_json() for item in self.items],
        }

