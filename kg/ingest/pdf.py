"""PDF newsletters to text, as a reader would read the pages.

pypdf's layout mode places each character where it is on the page, so columns come out side
by side rather than interleaved (its plain mode follows the content stream, which a
typesetter may write row by row across columns). From that grid this module
 - drops the running headers and footers (lines repeated at the top or bottom of most pages)
   and bare page numbers ("3", "- 3 -", "Page 3 of 9");
 - splits a page at a gutter (a band of blank columns) into columns, read left to right;
 - joins the hard-wrapped lines of each paragraph, undoing hyphenation, and keeps list items
   and short heading lines as lines of their own, with a blank line between paragraphs.

A PDF of more than MAX_PAGES pages is refused: layout mode reads some 40 pages a second, and a
newsletter is rarely a tenth as long.
"""

from __future__ import annotations

import io
import logging
import math
import re
import warnings
from dataclasses import dataclass

from .errors import ReadError
from .metadata import iso_date
from .sources import SourceText

MAX_PAGES = 300

_ZONE = 3  # lines at the top and at the bottom of a page that may be running furniture
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?[-–—(\[]?\s*\d{1,4}\s*[-–—)\]]?"
                          r"(?:\s*(?:of|/|\|)\s*\d{1,4})?$|^[ivxlc]{1,6}$", re.I)
_LIST = re.compile(r"^(?:\(?\d{1,3}[.)]|\d{1,3}(?:\.\d{1,3})+\.?|[•·▪◦‣●○■□➢►*–-]"
                   r"|\([a-zA-Z]{1,4}\)|[a-z][.)]|[一二三四五六七八九十]+、)\s*\S")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_GUTTER_MIN = 3  # blank character columns between two text columns


@dataclass
class _Line:
    text: str
    width: int  # the length of a full line in its column
    indent: int
    gap_before: bool


