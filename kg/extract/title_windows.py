"""Where in a text a title can be.

The scan of `titles.find_titles` walks runs of capitalised words, and a lower-case word that no
run can carry on past starts the scan afresh, so only the stretches between such words that hold
a head word (or a standards prefix beside a dash) can give a title. `title_windows` finds those
stretches: reading only them gives the same titles as reading the whole text.
"""

from __future__ import annotations

import re

from kg.lexicon.title_grammar import (
    CLOSE_QUOTES,
    CONNECTORS,
    NOT_IN_SUBTITLE,
    OPEN_QUOTES,
    SEPARATORS,
    TOKEN,
    TitleGrammar,
)

from .scan import matches_at, occurrences

# A lower-case word standing as a whole token: no run of capitalised words goes on past one
# ("liability." ends a sentence) unless it is a connector or, after a dash, part of a
# standard's lower-case subtitle.
_LOWER_TOKEN = re.compile(rf"(?<![^{SEPARATORS}])(?:([a-z]+)|[a-z]+\.)(?![^{SEPARATORS}])")
_DASH_TOKEN = re.compile(rf"--?(?![^{SEPARATORS}])|[–—]")
_SEPARATOR = re.compile(rf"[{SEPARATORS}]")
_DASH_CHARS = ("-", "–", "—")
# A short name defined in brackets: (“PIPL”), (the "Measures"), (hereinafter “Children’s PI
# Rules”), (“Regulations”, which ...), its closing quote sometimes typed as an opening one
# (“Audit Measures“). The name goes between the two halves.
DEFINED_OPEN = r"\(\s*(?:the\s+|hereinafter(?:\s+referred\s+to\s+as)?\s+(?:the\s+)?)?[“\"‘]"
DEFINED_CLOSE = r"[”\"’“]\s*[),;]"
_DEFINED_TERM = re.compile(DEFINED_OPEN + r"[^()]{1,80}?" + DEFINED_CLOSE, re.I)


def mask_defined_terms(text: str) -> str:
    """Blank out (the “Notice”)-style definitions so they are not read as new titles; the
    semicolon left in their place ends the title before them."""
    return _DEFINED_TERM.sub(lambda m: ";" + " " * (m.end() - m.start() - 1), text)


class WindowTokens:
    """The tokens (`TOKEN`) of one window and what the title scan asks of each, worked out
    once: the word, its offsets, whether it is capitalised (`is_cap`), lower-cased, and
    lower-cased with its quotes and a final full stop stripped ("bare")."""

    __slots__ = ("text", "matches", "words", "caps", "low", "bare", "newline")

    def __init__(self, text: str, lo: int, hi: int) -> None:
        self.text = text
        self.matches = matches = list(TOKEN.finditer(text, lo, hi))  # offsets: .start(), .end()
        self.words = words = [m.group() for m in matches]
        # `is_cap` of each word, inlined: the first character after any opening quotes (a
        # token is never empty).
        self.caps = [(c := w[0]).isupper() or c.isdigit() or (c in OPEN_QUOTES and (
            (c := w.lstrip(OPEN_QUOTES)[:1]).isupper() or c.isdigit())) for w in words]
        self.low = low = [w.lower() for w in words]
        # A full stop after a title's last word ends the sentence, not the word ("... Data
        # Regulations."): the head word is the word without it.
        quotes = OPEN_QUOTES + CLOSE_QUOTES
        self.bare = [w if w.isalnum() else w.strip(quotes).removesuffix(".").strip(quotes)
                     for w in low]
        self.newline = "\n" in text[lo:hi]


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
        # the window runs past the whole prefix, which may be in sentence case
        spots += [(m.start(), whole.end(), True) for m in grammar.prefix_word.finditer(text)
                  if spread is not None and (whole := spread.match(text, m.start()))
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
    for m in matches_at(_DASH_TOKEN, text, occurrences(text, _DASH_CHARS)):
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
    """The end of the last run-breaking token that ends at or before `at`, else 0. Read from
    a little before `at`, then further back while none is found (the pattern's look-behind
    sees the text before where a search starts, so each stretch finds what a full scan does)."""
    span = 32
    while True:
        lo = max(0, at - span)
        best = -1
        for m in _LOWER_TOKEN.finditer(text, lo):
            if m.end() > at:
                break
            word = m.group(1)  # as `_breaks_runs`
            if word is None or word not in CONNECTORS and (
                    word in NOT_IN_SUBTITLE or m.start() < first_dash):
                best = m.end()
        if best >= 0:
            return best
        if lo == 0:
            return 0
        span *= 4


def _restart_after(text: str, at: int, first_dash: int) -> int:
    """The start of the first run-breaking token that starts at or after `at`, else the end."""
    for m in _LOWER_TOKEN.finditer(text, at):
        word = m.group(1)  # as `_breaks_runs`
        if word is None and m.start() > first_dash:
            return m.end()  # a subtitle's last word, with the sentence's full stop
        if word is None or word not in CONNECTORS and (
                word in NOT_IN_SUBTITLE or m.start() < first_dash):
            return m.start()
    return len(text)
