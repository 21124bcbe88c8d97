"""Word .docx newsletters to text: paragraphs and tables in document order, one block a line.

Word stores list numbers as numbering definitions, not as text, so "1." is computed here from
each paragraph's numId/ilvl (its own or its style's) as Word would show it; a nested level is
indented two spaces a level so that the reader can tell it from the items. Paragraphs in a
heading style (or with an outline level) are marked as headings. A table row becomes one line,
its cells joined with " | "; a row of one cell (a table used for layout) keeps its paragraphs.
"""

from __future__ import annotations

import io
import re

from .errors import ReadError
from .metadata import iso_date
from .sources import SourceText

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Text inside these is not the paragraph's own: text boxes, deleted runs, a drawing's fallback.
_SKIP = {f"{_W}txbxContent", f"{_W}del", f"{_MC}Fallback", f"{_W}footnoteReference"}
_ROMAN = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"),
          (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def docx_texts(name: str, data: bytes) -> list[SourceText]:
    """The text of a .docx; raises ReadError for a file that is not a readable one."""
    import zipfile

    from docx import Document as open_docx

    try:
        doc = open_docx(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ReadError(name, "corrupt .docx (not a ZIP archive)") from exc
    except Exception as exc:  # noqa: BLE001 - python-docx raises KeyError, lxml errors, ...
        detail = (str(exc).splitlines() or [""])[0][:120] or type(exc).__name__
        raise ReadError(name, f"corrupt .docx ({detail})") from exc
    writer = _Writer(doc)
    writer.blocks(doc.element.body)
    text = "\n".join(writer.lines) + "\n" if writer.lines else ""
    if not text.strip():
        raise ReadError(name, "the .docx holds no text")
    starts, pos = set(), 0
    for i, line in enumerate(writer.lines):
        if i in writer.headings:
            starts.add(pos + len(line) - len(line.lstrip()))
        pos += len(line) + 1
    props = doc.core_properties
    title = " ".join((props.title or "").split()) or None
    return [SourceText(text, "docx", "docx", frozenset(starts), title, None,
                       iso_date(props.created), None, [])]


class _Writer:
    """Walks the body, keeping list counters as Word does."""

    def __init__(self, doc) -> None:  # noqa: ANN001 - a python-docx Document
        self.lines: list[str] = []
        self.headings: set[int] = set()
        self.styles = {s.get(f"{_W}styleId"): s for s in doc.styles.element.iter(f"{_W}style")}
        self.levels, self.nums, self.overrides = _numbering(doc)
        self.counters: dict[str, list[int]] = {}
        self.started: set[str] = set()

    def blocks(self, parent) -> None:  # noqa: ANN001 - an lxml element
        for child in parent:
            if child.tag == f"{_W}p":
                self.paragraph(child)
            elif child.tag == f"{_W}tbl":
                self.table(child)
            elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
                content = child.find(f"{_W}sdtContent")
                self.blocks(child if content is None else content)

    def paragraph(self, p) -> None:  # noqa: ANN001
        text = _text(p)
        if not text.strip():
            return
        style = _val(p.find(f"{_W}pPr/{_W}pStyle"))
        prefix = self.number(p, style)
        heading = self.is_heading(p, style)
        for i, part in enumerate(text.split("\n")):
            line = " ".join(part.split())
            if not line:
                continue
            if i == 0 and prefix:
                line = prefix + line
            if heading:
                self.headings.add(len(self.lines))
            self.lines.append(line)

    def table(self, tbl) -> None:  # noqa: ANN001
        for row in tbl.iter(f"{_W}tr"):
            if row.getparent() is not tbl:
                continue  # a nested table's rows are read within their cell
            cells = [tc for tc in row if tc.tag == f"{_W}tc"]
            filled = [tc for tc in cells if _text(tc).strip()]
            if len(filled) == 1:
                self.blocks(filled[0])  # a layout table: the cell's paragraphs as they are
            elif filled:
                self.lines.append(" | ".join(" ".join(_text(tc).split()) for tc in filled))

    def is_heading(self, p, style: str | None) -> bool:  # noqa: ANN001
        if p.find(f"{_W}pPr/{_W}outlineLvl") is not None:
            return _int(p.find(f"{_W}pPr/{_W}outlineLvl")) < 9
        for s in self.style_chain(style):
            name = (_val(s.find(f"{_W}name")) or "").lower()
            level = s.find(f"{_W}pPr/{_W}outlineLvl")
            if name.startswith("heading") or name == "title" or (
                    level is not None and _int(level) < 9):
                return True
        return False

    def style_chain(self, style: str | None) -> list:
        chain, seen = [], set()
        while style and style in self.styles and style not in seen:
            seen.add(style)
            chain.append(self.styles[style])
            style = _val(self.styles[style].find(f"{_W}basedOn"))
        return chain

    def number(self, p, style: str | None) -> str:  # noqa: ANN001
        """The list label Word shows before this paragraph ("1. ", "• "), or ""."""
        num_pr = p.find(f"{_W}pPr/{_W}numPr")
        chain = self.style_chain(style)
        for s in chain:
            if num_pr is not None:
                break
            num_pr = s.find(f"{_W}pPr/{_W}numPr")
        if num_pr is None:
            return ""
        num_id = _val(num_pr.find(f"{_W}numId"))
        ilvl_el = num_pr.find(f"{_W}ilvl")
        ilvl = _int(ilvl_el) if ilvl_el is not None else 0
        abstract = self.nums.get(num_id or "")
        if abstract is None or not 0 <= ilvl < 9:
            return ""  # numId 0 (numbering switched off) or an unknown list
        levels = self.levels.get(abstract, {})
        counters = self.counters.setdefault(abstract, [0] * 9)
        if num_id not in self.started:  # a list restarted by a start override
            self.started.add(num_id)
            for lvl, start in self.overrides.get(num_id, {}).items():
                counters[lvl] = start - 1
        start = levels.get(ilvl, ("decimal", "%1.", 1))[2]
        counters[ilvl] = max(counters[ilvl] + 1, start)
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = levels.get(deeper, ("", "", 1))[2] - 1
        fmt, pattern, _ = levels.get(ilvl, ("decimal", f"%{ilvl + 1}.", 1))
        if fmt == "none":
            return ""
        if fmt == "bullet":
            label = "•"
        else:
            label = re.sub(r"%([1-9])", lambda m: _format(
                counters[int(m[1]) - 1], levels.get(int(m[1]) - 1, (fmt,))[0]), pattern)
        return "  " * ilvl + (label.strip() + " " if label.strip() else "")


def _numbering(doc) -> tuple[dict, dict, dict]:  # noqa: ANN001
    """(levels by abstractNumId: {ilvl: (numFmt, lvlText, start)}, abstractNumId by numId,
    start overrides by numId: {ilvl: start})."""
    try:
        root = doc.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}, {}, {}
    levels: dict[str, dict[int, tuple[str, str, int]]] = {}
    for abstract in root.iter(f"{_W}abstractNum"):
        levels[abstract.get(f"{_W}abstractNumId")] = {
            _int_attr(lvl, "ilvl"): (_val(lvl.find(f"{_W}numFmt")) or "decimal",
                                     _val(lvl.find(f"{_W}lvlText")) or "",
                                     _int(lvl.find(f"{_W}start"), 1))
            for lvl in abstract.iter(f"{_W}lvl")}
    nums, overrides = {}, {}
    for num in root.iter(f"{_W}num"):
        num_id = num.get(f"{_W}numId")
        nums[num_id] = _val(num.find(f"{_W}abstractNumId"))
        overrides[num_id] = {_int_attr(o, "ilvl"): _int(o.find(f"{_W}startOverride"), 1)
                             for o in num.iter(f"{_W}lvlOverride")
                             if o.find(f"{_W}startOverride") is not None}
    return levels, nums, overrides


def _text(el) -> str:  # noqa: ANN001
    """The visible text under a paragraph or cell, with line breaks and tabs."""
    out: list[str] = []
    for node in el.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}noBreakHyphen",
                        f"{_W}p"):
        if any(a.tag in _SKIP for a in node.iterancestors()):
            continue
        tag = node.tag
        if tag == f"{_W}t":
            out.append(node.text or "")
        elif tag == f"{_W}tab":
            out.append(" " if node.getparent().tag != f"{_W}tabs" else "")
        elif tag == f"{_W}noBreakHyphen":
            out.append("-")
        elif tag == f"{_W}p":
            out.append("\n" if out else "")  # paragraphs of a cell
        elif node.get(f"{_W}type") != "page":
            out.append("\n")
    return "".join(out)


def _val(el) -> str | None:  # noqa: ANN001
    return None if el is None else el.get(f"{_W}val")


def _int(el, default: int = 0) -> int:  # noqa: ANN001
    value = _val(el)
    return int(value) if value is not None and value.lstrip("-").isdigit() else default


def _int_attr(el, name: str) -> int:  # noqa: ANN001
    value = el.get(f"{_W}{name}") or "0"
    return int(value) if value.isdigit() else 0


def _format(n: int, fmt: str) -> str:
    if fmt in ("lowerLetter", "upperLetter"):
        letters = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1) if n > 0 else "0"
        return letters.upper() if fmt == "upperLetter" else letters
    if fmt in ("lowerRoman", "upperRoman") and n > 0:
        out = ""
        for value, numeral in _ROMAN:
            while n >= value:
                out, n = out + numeral, n - value
        return out.upper() if fmt == "upperRoman" else out
    if fmt == "decimalZero":
        return f"{n:02d}"
    return str(n)
