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
