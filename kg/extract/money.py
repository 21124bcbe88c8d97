"""Amounts of money as newsletters and news write them.

"RMB 50,000", "1.4 million CNY", "RMB30,000", "CNY 50m", "¥500,000", "2.5 million yuan
($350,000)", "US$80,000". Labels come from the ontology's currency scheme; a bare dollar sign
is the US dollar. News also drops the unit after a penalty verb ("Company A was fined 3.2
million"): such an amount takes the currency of the text's other amounts, else the yuan, the
unit Chinese penalties are imposed in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from .scan import finditer_words, matches_at

_SCALE = {"thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "billion": 1e9,
          "bn": 1e9, "b": 1e9, "万": 1e4, "亿": 1e8}
# A number; one that a comma and digits break off ("RMB 22,23" cut short) is none.
_NUMBER = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?!,\d)"
_SCALE_RE = r"(?:\s*(?:thousand|million|billion|mn|bn|[mkb]\b|万|亿))?"
# Symbols the ontology's labels may lack: "$2.63 million", "USD$1.83 million".
_SYMBOLS = {"$": "USD", "usd$": "USD", "us$": "USD", "hk$": "HKD", "rmb¥": "CNY"}
# "fined 3.2 million", "a fine of more than 10 million": a penalty with no unit written.
_BARE = re.compile(
    rf"\b(?:fined|fines? of|penalt(?:y|ies) of)\s+(?:(?:more than|over|about|approximately"
    rf"|nearly|up to|around|a total of)\s+)?(?:(?P<n>{_NUMBER})(?P<s>\s*(?:thousand|million|billion"
    rf"|mn|bn))|(?P<g>\d{{1,3}}(?:,\d{{3}})+))\b(?!\s*(?:[A-Za-z]{{2,}}\s+)?(?:yuan|rmb|cny|usd"
    rf"|dollars|euros?|hkd|\$|¥))", re.I)


@dataclass(frozen=True)
class Money:
    """An amount with its ISO currency code and character span."""

    value: float
    currency: str
    start: int
    end: int


def money_regex(currency_labels: Mapping[str, list[str]]) -> re.Pattern[str]:
    """One regex for "<cur> <n> [scale]" and "<n> [scale] <cur>" built from currency labels."""
    labels = {lab for labs in currency_labels.values() for lab in labs} | set(_SYMBOLS)
    labels |= {lab.upper() for lab in _SYMBOLS}
    cur = "|".join(re.escape(lab) for lab in sorted(labels, key=len, reverse=True))
    pattern = re.compile(
        rf"(?<![\w$¥€£])(?:(?P<c1>{cur})\s*(?P<n1>{_NUMBER})(?P<s1>{_SCALE_RE})"
        rf"|(?P<n2>{_NUMBER})(?P<s2>{_SCALE_RE})\s*(?P<c2>{cur}))(?![\w])",
        re.IGNORECASE,
    )
    lowered = frozenset(lab.lower() for lab in labels)
    # Label lengths by last letter; a label ending in a non-ASCII character goes with all.
    by_last: dict[str, set[int]] = {}
    for lab in lowered:
        by_last.setdefault(lab[-1] if lab[-1].isascii() else "", set()).add(len(lab))
    anywhere = by_last.pop("", set())
    # In ASCII text only the ASCII labels can match, unless ignoring case pairs a letter of
    # another label with an ASCII one; one that starts with another is found at its start.
    ascii_safe = not any(re.match(re.escape(c), chr(a), re.I) for lab in lowered for c in lab
                         if not c.isascii() for a in range(128))
    ascii_labels = sorted(lab for lab in lowered if lab.isascii())
    ascii_labels = [lab for lab in ascii_labels
                    if not any(o != lab and lab.startswith(o) for o in ascii_labels)]
    _LABELS[pattern] = (lowered, {len(lab) for lab in lowered},
                        {c: frozenset(n | anywhere) for c, n in by_last.items()},
                        frozenset(anywhere), tuple(ascii_labels) if ascii_safe else None)
    return pattern


# The labels of each pattern `money_regex` made, lower-cased; their lengths; the lengths of
# those that can end in each ASCII letter, and of those ending in another character.
_LABELS: dict[re.Pattern[str], tuple[frozenset[str], set[int], dict[str, frozenset[int]],
                                     frozenset[int], tuple[str, ...] | None]] = {}
_DIGITS = re.compile(r"\d+")
# ASCII digits as "0", all else as a space: runs of "0" are then found by a literal search.
_DIGIT_BYTES = bytes(48 if 48 <= b <= 57 else 32 for b in range(256))
_ZEROS = re.compile(rb"0+")


def _digit_runs(text: str) -> Iterator[int]:
    """Where each run of digits (`\\d+`) in `text` starts."""
    if text.isascii():
        return (m.start() for m in _ZEROS.finditer(text.encode("ascii").translate(_DIGIT_BYTES)))
    return (m.start() for m in _DIGITS.finditer(text))


def _amounts_in(text: str, pattern: re.Pattern[str]) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text)`, trying the pattern only where an amount can start.

    An amount holds a number, and starts either at its first digit or at a currency label
    that ends where the spaces before that digit start. So the pattern is tried at the start
    of each run of digits and at each label written before one (a label in ASCII is checked
    first against the labels' lower-cased spellings, as ignoring case reads ASCII)."""
    known = _LABELS.get(pattern)
    if known is None:
        yield from pattern.finditer(text)
        return
    labels, every, by_last, anywhere, ascii_labels = known
    if ascii_labels is not None and text.isascii():
        yield from matches_at(pattern, text, _label_starts(text.lower(), ascii_labels))
        return
    starts: set[int] = set()
    for q in _digit_runs(text):
        starts.add(q)
        w = q
        while w and text[w - 1].isspace():
            w -= 1
        if not w:
            continue
        last = text[w - 1]
        lengths = by_last.get(last.lower(), anywhere) if last.isascii() else every
        for n in lengths:
            if n <= w:
                label = text[w - n : w]
                if not label.isascii() or label.lower() in labels:
                    starts.add(w - n)
    yield from matches_at(pattern, text, starts)


