"""Instrument titles never seen before, recognised from their shape.

A title is a run of capitalised words, joined by the small words titles use ("of", "on", "for",
"the", "and", ...), that carries a legal-form head word ("Measures", "Provisions", "Law",
"Guidelines", ...) either at its end ("Xiamen Special Economic Zone Data Regulations") or
followed by its subject ("Provisions on Regulating and Facilitating Cross-border Data Transfer"),
or that opens with a standards prefix ("Information Security Technology - ..."). A short
parenthetical that belongs to the title ("(Interim)", "(2024-2026)", "(First Batch)") is kept; a
draft marker ("(Draft for Comments)") is cut off and reported as the draft status.
The head words, prefixes and non-instrument words come from the ontology.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property

_CONNECTORS = frozenset(
    "of on for the and in to a an at by with from concerning regarding involving between about "
    "under into within against its their or x as via & upon over".split()
)
# Words after a head word that introduce the subject of a title.
_TAIL_OPENERS = frozenset("of on for concerning regarding to in about governing".split())
_ARTICLES = frozenset({"the", "a", "an", "this", "that", "these", "its", "their", "our"})
_TOKEN = re.compile(r"[^\s()\[\]{},;:!?–—]+|[()\[\]{},;:!?–—]")
_DASHES = {"-", "–", "—", "--"}
_OPEN_QUOTES = "“\"‘'«"
_CLOSE_QUOTES = "”\"’'»"
_DEFINED_TERM = re.compile(
    r"\(\s*(?:the\s+|hereinafter(?:\s+referred\s+to\s+as)?\s+(?:the\s+)?)?[“\"‘][^()]{1,80}?[”\"’]"
    r"\s*\)",
    re.I,
)
_DRAFT_SUFFIX = re.compile(
    r"^\(\s*(?:revised\s+|exposure\s+|consultation\s+|second\s+|2nd\s+)?draft"
    r"(?:\s+(?:for|of)\s+(?:public\s+)?(?:comments?|consultation|opinions?))?"
    r"(?:\s+amendment)?\s*\)$",
    re.I,
)
_ACRONYM_PAREN = re.compile(r"^\(\s*[“\"]?[A-Z][A-Z0-9&]{1,9}s?[”\"]?\s*\)$")
_DATE_LIKE = re.compile(r"\b\d{1,2}\s+[A-Z][a-z]+\b|\b[A-Z][a-z]+\s+\d{1,2}\b")


@dataclass(frozen=True)
class TitleMention:
    """A candidate instrument title with its span; `draft` when a draft marker followed it."""

    title: str
    start: int
    end: int
    draft: bool
    head: str


@dataclass(frozen=True)
class TitleGrammar:
    """The data a title finder needs, read from the ontology."""

    heads: frozenset[str]  # lower-cased single words: "measures", "law", ...
    prefixes: tuple[str, ...]  # lower-cased standards prefixes: "information security technology"
    stop_words: frozenset[str]  # lower-cased words that mark a non-instrument ("white", "report")

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


def find_titles(text: str, grammar: TitleGrammar) -> Iterator[TitleMention]:
    """Every title-shaped run in `text` that carries a head word or a standards prefix."""
    masked = mask_defined_terms(text)
    tokens = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(masked)]
    i = 0
    while i < len(tokens):
        run = _run_at(tokens, i, masked)
        if run is None:
            i += 1
            continue
        for a, b in _split_at_and(tokens, i, run, grammar):
            mention = _accept(tokens, a, b, text, grammar)
            if mention is not None:
                yield mention
        i = run


def _split_at_and(tokens: list[tuple[str, int, int]], i: int, j: int,
                  grammar: TitleGrammar) -> list[tuple[int, int]]:
    """Split "the X Measures and the Y Rules" into two runs when both halves carry a head."""
    for k in range(i + 1, j - 1):
        if tokens[k][0] != "and" or tokens[k + 1][0].lower() != "the":
            continue
        left = {t[0].lower() for t in tokens[i:k]}
        right = {t[0].lower() for t in tokens[k + 2 : j]}
        if left & grammar.heads and right & grammar.heads:
            return [(i, k), *_split_at_and(tokens, k + 2, j, grammar)]
    return [(i, j)]


def _is_cap(word: str) -> bool:
    core = word.lstrip(_OPEN_QUOTES)
    return bool(core) and (core[0].isupper() or core[0].isdigit())


def _split_dash(word: str) -> bool:
    return word in _DASHES


_ABBREVIATIONS = frozenset({"Co.", "Ltd.", "Inc.", "No.", "Nos.", "St.", "Corp.", "Art.", "Vol."})


def _ends_sentence(word: str) -> bool:
    return word.endswith(".") and word not in _ABBREVIATIONS and not re.fullmatch(r"[A-Z]\.", word)


def _run_at(tokens: list[tuple[str, int, int]], i: int, text: str) -> int | None:
    """End (exclusive) of the capitalised run starting at token i, or None.

    A run stops at a blank line, at a sentence end and at a lower-case word that titles do
    not use; a single line break (hard-wrapped text) does not end it.
    """
    word = tokens[i][0]
    if not _is_cap(word) or word in _DASHES or _ends_sentence(word):
        return None
    j = i + 1
    last_cap = i + 1
    while j < len(tokens):
        w = tokens[j][0]
        gap = text[tokens[j - 1][2] : tokens[j][1]]
        if "\n" in gap and ("\n\n" in gap or not _is_cap(w) and w.lower() not in _CONNECTORS):
            break  # a blank line, or a new line that does not carry the title on
        bare = w.strip(_OPEN_QUOTES + _CLOSE_QUOTES).lower()
        if _is_cap(w):
            j += 1
            last_cap = j
            if _ends_sentence(w):
                break
        elif bare in _CONNECTORS or _split_dash(w):
            j += 1
            if _ends_sentence(w):
                break
        elif w == "(" and _inner_paren(tokens, j):
            j = _inner_paren(tokens, j)
        elif w == "," and j + 1 < len(tokens) and tokens[j + 1][0] in ("Ltd.", "Ltd", "Inc."):
            j += 2
            last_cap = j
        else:
            break
    return last_cap


def _inner_paren(tokens: list[tuple[str, int, int]], j: int) -> int:
    """Index after "(Tianjin)" when a short capitalised parenthetical sits inside a title."""
    for k in range(j + 1, min(j + 5, len(tokens))):
        if tokens[k][0] == ")":
            inside = tokens[j + 1 : k]
            if inside and all(_is_cap(t[0]) for t in inside) and k + 1 < len(tokens) and (
                    _is_cap(tokens[k + 1][0]) and tokens[k + 1][0] != "("):
                return k + 1
            return 0
    return 0


def _words(tokens: list[tuple[str, int, int]], i: int, j: int) -> list[str]:
    return [t[0] for t in tokens[i:j]]


def _accept(tokens: list[tuple[str, int, int]], i: int, j: int, text: str,
            grammar: TitleGrammar) -> TitleMention | None:
    # Cut the run at a possessive ("the Ministry of Finance’s Interim Provisions"): the title
    # starts after it.
    for k in range(j - 1, i - 1, -1):
        w = tokens[k][0]
        if (w.endswith(("’s", "'s")) and k + 1 < j and not _inside_quotes(tokens, i, k)
                and not _has_head(tokens, i, k, grammar)):
            i = k + 1
            break
    # Lead-in words before an article ("Based on the", "Article 9 of the") are not the title.
    for k in range(i + 1, j):
        if tokens[k][0].lower() in _ARTICLES:
            if not _has_head(tokens, i, k, grammar):
                i = k
            break
    while i < j and (tokens[i][0].lower() in _ARTICLES or tokens[i][0] in _DASHES):
        i += 1
    draft = False
    if i < j and tokens[i][0].lower() == "draft":
        draft = True
        i += 1
    if i >= j:
        return None
    words = _words(tokens, i, j)
    lowered = [w.strip(_OPEN_QUOTES + _CLOSE_QUOTES).lower() for w in words]
    joined = " ".join(lowered)
    if grammar.stop_pattern is not None and grammar.stop_pattern.search(joined):
        return None
    head = None
    prefix = next((p for p in grammar.prefixes if joined.startswith(p)), None)
    if prefix is not None and any(w in _DASHES or "-" in w for w in words[2:]):
        head = prefix
    for k, w in enumerate(lowered):
        if w not in grammar.heads or not _is_cap(words[k]):
            continue
        at_end = k == len(lowered) - 1
        opens_tail = (k + 1 < len(lowered) and lowered[k + 1] in _TAIL_OPENERS
                      and _substantial(words[k + 2 :]))
        if at_end or opens_tail:
            head = w
            break
    if head is None:
        return None
    if len(words) < 2 and head != prefix:
        return None
    start, end = tokens[i][1], tokens[j - 1][2]
    end, draft = _suffix(text, end, draft)
    if text[end - 1 : end] == "." and tokens[j - 1][0] not in _ABBREVIATIONS:
        end -= 1
    footnote = re.search(r"(?<=[a-z])\d{1,2}$", text[start:end])
    if footnote:  # "Protection1": a footnote marker glued to the last word
        end -= len(footnote.group(0))
    while text[start] in _OPEN_QUOTES and _unbalanced_or_wrapping(text[start:end]):
        start += 1
    while end > start and text[end - 1] in _CLOSE_QUOTES and _unbalanced_or_wrapping(
            text[start:end]):
        end -= 1
    title = text[start:end]
    return TitleMention(" ".join(title.split()), start, end, draft, head)


def _unbalanced_or_wrapping(title: str) -> bool:
    """True when quotes wrap the whole title or do not pair up."""
    opens = sum(title.count(q) for q in "“‘")
    closes = sum(title.count(q) for q in "”’") - title.count("’s")
    straight = title.count('"')
    if straight % 2 or opens != closes:
        return True
    inner = title[1:-1]
    return title[:1] in _OPEN_QUOTES and title[-1:] in _CLOSE_QUOTES and not any(
        q in inner for q in "“”\"")


def _substantial(tail: list[str]) -> bool:
    """A title's subject names something: two capitalised words, or one that is a real word."""
    content = [w.strip(_OPEN_QUOTES + _CLOSE_QUOTES + ".") for w in tail if _is_cap(w)]
    if len(content) >= 2:
        return True
    return any(not w.isupper() and not w[:1].isdigit() and len(w) > 2 for w in content)


