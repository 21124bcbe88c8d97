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
from typing import NamedTuple

from kg.lexicon.title_grammar import (
    CLOSE_QUOTES,
    CONNECTORS,
    DASHES,
    NOT_IN_SUBTITLE,
    OPEN_QUOTES,
    TitleGrammar,
    abbreviations,
    ends_sentence,
    legal_forms,
)

from .title_edges import (
    after_headline_verb,
    at_standard_code,
    at_standards_prefix,
    before_date,
    before_event,
    inner_paren,
    lead_words,
    prefix_tail,
    split_at_verbs,
    unbalanced_or_wrapping,
)
from .title_windows import WindowTokens, mask_defined_terms, title_windows

# Words after a head word that introduce the subject of a title.
_TAIL_OPENERS = frozenset("of on for concerning regarding to in about governing".split())
_ARTICLES = frozenset({"the", "a", "an", "this", "that", "these", "its", "their", "our"})
_DRAFT_SUFFIX = re.compile(
    r"^\(\s*(?:revised\s+|exposure\s+|consultation\s+|second\s+|2nd\s+)?draft"
    r"(?:\s+(?:for|of)\s+(?:public\s+)?(?:comments?|consultation|opinions?))?"
    r"(?:\s+amendment)?\s*\)$",
    re.I,
)
# Which version of a law is meant: "(2013 Revision)", "(2018 Amendment)", and for a law a bare
# year, "Criminal Law (1997)". It names the same instrument, so it is not part of the title.
_VERSION = re.compile(r"^\(\s*(?:19|20)\d\d\s+(?:revision|amendment|revised|amended)\s*\)$", re.I)
_LAW_VERSION = re.compile(r"^\(\s*(?:19|20)\d\d\s*\)$")
# A title cut short by a teaser ("Administrative Measures for Personal...more").
_TRUNCATED = ("...", "…")
_CUT_AFTER = re.compile(r"\s+[a-z]+(?:\.\.\.|…)")  # "Provisions on the Protection of...more"
_ACRONYM_PAREN = re.compile(r"^\(\s*[“\"]?[A-Z][A-Z0-9&]{1,9}s?[”\"]?\s*\)$")
# A short name given to a title in brackets right after it.
_SHORT_NAME = re.compile(r"\s*\((?:the\s+)?[A-Z][^()]{1,60}\)")
# The state's name before a law's title ("PRC Cybersecurity Law", "People's Republic of China
# Personal Information Protection Law") is not part of the title.
_STATE_NAME = re.compile(r"(?:the\s+)?(?:PRC|People[’']s\s+Republic\s+of\s+China)\s+(?=\S)")
_STATE_SUFFIX = re.compile(r"\s+of\s+(?:the\s+)?(?:PRC|People[’']s\s+Republic\s+of\s+China)$")
_LAW_HEADS = frozenset(("law", "code"))
_YEAR = re.compile(r"(?:19|20)\d\d")
_COLON = re.compile(r"\s*:\s*")
_CJK = re.compile(r"[\u3400-\u9fff]")
_DATE_LIKE = re.compile(r"\b\d{1,2}\s+[A-Z][a-z]+\b|\b[A-Z][a-z]+\s+\d{1,2}\b")
_FOOTNOTE = re.compile(r"(?<=[a-z])\d{1,2}$")
_COUNT_OF = re.compile(r"\d[\d,]*\s+\S+")
# A part of a newsletter, not a title: "PART I – REGULATIONS", "Section 2: Measures".
_PART_OF = re.compile(r"(?:part|section|chapter)\s+(?:[ivxlc]+|\d+)\b", re.I)
_DEFINES = re.compile(r"(?:hereinafter|hereafter|referred\s+to\s+as)\b", re.I)
_PAREN_AFTER = re.compile(r"\s*(\([^()]{1,60}\))")
_QUOTED_INNER = re.compile(r"(?:the\s+)?[“\"‘]")


class TitleMention(NamedTuple):
    """A candidate instrument title with its span; `draft` when a draft marker followed it."""

    title: str
    start: int
    end: int
    draft: bool
    head: str


