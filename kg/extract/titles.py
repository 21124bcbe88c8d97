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

from kg.lexicon.title_grammar import (
    ABBREVIATIONS,
    CLOSE_QUOTES,
    CONNECTORS,
    DASHES,
    NOT_IN_SUBTITLE,
    OPEN_QUOTES,
    TOKEN,
    TitleGrammar,
    ends_sentence,
    is_cap,
)

from .title_windows import mask_defined_terms, title_windows

# Words after a head word that introduce the subject of a title.
_TAIL_OPENERS = frozenset("of on for concerning regarding to in about governing".split())
_ARTICLES = frozenset({"the", "a", "an", "this", "that", "these", "its", "their", "our"})
_QUOTES = OPEN_QUOTES + CLOSE_QUOTES
_DRAFT_SUFFIX = re.compile(
    r"^\(\s*(?:revised\s+|exposure\s+|consultation\s+|second\s+|2nd\s+)?draft"
    r"(?:\s+(?:for|of)\s+(?:public\s+)?(?:comments?|consultation|opinions?))?"
    r"(?:\s+amendment)?\s*\)$",
    re.I,
)
_ACRONYM_PAREN = re.compile(r"^\(\s*[“\"]?[A-Z][A-Z0-9&]{1,9}s?[”\"]?\s*\)$")
# What a consultation asks for before the title: "Seeks Public Opinions on the ...".
_CONSULTATION = re.compile(r"(?:Public\s+)?(?:Opinions|Comments|Views|Feedback)\s+on(?:\s+the)?\b",
                           re.I)
# A short name given to a title in brackets right after it.
_SHORT_NAME = re.compile(r"\s*\((?:the\s+)?[A-Z][^()]{1,60}\)")
# The state's name before a law's title ("PRC Cybersecurity Law", "People's Republic of China
# Personal Information Protection Law") is not part of the title.
_STATE_NAME = re.compile(r"(?:the\s+)?(?:PRC|People[’']s\s+Republic\s+of\s+China)\s+(?=\S)")
_STATE_SUFFIX = re.compile(r"\s+of\s+(?:the\s+)?(?:PRC|People[’']s\s+Republic\s+of\s+China)$")
_LAW_HEADS = frozenset(("law", "code"))
_CJK = re.compile(r"[\u3400-\u9fff]")
_DATE_LIKE = re.compile(r"\b\d{1,2}\s+[A-Z][a-z]+\b|\b[A-Z][a-z]+\s+\d{1,2}\b")
_FOOTNOTE = re.compile(r"(?<=[a-z])\d{1,2}$")
_COUNT_OF = re.compile(r"\d[\d,]*\s+\S+")
_PAREN_AFTER = re.compile(r"\s*(\([^()]{1,60}\))")
_QUOTED_INNER = re.compile(r"(?:the\s+)?[“\"‘]")


@dataclass(frozen=True)
class TitleMention:
    """A candidate instrument title with its span; `draft` when a draft marker followed it."""

    title: str
    start: int
    end: int
    draft: bool
    head: str


def find_titles(text: str, grammar: TitleGrammar) -> Iterator[TitleMention]:
    """Every title-shaped run in `text` that carries a head word or a standards prefix.

    Only the stretches `title_windows` gives are tokenised and scanned: the rest of a news
    paragraph cannot hold a title.
    """
    heads = list(grammar.heads_in(text))
    if not heads and not grammar.holds_prefix(text):
        return
    masked = mask_defined_terms(text)
    short_name_end = -1
    for lo, hi in title_windows(masked, grammar, heads if masked is text else None):
        tokens = [(m.group(), m.start(), m.end()) for m in TOKEN.finditer(masked, lo, hi)]
        i = 0
        while i < len(tokens):
            run = _run_at(tokens, i, masked)
            if run is None:
                i += 1
                continue
            for a, b in _split_at_and(tokens, i, run, grammar):
                if not grammar.carries_head([t[0].strip(_QUOTES).lower() for t in tokens[a:b]]):
                    continue
                mention = _accept(tokens, a, b, text, grammar)
                if mention is None or mention.start < short_name_end:
                    continue  # "(Shenzhen Data Regulation)": the short name of the title before
                yield mention
                short = _SHORT_NAME.match(text, mention.end)
                short_name_end = short.end() if short else -1
            i = run


