"""Regex scans tried only where a match can start.

Python's regex engine tries a pattern at every character unless the pattern opens with a
literal or a character class, and most of kg's patterns open with a word boundary and ignore
case. When every match of such a pattern starts with one of a few words, substring searches
find the places where those words start (in C, at memory speed) and the pattern is tried
there alone: the matches are the same as a full scan's, for a fraction of its cost.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator


def word_starts(lower: str, words: Iterable[str]) -> set[int]:
    """Offsets in `lower` (ASCII, lower-cased) where one of `words` starts, leaving out those
    where a word boundary cannot stand before it: a word that starts with a letter, digit or
    "_" right after another (at 0 only the pattern can tell what comes before)."""
    at: set[int] = set()
    for word in words:
        bounded = word[:1].isalnum() or word[:1] == "_"
        i = lower.find(word)
        while i >= 0:
            if not (bounded and i and (lower[i - 1].isalnum() or lower[i - 1] == "_")):
                at.add(i)
            i = lower.find(word, i + 1)
    return at


def matches_at(pattern: re.Pattern[str], text: str, starts: Iterable[int], pos: int = 0,
               endpos: int | None = None) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text, pos, endpos)`, given every offset at which one of its matches can
    start (among others): each is tried in order, skipping those inside the last match.
    No pattern used here matches the empty string."""
    end = len(text) if endpos is None else endpos
    for at in sorted(starts):
        if pos <= at <= end and (m := pattern.match(text, at, end)) is not None:
            yield m
            pos = m.end()


def finditer_words(pattern: re.Pattern[str], text: str, words: Iterable[str], pos: int = 0,
                   endpos: int | None = None) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text, pos, endpos)` for a pattern whose matches each start with one of
    `words` (lower case, after a word boundary when they start with a letter), ignoring case.
    On ASCII text, for ASCII words, only those places are tried; other text is scanned in
    full (ignoring case, a non-ASCII letter can match an ASCII one)."""
    end = len(text) if endpos is None else endpos
    part = text[pos:end]
    words = tuple(words)
    if not part.isascii() or not all(w.isascii() for w in words):
        return pattern.finditer(text, pos, end)
    return matches_at(pattern, text, (pos + i for i in word_starts(part.lower(), words)),
                      pos, end)


def occurrences(lower: str, words: Iterable[str], lo: int = 0,
                hi: int | None = None) -> list[int]:
    """Every offset in `lower` at which one of `words` starts and ends within [lo, hi), in
    order (no boundary test: the pattern tried there makes its own)."""
    hi = len(lower) if hi is None else hi
    at: set[int] = set()
    for word in words:
        i = lower.find(word, lo, hi)
        while i >= 0:
            at.add(i)
            i = lower.find(word, i + 1, hi)
    return sorted(at)


def in_slice(pattern: re.Pattern[str], text: str, lo: int, hi: int,
             at: list[int] | None) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text[lo:hi])`. `at` is `occurrences` of the words every match starts
    with in the whole of `text` lower-cased (ASCII text only), or None to scan the slice."""
    if at is None:
        return pattern.finditer(text[lo:hi])
    first, last = bisect_left(at, lo), bisect_left(at, hi)
    if first == last:
        return iter(())  # no match can start in the slice
    return matches_at(pattern, text[lo:hi], (p - lo for p in at[first:last]))
