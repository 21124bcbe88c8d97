"""Where a development starts in running text: the clauses of a paragraph, and the test of
whether a clause opens a new development.

A development starts where a clause names an actor and a verb that reports an act ("the CAC
issued", "Bank of China was fined", "Separately, on July 4, CAC ordered"), or where a
paragraph opens with a full date. The verbs, lead-ins and back-references are
`kg:ReaderCueScheme` cues in `ontology/kg.ttl`; nothing here names an authority or a publisher.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kg.lexicon.cues import cue_phrases, cue_words, spelled, written_regex

from .dates import find_dates

_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|;\s+(?=\S)|\s*\n\s*(?=\S)")
WORD = re.compile(r"[\w’'&-]+")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&-]+$")
# A label before a colon that opens a digest bullet ("Data Flow: The CAC ...").
LABEL = re.compile(r"^[A-Z][\w’'&,/ -]{0,60}?:\s+(?=\S)")
# A date or time phrase that may open a sentence before its actor ("On 7 July 2022, ").
_TIME_LEAD = re.compile(
    r"^(?:on|in|from|since|by|as of|at|during|last|early|earlier|later|in early|in late|in mid)"
    r"\b[^,;.]{0,40}(?:,\s*(?:19|20)\d\d)?,\s+", re.I)
_MAX_SUBJECT_WORDS = 30
# Grammar words, not knowledge: an auxiliary right before the cue makes it no report of an act,
# and one early in the subject shows the clause has a verb before the cue.
_NON_FINITE = frozenset(("to", "be", "being", "will", "would", "should", "may", "might", "could",
                         "can", "must", "shall", "not", "as", "the", "a", "an", "its", "their",
                         "his", "her", "these", "those", "such", "of", "and"))
_ADVERBS = frozenset(("also", "further", "then", "now", "soon", "still", "not", "first", "jointly"))
_AUXILIARY = frozenset(("is", "are", "was", "were", "has", "have", "had", "will", "would", "can",
                        "could", "should", "may", "might", "must", "do", "does", "did"))
_APPOSITIVE = re.compile(r"^[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)*,\s+(?:the|a|an)\s")
_PREPOSITIONS = frozenset(("to", "of", "with", "by", "in", "on"))
_UP_TO_COMMA = re.compile(r"[^,;]{1,120},\s+")
_PASSIVE = frozenset(("was", "were", "been", "be", "is", "are", "being", "got"))
# A subject that introduces parties not named before: "a"/"an", or a count ("18 apps", "Two
# defendants", "the eight suspects").
_NEW_PARTY = re.compile(
    r"^(?:an?|(?:the\s+)?(?:\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve"
    r"|(?:thir|four|fif|six|seven|eigh|nine)teen|(?:twen|thir|for|fif|six|seven|eigh|nine)ty"
    r"|dozens|hundreds))\s", re.I)
# A time lead-in that names a date, a month or a year, not just "at the meeting".
_DATED = re.compile(r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b"
                    r"|\b(?:last|this|earlier|previous)\s+(?:week|month|year)\b"
                    r"|\bsame\s+(?:day|date)\b", re.I)
# An actor's name starts within the first words of the subject ("the Ministry of ...").
_NAME_WITHIN = 6


@dataclass(frozen=True)
class PhraseSet:
    """Phrases looked up by their first word: one dict probe per word of a clause, where one
    regex of every phrase took a tenth of a millisecond per clause."""

    by_first: dict[str, tuple[tuple[str, ...], ...]]

    @classmethod
    def of(cls, phrases: list[str]) -> PhraseSet:
        grouped: dict[str, list[tuple[str, ...]]] = {}
        for phrase in phrases:
            first, *rest = phrase.casefold().split()
            grouped.setdefault(first, []).append(tuple(rest))
        return cls({k: tuple(sorted(v, key=len, reverse=True)) for k, v in grouped.items()})

    def match_at(self, words: list[str], k: int) -> int:
        """How many words of a phrase start at words[k] (lower-cased words); 0 for none."""
        for rest in self.by_first.get(words[k], ()):
            if tuple(words[k + 1 : k + 1 + len(rest)]) == rest:
                return len(rest) + 1
        return 0

    def find(self, words: list[str], start: int = 0, stop: int | None = None
             ) -> tuple[int, int] | None:
        """(index, length) of the first phrase in words[start:stop]."""
        for k in range(start, len(words) if stop is None else min(stop, len(words))):
            n = self.match_at(words, k)
            if n:
                return k, n
        return None


@dataclass(frozen=True)
class Cues:
    """The reader's cue words, compiled once."""

    verbs: PhraseSet
    actor_nouns: PhraseSet
    lead_in: re.Pattern[str]
    continuation: frozenset[str]
    continuation_phrases: tuple[str, ...]
    # "The CAC said on Thursday it had fined ...": the actor is named before the reporting verb.
    reporting: frozenset[str]
    legal_form: re.Pattern[str]
    # A word (or a single capital, an initial) whose full stop, at the end of the text, ends
    # no sentence.
    abbreviation: re.Pattern[str]
    new_case: tuple[str, ...] = ()  # "In another case, ...": one more case of a story
    passive_verbs: PhraseSet = PhraseSet({})  # "18 apps were found ...": only in the passive

    def is_verb(self, word: str) -> bool:
        """A one-word cue verb ("Issues" in a headline)."""
        return () in self.verbs.by_first.get(word.casefold(), ())