def _split_at_and(tokens: list[tuple[str, int, int]], i: int, j: int,
                  grammar: TitleGrammar) -> list[tuple[int, int]]:
    """Split "the X Measures and the Y Rules" (or "“X Law” and “Y Law”") into two runs when
    both halves carry a head."""
    for k in range(i + 1, j - 1):
        if tokens[k][0] != "and":
            continue
        if tokens[k + 1][0][:1] in OPEN_QUOTES and tokens[k - 1][0][-1:] in CLOSE_QUOTES:
            left = {t[0].strip(OPEN_QUOTES + CLOSE_QUOTES).lower() for t in tokens[i:k]}
            right = {t[0].strip(OPEN_QUOTES + CLOSE_QUOTES).lower() for t in tokens[k + 1 : j]}
            if left & grammar.heads and right & grammar.heads:
                return [(i, k), *_split_at_and(tokens, k + 1, j, grammar)]
            continue
        if tokens[k + 1][0].lower() != "the":
            continue
        left = {t[0].lower() for t in tokens[i:k]}
        right = {t[0].lower() for t in tokens[k + 2 : j]}
        if left & grammar.heads and right & grammar.heads:
            return [(i, k), *_split_at_and(tokens, k + 2, j, grammar)]
    return [(i, j)]


def _run_at(tokens: list[tuple[str, int, int]], i: int, text: str) -> int | None:
    """End (exclusive) of the capitalised run starting at token i, or None.

    A run stops at a blank line, at a sentence end and at a lower-case word that titles do
    not use; a single line break (hard-wrapped text) does not end it.
    """
    word = tokens[i][0]
    if not is_cap(word) or word in DASHES or ends_sentence(word):
        return None
    j = i + 1
    last_cap = i + 1
    quoted = word[:1] in OPEN_QUOTES
    subtitle = 0  # words left of a standard's subtitle after a dash ("... – Security requirements")
    while j < len(tokens):
        w = tokens[j][0]
        gap = text[tokens[j - 1][2] : tokens[j][1]]
        if "\n" in gap and ("\n\n" in gap or not is_cap(w) and w.lower() not in CONNECTORS):
            break  # a blank line, or a new line that does not carry the title on
        bare = w.strip(OPEN_QUOTES + CLOSE_QUOTES).lower()
        if w in DASHES and j + 1 < len(tokens) and is_cap(tokens[j + 1][0]):
            subtitle = 12
        if subtitle and w == ":" and j + 1 < len(tokens) and is_cap(tokens[j + 1][0]):
            j += 1  # "Practice Guide—Personal Information Protection: Identification Guide"
            continue
        if subtitle and tokens[j - 1][0][-1:] in CLOSE_QUOTES:
            subtitle = 0  # a quoted title ends at its quote
        if subtitle and bare.isalpha() and bare not in NOT_IN_SUBTITLE and not is_cap(w):
            subtitle -= 1
            j += 1
            last_cap = j
            continue
        if is_cap(w):
            j += 1
            last_cap = j
            if ends_sentence(w) or (quoted and w[-1:] in CLOSE_QUOTES and w[-2:] != "’s"):
                break  # a sentence ends, or a quoted title closes
        elif bare in CONNECTORS or w in DASHES:
            j += 1
            if ends_sentence(w):
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
            if inside and all(is_cap(t[0]) for t in inside) and k + 1 < len(tokens) and (
                    is_cap(tokens[k + 1][0]) and tokens[k + 1][0] != "("):
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
    i = _after_headline_verb(tokens, i, j, grammar)
    i = _at_standards_prefix(tokens, i, j, grammar)
    while i < j and (tokens[i][0].lower() in _ARTICLES or tokens[i][0] in DASHES):
        i += 1
    draft = False
    if i < j and tokens[i][0].lower() == "draft":
        draft = True
        i += 1
    if i >= j:
        return None
    words = _words(tokens, i, j)
    lowered = [w.strip(OPEN_QUOTES + CLOSE_QUOTES).lower() for w in words]
    joined = " ".join(lowered)
    if grammar.stop_pattern is not None and grammar.stop_pattern.search(joined):
        return None
    head = None
    prefix = next((p for p in grammar.prefixes if joined.startswith(p)), None)
    if prefix is not None and any(w in DASHES or "-" in w for w in words[2:]):
        head = prefix
    for k, w in enumerate(lowered):
        if w not in grammar.heads or not is_cap(words[k]):
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
    end, draft = _suffix(text, end, draft, grammar)
    if text[end - 1 : end] == "." and tokens[j - 1][0] not in ABBREVIATIONS:
        end -= 1
    footnote = _FOOTNOTE.search(text[start:end][-4:])  # it ends the title if anywhere
    if footnote:  # "Protection1": a footnote marker glued to the last word
        end -= len(footnote.group(0))
    while text[start] in OPEN_QUOTES and _unbalanced_or_wrapping(text[start:end]):
        start += 1
    while end > start and text[end - 1] in CLOSE_QUOTES and _unbalanced_or_wrapping(
            text[start:end]):
        end -= 1
    state = _STATE_NAME.match(text, start, end)
    if state and head != prefix:
        start = state.end()
    tail = _STATE_SUFFIX.search(text, start, end)
    if tail and head in _LAW_HEADS:
        end = tail.start()  # "Consumer Rights Protection Law of the People's Republic of China"
    title = text[start:end]
    if _COUNT_OF.fullmatch(title):
        return None  # "26 Measures": a count of measures, not a title
    return TitleMention(" ".join(title.split()), start, end, draft, head)


