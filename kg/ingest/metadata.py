"""Publication dates as containers state them (HTML meta tags, e-mail and feed headers).

Every format reader gives `SourceText.published` as an ISO date, "YYYY-MM-DD", so later stages
need not know where it came from. The date is taken as written, in its own time zone: a page
stamped "2024-04-09T01:00+08:00" was published on 9 April where it was written.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime

from .dates import find_dates

_ISO = re.compile(r"^\s*(\d{4})[-/.]?(\d{2})[-/.]?(\d{2})(?!\d)")


def iso_date(value: object) -> str | None:
    """`value` (ISO 8601, RFC 2822, "5 March 2024", a datetime) as "YYYY-MM-DD", else None."""
    if isinstance(value, dt.datetime | dt.date):
        return _checked(value.year, value.month, value.day)
    if not isinstance(value, str) or not value.strip():
        return None
    m = _ISO.match(value)
    if m:
        return _checked(int(m[1]), int(m[2]), int(m[3]))
    try:
        stamp = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        stamp = None
    if stamp is not None:
        return _checked(stamp.year, stamp.month, stamp.day)
    for found in find_dates(value):
        if found.year is not None:
            return _checked(found.year, found.month, found.day)
    return None


def _checked(year: int, month: int, day: int) -> str | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


# A dateline of its own near the top of a page's text: "Published: May 13, 2021 03:23 PM",
# "Updated on 2024-03-05", "5 March 2024". A label, the date, perhaps a time; nothing else.
_LABEL = re.compile(r"^(?:published|posted|updated|released|date|dated)(?:\s+on)?\s*:?\s*", re.I)
_TIME = re.compile(r"[\s,|]*(?:\d{1,2}:\d{2}(?::\d{2})?\s*(?:[ap]\.?m\.?)?\s*(?:[A-Z]{2,4})?)?$",
                   re.I)


# The same with the site's name before the label, or a byline after an opening date: "China
# Plus Published: 2018-01-12 20:37:56", "2019-12-05 Global Times Editor: Jane Doe".
_SOURCE_LABEL = re.compile(r"^[A-Z][\w&.'’ -]{0,40}?\s(?i:published|posted|updated)(?:\s+on)?"
                           r"\s*:?\s*")
_BYLINE_AFTER = re.compile(r"\s+[A-Z][\w&.'’ -]{0,40}?\s(?:editor|by|reporter|author|source)\b",
                           re.I)
# After a labelled date, the author's name alone: "Published 5 April 2024 Jane Doe".
_AUTHOR_AFTER = re.compile(r"\s+(?:by\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3}$")


def dateline(text: str, lines: int = 8) -> str | None:
    """The day a plain text says it was published, on a line of its own among its first
    `lines`: what metadata gives for a page (the anchor of "on Thursday" in its stories)."""
    for line in text[:1000].splitlines()[:lines]:
        day = dateline_day(line)
        if day is not None:
            return day
    return None


def dateline_day(line: str) -> str | None:
    """The day a dateline line gives, or None when the line is not one. A line of fields
    ("By Jane Doe | China Daily | Updated: 2024-06-13 09:43") is one when a field is."""
    line = line.strip()
    if " | " in line and len(line) < 120:
        return next((d for d in map(dateline_day, line.split(" | ")) if d is not None), None)
    unlabelled = _SOURCE_LABEL.sub("", line)
    labelled = _LABEL.sub("", unlabelled)
    rest = _TIME.sub("", labelled)
    found = next(find_dates(rest), None)
    if found is None or not found.year or found.start != 0:
        return None
    byline = _BYLINE_AFTER.match(rest, found.end) or (
        labelled != unlabelled and _AUTHOR_AFTER.match(rest, found.end))
    if found.end == len(rest) or byline and len(line) < 100:
        return _checked(found.year, found.month, found.day)
    return None
