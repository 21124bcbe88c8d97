"""Dates as newsletters write them: "5 February", "August 14, 2020", "23 August 2019", ISO, 年月日.

A date written without a year takes it from the issue, so "(16 December)" in a January 2025
issue is 2024-12-16.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass

_MONTHS: dict[str, int] = {}
for _i in range(1, 13):
    _MONTHS[calendar.month_name[_i].lower()] = _i
    _MONTHS[calendar.month_abbr[_i].lower()] = _i
_MONTHS["sept"] = 9

_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_ORD = r"(?:st|nd|rd|th)?"
# A year of five or more digits is no year: "1 January 99999" is not dated at all.
_NO_LONG_YEAR = r"(?![,\s]*\d{5})"
_DMY = (rf"(?P<d1>\d{{1,2}}){_ORD}\s+(?:of\s+)?(?P<m1>{_MONTH_RE})\.?{_NO_LONG_YEAR}"
        rf"(?:,?\s*(?P<y1>\d{{4}})(?!\d))?")
_MDY = (rf"(?P<m2>{_MONTH_RE})\.?\s+(?P<d2>\d{{1,2}}){_ORD}(?!\d){_NO_LONG_YEAR}"
        rf"(?:,?\s*(?P<y2>\d{{4}})(?!\d))?")
_ISO = r"(?P<y3>\d{4})[-/.](?P<m3>\d{1,2})[-/.](?P<d3>\d{1,2})(?!\d)"
_ZH = r"(?P<y4>\d{4})\s*年\s*(?P<m4>\d{1,2})\s*月\s*(?P<d4>\d{1,2})\s*日"
DATE_RE = re.compile(rf"\b(?:{_DMY}|{_MDY}|{_ISO})\b|{_ZH}", re.IGNORECASE)
_MONTH_YEAR_RE = re.compile(rf"\b(?P<m>{_MONTH_RE})\.?,?\s+(?P<y>(?:19|20)\d{{2}})\b", re.I)
# "in December 2024", "June of 2021", "2024年12月": a development known to the month only.
_MONTH_ONLY_RE = re.compile(
    rf"\b(?P<m>{_MONTH_RE})\.?,?\s+(?:of\s+)?(?P<y>(?:19|20)\d{{2}})(?!\d)"
    r"|(?P<y2>(?:19|20)\d{2})\s*年\s*(?P<m2>\d{1,2})\s*月(?!\s*\d)", re.I)
_WEEKDAY_RE = re.compile(r"\b(?:on|last|this past)\s+(?P<w>monday|tuesday|wednesday|thursday|friday"
                         r"|saturday|sunday)\b", re.I)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_ISO_MONTH_RE = re.compile(r"\b(?P<y>(?:19|20)\d{2})-(?P<m>0[1-9]|1[0-2])\b")
# Words before a date that say when a rule applies or a period ends, not when the development
# happened ...
_NOT_EVENT = re.compile(r"\b(?:effect|effective|implementation|force|until|till|before|by|from"
                        r"|deadline|expires?|since|as of)\W+(?:\w+\W+)?$", re.I)
_AS_OF = re.compile(r"\s*(?:by|as of)\s+", re.I)
_LABELLED_AS_OF = re.compile(r"[:：]\s*(?:by|as of)\s+$", re.I)  # "...: As of 31 December, ..."
# ... unless the coming into force is the development itself.
_TOOK_EFFECT = re.compile(r"\b(?:came|took|entered|went)\s+(?:into\s+)?(?:effect|force)\W+"
                          r"(?:\w+\W+)?$|\bbecame\s+effective\W+(?:\w+\W+)?$", re.I)


@dataclass(frozen=True)
class DateMention:
    """A day-precise date found in text; `year` is None when the text omits it."""

    year: int | None
    month: int
    day: int
    start: int
    end: int

    def resolve(self, issue: str | None) -> str | None:
        """ISO date, taking a missing year from the issue month ("YYYY-MM")."""
        year = self.year
        if year is None:
            if not issue:
                return None
            issue_year, issue_month = int(issue[:4]), int(issue[5:7])
            # Items report the weeks before the issue; a month well after it is last year's.
            year = issue_year - 1 if self.month > issue_month + 1 else issue_year
        try:
            return dt.date(year, self.month, self.day).isoformat()
        except ValueError:
            return None


def find_dates(text: str) -> Iterator[DateMention]:
    """Every valid day-precise date in `text`; impossible ones ("31 February") are skipped."""
    for m in DATE_RE.finditer(text):
        g = m.groupdict()
        if g["d1"]:
            day, month, year = g["d1"], _MONTHS[g["m1"].lower()], g["y1"]
        elif g["d2"]:
            day, month, year = g["d2"], _MONTHS[g["m2"].lower()], g["y2"]
        elif g["d3"]:
            day, month, year = g["d3"], int(g["m3"]), g["y3"]
        else:
            day, month, year = g["d4"], int(g["m4"]), g["y4"]
        mention = DateMention(int(year) if year else None, int(month), int(day),
                              m.start(), m.end())
        if _valid(mention):
            yield mention


def _valid(d: DateMention) -> bool:
    if not 1 <= d.month <= 12 or not 1 <= d.day <= 31:
        return False
    try:
        dt.date(d.year or 2000, d.month, d.day)  # 2000 is a leap year: 29 February passes
    except ValueError:
        return False
    return d.year is None or 1900 <= d.year <= 2100


def find_issue_month(text: str) -> str | None:
    """"March 2024" or "2024-03" in a title, as "2024-03"."""
    m = _MONTH_YEAR_RE.search(text)
    if m:
        return f"{int(m['y']):04d}-{_MONTHS[m['m'].lower()]:02d}"
    m = _ISO_MONTH_RE.search(text)
    if m:
        return f"{m['y']}-{m['m']}"
    return None


# A year that dates something: after a time preposition ("in 2021", "throughout 2021", "mid-2021")
# or a month ("June 2021", "November, 2021"); not one that qualifies a noun ("its 2019 sales").
_TIME_YEAR_RE = re.compile(
    rf"(?:\b(?:in|since|from|throughout|during|by|until|till|through|early|late|end of)\s+"
    rf"|\bmid-?\s*|\b(?:{_MONTH_RE})\.?,?\s+(?:\d{{1,2}}{_ORD},?\s+)?)"
    r"(?P<y>(?:19|20)\d{2})\b", re.I)


def time_years(text: str) -> list[int]:
    """The years a text names as times ("in 2021", "June 2021"), in order."""
    return [int(m["y"]) for m in _TIME_YEAR_RE.finditer(text)]


def find_month(text: str) -> str | None:
    """The first month-precise date ("in December 2024") as "YYYY-MM", for a development
    that names no day."""
    for m in _MONTH_ONLY_RE.finditer(text):
        if m["m"]:
            return f"{int(m['y']):04d}-{_MONTHS[m['m'].lower().rstrip('.')]:02d}"
        if 1 <= int(m["m2"]) <= 12:
            return f"{int(m['y2']):04d}-{int(m['m2']):02d}"
    return None


def resolve_weekday(text: str, anchor: str | None) -> str | None:
    """"on Monday" as the latest such day on or before the article's date; None without one."""
    m = _WEEKDAY_RE.search(text)
    if m is None or not anchor:
        return None
    try:
        day = dt.date.fromisoformat(anchor[:10])
    except ValueError:
        return None
    back = (day.weekday() - _WEEKDAYS.index(m["w"].lower())) % 7
    return (day - dt.timedelta(days=back)).isoformat()


def _is_event(passage: str, d: DateMention, development: bool) -> bool:
    lead = passage[max(0, d.start - 40) : d.start]
    if (d.start < 12 and _AS_OF.fullmatch(lead)) or _LABELLED_AS_OF.search(lead):
        return True  # "By August 25, the MIIT had removed 67 apps": a count as of that day
    return not _NOT_EVENT.search(lead) or (development and bool(_TOOK_EFFECT.search(lead)))


def event_date(passage: str, development: bool = False) -> DateMention | None:
    """The first date in `passage` that is not when something takes effect or ends ("which
    will take effect on 1 May 2025" dates no development). With `development`, a coming into
    force told as what happened counts ("The Measures came into effect on May 1")."""
    return next((d for d in find_dates(passage) if _is_event(passage, d, development)), None)


def without_effect_dates(clause: str) -> str:
    """The clause with the dates it names for taking effect or ending blanked out, so that
    their months are not read as the development's."""
    for d in find_dates(clause):
        if not _is_event(clause, d, True):
            clause = clause[: d.start] + " " * (d.end - d.start) + clause[d.end :]
    return clause
