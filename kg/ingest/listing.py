"""Dated entries: a listing page of articles ("News & Insights") or a policy timeline, where a
line holding only a date opens each entry, and the title and summary under it are the entry.

Each entry is one item, dated by its date line; a date line with nothing under it (an entry
whose title the page did not carry) gives none. A page that opens with an entry and ends with a
date line dates each entry from below. A page flattened from HTML may glue each date to the
text after it ("January 24, 2026The SPP has warned ..."); such a date is its own line.
"""

from __future__ import annotations

import re

from .dates import find_dates
from .layout import Block, RawItem, is_boilerplate

# Three entries make a list; two dates on their own lines can be a letter's date and a
# signature's.
_MIN_ENTRIES = 3
_WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+", re.I)
# A year run into the capital that opens the next text, with no space between.
_GLUED = re.compile(r"\s*(.{6,30}?\d{4})(?=[A-Z])")


def is_date_line(clean: str) -> bool:
    """The whole line is one day-precise date ("January 17, 2023", "2021-04-29"), maybe after
    its weekday."""
    text = _WEEKDAY.sub("", clean.strip(" .,|·–—-"), count=1)
    if len(text) > 30:
        return False
    found = next(find_dates(text), None)
    return found is not None and found.start == 0 and found.end >= len(text) - 1


def dated_entries(region: list[Block], section: str) -> tuple[int, list[RawItem]] | None:
    """(index of the first date line, one item per dated entry), or None when the region is
    no list of dated entries."""
    region = _unglued(region)
    dates = [i for i, block in enumerate(region) if is_date_line(block.clean)]
    if len(dates) < _MIN_ENTRIES:
        return None
    if dates[0] > 0 and dates[-1] == len(region) - 1:
        return 0, _dated_from_below(region, dates, section)
    filled = [(i, stop) for i, stop in zip(dates, [*dates[1:], len(region)], strict=True)
              if stop > i + 1]
    if len(filled) < _MIN_ENTRIES:
        return None
    items: list[RawItem] = []
    for i, stop in filled:
        body: list[Block] = []
        for block in region[i + 2 : stop]:
            if is_boilerplate(block.clean):
                break
            body.append(block)
        items.append(RawItem(None, region[i + 1], body, section, dated=region[i]))
    return dates[0], items


def _dated_from_below(region: list[Block], dates: list[int], section: str) -> list[RawItem]:
    """Entries whose date line comes after them: each runs from the line after the previous
    date to its own."""
    items: list[RawItem] = []
    for first, date in zip([0, *(d + 1 for d in dates[:-1])], dates, strict=True):
        if date > first:
            items.append(RawItem(None, region[first], list(region[first + 1 : date]), section,
                                 dated=region[date]))
    return items


def _unglued(region: list[Block]) -> list[Block]:
    """The region with each date that is run into the text after it split off as a line of
    its own, when at least three lines are so glued; otherwise the region as it is."""
    out: list[Block] = []
    glued = 0
    for block in region:
        m = _GLUED.match(block.text)
        if m is None or not is_date_line(m.group(1)):
            out.append(block)
            continue
        glued += 1
        cut = m.end()
        out += [Block(block.start, block.start + cut, block.text[:cut], block.indent),
                Block(block.start + cut, block.end, block.text[cut:], 0)]
    return out if glued >= _MIN_ENTRIES else region
