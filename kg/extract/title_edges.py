"""Where a title starts and ends inside a run of capitalised words.

A headline names its actor and act around the title ("CAC Issues Measures for ...", "MIIT
Publicly Solicits Opinions on the ...", "... Measures to Take Effect on ...", "... Plan Including
Regulations on ..."), and prose puts words before it that are not its own ("According to",
"Finalized", "Mandatory National Standard on"). These find the title's own words within the run;
the words come from the ontology's reader cues.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from kg.ingest.dates import find_dates, find_month
from kg.lexicon import folded
from kg.lexicon.title_grammar import CLOSE_QUOTES, CONNECTORS, DASHES, OPEN_QUOTES, TitleGrammar

from .title_windows import WindowTokens

if TYPE_CHECKING:
    from kg.ingest.developments import Cues

# What a consultation asks for before the title: "Seeks Public Opinions on the ...".
_CONSULTATION = re.compile(r"(?:Public\s+)?(?:Opinions|Comments|Views|Feedback)\s+on(?:\s+the)?\b",
                           re.I)


def split_at_verbs(tokens: WindowTokens, i: int, j: int,
                    grammar: TitleGrammar) -> list[tuple[int, int]]:
    """Cut a headline's run where, after a head word, it says what became of the title
    ("... Measures for Data Export to Come into Force on ...", "... Plan Including Regulations
    on ..."): the words before are one run, those after the cue another."""
    words, caps, low, bare = tokens.words, tokens.caps, tokens.low, tokens.bare
    first = next((k for k in range(i, j) if caps[k] and bare[k] in grammar.heads), None)
    if first is None:
        return [(i, j)]
    ends = _phrases("title-end")
    is_verb = _reader().is_verb
    for k in range(first + 1, j):
        if not caps[k]:
            continue
        hit = _longest_at(low, k, ends, 4)
        to = k > first + 1 and low[k - 1] == "to"
        if not hit and to:
            hit = max(0, _longest_at(low, k - 1, ends, 5) - 1)
        # "... Export Released": a verb after the title's words; "Ingredients of Formulated
        # Milk" is an adjective inside it (and "Several Issues" no verb)
        if (not hit and low[k].endswith("ed") and low[k - 1] not in CONNECTORS
                and is_verb(words[k])):
            hit = 1
        if hit:
            cut = k - 1 if to else k
            while cut > first + 1 and low[cut - 1] in _AUXILIARIES:
                cut -= 1  # "... Activities Are Finalised", "... Have Been Released"
            return [(i, cut), *split_at_verbs(tokens, k + hit, j, grammar)]
    return [(i, j)]


_AUXILIARIES = frozenset("is are was were be been being has have had".split())


def lead_words(low: list[str], i: int, j: int) -> int:
    """How many words at `i` are a `title-lead` cue ("According to", "Finalized"), when a
    title of two words or more follows them."""
    leads, firsts, most = _phrases("title-lead")
    if i >= len(low) or low[i] not in firsts:
        return 0
    for n in range(min(most, 4, len(low) - i), 0, -1):
        if j - i - n >= 2 and " ".join(low[i : i + n]) in leads:
            return n
    return 0


@lru_cache(maxsize=8)
def _phrases(notation: str) -> tuple[frozenset[str], frozenset[str], int]:
    """A notation's case-folded phrases as a set, their first words, and the most words one
    has: a phrase is then found at a word by a few set lookups, not a test of each phrase."""
    phrases = folded(notation)
    return (frozenset(phrases), frozenset(p.split()[0] for p in phrases if p.split()),
            max((len(p.split()) for p in phrases), default=0))


def _longest_at(low: list[str], k: int, phrases: tuple[frozenset[str], frozenset[str], int],
                limit: int) -> int:
    """How many words from `k` (at most `limit`) make the longest phrase, else 0. The words
    are whole tokens without spaces, so this is what testing the phrases longest first for
    equality with, or being followed by a space in, the joined words finds."""
    found, firsts, most = phrases
    if k >= len(low) or low[k] not in firsts:
        return 0
    for n in range(min(most, limit, len(low) - k), 0, -1):
        if " ".join(low[k : k + n]) in found:
            return n
    return 0


def after_headline_verb(tokens: WindowTokens, i: int, j: int, grammar: TitleGrammar) -> int:
    """Where the title starts in a headline run ("CAC Issues Measures for ...", "SPC Publicly
    Solicits Opinions on the Guidance ...", "China Rolls Out ... Standards"): after the actor's
    verb (of one word or more) and a consultation phrase."""
    words, caps, bare, heads = tokens.words, tokens.caps, tokens.bare, grammar.heads
    verbs = _reader().verbs
    for k in range(i + 1, j - 1):
        if bare[k - 1] in heads:
            break  # a head word before the verb: the title starts at `i`
        n = k + verbs.match_at(tokens.low, k) if caps[k] else k  # "Issues", "Rolls Out"
        if n == k:
            continue
        asked = _CONSULTATION.match(" ".join(words[n : min(j, n + 4)]))
        if asked and tokens.low[k].startswith(("seek", "solicit", "request", "invit", "consult")):
            n += len(asked.group().split())
        return i if heads.isdisjoint(bare[n:j]) else n
    return i


def _reader() -> Cues:
    """The reader's cues (its verbs, from the ontology), imported when first needed."""
    if not _READER:
        from kg.ingest.developments import cues

        _READER.append(cues())
    return _READER[0]


_READER: list[Cues] = []


def at_standards_prefix(tokens: WindowTokens, i: int, j: int, grammar: TitleGrammar) -> int:
    """"Mandatory National Standard on Data Security Technology – ...": the standard's title
    starts at its prefix."""
    low = tokens.low
    lead = low[i : j - 1]
    if "on" not in lead and "for" not in lead:
        return i
    opens = grammar.prefix_opens
    for k in range(i + 1, j):
        if low[k - 1] in ("on", "for") and (opens is None or low[k].startswith(opens)) and any(
                " ".join(low[k:j]).startswith(p) for p in grammar.prefixes):
            return k
    return i


# What opens a date after a title ("... Export on 1 May 2024", "... in May 2024").
_DATE_OPENERS = frozenset("on in from since before after until by".split())
# A year or a weekday alone after an opener ("... Initiative in 2020", "... on Monday").
_WHEN = re.compile(r"(?:19|20)\d{2}|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day")


def before_date(tokens: WindowTokens, i: int, j: int) -> int:
    """Where a run ends once a date it closes with is cut off: "the Measures for Data Export
    on 1 May 2024" names the Measures, then when. The opener is one of the run's last seven
    tokens but one."""
    low, matches, text = tokens.low, tokens.matches, tokens.text
    for k in range(j - 2, max(i, j - 8), -1):
        if low[k] not in _DATE_OPENERS:
            continue
        rest = text[matches[k + 1].start() : matches[j - 1].end()].rstrip(".,")
        day = next(find_dates(rest), None)
        if (day is not None and day.start == 0 and day.end >= len(rest)) or (
                find_month(rest) is not None and len(rest.split()) <= 3) or _WHEN.fullmatch(rest):
            return k
    return j


def before_event(tokens: WindowTokens, i: int, j: int, grammar: TitleGrammar) -> int:
    """Where a run ends before the event a title was issued at: "the Global AI Governance
    Initiative at the Belt and Road Forum" names the Initiative, then where."""
    if grammar.stop_pattern is None:
        return j
    for k in range(i + 1, j - 1):
        if tokens.low[k] in ("at", "during") and grammar.stop_pattern.search(
                " ".join(tokens.bare[k + 1 : j])):
            return k
    return j


def unbalanced_or_wrapping(title: str) -> bool:
    """True when quotes wrap the whole title or do not pair up."""
    opens = sum(title.count(q) for q in "“‘")
    closes = sum(title.count(q) for q in "”’") - title.count("’s")
    straight = title.count('"')
    if straight % 2 or opens != closes:
        return True
    inner = title[1:-1]
    return title[:1] in OPEN_QUOTES and title[-1:] in CLOSE_QUOTES and not any(
        q in inner for q in "“”\"")


_CODES = frozenset(("GB", "GB/T", "GB/Z"))  # a national standard's code, before its number


def at_standard_code(words: list[str], i: int) -> int:
    """How many words at words[i] are a standard's or a guide's code and number ("GB/T
    45574-2025", "TC260-PG-20222A"): 0 when none."""
    if words[i] in _CODES and words[i + 1 : i + 2] != [] and words[i + 1][:1].isdigit():
        return 2
    return 1 if _DOCUMENT_CODE.match(words[i]) and any(c.isdigit() for c in words[i]) else 0


# A committee's document number: letters, then two or more hyphenated parts ("TC260-PG-20222A").
_DOCUMENT_CODE = re.compile(r"^[A-Z]{2,}[A-Z0-9]*(?:-[A-Z0-9]+){2,}$")


def prefix_tail(tokens: WindowTokens, i: int, grammar: TitleGrammar) -> int:
    """How many words after token i finish a standards prefix written in sentence case
    ("Information security technology – ..."), when a dash follows it; else 0."""
    low = tokens.low
    if low[i] not in grammar.prefix_firsts:
        return 0
    for p in grammar.prefix_words:
        k = len(p)
        if tuple(low[i : i + k]) == p and i + k < len(low) and tokens.words[i + k] in DASHES:
            return k - 1
    return 0


def inner_paren(tokens: WindowTokens, j: int) -> int:
    """Index after "(Tianjin)" when a short capitalised parenthetical sits inside a title."""
    words, caps = tokens.words, tokens.caps
    n = len(words)
    for k in range(j + 1, min(j + 5, n)):
        if words[k] == ")":
            if k > j + 1 and all(caps[j + 1 : k]) and k + 1 < n and (
                    caps[k + 1] and words[k + 1] != "("):
                return k + 1
            return 0
    return 0
