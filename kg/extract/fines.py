"""The fine a penalty clause puts on its party.

Among the amounts of a clause, a fine is the one a penalty word governs ("a fine of RMB 50,000",
"fined 2 million yuan"); not a conversion in brackets ("($280,000)"), an illegal gain, a
confiscation, revenue or damages. A fine stated as a bound ("exceeding 10 million") or a sum
("a total of 3 million") is kept as such, so that the exact figure given later for the same
party wins. Amounts after a new clause ("..., according to ..., and followed fines of ...") are
not this clause's.
"""

from __future__ import annotations

import re

from kg.lexicon import cue_words

from .events import Event
from .model import Amount

RANK = {"exact": 3, "total": 2, "bound": 1, "": 0}
# A new clause: its amounts are not the fine of the clause before it.
_FINE_BREAK = re.compile(r";|,\s+according to\b|,\s+(?:and|while|whereas|but)\s+(?!(?:was|were"
                         r"|is|are|also|then|has|had|fined|imposed|ordered|a\s+fine|an?\s+\w+\s+"
                         r"(?:fine|penalty)|confiscat|had)\b)", re.I)
# The words of these patterns are reader cues of the ontology, by notation; the patterns say
# where they stand: an opening bracket, the words right before an amount, or a few words back.
_CONVERSION = re.compile(rf"\(\s*(?:{cue_words('conversion-hedge')})?\s*$", re.I)
_NOT_FINE = re.compile(rf"{cue_words('not-a-fine')}[^,;]{{0,30}}$", re.I)
_CONFISCATED = re.compile(r"^\s*(?:\([^)]*\)\s*)?(?:\w+\s+){0,2}(?:was\s+|were\s+)?confiscated",
                          re.I)
_NOT_FINE_AFTER = re.compile(rf"\s*(?:\([^)]*\)\s*)?{cue_words('not-a-fine-after')}\b", re.I)
_BOUND = re.compile(rf"{cue_words('bound')}\s+$", re.I)
_TOTAL = re.compile(cue_words("total"), re.I)
_FINE_WORD = re.compile(rf"{cue_words('fine-word')}[^,;]{{0,25}}$", re.I)
# A phrase before the subject, with no verb of its own: "Facing a penalty of X, ".
_LEAD = re.compile(r"(?![^;]*\b(?:was|were|is|are|has|have|had|fined|imposed|said)\b)[^;]*,\s*$",
                   re.I)
_EACH = re.compile(r"^\s*(?:\([^)]*\)\s*)?each\b", re.I)


def clause_fines(text: str, ev: Event, amounts: list[Amount]) -> list[tuple[Amount, str]]:
    """The amounts of the event's clause that are fines, with their kind; yuan ones first."""
    brk = _FINE_BREAK.search(text, max(ev.v_start, ev.r_end), ev.end)
    end = brk.start() if brk else ev.end
    found = [f for f in (_fine_kind(text, a, ev) for a in amounts if ev.start <= a.start < end)
             if f is not None]
    if not found and _LEAD.match(text, ev.sentence[0], ev.start):
        # "Facing a penalty of 3 million yuan ($471,300), Weibo was ordered to ...": the
        # phrase that leads into the clause names its fine.
        found = [f for f in (_fine_kind(text, a, ev) for a in amounts
                             if ev.sentence[0] <= a.start < ev.start) if f and f[1] == "exact"]
    cny = [f for f in found if f[0].currency == "CNY"]
    return cny or found


def _fine_kind(text: str, a: Amount, ev: Event) -> tuple[Amount, str] | None:
    """A fine and how it is stated, or None for an amount that is no fine."""
    before = text[max(ev.sentence[0], a.start - 60):a.start]
    if _CONVERSION.search(before[-20:]) or _NOT_FINE.search(before):
        return None
    if _CONFISCATED.match(text[a.end:a.end + 40]) or _NOT_FINE_AFTER.match(text, a.end):
        return None
    if _BOUND.search(before[-25:]):
        return a, "bound"
    if _TOTAL.search(before[-25:]) or _TOTAL.match(text[a.end:a.end + 20].strip()):
        return a, "total"
    return a, "exact" if _FINE_WORD.search(before) else "total"


def pick(text: str, fines: list[tuple[Amount, str]], parties: int, n: int,
         ev: Event) -> tuple[Amount, str] | None:
    """The fine on party `n` of `parties` named by one clause."""
    if not fines:
        return None
    respectively = "respectively" in text[ev.start:ev.sentence[1]]
    if parties > 1:
        if respectively and len(fines) == parties:
            return fines[n]
        first = fines[0]
        return first if _EACH.match(text[first[0].end:first[0].end + 20]) else None
    if respectively and len(fines) > 1:
        return None  # several amounts for one named party: no one of them is its fine
    return max(fines, key=lambda f: RANK[f[1]])