def find_titles(text: str, grammar: TitleGrammar) -> Iterator[TitleMention]:
    """Every title-shaped run in `text` that carries a head word or a standards prefix; a
    standards series and the subtitle after its colon ("Cybersecurity Standards Practice
    Guide: Personal Information ... Requirements") are one title, as with a dash.

    Only the stretches `title_windows` gives are tokenised and scanned: the rest of a news
    paragraph cannot hold a title.
    """
    before: TitleMention | None = None
    for mention in _runs(text, grammar):
        if before is not None and before.title.lower() in grammar.prefixes and (
                _COLON.fullmatch(text, before.end, mention.start)):
            mention = TitleMention(text[before.start:mention.end], before.start, mention.end,
                                   mention.draft, mention.head)
        elif before is not None:
            yield before
        before = mention
    if before is not None:
        yield before


def _runs(text: str, grammar: TitleGrammar) -> Iterator[TitleMention]:
    heads = list(grammar.heads_in(text))
    if not heads and not grammar.holds_prefix(text):
        return
    masked = mask_defined_terms(text)
    short_name_end = -1
    for lo, hi in title_windows(masked, grammar, heads if masked is text else None):
        tokens = WindowTokens(masked, lo, hi)
        caps = tokens.caps
        i = 0
        while i < len(caps):
            code = at_standard_code(tokens.words, i)
            if code:
                i += code  # "GB/T 45574-2025 Data security technology – ...": the title follows
                continue
            run = _run_at(tokens, i, grammar) if caps[i] else None
            if run is None:
                i += 1
                continue
            for a, b in (part for lo, hi in split_at_verbs(tokens, i, run, grammar)
                         for part in _split_at_and(tokens, lo, hi, grammar)):
                if not grammar.carries_head(tokens.bare[a:b]):
                    continue
                mention = _accept(tokens, a, b, text, grammar)
                if mention is None or mention.start < short_name_end:
                    continue  # "(Shenzhen Data Regulation)": the short name of the title before
                yield mention
                short = _SHORT_NAME.match(text, mention.end)
                short_name_end = short.end() if short else -1
            i = run


def _split_at_and(tokens: WindowTokens, i: int, j: int,
                  grammar: TitleGrammar) -> list[tuple[int, int]]:
    """Split "the X Measures and the Y Rules" (or "“X Law” and “Y Law”") into two runs when
    both halves carry a head."""
    words, low, bare, heads = tokens.words, tokens.low, tokens.bare, grammar.heads
    if "and" not in words[i + 1 : j - 1]:
        return [(i, j)]
    for k in range(i + 1, j - 1):
        if words[k] != "and":
            continue
        if words[k + 1][:1] in OPEN_QUOTES and words[k - 1][-1:] in CLOSE_QUOTES:
            if not heads.isdisjoint(bare[i:k]) and not heads.isdisjoint(bare[k + 1 : j]):
                return [(i, k), *_split_at_and(tokens, k + 1, j, grammar)]
            continue
        # "the X Law and the Y Measures"; "Amendment IX to the X Law and to the Y Measures"
        to = low[k + 1] in _TAIL_OPENERS and k + 2 < j and low[k + 2] == "the"
        rest = k + 2 if low[k + 1] == "the" else k + 3 if to else 0
        if rest and not heads.isdisjoint(bare[i:k]) and not heads.isdisjoint(bare[rest:j]):
            return [(i, k), *_split_at_and(tokens, rest, j, grammar)]
    return [(i, j)]