def _label_starts(low: str, labels: tuple[str, ...]) -> set[int]:
    """Where an amount can start in lower-cased ASCII text, found from its (few) currency
    labels rather than its (many) numbers: at each label, and at each run of digits in the
    number, scale word and spaces that can stand right before one ("2.5 million yuan")."""
    starts: set[int] = set()
    for label in labels:
        q = low.find(label)
        while q >= 0:
            starts.add(q)
            j = q
            while j and low[j - 1].isspace():
                j -= 1
            while j and low[j - 1].isalpha():  # a scale word ("million", "m")
                j -= 1
            while j and low[j - 1].isspace():
                j -= 1
            k = j
            while j and low[j - 1] in _NUMBER_CHARS:
                j -= 1
            starts.update(p for p in range(j, k)
                          if low[p].isdigit() and (p == 0 or not low[p - 1].isdigit()))
            q = low.find(label, q + 1)
    return starts


_NUMBER_CHARS = frozenset("0123456789.,")


def find_money(text: str, pattern: re.Pattern[str],
               label_to_code: Mapping[str, str]) -> Iterator[Money]:
    """Every amount in `text`; `label_to_code` maps a lower-cased label to its ISO code."""
    found: list[Money] = []
    for m in _amounts_in(text, pattern):
        number = m["n1"] or m["n2"]
        scale = (m["s1"] or m["s2"] or "").strip().lower()
        label = (m["c1"] or m["c2"]).lower()
        code = label_to_code.get(label) or _SYMBOLS.get(label)
        if code is None:
            continue
        value = float(number.replace(",", "")) * _SCALE.get(scale, 1.0)
        found.append(Money(round(value, 2), code, m.start(), m.end()))
    if "fine" in text or "penalt" in text or "Fine" in text:
        for m in finditer_words(_BARE, text, ("fine", "penalt")):
            start, end = (m.start("n"), m.end("s")) if m["n"] else m.span("g")
            if any(f.start <= start < f.end for f in found):
                continue
            near = min(found, key=lambda f: abs(f.start - m.start()), default=None)
            cny = near is None or any(f.currency == "CNY" for f in found)
            value = (float(m["n"].replace(",", "")) * _SCALE[m["s"].strip().lower()] if m["n"]
                     else float(m["g"].replace(",", "")))
            found.append(Money(round(value, 2), "CNY" if cny or near is None else near.currency,
                               start, end))
        found.sort(key=lambda f: f.start)
    yield from found
