"""The word classes of the title finder, read from the ontology.

`TitleGrammar` holds what the ontology says of titles (head words, standards prefixes,
non-instrument words) with the patterns compiled from it; the constants below are the token
classes a title is written in. `kg.extract.title_windows` and `kg.extract.titles` read text
with them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cached_property, lru_cache

from .cues import spelled

# Small words a title runs on through ("Measures on the ... of ...").
CONNECTORS = frozenset(
    "of on for the and in to a an at by with from concerning regarding involving between about out "
    "under into within against its their or x as via through & upon over".split()
)
# Small words a Title Cased title keeps in lower case ("Measures on the Protection of ...").
SMALL_WORDS = frozenset("of on for the and in to a an by with".split())


def content_words(text: str) -> list[str]:
    """A title's or headline's words, lower-cased, without the small words between them: what
    two wordings of one title, or a headline and its lede, share."""
    return [w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in SMALL_WORDS]
# Words that end a standard's lower-case subtitle: the sentence goes on after them.
NOT_IN_SUBTITLE = frozenset("which that who whose was were is are will has have had and but "
                            "issued released published comment comments consultation".split())
# Characters that end a token; brackets and these punctuation marks are tokens of their own.
SEPARATORS = r"\s()\[\]{},;:!?–—"
TOKEN = re.compile(rf"[^{SEPARATORS}]+|[()\[\]{{}},;:!?–—]")
DASHES = frozenset({"-", "–", "—", "--"})
OPEN_QUOTES = "“\"‘'«"
CLOSE_QUOTES = "”\"’'»"
_WORD = re.compile(r"\w")


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
    def prefix_opens(self) -> tuple[str, ...] | None:
        """The words a phrase must open with to start with a standards prefix: a phrase of
        whole words (no spaces in one) starts with a prefix only if its first word starts with
        the prefix's first word. None when a prefix is empty or opens with a space, for which
        that does not hold."""
        if not all(p[:1].strip() for p in self.prefixes):
            return None
        return self.prefix_firsts

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

    def heads_in(self, text: str, pos: int = 0,
                 endpos: int | None = None) -> Iterator[re.Match[str]]:
        """Every capitalised head word standing as a word of its own (in text[pos:endpos])."""
        if self.head_word is None:
            return
        end = len(text) if endpos is None else endpos
        while (m := self.head_word.search(text, pos, end)) is not None:
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


@lru_cache(maxsize=1)
def abbreviations() -> frozenset[str]:
    """Words whose full stop ends no sentence ("No.", "Co."), from the abbreviation cue."""
    return frozenset(a + "." for a in spelled("abbreviation"))


@lru_cache(maxsize=1)
def legal_forms() -> frozenset[str]:
    """A company's legal forms, with and without their stop ("Ltd", "Ltd."), from the cue."""
    bare = {f.rstrip(".") for f in spelled("legal-form")}
    return frozenset(bare | {f + "." for f in bare})


def is_cap(word: str) -> bool:
    """A capitalised word or a number, opening quotes aside: what a title's words are."""
    core = word.lstrip(OPEN_QUOTES)
    return bool(core) and (core[0].isupper() or core[0].isdigit())


def ends_sentence(word: str) -> bool:
    """A word with a full stop that ends a sentence: not an abbreviation, not an initial."""
    return word.endswith(".") and word not in abbreviations() and not (
        len(word) == 2 and "A" <= word[0] <= "Z")