def _run_at(tokens: WindowTokens, i: int, grammar: TitleGrammar) -> int | None:
    """End (exclusive) of the capitalised run starting at token i (a capitalised one), or None.

    A run stops at a blank line, at a sentence end and at a lower-case word that titles do
    not use; a single line break (hard-wrapped text) does not end it. A dash opens a subtitle
    only after words that can head a title ("Practice Guide — ..."), not after a dateline
    ("Beijing, Oct 1 - Premier ...").
    """
    words, caps, bare = tokens.words, tokens.caps, tokens.bare
    word = words[i]
    if word in DASHES or ends_sentence(word):
        return None
    n = len(words)
    j = last_cap = i + 1 + prefix_tail(tokens, i, grammar)  # "Data security technology"
    quoted = word[:1] in OPEN_QUOTES
    subtitle = 0  # words left of a standard's subtitle after a dash ("... – Security requirements")
    titled = False  # the subtitle is in title case
    while j < n:
        w = words[j]
        if tokens.newline:
            gap = tokens.text[tokens.matches[j - 1].end() : tokens.matches[j].start()]
            if "\n" in gap and ("\n\n" in gap or not caps[j] and tokens.low[j] not in CONNECTORS):
                break  # a blank line, or a new line that does not carry the title on
        if w in DASHES and j + 1 < n and caps[j + 1] and grammar.carries_head(bare[i:j]):
            # Lower-case words carry on a subtitle in sentence case ("– Technical requirements
            # for ..."), not one in title case ("- Implementation Guidelines for X for guiding").
            subtitle, titled = 12, j + 2 < n and caps[j + 2]
        if subtitle:
            if w == ":" and j + 1 < n and caps[j + 1]:
                j += 1  # "Practice Guide—Personal Information Protection: Identification Guide"
                continue
            if words[j - 1][-1:] in CLOSE_QUOTES:
                subtitle = 0  # a quoted title ends at its quote
            elif (b := bare[j].rstrip(".")).isalpha() and b not in NOT_IN_SUBTITLE and (
                    not caps[j] and not titled):
                subtitle -= 1
                j += 1
                last_cap = j
                if b != bare[j - 1]:
                    break  # "... sanitization of electronic products."
                continue
        if caps[j]:
            j += 1
            last_cap = j
            if (w[-1:] == "." and ends_sentence(w)) or (
                    quoted and w[-1:] in CLOSE_QUOTES and w[-2:] != "’s"):
                break  # a sentence ends, or a quoted title closes
        elif bare[j] in CONNECTORS or w in DASHES:
            j += 1
            if w[-1:] == "." and ends_sentence(w):
                break
        elif w == "(" and (after := inner_paren(tokens, j)):
            j = after
        elif w == "," and j + 1 < n and words[j + 1] in legal_forms():
            j += 2
            last_cap = j
        else:
            break
    return last_cap


