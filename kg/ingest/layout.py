"""Text to sections and items.

Newsletters differ in layout but share a grammar: optional section headings ("Legislative
Developments", "Regulatory developments", "Enforcement"), and within them items that start with
a heading, either numbered ("1. ...", "  3) ...") or unnumbered but followed by a body that opens
with the date of the development ("On August 14, 2020, ..."). Front matter ("Key Highlights",
"Our View", author bios) and back matter ("Latest insights", disclaimers) hold no items.
The patterns below describe that grammar; they name no authority, instrument or publisher. The
words they are made of (section headings, boilerplate) are `kg:ReaderCueScheme` cues of
`ontology/kg.ttl`, read through `kg.lexicon.cues`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from kg.lexicon.cues import cue_words

from .dates import find_dates
from .developments import clauses, starts_development

SECTIONS = ("legislative", "enforcement", "industry", "other")
# Front matter that summarises the items after it; when no items follow, it is the content.
HIGHLIGHTS = "highlights"

_LEADING_DECOR = re.compile(r"(?:#{1,6}\s*|>\s*|\*\*|__|\[)+")
_SECTION_NUMBER = re.compile(r"^(?:[IVX]{1,4}|[A-H]|\d{1,2})[.)]\s+")

# A heading is one of a section's words, then at most one suffix word ("Enforcement Cases"); each
# pattern is tried in turn on the lower-cased heading: (pattern, section or None for a region
# without items).
_SUFFIX = rf"(?:\s+{cue_words('heading-suffix')})?"
_BACK_MATTER = (rf"{cue_words('back-matter-qualifier')}\s+{cue_words('back-matter-noun')}"
                rf"|{cue_words('back-matter-heading')}|{cue_words('back-matter-lead')}.*")
_SECTION_HEADINGS: tuple[tuple[re.Pattern[str], str | None], ...] = tuple(
    (re.compile(rf"^(?:{words}){suffix}\s*:?$"), section) for words, suffix, section in (
        *((cue_words(f"{s}-heading"), _SUFFIX, s) for s in SECTIONS),
        (cue_words("highlights-heading"), "", HIGHLIGHTS),
        (_BACK_MATTER, "", None),
    ))
_NUMBERED = re.compile(
    r"^(?:(?P<num>[1-9]\d{0,3})[.)]|\((?P<pnum>[1-9]\d{0,3})\))\s+(?P<rest>\S.*)$", re.S)
_BULLET = re.compile(r"^(?:[•·▪◦‣*+-]|\(\w{1,3}\)|[a-z][.)])\s+")
# An item body that opens with the date of the development ("On August 14, 2020, ...",
# "According to media reports released on ...").
_DATED_OPENING = re.compile(
    rf"^(?:{cue_words('dated-opening')}|according to (?:the )?{cue_words('report-source')}"
    r"(?: released| published)?(?: on| of| dated)?)\s+", re.I)
# Page furniture, a disclaimer, or the link under a teaser ("Continue reading <its title>").
_BOILERPLATE = re.compile(rf"^{cue_words('page-control')}\.?$|^{cue_words('copyright-mark')}"
                          rf"|{cue_words('disclaimer')}|^{cue_words('teaser-link')}\s+\S+\s+\S",
                          re.I)
# A sentence ends before the next opens: a publisher's phrase after one is inside a paragraph of
# prose (a page flattened into one block), which is read, not dropped whole.
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’')\]]*\s+[\"“‘(]?[A-Z0-9]")
_MAX_HEADING_CHARS = 400
# A row of a table flattened to text: three cells or more, split by "|" or tabs.
_TABLE_ROW = re.compile(r"[^|\t]*(?:[|\t][^|\t]*){2,}$")
_TERMINAL_PUNCT = re.compile(r"[.!?:;][\"”’')\]]*$")


@dataclass(frozen=True)
class Block:
    """A line (or, for hard-wrapped text, a paragraph) with its offsets in the source, the width
    of its leading white space, and (`clean`) its text without Markdown decoration."""

    start: int
    end: int
    text: str
    indent: int

    @cached_property
    def clean(self) -> str:
        return strip_decor(self.text)


def strip_decor(text: str) -> str:
    """Text without Markdown heading decoration: leading `#`, `>`, `**`, `__`, `[`; trailing
    `**`, `__`, `]`. A regex with a `$`-anchored alternative tried every position of every
    paragraph, a twentieth of build time."""
    m = _LEADING_DECOR.match(text)
    # `$` also matches before a final newline, and no tail can include that newline.
    start = m.end() if m else 0
    stop = end = len(text) - text.endswith("\n")
    while end > start:
        if text.endswith(("**", "__"), start, end):
            end -= 2
        elif text[end - 1] == "]":
            end -= 1
        else:
            break
    return (text[start:end] + text[stop:]).strip() if stop >= start else text[start:].strip()


def is_boilerplate(clean: str) -> bool:
    """A line or paragraph of the publisher's (a disclaimer, a teaser link, a page control)
    rather than of the newsletter: the phrase must open in its first sentence."""
    m = _BOILERPLATE.search(clean)
    return m is not None and _SENTENCE_BREAK.search(clean, 0, m.start()) is None


@dataclass(frozen=True)
class RawItem:
    number: int | None
    heading: Block
    body: list[Block]
    section: str
    dated: Block | None = None  # the date line above the heading, in a list of dated entries


def blocks(text: str, heading_starts: frozenset[int] = frozenset()) -> list[Block]:
    """Cut text into blocks; join hard-wrapped lines into paragraphs when the file is wrapped."""
    lines: list[Block] = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = pos + lead
            lines.append(Block(start, start + len(stripped), stripped, lead))
        pos += len(raw) + 1
    if not _is_hard_wrapped(lines):
        return lines
    merged: list[Block] = []
    for n, line in enumerate(lines):
        prev = merged[-1] if merged else None
        joinable = (
            prev is not None
            and "\n\n" not in text[prev.end : line.start]
            and line.start not in heading_starts
            and not _NUMBERED.match(line.clean)
            and not _BULLET.match(line.text)
            and not _TABLE_ROW.match(line.text)  # a table's rows are of one length too
            and not _TABLE_ROW.match(lines[n - 1].text)
        )
        if joinable and prev is not None:
            merged[-1] = Block(prev.start, line.end, text[prev.start : line.end], prev.indent)
        else:
            merged.append(line)
    return merged


def _is_hard_wrapped(lines: list[Block]) -> bool:
    if len(lines) < 20:
        return False
    lengths = sorted(len(b.text) for b in lines)
    return lengths[int(len(lengths) * 0.9)] <= 100 and lengths[len(lengths) // 2] >= 50


def section_of_heading(block: Block) -> tuple[bool, str | None]:
    """(is a section heading, its section or None for an item-less region)."""
    clean = _SECTION_NUMBER.sub("", block.clean).strip().lower()
    if len(clean) > 60 or len(clean.split()) > 7:
        return False, None
    for pattern, section in _SECTION_HEADINGS:
        if pattern.search(clean):
            return True, section
    return False, None


def split_items(text: str, heading_starts: frozenset[int] = frozenset(),
                default_section: str | None = None) -> tuple[list[Block], list[RawItem], str]:
    """Return (all blocks, items, layout). `heading_starts` marks blocks markup calls headings.

    The layout names how items were found: "numbered" or "headings" (items under headings),
    "dated" (a date line over each entry: `listing`), "table" or "qa" (rows of a flattened
    table, answered questions: `tables`), "prose" (developments found in running text, bullets
    and paragraphs by `prose`), or "paragraphs" (no development found: every paragraph is an
    item).
    """
    all_blocks = blocks(text, heading_starts)
    regions: list[tuple[str | None, list[Block]]] = []
    current: list[Block] = []
    current_section: str | None = "__preamble__"
    saw_section = False
    for block in all_blocks:
        is_heading, section = section_of_heading(block)
        if is_heading:
            regions.append((current_section, current))
            current, current_section = [], section
            saw_section = saw_section or section not in (None, HIGHLIGHTS)
            continue
        current.append(block)
    regions.append((current_section, current))
    if not saw_section and not any(_is_paragraph(b.clean) for b in regions[0][1]):
        # A page whose one heading names an item-less section ("Insights" over a listing of
        # articles, "Share" under a story's title and dateline) is that listing or story, not a
        # newsletter's back matter.
        regions = [(default_section if s is None else s, r) for s, r in regions]

    items: list[RawItem] = []
    numbered = False
    for section, region in regions:
        if section == "__preamble__":
            if saw_section:
                continue  # front matter before the first section heading
            section = default_section
        if section is None or section == HIGHLIGHTS:
            continue
        found = _items_in_region(region, section, heading_starts, text)
        numbered = numbered or any(item.number is not None for item in found)
        items.extend(found)
    if len(items) > 1 or numbered:
        kind = "numbered" if numbered else "dated" if any(i.dated for i in items) else "headings"
        return all_blocks, items, kind
    # No headed items, or one unnumbered heading, which may be a story's title or a stray line
    # over several developments: read the prose of every region that can hold items.
    from .prose import prose_items, title_start  # imported here: they import this module
    from .tables import qa_items, table_items

    headed = items
    candidates: list[tuple[Block, str]] = []
    for section, region in regions:
        if section is None:
            continue
        name = default_section if section in ("__preamble__", HIGHLIGHTS) else section
        candidates.extend((block, name or "") for block in region
                          if not is_boilerplate(block.clean))
    for name, rows in (("table", table_items(candidates)), ("qa", qa_items(candidates))):
        if len(rows) > len(headed):
            return all_blocks, rows, name
    # A title stands before any section heading.
    top = title_start(regions[0][1]) if regions[0][0] == "__preamble__" else -1
    items = prose_items(text, candidates, heading_starts, top)
    if headed and len(items) <= len(headed):
        return all_blocks, headed, "headings"
    if items:
        return all_blocks, items, "prose"
    paragraphs = [(block, section) for block, section in candidates if _is_sentence(block.clean)]
    if not paragraphs:  # the publisher's lines are all there is: they are still read
        paragraphs = [(block, default_section or "") for _, region in regions for block in region
                      if _is_sentence(block.clean)]
    if len(paragraphs) > 1 and not _TERMINAL_PUNCT.search(paragraphs[0][0].clean):
        paragraphs = paragraphs[1:]  # the document's title
    return all_blocks, [RawItem(None, b, [], s) for b, s in paragraphs], "paragraphs"


def _is_sentence(text: str) -> bool:
    return len(text.split()) >= 4 and any(ch.isalpha() for ch in text)


def _is_paragraph(text: str) -> bool:
    """Running text: a dozen words or more that end as a sentence does."""
    return len(text.split()) >= 12 and text.rstrip()[-1:] in ".!?\"”’)"


def _items_in_region(region: list[Block], section: str, heading_starts: frozenset[int],
                     text: str) -> list[RawItem]:
    from .listing import dated_entries  # imported here: they import this module
    from .prose import prose_items

    heads = _numbered_heads(region)
    items: list[RawItem] = []
    listed = dated_entries(region, section) if heads is None else None
    if heads or listed:
        # A development reported before the list (its number lost, or a lead story).
        lead = region[: listed[0] if listed else heads[0][0]]
        if lead and lead[-1].clean.endswith(":") and not _reports_several(lead[-1].clean):
            lead = lead[:-1]  # it introduces the list (and the one release that is the list)
        items = prose_items(text, [(b, section) for b in lead], heading_starts)
    if listed:
        return items + listed[1]
    if heads is None:
        heads = _unnumbered_heads(region, heading_starts)
    for n, (index, number) in enumerate(heads):
        stop = heads[n + 1][0] if n + 1 < len(heads) else len(region)
        body: list[Block] = []
        for block in region[index + 1 : stop]:
            if is_boilerplate(block.clean):
                break
            body.append(block)
        items.append(RawItem(number, region[index], body, section))
    return items


def _reports_several(text: str) -> bool:
    """Two developments or more in a paragraph: its own news, whatever list it goes on to
    introduce ("On 22 March, the CAC issued ... Previously, on ..., it had ... The Provisions
    contain the following amendments:")."""
    return sum(starts_development(text[s:e], True) for s, e in clauses(text)) >= 2


def _numbered_heads(region: list[Block]) -> list[tuple[int, int | None]] | None:
    """Indices of numbered item headings, or None when the region is not numbered that way.

    A numbered line heads an item when what follows it is prose rather than the next number;
    numbered lists inside items fail that test, so a region of such lists is not numbered.
    """
    numbered = [i for i, b in enumerate(region) if _NUMBERED.match(b.clean)]
    if not numbered:
        return None
    def has_body(i: int) -> bool:
        nxt = region[i + 1] if i + 1 < len(region) else None
        return (nxt is not None and not _NUMBERED.match(nxt.clean)
                and len(region[i].clean) <= _MAX_HEADING_CHARS)
    with_body = [i for i in numbered if has_body(i)]
    if len(with_body) < max(1, len(numbered) // 2 + 1) and not (len(numbered) == 1 and with_body):
        return None
    indent = min(region[i].indent for i in with_body)
    heads: list[tuple[int, int | None]] = []
    last = 0
    for i in numbered:
        block = region[i]
        m = _NUMBERED.match(block.clean)
        assert m is not None
        number = int(m["num"] or m["pnum"])
        if block.indent != indent or number <= last:
            continue
        heads.append((i, number))
        last = number
    return heads


def _unnumbered_heads(region: list[Block],
                      heading_starts: frozenset[int]) -> list[tuple[int, int | None]]:
    """Short lines followed by a body that opens with a date, or lines markup calls headings."""
    heads: list[tuple[int, int | None]] = []
    for i, block in enumerate(region[:-1]):
        clean = block.clean
        if (len(clean) > _MAX_HEADING_CHARS or len(clean.split()) > 40 or clean.endswith(":")
                or _BULLET.match(block.text) or is_boilerplate(clean)
                or (clean.endswith(".") and len(clean.split()) > 20)):
            continue
        nxt = region[i + 1].clean
        dated_body = bool(_DATED_OPENING.match(nxt)) and _starts_with_date(nxt)
        # A marked-up heading straight above another one (a page title) heads no item.
        marked = block.start in heading_starts and region[i + 1].start not in heading_starts
        if dated_body or (marked and len(clean.split()) <= 30):
            heads.append((i, None))
    last = region[-1].clean if region else ""
    if len(heads) >= 2 and heads[-1][0] < len(region) - 2 and len(last.split()) <= 30 and (
            last[-1:] not in ".:;") and starts_development(last, True):
        heads.append((len(region) - 1, None))  # a digest's last headline, its story cut off
    return heads


def _starts_with_date(text: str) -> bool:
    opening = _DATED_OPENING.match(text)
    if not opening:
        return False
    first = next(find_dates(text[: opening.end() + 40]), None)
    return first is not None and first.start <= opening.end() + 2