def _has_head(tokens: list[tuple[str, int, int]], i: int, k: int, grammar: TitleGrammar) -> bool:
    return any(t[0].strip(_OPEN_QUOTES + _CLOSE_QUOTES).lower() in grammar.heads
               for t in tokens[i:k])


def _inside_quotes(tokens: list[tuple[str, int, int]], i: int, k: int) -> bool:
    text = " ".join(t[0] for t in tokens[i : k + 1])
    return sum(text.count(q) for q in "“\"") % 2 == 1


def _suffix(text: str, end: int, draft: bool) -> tuple[int, bool]:
    """Extend over title parentheticals after `end`; cut draft markers; stop at dates."""
    while True:
        m = re.match(r"\s*(\([^()]{1,60}\))", text[end:])
        if not m:
            return end, draft
        paren = m.group(1)
        if _DRAFT_SUFFIX.match(paren):
            return end, True  # the marker is not part of the title
        inner = paren[1:-1].strip()
        if (_ACRONYM_PAREN.match(paren) and "+" not in inner) or _DATE_LIKE.search(inner):
            return end, draft
        if inner[:1] in _OPEN_QUOTES or re.match(r"(?:the\s+)?[“\"‘]", inner):
            return end, draft
        if len(inner.split()) > 7:
            return end, draft
        end += m.end()
