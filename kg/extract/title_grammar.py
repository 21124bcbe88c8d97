"""The word classes of the title finder, and where in a text a title can be.

`TitleGrammar` holds what the ontology says (head words, standards prefixes, non-instrument
words). `title_windows` narrows a text to the stretches the title scan must read: the scan of
`titles.find_titles` walks runs of capitalised words, and a lower-case word that no run can
carry on past starts the scan afresh, so only the stretches between such words that hold a
head word (or a standards prefix beside a dash) can give a title. Reading only those
stretches gives the same titles as reading the whole text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

from .scan import matches_at

# Small words a title runs on through ("Measures on the ... of ...").
CONNECTORS = frozenset(
    "of on for the and in to a an at by with from concerning regarding involving between about "
    "under into within against its their or x as via & upon over".split()
)
# Words that end a standard's lower-case subtitle: the sentence goes on after them.
NOT_IN_SUBTITLE = frozenset("which that who whose was were is are will has have had and but "
                            "issued released published".split())
# Characters that end a token; brackets and these punctuation marks are tokens of their own.
_SEPARATORS = r"\s()\[\]{},;:!?–—"
TOKEN = re.compile(rf"[^{_SEPARATORS}]+|[()\[\]{{}},;:!?–—]")
DASHES = frozenset({"-", "–", "—", "--"})
OPEN_QUOTES = "“\"‘'«"
CLOSE_QUOTES = "”\"’'»"
# A lower-case word standing as a whole token: no run of capitalised words goes on past one
# ("liability." ends a sentence) unless it is a connector or, after a dash, part of a
# standard's lower-case subtitle.
_LOWER_TOKEN = re.compile(rf"(?<![^{_SEPARATORS}])(?:([a-z]+)|[a-z]+\.)(?![^{_SEPARATORS}])")
_DASH_TOKEN = re.compile(rf"--?(?![^{_SEPARATORS}])|[–—]")
_SEPARATOR = re.compile(rf"[{_SEPARATORS}]")
_DASH_CHARS = ("-", "–", "—")
_WORD = re.compile(r"\w")
_DEFINED_TERM = re.compile(
    r"\(\s*(?:the\s+|hereinafter(?:\s+referred\s+to\s+as)?\s+(?:the\s+)?)?[“\"‘][^()]{1,80}?[”\"’]"
    r"\s*\)",
    re.I,
)


@dataclass(frozen=True)
class TitleGrammar:
    """The data a title finder needs, read from the ontology."""

    heads: frozenset[str]  # lower-cased single words: "measures", "law", ...
    prefixes: tuple[str, ...]  # lower-cased standards prefixes: "information security technology"
    stop_words: frozenset[str]  # lower-cased words that mark a non-instrument ("white", "report")

    @cached_property
    def head_word(self) -> re.Pattern[str] | None:
        """A capitalised head word ("Measures", "LAW") followed by a word boundary.

        No boundary is asked before it in the pattern, so that the search can skip ahead by
        the words' first letters (a pattern that opens with a boundary cannot); `heads_in`
        checks the boundary before.
        """
        heads = [f"{re.escape(h[0].upper())}(?i:{re.escape(h[1:])})" for h in self.heads if h]
        if not heads:
            return None
        return re.compile(r"(?:" + "|".join(sorted(heads, key=len, reverse=True)) + r")\b")

    @cached_property
    def prefix(self) -> re.Pattern[str] | None:
        """A standards prefix as a whole phrase, in any case."""
        if not self.prefixes:
            return None
        alts = sorted((f"(?i:{re.escape(p)})" for p in self.prefixes), key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(alts) + r")\b")

    @cached_property
    def prefix_word(self) -> re.Pattern[str] | None:
        """The first word of a standards prefix, in any case."""
        if not self.prefix_firsts:
            return None
        return re.compile(r"\b(?i:" + "|".join(sorted(map(re.escape, self.prefix_firsts),
                                                      key=len, reverse=True)) + ")")

    @cached_property
    def prefix_firsts(self) -> tuple[str, ...]:
        """The first words of the standards prefixes."""
        return tuple(sorted({p.split()[0] for p in self.prefixes if p.split()}))

    @cached_property
    def prefix_spread(self) -> re.Pattern[str] | None:
        """A standards prefix as the title scan reads one: its words in any case, apart by
        spaces or line breaks, each word perhaps in quotes. Matched at a `prefix_word`."""
        if not self.prefixes:
            return None
        quotes = re.escape(OPEN_QUOTES + CLOSE_QUOTES)
        gap = f"[{quotes}]*\\s+[{quotes}]*"
        alts = [gap.join(f"(?i:{re.escape(w)})" for w in p.split()) for p in self.prefixes]
        return re.compile("|".join(alts))

    def may_hold_prefix(self, low: str) -> bool:
        """False when no standards prefix has all its words in this lower-cased ASCII text."""
        return any(all(map(low.__contains__, words)) for words in self.prefix_words)

    @cached_property
    def prefix_words(self) -> tuple[tuple[str, ...], ...]:
        """The words of each standards prefix."""
        return tuple(tuple(p.split()) for p in self.prefixes)

    def carries_head(self, bare: list[str]) -> bool:
        """True when one of these words (lower case, quotes stripped) is a head word or can
        open a standards prefix: a run without one is no title."""
        return any(w in self.heads or w.startswith(self.prefix_firsts) for w in bare)

    def heads_in(self, text: str) -> Iterator[re.Match[str]]:
        """Every capitalised head word standing as a word of its own."""
        if self.head_word is None:
            return
        pos = 0
        while (m := self.head_word.search(text, pos)) is not None:
            if m.start() and _WORD.match(text, m.start() - 1):
                pos = m.start() + 1  # inside a longer word ("ByLaw")
                continue
            yield m
            pos = m.end()

    def may_hold_title(self, text: str) -> bool:
        """A text without a head word or a standards prefix holds no title: one search in C
        spares the token-by-token scan of most news paragraphs."""
        return next(self.heads_in(text), None) is not None or self.holds_prefix(text)

    def holds_prefix(self, text: str) -> bool:
        """True when a standards prefix stands in `text` as a whole phrase."""
        if self.prefix is None:
            return False
        if text.isascii():  # (?i) matches ASCII text as lower() does: a cheap test first
            low = text.lower()
            if not any(map(low.__contains__, self.prefixes)):
                return False
        return self.prefix.search(text) is not None

    @cached_property
    def stop_pattern(self) -> re.Pattern[str] | None:
        """All stop words as one alternation: one search per candidate instead of one each."""
        if not self.stop_words:
            return None
        words = sorted(self.stop_words, key=len, reverse=True)
        return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")


def mask_defined_terms(text: str) -> str:
    """Blank out (the “Notice”)-style definitions so they are not read as new titles."""
    return _DEFINED_TERM.sub(lambda m: " " * (m.end() - m.start()), text)


def title_windows(text: str, grammar: TitleGrammar,
                  heads: list[re.Match[str]] | None = None) -> list[tuple[int, int]]:
    """Character ranges of `text`, in order and apart, that hold every title the scan finds.

    Each range starts where the scan starts afresh (after a lower-case word no run goes past)
    and ends before the next such word, around a capitalised head word, or around the first
    word of a standards prefix when a dash is in the range. `heads` are the text's head words
    (`TitleGrammar.heads_in`) when the caller has found them already.
    """
    first_dash = _first_dash(text)
    heads = list(grammar.heads_in(text)) if heads is None else heads
    spots = [(m.start(), m.end(), False) for m in heads]
    if grammar.prefix_word is not None and any(map(text.__contains__, _DASH_CHARS)) and (
            not text.isascii() or grammar.may_hold_prefix(text.lower())):
        spread = grammar.prefix_spread
        spots += [(m.start(), m.end(), True) for m in grammar.prefix_word.finditer(text)
                  if spread is not None and spread.match(text, m.start())
                  and not _breaker_at(text, m.start(), first_dash)]
        spots.sort()
    windows: list[tuple[int, int]] = []
    for start, end, needs_dash in spots:
        if windows and start < windows[-1][1]:
            continue  # inside the window before
        lo = _restart_before(text, start, first_dash)
        if windows and lo < windows[-1][1]:
            lo = windows[-1][1]
        hi = _restart_after(text, end, first_dash)
        if needs_dash and not any(map(text[lo:hi].__contains__, _DASH_CHARS)):
            continue
        windows.append((lo, hi))
    return windows


def _first_dash(text: str) -> int:
    """Where the first dash standing as a token of its own is, else the end of the text.
    The pattern is tried only at the dashes (see kg.extract.scan)."""
    if not any(map(text.__contains__, _DASH_CHARS)):
        return len(text)
    at: set[int] = set()
    for c in _DASH_CHARS:
        i = text.find(c)
        while i >= 0:
            at.add(i)
            i = text.find(c, i + 1)
    for m in matches_at(_DASH_TOKEN, text, at):
        if m.group() in ("–", "—") or not m.start() or _SEPARATOR.match(text, m.start() - 1):
            return m.start()
    return len(text)


def _breaks_runs(m: re.Match[str], first_dash: int) -> bool:
    """True when no run of a title goes on past this lower-case token."""
    word = m.group(1)
    if word is None:
        return True  # "liability.": a lower-case word with a full stop
    if word in CONNECTORS:
        return False
    # A standard's subtitle ("– Security requirements for ...") carries lower-case words on,
    # but only after a dash.
    return word in NOT_IN_SUBTITLE or m.start() < first_dash


def _breaker_at(text: str, at: int, first_dash: int) -> bool:
    """True when the token at `at` is a lower-case word no run goes on past."""
    m = _LOWER_TOKEN.match(text, at)
    return m is not None and _breaks_runs(m, first_dash)


def _restart_before(text: str, at: int, first_dash: int) -> int:
    """The end of the last run-breaking token that ends at or before `at`, else 0."""
    span = 64
    while True:
        lo = max(0, at - span)
        best = -1
        for m in _LOWER_TOKEN.finditer(text, lo):
            if m.end() > at:
                break
            if _breaks_runs(m, first_dash):
                best = m.end()
        if best >= 0:
            return best
        if lo == 0:
            return 0
        span *= 4


def _restart_after(text: str, at: int, first_dash: int) -> int:
    """The start of the first run-breaking token that starts at or after `at`, else the end."""
    for m in _LOWER_TOKEN.finditer(text, at):
        if _breaks_runs(m, first_dash):
            return m.start()
    return len(text)