def _accept(tokens: WindowTokens, i: int, j: int, text: str,
            grammar: TitleGrammar) -> TitleMention | None:
    words, caps, low, bare, heads = (tokens.words, tokens.caps, tokens.low, tokens.bare,
                                     grammar.heads)
    # Cut the run at a possessive ("the Ministry of Finance’s Interim Provisions"): the title
    # starts after it.
    if any(map(" ".join(words[i : j - 1]).__contains__, ("’s", "'s"))):
        for k in range(j - 2, i - 1, -1):
            if (words[k].endswith(("’s", "'s")) and not _inside_quotes(words, i, k)
                    and heads.isdisjoint(bare[i:k])):
                i = k + 1
                break
    # Lead-in words before an article ("Based on the", "Article 9 of the") are not the title.
    for k in range(i + 1, j):
        if low[k] in _ARTICLES:
            if heads.isdisjoint(bare[i:k]):
                i = k
            break
    i = after_headline_verb(tokens, i, j, grammar)
    i = at_standards_prefix(tokens, i, j, grammar)
    j = before_event(tokens, i, before_date(tokens, i, j), grammar)
    while i < j and (low[i] in _ARTICLES or words[i] in DASHES):
        i += 1
    draft = False
    if i < j and low[i] == "draft":
        draft = True
        i += 1
    i += lead_words(low, i, j)
    if i >= j:
        return None
    lowered = bare[i:j]
    joined = " ".join(lowered)
    if grammar.stop_pattern is not None and grammar.stop_pattern.search(joined):
        return None
    head = None
    opens = grammar.prefix_opens
    prefix = None if opens is not None and not lowered[0].startswith(opens) else next(
        (p for p in grammar.prefixes if joined.startswith(p)), None)
    if prefix is not None and any(w in DASHES or "-" in w for w in words[i + 2 : j]):
        head = prefix
    last = len(lowered) - 1
    for k, w in enumerate(lowered):
        if w not in heads or not caps[i + k]:
            continue
        if k == last or (lowered[k + 1] in _TAIL_OPENERS
                         and _substantial(tokens, i + k + 2, j)):
            head = w
            break
    if head is None:
        return None
    if j - i < 2 and head != prefix:
        return None
    if head in _LAW_HEADS and _YEAR.fullmatch(words[i]) and j - i > 2:
        i += 1  # "the 2017 Cybersecurity Law": a year is no part of a law's title
    start, end = tokens.matches[i].start(), tokens.matches[j - 1].end()
    if any(cut in text[start:end + 3] for cut in _TRUNCATED) or _CUT_AFTER.match(text, end):
        return None  # the rest of the title is not in the text
    end, draft = _suffix(text, end, draft, grammar, head in _LAW_HEADS)
    if text[end - 1 : end] == "." and words[j - 1] not in abbreviations():
        end -= 1
    footnote = _FOOTNOTE.search(text[start:end][-4:])  # it ends the title if anywhere
    if footnote:  # "Protection1": a footnote marker glued to the last word
        end -= len(footnote.group(0))
    while text[start] in OPEN_QUOTES and unbalanced_or_wrapping(text[start:end]):
        start += 1
    while end > start and text[end - 1] in CLOSE_QUOTES and unbalanced_or_wrapping(
            text[start:end]):
        end -= 1
    state = _STATE_NAME.match(text, start, end)
    if state and head != prefix:
        start = state.end()
    tail = _STATE_SUFFIX.search(text, start, end)
    if tail and head in _LAW_HEADS:
        end = tail.start()  # "Consumer Rights Protection Law of the People's Republic of China"
    title = text[start:end]
    if _COUNT_OF.fullmatch(title) or _PART_OF.match(title):
        return None  # "26 Measures": a count of measures, not a title
    return TitleMention(" ".join(title.split()), start, end, draft, head)


def _substantial(tokens: WindowTokens, i: int, j: int) -> bool:
    """A title's subject (tokens i to j) names something: two capitalised words, or one that
    is a real word."""
    content = [w.strip(OPEN_QUOTES + CLOSE_QUOTES + ".")
               for w, cap in zip(tokens.words[i:j], tokens.caps[i:j], strict=True) if cap]
    if len(content) >= 2:
        return True
    return any(not w.isupper() and not w[:1].isdigit() and len(w) > 2 for w in content)


def _inside_quotes(words: list[str], i: int, k: int) -> bool:
    text = " ".join(words[i : k + 1])
    return sum(text.count(q) for q in "“\"") % 2 == 1


def _suffix(text: str, end: int, draft: bool, grammar: TitleGrammar,
            law: bool = False) -> tuple[int, bool]:
    """Extend over title parentheticals after `end`; cut draft markers; stop at dates, at the
    Chinese original, at a law's version and at a short name defined for the title
    ("(Shenzhen Data Regulation)")."""
    while True:
        m = _PAREN_AFTER.match(text, end)
        if not m:
            return end, draft
        paren = m.group(1)
        if _DRAFT_SUFFIX.match(paren):
            return end, True  # the marker is not part of the title
        if _VERSION.match(paren) or (law and _LAW_VERSION.match(paren)):
            return end, draft
        inner = paren[1:-1].strip()
        if (_ACRONYM_PAREN.match(paren) and "+" not in inner) or _DATE_LIKE.search(inner):
            return end, draft
        if inner[:1] in OPEN_QUOTES or _QUOTED_INNER.match(inner) or _DEFINES.match(inner):
            return end, draft  # "(hereinafter the “Measures”)" names the title, is not of it
        if len(inner.split()) > 7 or _CJK.search(inner) or any(
                w.lower() in grammar.heads for w in inner.split()):
            return end, draft
        end = m.end()