def pdf_texts(name: str, data: bytes) -> list[SourceText]:
    """The text of a PDF; raises ReadError for an encrypted, image-only or broken one."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its recoveries are not the user's news
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        reader = _open(name, data)
        try:
            count = len(reader.pages)
        except Exception as exc:  # noqa: BLE001 - pypdf raises many kinds on a broken file
            raise ReadError(name, f"corrupt PDF ({_short(exc)})") from exc
        if count > MAX_PAGES:
            raise ReadError(name, f"PDF has {count} pages, over the {MAX_PAGES}-page limit for "
                            "one newsletter; split it or raise kg.ingest.pdf.MAX_PAGES")
        pages, failed = [], 0
        for page in reader.pages:
            grid = _page_grid(page)
            failed += grid is None
            pages.append([line.rstrip() for line in (grid or "").split("\n")])
        title, published = _metadata(reader)
    if failed == count:
        raise ReadError(name, "corrupt PDF (no page could be read)")
    blank = sum(not any(line.strip() for line in page) for page in pages)
    if blank == count:
        raise ReadError(name, "PDF has no text layer (a scanned image?); kg needs text")
    warns = []
    if blank - failed:
        warns.append(f"{blank - failed} of {count} PDF pages have no text (scanned images?)")
    if failed:
        warns.append(f"{failed} of {count} PDF pages could not be read")
    text = _paragraphs(_reading_order(_drop_furniture(pages)))
    if title and title.lower() not in text[:500].lower():
        title = None  # a stale or generated title ("Microsoft Word - draft3.docx")
    return [SourceText(text, "pdf", "pdf", frozenset(), title, None, published, None, warns)]


def _open(name: str, data: bytes):  # noqa: ANN202 - a pypdf PdfReader, imported lazily
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError(name, "encrypted PDF; it needs a password to open (save an "
                            "unencrypted copy)")
    except ReadError:
        raise
    except DependencyError as exc:
        raise ReadError(name, "encrypted PDF; decrypting it needs the 'cryptography' "
                        "package") from exc
    except Exception as exc:  # noqa: BLE001
        raise ReadError(name, f"corrupt PDF ({_short(exc)})") from exc
    return reader


def _short(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:120] or type(exc).__name__


def _page_grid(page) -> str | None:  # noqa: ANN001 - a pypdf PageObject
    """The page as a character grid (layout mode), else its plain text, else None."""
    try:
        return page.extract_text(extraction_mode="layout", layout_mode_space_vertically=True)
    except Exception:  # noqa: BLE001 - layout mode fails on some fonts; plain mode may not
        try:
            return page.extract_text()
        except Exception:  # noqa: BLE001
            return None


def _metadata(reader) -> tuple[str | None, str | None]:  # noqa: ANN001
    try:
        meta = reader.metadata
        title = meta.title if meta else None
        created = meta.creation_date if meta else None
    except Exception:  # noqa: BLE001 - a malformed info dictionary or date
        return None, None
    title = " ".join(str(title).split()) if title else None
    return title or None, iso_date(created)


def _norm(line: str) -> str:
    return re.sub(r"\d+", "#", " ".join(line.split()).lower())


def _drop_furniture(pages: list[list[str]]) -> list[list[str]]:
    """Pages without running headers, footers and page numbers."""
    zones: list[list[int]] = []
    for lines in pages:
        filled = [i for i, line in enumerate(lines) if line.strip()]
        zones.append(sorted(set(filled[:_ZONE] + filled[-_ZONE:])))
    seen: dict[str, int] = {}
    for lines, zone in zip(pages, zones, strict=True):
        for key in {_norm(lines[i]) for i in zone}:
            seen[key] = seen.get(key, 0) + 1
    with_text = sum(bool(zone) for zone in zones)
    # On half the pages, or on three (a chapter's running title in a long document).
    least = max(2, min(3, math.ceil(with_text / 2)))
    repeated = {key for key, n in seen.items() if with_text >= 2 and n >= least}
    out = []
    for lines, zone in zip(pages, zones, strict=True):
        drop = {i for i in zone
                if _norm(lines[i]) in repeated or _PAGE_NUMBER.match(lines[i].strip())}
        out.append(["" if i in drop else line for i, line in enumerate(lines)])
    return out


def _reading_order(pages: list[list[str]]) -> list[_Line]:
    """Every line of every page in reading order, columns one after the other."""
    out: list[_Line] = []
    for lines in pages:
        lengths = sorted(len(" ".join(line.split())) for line in lines if line.strip())
        page_width = lengths[int(len(lengths) * 0.9)] if lengths else 0
        for column in _columns(lines, 0):
            out.extend(_column_lines(column, page_width))
    return out


def _columns(lines: list[str], depth: int) -> list[list[str]]:
    """The page (or a column of it) cut at its gutter into bands of columns, in reading order.

    A line that crosses the gutter (a title over both columns) ends a band.
    """
    gutter = _gutter(lines) if depth < 3 else None
    if gutter is None:
        return [lines]
    a, b = gutter
    out: list[list[str]] = []
    left: list[str] = []
    right: list[str] = []
    for line in lines:
        if line[a:b].strip():
            out += _columns(left, depth + 1) + _columns(right, depth + 1) + [[line]]
            left, right = [], []
        else:
            left.append(line[:a])
            right.append(line[b:])
    return out + _columns(left, depth + 1) + _columns(right, depth + 1)


def _gutter(lines: list[str]) -> tuple[int, int] | None:
    """(start, end) of the widest band of blank character columns between two columns of
    prose, or None for a single column."""
    rows = [line for line in lines if line.strip()]
    if len(rows) < 6:
        return None
    width = max(len(line) for line in rows)
    filled = [0] * width
    for line in rows:
        for i, ch in enumerate(line):
            if ch != " ":
                filled[i] += 1
    crossing = max(1, len(rows) // 10)  # full-width lines (titles) that may cross it
    best: tuple[int, int] | None = None
    start = None
    for i in range(int(width * 0.2), int(width * 0.8) + 1):
        if i < width and filled[i] <= crossing:
            start = i if start is None else start
            continue
        if start is not None and i - start >= _GUTTER_MIN and (
                best is None or i - start > best[1] - best[0]):
            best = (start, i)
        start = None
    if best is None:
        return None
    least = min(filled[best[0]:best[1]])  # the narrowest crossing lines, within the band
    runs = re.finditer(f"1{{{_GUTTER_MIN},}}",
                       "".join("1" if filled[i] == least else "0" for i in range(*best)))
    widest = max(runs, key=lambda m: m.end() - m.start(), default=None)
    if widest is not None:
        best = (best[0] + widest.start(), best[0] + widest.end())
    sides = [[line[: best[0]].strip() for line in rows], [line[best[1]:].strip() for line in rows]]
    for side in sides:
        texts = sorted(len(t) for t in side if t)
        if len(texts) < len(rows) // 4 or texts[len(texts) // 2] < 20:
            return None  # a table or a ragged margin, not two columns of prose
    return best


def _column_lines(lines: list[str], page_width: int) -> list[_Line]:
    """A column's lines; `page_width` stands for the full width of a column of a line or two."""
    filled = [line for line in lines if line.strip()]
    if not filled:
        return []
    base = min(len(line) - len(line.lstrip()) for line in filled)
    lengths = sorted(len(" ".join(line.split())) for line in filled)
    width = lengths[int(len(lengths) * 0.9)] if len(lengths) >= 3 else page_width
    out: list[_Line] = []
    gap = False
    for line in lines:
        if not line.strip():
            gap = bool(out)
            continue
        indent = len(line) - len(line.lstrip()) - base
        out.append(_Line(" ".join(line.split()), width, indent, gap))
        gap = False
    return out