def _after_headline_verb(tokens: list[tuple[str, int, int]], i: int, j: int,
                         grammar: TitleGrammar) -> int:
    """Where the title starts in a headline run ("CAC Issues Measures for ...", "SPC Publicly
    Solicits Opinions on the Guidance ..."): after the actor's verb and a consultation phrase."""
    from kg.ingest.prose import cues  # the reader's verbs, from the ontology

    reader = cues()
    for k in range(i + 1, j - 1):
        word = tokens[k][0]
        if not is_cap(word) or not reader.is_verb(word) or _has_head(tokens, i, k, grammar):
            continue
        n = k + 1
        asked = _CONSULTATION.match(" ".join(_words(tokens, n, min(j, n + 4))))
        if asked and word.lower().startswith(("seek", "solicit", "request", "invit", "consult")):
            n += len(asked.group().split())
        return n if _has_head(tokens, n, j, grammar) else i
    return i


def _at_standards_prefix(tokens: list[tuple[str, int, int]], i: int, j: int,
                         grammar: TitleGrammar) -> int:
    """"Mandatory National Standard on Data Security Technology – ...": the standard's title
    starts at its prefix."""
    lowered = [t[0].lower() for t in tokens[i:j]]
    for k in range(1, len(lowered)):
        if lowered[k - 1] in ("on", "for") and any(
                " ".join(lowered[k:]).startswith(p) for p in grammar.prefixes):
            return i + k
    return i


def _unbalanced_or_wrapping(title: str) -> bool:
    """True when quotes wrap the whole title or do not pair up."""
    opens = sum(title.count(q) for q in "“‘")
    closes = sum(title.count(q) for q in "”’") - title.count("’s")
    straight = title.count('"')
    if straight % 2 or opens != closes:
        return True
    inner = title[1:-1]
    return title[:1] in OPEN_QUOTES and title[-1:] in CLOSE_QUOTES and not any(
        q in inner for q in "“”\"")


def _substantial(tail: list[str]) -> bool:
    """A title's subject names something: two capitalised words, or one that is a real word."""
    content = [w.strip(OPEN_QUOTES + CLOSE_QUOTES + ".") for w in tail if is_cap(w)]
    if len(content) >= 2:
        return True
    return any(not w.isupper() and not w[:1].isdigit() and len(w) > 2 for w in content)


def _has_head(tokens: list[tuple[str, int, int]], i: int, k: int, grammar: TitleGrammar) -> bool:
    return any(t[0].strip(OPEN_QUOTES + CLOSE_QUOTES).lower() in grammar.heads
               for t in tokens[i:k])


def _inside_quotes(tokens: list[tuple[str, int, int]], i: int, k: int) -> bool:
    text = " ".join(t[0] for t in tokens[i : k + 1])
    return sum(text.count(q) for q in "“\"") % 2 == 1


def _suffix(text: str, end: int, draft: bool, grammar: TitleGrammar) -> tuple[int, bool]:
    """Extend over title parentheticals after `end`; cut draft markers; stop at dates, at the
    Chinese original and at a short name defined for the title ("(Shenzhen Data Regulation)")."""
    while True:
        m = _PAREN_AFTER.match(text, end)
        if not m:
            return end, draft
        paren = m.group(1)
        if _DRAFT_SUFFIX.match(paren):
            return end, True  # the marker is not part of the title
        inner = paren[1:-1].strip()
        if (_ACRONYM_PAREN.match(paren) and "+" not in inner) or _DATE_LIKE.search(inner):
            return end, draft
        if inner[:1] in OPEN_QUOTES or _QUOTED_INNER.match(inner):
            return end, draft
        if len(inner.split()) > 7 or _CJK.search(inner) or any(
                w.lower() in grammar.heads for w in inner.split()):
            return end, draft
        end = m.end()
