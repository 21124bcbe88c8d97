"""A document's text to dated, sectioned items."""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from .dates import (
    DateMention,
    event_date,
    find_dates,
    find_issue_month,
    find_month,
    resolve_weekday,
    time_years,
    without_effect_dates,
)
from .decode import check_language
from .developments import clauses, starts_development
from .errors import ReadError
from .layout import (
    _BULLET,
    _NUMBERED,
    Block,
    RawItem,
    section_of_heading,
    split_items,
    strip_decor,
)
from .model import Document, Item
from .sources import SourceText, source_texts

# The longest item the extractor is given (spaCy refuses texts over a million characters).
MAX_ITEM_CHARS = 100_000
_SAME_DAY = re.compile(r"\b(?:on|that) the same (?:day|date)\b|\bthe same day\b", re.I)
_PAREN = re.compile(r"\(([^()]*)\)")
_SENTENCE_START = re.compile(r"(?:^|[.!?;]\s+|\n\s*)(?=\S)")
_OPENING = re.compile(
    r"(?:On|on|In|Dated|dated|According to (?:the )?(?:news|reports?|media reports?)"
    r"(?: released| published)?(?: on| of| dated)?|Recently,? on|As of|as of"
    # a digest's labelled field: "Promulgation date: 13 July 2023" (not "Implementation date")
    r"|(?:Promulgation|Publication|Release|Issue|Issuance|Adoption|Announcement)\s+[Dd]ate:"
    r"|Date\s+of\s+(?:promulgation|publication|release|issue|issuance|adoption):)\s+$"
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
    """One document's text to items; a part of a file (a feed entry) is identified by its own
    id and text, not by the file around it."""
    text = source.text
    check_language(name, text)
    warnings = list(source.warnings)
    if source.encoding == "rtf":
        warnings.append("converted from RTF")
    elif source.encoding not in ("utf-8", "utf-8-sig") and source.kind in ("text", "html"):
        warnings.append(f"decoded as {source.encoding}, not plain UTF-8")
    title, publisher = source.title, source.publisher
    all_blocks, raw_items, layout = split_items(text, source.heading_starts, default_section="")
    raw_items = _without_repeats(raw_items, text)
    cut = _cut_overlong(raw_items, text)
    if len(cut) > len(raw_items):
        warnings.append(f"{len(cut) - len(raw_items)} item(s) over {MAX_ITEM_CHARS:,} characters "
                        "were cut into smaller items")
    raw_items = cut
    if not raw_items:
        raise ReadError(name, "no sentences found: the text holds no paragraph to read")
    if layout == "paragraphs":
        warnings.append("no newsletter layout recognised; each paragraph is an item")
    first = all_blocks[0]
    if title is None and raw_items[0].heading is not first and _looks_like_title(first):
        title = first.clean
    if publisher is None:
        publisher = _find_publisher(text)
    prose = layout in ("prose", "paragraphs", "table", "qa")
    issue = _stated_issue(title, source.published, text, prose)
    dated = [(raw, _prose_date(raw, text) if prose else _item_date(raw, text))
             for raw in raw_items]
    if issue is None:
        issue = _issue_of_dates([d for _, d in dated], text, prose)
    if prose:
        dated = _years_from_story(dated, issue)
    items = [_make_item(raw, date, issue, text) for raw, date in dated]
    if not prose:
        _date_list_items(items, raw_items, text, issue)
    previous: str | None = None
    for item, (raw, _) in zip(items, dated, strict=True):
        if item.date is None:  # "MIIT also announced on the same day ...": the one before's
            first = _first_clause(raw, text)
            item.date = previous if _SAME_DAY.search(first) else (
                resolve_weekday(first, source.published) if prose else None)
            if prose or item.date:
                item.month = None if item.date else find_month(without_effect_dates(first))
        previous = item.date or previous
    if any(item.date is None for item in items):
        warnings.append(f"{sum(i.date is None for i in items)} item(s) without a day-precise date")
    sha = file_sha
    if source.part is not None:
        # A feed entry is the same document whatever else the feed holds when it is read.
        sha = hashlib.sha256(f"{source.part}\0{text}".encode("utf-8", "replace")).hexdigest()
    return Document(name, sha, title, publisher, issue, source.encoding, text, items, warnings,
                    layout=layout, kind=source.kind)


def _looks_like_title(block) -> bool:  # noqa: ANN001 - a layout Block
    clean = block.clean
    return (len(clean.split()) <= 25 and not clean.endswith((".", ":"))
            and not section_of_heading(block)[0])


def _find_publisher(text: str) -> str | None:
    m = _PUBLISHER.search(text)
    return (m["a"] or m["b"]).strip(" ,.-") or None if m else None


def _years_from_story(dated: list[tuple[RawItem, DateMention | None]], issue: str | None
                      ) -> list[tuple[RawItem, DateMention | None]]:
    """A story's "On June 22" after "On March 15, 2021" is in 2021: a date without a year takes
    the year of the development before it (the next year when its month is half a year
    earlier), and only the first ones take the issue's."""
    out: list[tuple[RawItem, DateMention | None]] = []
    last: DateMention | None = None
    for raw, date in dated:
        if date is not None and date.year is None and last is not None and last.year:
            date = replace(date, year=last.year + (date.month < last.month - 6))
        elif date is not None and date.year is None:
            resolved = date.resolve(issue)
            date = replace(date, year=int(resolved[:4])) if resolved else date
        out.append((raw, date))
        last = date if date is not None and date.year is not None else last
    return out


def _cut_overlong(raw_items: list[RawItem], text: str) -> list[RawItem]:
    """No item is longer than MAX_ITEM_CHARS: a "paragraph" of a million words is no
    development, and the extractor reads an item whole. Pieces end at a clause or a space."""
    out: list[RawItem] = []
    for raw in raw_items:
        start = raw.heading.start
        end = raw.body[-1].end if raw.body else raw.heading.end
        if end - start <= MAX_ITEM_CHARS:
            out.append(raw)
            continue
        while start < end:
            stop = min(end, start + MAX_ITEM_CHARS)
            if stop < end:
                space = max(text.rfind(". ", start, stop), text.rfind(" ", start, stop))
                stop = space + 1 if space > start else stop
            piece = text[start:stop].strip()
            if piece:
                lead = text.find(piece, start, stop)
                out.append(RawItem(None, Block(lead, lead + len(piece), piece, 0), [],
                                   raw.section))
            start = stop
    return out


def _without_repeats(raw_items: list[RawItem], text: str) -> list[RawItem]:
    """A web page that shows a story twice (a teaser above the article) has it once."""
    seen: set[str] = set()
    out: list[RawItem] = []
    for raw in raw_items:
        end = raw.body[-1].end if raw.body else raw.heading.end
        key = re.sub(r"\W+", " ", text[raw.heading.start : end]).strip().casefold()
        if key not in seen:
            seen.add(key)
            out.append(raw)
    return out


def _stated_issue(title: str | None, published: str | None, text: str,
                  prose: bool) -> str | None:
    """The issue month a document states: in its title, its metadata, or (for a newsletter) the
    opening lines ("In July 2024, China ...")."""
    issue = find_issue_month(title) if title else None
    if issue is None and published:
        issue = published[:7]
    if issue is None and not prose:
        issue = find_issue_month(text[:1500])
    return issue


def _issue_of_dates(dates: list[DateMention | None], text: str, prose: bool) -> str | None:
    """The issue month of a document that states none, from the dates it names."""
    explicit = [(d.year, d.month) for d in dates if d is not None and d.year is not None]
    if not explicit:
        explicit = [(d.year, d.month) for d in find_dates(text) if d.year is not None]
    if explicit and prose:
        # A story names later dates (when rules take effect) than the one it reports: its
        # year is the one it names most (the first it names, on a tie), its month the latest
        # it names in that year.
        years = [y for y, _ in explicit]
        year = max(dict.fromkeys(years), key=years.count)
        return f"{year:04d}-{max(m for y, m in explicit if y == year):02d}"
    if explicit:
        year, month = max(explicit)
        return f"{year:04d}-{month:02d}"
    return _year_named(text) if prose else None


def _date_list_items(items: list[Item], raw_items: list[RawItem], text: str,
                     issue: str | None) -> None:
    """Undated items of a list that a dated development introduces ("On 16 September, the CAC
    released these cases: (1) ...") take its date."""
    if not raw_items or any(item.date for item in items):
        return
    intro = text[: raw_items[0].heading.start].rstrip()
    spans = clauses(intro, max(0, intro.rfind("\n", 0, len(intro) - 1)))
    if not spans:
        return
    last = intro[spans[0][0] : spans[-1][1]]
    found = next(find_dates(last), None)
    if found is not None and starts_development(last, True):
        for item in items:
            item.date = found.resolve(issue)


def _year_named(text: str) -> str | None:
    """The last year a text names as a time ("in 2021"), as a December issue month, for a story
    whose dates have no year: every month it names then keeps that year. A year that only
    qualifies a noun ("the giant's 2019 sales") says nothing of when the story happened."""
    years = time_years(text)
    return f"{years[-1]}-12" if years else None


def _heading_paren_date(heading: str) -> DateMention | None:
    for paren in reversed(list(_PAREN.finditer(heading))):
        found = list(find_dates(paren.group(1)))
        if found:
            return found[-1]
    return None


def _item_date(raw: RawItem, text: str) -> DateMention | None:
    """The development's date: its date line, a date in brackets in the heading (or in a
    heading that is a sentence of prose), else the body's "On X"."""
    if raw.dated is not None:
        return next(find_dates(raw.dated.clean), None)
    heading = raw.heading.clean
    found = _heading_paren_date(heading)
    if found is None and heading.rstrip().endswith((".", "!", "?", ";", ":")):
        found = event_date(heading, development=True)  # a sentence of prose before a list
    if found is not None:
        return found
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
    return event_date(body)  # "The guidelines were issued on 30 November 2018 for ..."


def _first_clause(raw: RawItem, text: str) -> str:
    """The clause that reports a prose development: the heading, or the body's first clause
    under a headline."""
    heading = raw.heading.clean
    if heading.rstrip().endswith((".", "!", "?", ";")) or not raw.body:
        return heading
    start, end = raw.body[0].start, raw.body[-1].end
    first = clauses(text, start, min(end, start + 600))
    return heading + " " + (text[first[0][0] : first[0][1]] if first else "")


def _prose_date(raw: RawItem, text: str) -> DateMention | None:
    """A date in brackets in the heading, else the first day-precise date of the clause that
    reports the development; "On July 2 and July 5, 2021" gives July 2 the later year."""
    first = _first_clause(raw, text)
    found = (_heading_paren_date(raw.heading.clean) or event_date(first, development=True)
             or _body_event_date(raw, text))
    if found is None or found.year is not None:
        return found
    later = [d.year for d in find_dates(first) if d.year is not None]
    return replace(found, year=later[0]) if later else found


def _body_event_date(raw: RawItem, text: str) -> DateMention | None:
    """A story that reports first and dates later ("The penalty, which was imposed on Jan. 6,
    ..."): the first date of its body that is not when something takes effect or ends."""
    return event_date(text[raw.body[0].start : raw.body[-1].end]) if raw.body else None


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
    dated = (raw.dated.start, raw.dated.end) if raw.dated else (head.start, 0)  # above or below
    return Item(raw.number, headline, body, iso, section, (min(head.start, dated[0]),
                max(body_span[1], dated[1])), headline_span, body_span)


def _guess_section(headline: str, body: str) -> str:
    """Section of an item in a file without section headings, from its wording."""
    if _ENFORCEMENT_CUES.search(headline):
        return "enforcement"
    if _RULE_CUES.search(headline) or _RULE_CUES.search(body[:300]):
        return "legislative"
    return "industry"