@lru_cache(maxsize=1)
def cues() -> Cues:
    """The reader's cue words, compiled."""
    found = cue_phrases()
    cont = found.get("continuation", [])
    return Cues(
        verbs=PhraseSet.of(found.get("development-verb", [])),
        actor_nouns=PhraseSet.of(found.get("actor-noun", [])),
        lead_in=re.compile(rf"^{cue_words('lead-in')}[,:]?\s*", re.I),
        continuation=frozenset(c for c in cont if " " not in c),
        continuation_phrases=tuple(c for c in cont if " " in c),
        reporting=frozenset(found.get("reporting-verb", ())),
        legal_form=written_regex("legal-form"),
        abbreviation=re.compile(r"(?:\b(?:" + "|".join(map(re.escape, spelled("abbreviation")))
                                + r")|\b[A-Z])\.$"),
        new_case=tuple(found.get("new-case", ())),
        passive_verbs=PhraseSet.of(found.get("passive-development-verb", [])),
    )


def clauses(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence and semicolon-clause spans of `text[start:end]`, abbreviations kept whole."""
    end = len(text) if end is None else end
    abbreviation = cues().abbreviation
    out: list[tuple[int, int]] = []
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        stop = m.start() + 1 if text[m.start()] in ".!?;" else m.start()
        if text[m.start()] == "." and abbreviation.search(text[max(pos, m.start() - 8) : stop]):
            continue
        out.append((pos, stop))
        pos = m.end()
    if pos < end and text[pos:end].strip():
        out.append((pos, end))
    return out


def starts_development(clause: str, first_of_block: bool = False) -> bool:
    """Does this clause open a new development: an actor, then a verb that reports an act?"""
    c = cues()
    rest = clause.strip().lstrip("•·▪◦‣*+-– ").strip()
    label = LABEL.match(rest)
    if label and first_of_block:
        rest = rest[label.end():]
    if first_of_block and rest.casefold().startswith(c.new_case):
        return True  # a paragraph that tells one more case of the story
    dated = yeared = False
    for _ in range(4):  # "Separately, on July 4, CAC ordered ..."
        m = c.lead_in.match(rest)
        timed = None if m else _TIME_LEAD.match(rest)
        if not (m or timed):
            break
        lead = m or timed
        assert lead is not None
        dated = dated or bool(_DATED.search(lead.group()))
        # a full date, its year given ("On 9 February 2020, ", "On March 1, 2020, ")
        yeared = yeared or any(d.year is not None for d in find_dates(lead.group()))
        rest = rest[lead.end():]
        if m and m.group().split()[-1].casefold() in _PREPOSITIONS:
            source = _UP_TO_COMMA.match(rest)  # "According to the decision letter, ..."
            rest = rest[source.end():] if source else rest
    spans = [(m.group(), m.end()) for m in WORD.finditer(rest, 0, min(len(rest), 400))]
    if not spans:
        return False
    words = [w for w, _ in spans]
    lowered = [w.casefold() for w in words]
    if refers_back(rest, dated):
        return False
    if yeared and first_of_block:
        return True  # a paragraph that opens with a full date reports a new event
    verb = c.verbs.find(lowered, 0, _MAX_SUBJECT_WORDS + 1)
    found = c.passive_verbs.find(lowered, 2, 6)
    if found and lowered[found[0] - 1] in _PASSIVE and _NEW_PARTY.match(rest) and (
            verb is None or found[0] < verb[0]):
        return True  # "Eighteen apps were found collecting ...": parties not named before
    if verb is None or verb[0] == 0:
        return False
    k, n = verb
    subject, lowered = words[:k], lowered[:k]
    if lowered[-1] in _NON_FINITE or (len(lowered) > 2 and lowered[-2] in _NON_FINITE
                                      and lowered[-1] in _ADVERBS):
        return False  # "to be notified", "will (also) issue", "the fines": not a report of an act
    if n == 1 and k + n == len(words) and not rest[spans[k + n - 1][1]:].strip(" .\"”’)") and (
            lowered[-1] not in _PASSIVE):
        return False  # "... Monthly Update - June 2024 Issue": a noun, not a verb
    if any(w in _AUXILIARY for w in lowered[:-3]):
        return False  # the subject has a verb of its own: the cue belongs to a later clause
    if dated:
        return True  # a new date opens a new event, whoever is named ("In August, the company ...")
    reporting = next((i for i, w in enumerate(lowered) if w in c.reporting), len(lowered))
    if _APPOSITIVE.match(rest):
        return True  # "Shenzhen, the leading ... centre, enacted ..."
    if lowered[-1] in _PASSIVE and (_NEW_PARTY.match(rest) and len(lowered) <= 10
                                    or c.legal_form.search(rest, 0, spans[k - 1][1])):
        return True  # "A hotel in Ningbo was fined", "18 apps were removed", "X Co., Ltd. was"
    return _names_an_actor(subject[:reporting]) or c.actor_nouns.find(
        lowered[:reporting], 0, _NAME_WITHIN) is not None


def refers_back(clause: str, dated: bool = False) -> bool:
    """Does the clause open by referring back to the development before it ("It also ...",
    "These measures ...", "The regulator ordered ...")? A date before a description ("In
    August, the company was fined ...") still opens a new event."""
    c = cues()
    low = clause.casefold()
    first = WORD.search(low[:80])
    return first is not None and first.group() in c.continuation or any(
        low.startswith(p) for p in c.continuation_phrases if not (dated and p.startswith("the ")))


def acts_on_earlier_parties(clause: str) -> bool:
    """Does the clause's verb act on parties told of before ("MIIT warned the companies ...",
    "the court convicted them")? Then it goes on with a story already begun."""
    c = cues()
    lowered = [w.casefold() for w in WORD.findall(clause[:400])]
    verb = c.verbs.find(lowered, 0, _MAX_SUBJECT_WORDS + 1)
    if verb is None:
        return False
    after = " ".join(lowered[sum(verb) : sum(verb) + 3])
    return after.split()[:1] in (["them"], ["it"]) or any(
        after.startswith(p) for p in c.continuation_phrases if p.startswith("the "))


def _names_an_actor(words: list[str]) -> bool:
    """A proper name or acronym early in the subject: "the CAC", "Bank of China", "Weibo".

    A capital on the first word alone is a sentence's, not a name's ("Failure to ...
    required"), unless the subject is that one name ("Weibo was ordered ...")."""
    if not words:
        return False
    first, early = words[0], words[1:_NAME_WITHIN]
    if _ACRONYM.match(first) or any(w[:1].isupper() for w in early):
        return True
    return first[:1].isupper() and first.casefold() not in ("the", "a", "an") and len(words) <= 2