def _paragraphs(lines: list[_Line]) -> str:
    """Lines joined into paragraphs; list items and headings stay lines of their own."""
    words = {w.lower() for line in lines for w in _WORD.findall(line.text)}
    blocks: list[tuple[str, bool]] = []  # (text, is a list item)
    prev: _Line | None = None
    for line in lines:
        if prev is None or _starts_block(prev, line, blocks[-1][1]):
            blocks.append((line.text, bool(_LIST.match(line.text))))
        else:
            blocks[-1] = (_join(blocks[-1][0], line.text, words), blocks[-1][1])
        prev = line
    out: list[str] = []
    for i, (text, listed) in enumerate(blocks):
        if i:
            out.append("\n" if listed and blocks[i - 1][1] else "\n\n")
        out.append(text)
    return "".join(out) + "\n" if out else ""


def _starts_block(prev: _Line, line: _Line, in_list: bool) -> bool:
    """Whether `line` starts a paragraph rather than goes on with the one `prev` is in."""
    if line.gap_before or _LIST.match(line.text):
        return True
    if len(prev.text) < 0.7 * prev.width:
        return True  # the previous line ends its paragraph (or is a heading)
    if line.indent >= 2 and prev.indent <= 0 and not in_list:
        return True  # a first line indented
    if in_list and prev.text.endswith(")") and line.text[:1].isupper():
        return True  # "1. Headline (5 March)" over its body, with no space between
    # A short line without end punctuation after a finished sentence: a heading.
    return (prev.text.endswith((".", "!", "?", ":")) and len(line.text) < 0.6 * line.width
            and not line.text.endswith((".", ",", ";", ":", "!", "?")))


def _join(text: str, line: str, words: set[str]) -> str:
    """Append a wrapped line, undoing a hyphenated break unless the hyphen is the word's."""
    if text.endswith("\u00ad"):
        return text[:-1] + line
    m = re.search(r"([^\W\d_]+)-$", text)
    if m and line[:1].islower():
        nxt = _WORD.match(line)
        head, tail = m[1], (nxt[0].split("-")[0] if nxt else "")
        if (head + tail).lower() in words or f"{head}-{tail}".lower() not in words:
            return text[:-1] + line
        return text + line
    return f"{text} {line}"
