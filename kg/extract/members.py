"""A plural party fined "each", whose members the report goes on to describe one by one.

Enforcement news often reports one decision on several anonymous parties ("The companies
involved were fined 50,000 yuan each") and then says what each did ("the system of a technology
company in Beijing had no access control ...; another company opened a database port ...").
Each member described is a case of its own, with the fine and the actor of the plural one. The
members are read from the rest of the paragraph and the next one; a party named in a condition
("if a company fails to ...") is no member.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .model import CaseMention, ItemExtraction
from .parties import NUMBER_WORDS

_HEADS = (r"compan(?:y|ies)|enterprises?|firms?|banks?|platforms?|operators?|institutions?"
          r"|entit(?:y|ies)|hospitals?|schools?|stores?|shops?|hotels?|clubs?|providers?")
# "the companies involved", "both companies", "the two enterprises", "three banks".
_PLURAL = re.compile(r"^(?:the\s+|both\s+)?(?:(?P<n>two|three|four|five|\d+)\s+)?(?:[\w-]+\s+)?"
                     r"(?:companies|enterprises|firms|banks|platforms|operators|institutions"
                     r"|entities|parties)(?:\s+(?:involved|concerned|in question))?$", re.I)
_EACH = re.compile(r"^\s*(?:\([^)]*\)\s*)?each\b", re.I)
_MEMBER = re.compile(rf"(?<![\w-])(?P<r>(?:an?|another|one)\s+(?:[\w-]+\s+){{0,4}}?(?:{_HEADS})"
                     rf"(?:\s+(?:in|from|based\s+in)\s+[A-Z][\w’'-]*)?)\b", re.I)
_CONDITION = re.compile(r"\b(?:if|when|whether|unless|where|once|should|any)\s+(?:\w+\s+){0,2}$",
                        re.I)


def split_members(exts: list[ItemExtraction]) -> None:
    """Replace each plural case fined "each" by one case per member the text describes."""
    for i, ext in enumerate(exts):
        for case in list(ext.cases):
            members = _members(exts, i, case)
            if not members:
                continue
            ext.cases.remove(case)
            for k, (name, span) in members:
                exts[k].cases.append(replace(case, respondent=name, respondent_span=span,
                                             aliases=(), anaphor=False, app_count=None))


def _members(exts: list[ItemExtraction], i: int,
             case: CaseMention) -> list[tuple[int, tuple[str, tuple[int, int]]]]:
    """The members of a plural party fined "each", where it is one: (item index, (name,
    span in that item)), in text order."""
    m = _PLURAL.match(case.respondent or "")
    text = exts[i].text
    if (m is None or case.fine is None or case.respondent_span is None
            or not _EACH.match(text[case.fine.end:case.fine.end + 20])):
        return []
    want = None
    if m["n"]:
        want = int(m["n"]) if m["n"].isdigit() else NUMBER_WORDS.get(m["n"].lower())
    found: list[tuple[int, tuple[str, tuple[int, int]]]] = []
    for k in range(i, min(i + 2, len(exts))):
        t = exts[k].text
        start = case.respondent_span[1] if k == i else 0
        for mm in _MEMBER.finditer(t, start):
            if _CONDITION.search(t, max(0, mm.start() - 30), mm.start()):
                continue
            name = mm["r"]
            if any(name.lower() == f[1][0].lower() for f in found):
                continue
            found.append((k, (name, (mm.start("r"), mm.end("r")))))
    if want is not None:
        found = found[:want] if len(found) >= want else []
    return found if len(found) >= 2 else []
