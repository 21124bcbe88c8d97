"""Which title-shaped runs stand as instruments of their own: not an echo of a fuller title
in the same item, not the name of a body, not a short name defined for another title."""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from functools import lru_cache

from rapidfuzz import fuzz, process

from kg.lexicon.title_grammar import TitleGrammar, content_words
from kg.vocab.labels import label_key

from .model import InstrumentMention, ItemExtraction, Mention
from .title_windows import DEFINED_CLOSE, DEFINED_OPEN

title_key = lru_cache(maxsize=8192)(label_key)
# Grammar words: a title's head word opens its subject with a preposition ("Measures for");
# "from" before a body's name gives a document's sender.
_SUBJECT_AFTER_HEAD = re.compile(r"\s+(?:for|on|of|regarding|concerning|governing)\s", re.I)
# A title that is one noun compound, with no subject opened by a preposition.
_WORD = r"(?!(?:for|on|of|in|regarding|concerning|governing|and)\b)\S+"
_COMPOUND = re.compile(rf"{_WORD}(?:\s{_WORD})*\s?")  # one way to match: no backtracking
_FROM_BODY = re.compile(r"\bfrom\s+(?:the\s+)?$", re.I)
# The name itself: no brackets or double quotes inside it.
_DEFINED = re.compile(DEFINED_OPEN + r"([^()“”\"]{2,80}?)" + DEFINED_CLOSE, re.I)


def rule_of_body(text: str, start: int, body: int, grammar: TitleGrammar) -> bool:
    """A title (from `start`) that ends in a body's name (from `body`) is a rule of that body
    when a head word before the name opens its subject ("Measures for ... of the People's Bank
    of China"); a head word inside a department's name ("Policy and Regulation Department of
    ...") does not, and "Notice ... from the ... Bureau" only says who sent a notice."""
    if _FROM_BODY.search(text, start, body):
        return False
    return any(_SUBJECT_AFTER_HEAD.match(text, m.end())
               for m in grammar.heads_in(text, start, body))


def drop_echoes(found: list[InstrumentMention]) -> list[InstrumentMention]:
    """Drop short back-references ("the Overall Plan") to a fuller title in the same item:
    a title that a longer one starts with, or (not a known instrument, over 12 characters)
    that a longer one holds nearly word for word."""
    if len(found) < 2:
        return found
    norms = [title_key(f.title) for f in found]
    ordered = sorted(set(norms))  # a longer title starting with `short` sorts right after it
    longest_first = sorted(norms, key=len, reverse=True)
    minus_lengths = [-len(n) for n in longest_first]  # ascending, for bisect
    keep: list[InstrumentMention] = []
    for f, short in zip(found, norms, strict=True):
        i = bisect.bisect_right(ordered, short)
        echo = i < len(ordered) and ordered[i].startswith(short)
        if not echo and f.mention.ref is None and len(short) > 12:
            longer = longest_first[:bisect.bisect_left(minus_lengths, -len(short))]
            echo = bool(longer) and (process.extractOne(
                short, longer, scorer=fuzz.partial_ratio, score_cutoff=92) is not None or any(
                _shortened(short, n) for n in longer))
        if not echo:
            keep.append(f)
    return keep


def drop_headline_paraphrases(found: list[InstrumentMention], text: str, head: int
                              ) -> list[InstrumentMention]:
    """Drop a headline's own wording of a title the body gives in full ("Trial Measures on
    Data Security in the Energy Sector" over "the Measures on ... (Trial)"): a title only the
    headline line has, not a known one, sharing two words or more with one the body names."""
    words = [content_words(f.title) for f in found]
    body = [w for f, w in zip(found, words, strict=True)
            if f.mention.start > head and f.mention.ref is None]
    if not body or text[:head].rstrip()[-1:] in (".", "!", "?"):
        return found  # a sentence that opens a story is no headline
    return [f for f, w in zip(found, words, strict=True)
            if f.mention.start > head or f.mention.ref is not None
            or w in body  # the same words in the same order: the same title
            or not any(len(set(w).intersection(b)) >= 2 for b in body)]



def _shortened(short: str, full: str) -> bool:
    """"Incident Reporting Measures" in a headline over "National Cybersecurity Incident
    Reporting Management Measures": the same head word, and every word of the short title
    in the full one, in order."""
    words, rest = short.split(), iter(full.split())
    return (len(words) >= 3 and words[-1] == full.rsplit(" ", 1)[-1]
            and _COMPOUND.fullmatch(short) is not None and all(w in rest for w in words))


def defined_terms(text: str) -> list[str]:
    """The short names `text` defines in brackets."""
    return [m.group(1) for m in _DEFINED.finditer(text)] if "(" in text else []


def drop_short_names(exts: list[ItemExtraction]) -> None:
    """A short name defined in one item ("(the “Audit Measures”)") and used in a later one is
    the instrument the first item named, not a title of its own."""
    defined: set[str] = set()
    for ext in exts:
        if defined and ext.instruments:
            ext.instruments = [f for f in ext.instruments
                               if f.mention.ref or title_key(f.title) not in defined]
        if "(" in ext.text:
            defined.update(map(title_key, defined_terms(ext.text)))


def occurrences_of(text: str, term: str) -> Iterator[int]:
    """Where `term` stands in `text`, as written."""
    at = text.find(term)
    while at >= 0:
        yield at
        at = text.find(term, at + 1)


# A national standard's number: "GB/T 42574-2023", "GB 35114-2017", "GB/Z 41871-2022".
_STANDARD_NUMBER = re.compile(r"\bGB(?:/[TZ])?\s?\d{4,5}(?:\.\d{1,2})?-(?:19|20)\d{2}\b")


def standard_numbers(text: str, found: list[InstrumentMention]) -> list[InstrumentMention]:
    """Standards a text names by their number alone ("the SAC implemented GB/T 42574-2023"):
    each is an instrument, the titled one of the item when a title opens with that number."""
    if "GB" not in text:
        return []
    out = []
    for m in _STANDARD_NUMBER.finditer(text):
        if any(f.mention.start <= m.start() and m.end() <= f.mention.end
               or 0 <= f.mention.start - m.end() <= 2 for f in found):
            continue  # inside a title, or the number a title follows ("GB 46864-2025 Data ...")
        number = m.group()
        title = next((f.title for f in found if f.title.startswith(number)), number)
        out.append(InstrumentMention(Mention("instrument", number, m.start(), m.end()), title,
                                     head="standard"))
    return out
