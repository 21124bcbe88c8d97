"""RSS and Atom feeds: every entry is a document of its own.

An entry's text is its title line, a blank line, then its content (or summary) read as an HTML
fragment; the title line is marked as a heading, so an entry that reports one development is
one item under its title. `part` keys the entry (its id, else its link, else its position) so
that each entry gets a digest, and so a named graph, of its own.
"""

from __future__ import annotations

import datetime as dt
import io

from .errors import ReadError
from .metadata import iso_date
from .sources import SourceText

_HTML_TYPES = ("text/html", "application/xhtml+xml", "html", "xhtml")


def feed_texts(name: str, data: bytes) -> list[SourceText]:
    """One SourceText per entry with content; raises ReadError for a feed without any."""
    import feedparser

    # A stream, never a string: feedparser fetches a string that looks like a URL or a path.
    # Sanitizing is left out (the HTML reader drops scripts anyway); it was most of the time.
    parsed = feedparser.parse(io.BytesIO(data), sanitize_html=False, resolve_relative_uris=False)
    entries = parsed.get("entries") or []
    if not entries:
        problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
        if problem is not None and not parsed.get("feed"):
            detail = (str(problem).splitlines() or [""])[0][:120] or type(problem).__name__
            raise ReadError(name, f"not a readable RSS/Atom feed ({detail})")
        raise ReadError(name, "feed has no entries")
    publisher = _plain((parsed.get("feed") or {}).get("title")) or None
    encoding = parsed.get("encoding") or "utf-8"
    out: list[SourceText] = []
    parts: set[str] = set()
    skipped = 0
    for index, entry in enumerate(entries):
        title = _plain(entry.get("title"))
        body, starts = _content(entry)
        if not body.strip():
            skipped += 1
            continue
        if title:
            offset = len(title) + 2
            text = f"{title}\n\n{body}"
            starts = frozenset({0, *(s + offset for s in starts)})
        else:
            text = body
        part = str(entry.get("id") or entry.get("link") or index)
        if part in parts:
            part = f"{part}#{index}"
        parts.add(part)
        out.append(SourceText(text, encoding, "feed", starts, title or None, publisher,
                              _entry_date(entry), part))
    if not out:
        raise ReadError(name, f"feed has {len(entries)} entries, none with any text")
    if skipped:
        out[0].warnings.append(f"{skipped} feed entries without text were left out")
    return out


def _content(entry: dict) -> tuple[str, frozenset[int]]:
    """The entry's fullest text: its content, else its summary; HTML is read as a fragment."""
    candidates = [(c.get("value") or "", c.get("type") or "") for c in entry.get("content") or []]
    detail = entry.get("summary_detail") or {}
    candidates.append((entry.get("summary") or "", detail.get("type") or "text/html"))
    value, kind = max(candidates, key=lambda c: len(c[0].strip()))
    if not value.strip():
        return "", frozenset()
    if kind in _HTML_TYPES or "<" in value:
        from .html import html_to_text

        page = html_to_text(value, fragment=True)
        return page.text, page.heading_starts
    lines = (" ".join(line.split()) for line in value.replace("\r\n", "\n").split("\n"))
    return "\n".join(line for line in lines if line) + "\n", frozenset()


def _plain(value: object) -> str:
    """A title as one line of text (feeds may put markup and entities in titles)."""
    text = str(value or "")
    if "<" in text or "&" in text:
        from .html import html_to_text

        text = html_to_text(text, fragment=True).text
    return " ".join(text.split())


def _entry_date(entry: dict) -> str | None:
    """The entry's date as written (feedparser's parsed dates are moved to UTC)."""
    for key in ("published", "updated", "created"):
        found = iso_date(entry.get(key))
        if found:
            return found
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        stamp = entry.get(key)
        if stamp:
            return dt.date(*stamp[:3]).isoformat()
    return None
