"""Dated entries: a listing page of articles ("News & Insights") or a policy timeline, where a
line holding only a date opens each entry, and the title and summary under it are the entry.

Each entry is one item, dated by its date line; a date line with nothing under it (an entry
whose title the page did not carry) gives none.
"""

from __future__ import annotations

import re

from .dates import find_dates
from .layout import Block, RawItem, is_boilerplate

# Three entries make a list; two dates on their own lines can be a letter's date and a
# signature's.
_MIN_ENTRIES = 3
_WEEKDAY = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+", re.I)


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
    dates = [i for i, block in enumerate(region) if is_date_line(block.clean)]
    if len(dates) < _MIN_ENTRIES:
        return None
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
