"""Enforcement text made ready for clause patterns: abbreviation dots masked, sentences cut.

Dots and commas inside "Co., Ltd.", "Jan. 6", "U.S." are not clause ends: they are masked
(same length, so offsets hold) before clauses are cut.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.lexicon import spelled

from .scan import matches_at


@lru_cache(maxsize=1)
def _abbreviation_dot() -> re.Pattern[str]:
    """The full stop of an abbreviation (`kg:cue` "abbreviation"): the dot first, then a look
    back, so that the scan stops at dots only."""
    return re.compile(r"\.(?:" + "|".join(rf"(?<=\b{re.escape(a)}\.)"
                                           for a in spelled("abbreviation")) + ")")


# The comma first, then a look back: the scan stops at commas only.
_CO_COMMA = re.compile(r",(?:(?<=\bCo\.,)|(?<=\bCo,))(?=\s*Ltd)")
# A sentence ends after [.!?] (and closing quotes) before a capital or a digit, or at a line
# break with the spaces around it. Every such end starts with a space or a closing quote, read
# first so that the scan can skip to those characters; the look-backs then check what came
# before it.
_CLOSERS = "\"”’')"
_NEXT_STARTS = r"(?=[\"“‘(\[]?[A-Z0-9])"
_SENTENCE_END = re.compile(
    rf"[\s{_CLOSERS}](?:(?<=[.!?][{_CLOSERS}])[{_CLOSERS}]*\s+{_NEXT_STARTS}"
    rf"|(?<=[.!?]\s)\s*{_NEXT_STARTS}|(?<=\n)\s*|(?<=\s)\s*\n\s*"
    # a source marker ends a sentence that has no full stop: "... 469,519.5 yuan [1] Summary"
    r"|(?:(?<=\[\d\]\s)|(?<=\[\d\d\]\s))\s*(?=[A-Z]))")
MASK = "\x1f"


def mask(text: str) -> str:
    """The text with abbreviation dots and "Co., Ltd" commas masked."""
    if "Co" in text:
        text = _CO_COMMA.sub(MASK, text)
    return _abbreviation_dot().sub(MASK, text)


def sentences(masked: str, start: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each sentence or line of `masked` from `start` on."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in matches_at(_SENTENCE_END, masked, _end_starts(masked), start):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(masked):
        out.append((pos, len(masked)))
    return out


def _end_starts(masked: str) -> set[int]:
    """Where a sentence end can start (see kg.extract.scan): right after a ".", "!", "?" or "]",
    and at the spaces of a run that holds a line break, up to that break. The pattern would
    otherwise be tried at every space."""
    at: set[int] = set()
    for stop in ".!?]":
        q = masked.find(stop)
        while q >= 0:
            at.add(q + 1)
            q = masked.find(stop, q + 1)
    q = masked.find("\n")
    while q >= 0:
        j = q
        while j >= 0 and masked[j].isspace():
            at.add(j)
            j -= 1
        q = masked.find("\n", q + 1)
    return at
