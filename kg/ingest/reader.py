"""A document's text to dated, sectioned items."""

from __future__ import annotations

import hashlib
import re

from .dates import DateMention, find_dates, find_issue_month
from .errors import ReadError
from .layout import (
    _BULLET,
    _NUMBERED,
    RawItem,
    section_of_heading,
    split_items,
    strip_decor,
)
from .model import Document, Item
from .sources import SourceText, source_texts

_PAREN = re.compile(r"\(([^()]*)\)")
_SENTENCE_START = re.compile(r"(?:^|[.!?;]\s+|\n\s*)(?=\S)")
_OPENING = re.compile(
    r"(?:On|on|Dated|dated|According to (?:the )?(?:news|reports?|media reports?)"
    r"(?: released| published)?(?: on| of| dated)?|Recently,? on|As of|as of)\s+$"
)
_PUBLISHER = re.compile(
    r"(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)?"
    r"(?P<a>[A-Z][\w&.,' -]{1,60}?)(?:\.|,|\s+all rights|\s*$)"
    r"|^(?:published|prepared|brought to you) by\s+(?P<b>[A-Z][\w&.,' -]{1,60}?)\.?\s*$",
    re.I | re.M,
)
# Headline words that mark an enforcement action, for files that have no section headings.
_ENFORCEMENT_CUES = re.compile(
    r"\b(?:fined|fines?|penali[sz]\w*|punish\w*|sentenc\w*|arrest\w*|prosecut\w*|convict\w*"
    r"|summon\w*|took down|taken down|removed from|confiscat\w*|detained)\b",
    re.I,
)
_RULE_CUES = re.compile(
    r"\b(?:laws?|regulations?|rules?|measures|provisions|guidelines?|guide|standards?|notices?"
    r"|plan|catalog(?:ue)?|opinions?|specifications?|drafts?|circular|consult\w*|public opinions"
    r"|policy|policies|interpretation|decision)\b",
    re.I,
)


def read_bytes(name: str, data: bytes) -> Document:
    """The one document in already-loaded bytes; `name` is used for messages and its path."""
    docs = documents_from_bytes(name, data)
    if len(docs) != 1:
        raise ReadError(name, f"holds {len(docs)} documents; read it with documents_from_bytes")
    return docs[0]


def documents_from_bytes(name: str, data: bytes) -> list[Document]:
    """Every document a file's bytes hold, each cut into dated, sectioned items."""
    sha = hashlib.sha256(data).hexdigest()
    return [read_source(name, source, sha) for source in source_texts(name, data)]


def read_source(name: str, source: SourceText, file_sha: str) -> Document:
    """One document's text to items; a part of a file (a feed entry) gets its own digest."""
    text = source.text
    warnings = list(source.warnings)
    if source.encoding not in ("utf-8", "utf-8-sig") and source.kind in ("text", "html"):
        warnings.append(f"decoded as {source.encoding}, not UTF-8")
    title, publisher = source.title, source.publisher
    all_blocks, raw_items, layout = split_items(text, source.heading_starts, default_section="")
    if not raw_items:
        raise ReadError(name, "no sentences found: the text holds no paragraph to read")
    if layout == "paragraphs":
        warnings.append("no newsletter layout recognised; each paragraph is an item")
    first = all_blocks[0]
    if title is None and raw_items[0].heading is not first and _looks_like_title(first):
        title = first.clean
    if publisher is None:
        publisher = _find_publisher(text)
    issue = find_issue_month(title) if title else None
    dated = [(raw, _item_date(raw, text)) for raw in raw_items]
    if issue is None:
        explicit = [(d.year, d.month) for _, d in dated if d is not None and d.year is not None]
        if not explicit:
            explicit = [(d.year, d.month) for d in find_dates(text) if d.year is not None]
        if explicit:
            year, month = max(explicit)
            issue = f"{year:04d}-{month:02d}"
    items = [_make_item(raw, date, issue, text) for raw, date in dated]
    if any(item.date is None for item in items):
        warnings.append(f"{sum(i.date is None for i in items)} item(s) without a day-precise date")
    sha = file_sha
    if source.part is not None:
        sha = hashlib.sha256(f"{file_sha}#{source.part}".encode()).hexdigest()
    return Document(name, sha, title, publisher, issue, source.encoding, text, items, warnings,
                    layout=layout, kind=source.kind)


def _looks_like_title(block) -> bool:  # noqa: ANN001 - a layout Block
    clean = block.clean
    return (len(clean.split()) <= 25 and not clean.endswith((".", ":"))
            and not section_of_heading(block)[0])


def _find_publisher(text: str) -> str | None:
    m = _PUBLISHER.search(text)
    if not m:
        return None
    return (m["a"] or m["b"]).strip(" ,.-") or None


def _item_date(raw: RawItem, text: str) -> DateMention | None:
    """The date of the development: a date in brackets in the heading, else the body's "On X"."""
    heading = raw.heading.clean
    for paren in reversed(list(_PAREN.finditer(heading))):
        found = list(find_dates(paren.group(1)))
        if found:
            return found[-1]
    if not raw.body:
        return None
    body = text[raw.body[0].start : raw.body[-1].end]
    for d in find_dates(body):
        before = body[max(0, d.start - 60) : d.start]
        opening = _OPENING.search(before)
        if opening is None:
            continue
        lead = before[: opening.start()]
        if not lead.strip() or re.search(r"(?:[.!?;]\s*|\n\s*)$", lead) or lead.endswith(
            ("news ", "reports ")
        ):
            return d
    return None


def _make_item(raw: RawItem, date: DateMention | None, issue: str | None, text: str) -> Item:
    head = raw.heading
    headline = head.clean
    m = _NUMBERED.match(headline)
    if m and raw.number is not None:
        headline = strip_decor(m["rest"])  # "1. **Heading**"
    headline = _BULLET.sub("", headline) if raw.number is None else headline
    if raw.body:
        body_span = (raw.body[0].start, raw.body[-1].end)
        body = text[body_span[0] : body_span[1]]
    else:
        body_span, body = (head.end, head.end), ""
    section = raw.section or _guess_section(headline, body)
    iso = date.resolve(issue) if date else None
    found = text.find(headline, head.start, head.end)
    h_start = found if found >= 0 else head.start
    headline_span = (h_start, h_start + len(headline)) if found >= 0 else (head.start, head.end)
    return Item(raw.number, headline, body, iso, section, (head.start, body_span[1]),
                headline_span, body_span)


def _guess_section(headline: str, body: str) -> str:
    """Section of an item in a file without section headings, from its wording."""
    if _ENFORCEMENT_CUES.search(headline):
        return "enforcement"
    if _RULE_CUES.search(headline) or _RULE_CUES.search(body[:300]):
        return "legislative"
    return "industry"
