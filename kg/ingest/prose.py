"""Developments in running prose: news articles, blog posts, digest bullets and paragraphs.

Text without numbered or marked-up headings still reports developments one after another. A
development starts where a clause names an actor and a verb that reports an act ("the CAC
issued", "Bank of China was fined", "Separately, on July 4, CAC ordered"); the sentences after
it that refer back ("These measures ...", "The company ...") continue it. The verbs, lead-ins
and back-references are `kg:ReaderCueScheme` cues in `ontology/kg.ttl`; nothing here names an
authority or a publisher.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .layout import _BULLET, Block, RawItem

_ONTOLOGY = Path(os.environ.get("KG_ONTOLOGY_DIR", Path(__file__).resolve().parents[2]
                                / "ontology"))
_CUE_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX kg: <https://w3id.org/cnkg/ontology#>
SELECT ?notation ?cue WHERE {
  ?c skos:inScheme kg:ReaderCueScheme ; skos:notation ?notation ; kg:cue ?cue }
"""
# Abbreviations whose full stop ends no sentence.
_ABBREV = re.compile(r"(?:\b(?:Co|Ltd|Inc|Corp|No|Nos|Art|Arts|approx|e\.g|i\.e|vs|etc|Mr|Ms|Mrs|Dr"
                     r"|St|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|U\.S|U\.K)"
                     r"|\b[A-Z])\.$")
_SENTENCE_END = re.compile(r"[.!?][\"”’')\]]*\s+(?=[\"“‘(\[]?[A-Z0-9])|;\s+(?=\S)|\s*\n\s*(?=\S)")
_WORD = re.compile(r"[\w’'&-]+")
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&-]+$")
# A label before a colon that opens a digest bullet ("Data Flow: The CAC ...").
_LABEL = re.compile(r"^[A-Z][\w’'&,/ -]{0,60}?:\s+(?=\S)")
# A date or time phrase that may open a sentence before its actor ("On 7 July 2022, ").
_TIME_LEAD = re.compile(
    r"^(?:on|in|from|since|by|as of|at|during|last|early|earlier|later|in early|in late|in mid)"
    r"\b[^,;.]{0,40},\s+", re.I)
_MAX_SUBJECT_WORDS = 30
# Grammar words, not knowledge: an auxiliary right before the cue makes it no report of an act,
# and one early in the subject shows the clause has a verb before the cue.
_NON_FINITE = frozenset(("to", "be", "being", "will", "would", "should", "may", "might", "could",
                         "can", "must", "shall", "not"))
_FINITE = frozenset(("is", "are", "was", "were", "has", "have", "had", "will", "would", "can",
                     "could", "should", "may", "might", "must", "do", "does", "did", "said", "says",
                     "stated", "states", "noted", "added", "told", "showed", "shows"))


@dataclass(frozen=True)
class Cues:
    """The reader's cue words, compiled once."""

    verb: re.Pattern[str]
    lead_in: re.Pattern[str]
    continuation: frozenset[str]
    continuation_phrases: tuple[str, ...]


@lru_cache(maxsize=1)
def cues() -> Cues:
    """Cue words from `ontology/kg.ttl` (a 4 ms parse, done once per process)."""
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(path=str(_ONTOLOGY / "kg.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    found: dict[str, list[str]] = {}
    for row in store.query(_CUE_QUERY):
        found.setdefault(row["notation"].value, []).append(row["cue"].value.casefold())

    def alternation(words: list[str]) -> str:
        return "|".join(re.escape(w).replace(r"\ ", r"\s+")
                        for w in sorted(words, key=len, reverse=True))

    verbs = found.get("development-verb", [])
    leads = found.get("lead-in", [])
    cont = found.get("continuation", [])
    return Cues(
        verb=re.compile(rf"\b(?:{alternation(verbs)})\b", re.I),
        lead_in=re.compile(rf"^(?:{alternation(leads)})\b[,:]?\s*", re.I),
        continuation=frozenset(c for c in cont if " " not in c),
        continuation_phrases=tuple(c for c in cont if " " in c),
    )


def clauses(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence and semicolon-clause spans of `text[start:end]`, abbreviations kept whole."""
    end = len(text) if end is None else end
    out: list[tuple[int, int]] = []
    pos = start
    for m in _SENTENCE_END.finditer(text, start, end):
        stop = m.start() + 1 if text[m.start()] in ".!?;" else m.start()
        if text[m.start()] == "." and _ABBREV.search(text[max(pos, m.start() - 8) : stop]):
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
    label = _LABEL.match(rest)
    if label and first_of_block:
        rest = rest[label.end():]
    for _ in range(4):  # "Separately, on July 4, CAC ordered ..."
        m = c.lead_in.match(rest) or _TIME_LEAD.match(rest)
        if not m:
            break
        rest = rest[m.end():]
    words = _WORD.findall(rest[:400])
    if not words:
        return False
    first = words[0].casefold()
    if first in c.continuation or any(rest.casefold().startswith(p)
                                      for p in c.continuation_phrases):
        return False
    verb = c.verb.search(rest, 0, min(len(rest), 600))
    if verb is None:
        return False
    subject_words = _WORD.findall(rest[: verb.start()])
    if not subject_words or len(subject_words) > _MAX_SUBJECT_WORDS:
        return False
    lowered = [w.casefold() for w in subject_words]
    if lowered[-1] in _NON_FINITE:
        return False  # "to be notified", "will issue": not a report of an act
    if any(w in _FINITE for w in lowered[:-3]):
        return False  # the subject has a verb of its own: the cue belongs to a later clause
    return _names_an_actor(subject_words)


def _names_an_actor(words: list[str]) -> bool:
    """A proper name or acronym in the subject: "the CAC", "Bank of China", "Zhihu"."""
    first = words[0]
    if first.casefold() not in ("the", "a", "an") and first[:1].isupper():
        return True
    return any(w[:1].isupper() or _ACRONYM.match(w) for w in words[1:])


def is_intro(text: str) -> bool:
    """A paragraph that introduces a list ("... in key areas such as:") reports nothing itself."""
    return text.rstrip().endswith(":")


_TERMINAL = re.compile(r"[.!?:;,]$")


def _is_title(block: Block, heading_starts: frozenset[int]) -> bool:
    """A short line without closing punctuation: a headline over the paragraph after it."""
    clean = _BULLET.sub("", block.clean)
    words = _WORD.findall(clean)
    if block.start in heading_starts and len(words) <= 30:
        return True
    return 3 <= len(words) <= 25 and not _TERMINAL.search(clean) and clean[:1].isupper()


def _is_noise(block: Block) -> bool:
    """Captions, labels and page furniture too short to report anything."""
    return len(_WORD.findall(block.clean)) < 4


def prose_items(text: str, candidates: list[tuple[Block, str]],
                heading_starts: frozenset[int] = frozenset()) -> list[RawItem]:
    """Items of text that has no headed items: one per development, as the module says."""
    units: list[_Unit] = []
    current: _Unit | None = None
    absorb_next = False
    for n, (block, section) in enumerate(candidates):
        nxt = candidates[n + 1][0] if n + 1 < len(candidates) else None
        if (nxt is not None and _is_title(block, heading_starts) and not _is_noise(nxt)
                and not _BULLET.match(nxt.text)):
            first = clauses(nxt.text)
            if first and starts_development(nxt.text[first[0][0]:first[0][1]], True):
                current = _Unit(block, block.end, block.end, section)
                units.append(current)
                absorb_next = True
                continue
        if _is_noise(block) or (is_intro(block.clean) and not absorb_next):
            continue
        bullet = bool(_BULLET.match(block.text))
        for i, (s, e) in enumerate(clauses(text, block.start, block.end)):
            clause = text[s:e]
            if i == 0 and absorb_next:
                new = False
            elif i == 0 and bullet:
                new = bool(_LABEL.match(clause.lstrip("•·▪◦‣*+-– "))) or starts_development(
                    clause, True)
            else:
                new = starts_development(clause, i == 0)
            if new or (current is None and i == 0 and bullet):
                current = _Unit(None, s, e, section)
                units.append(current)
            elif current is not None:
                current.end = e
        absorb_next = False
    return [unit.raw_item(text) for unit in units]


@dataclass
class _Unit:
    title: Block | None
    start: int
    end: int
    section: str

    def raw_item(self, text: str) -> RawItem:
        if self.title is not None:
            body = [] if self.end <= self.start else [_block(text, self.start, self.end)]
            return RawItem(None, self.title, body, self.section)
        first = clauses(text, self.start, self.end)[0]
        head = _block(text, first[0], first[1])
        rest = text.find(text[first[1]:self.end].strip(), first[1]) if first[1] < self.end else -1
        body = ([_block(text, rest, self.end)] if rest >= 0 and text[first[1]:self.end].strip()
                else [])
        return RawItem(None, head, body, self.section)


def _block(text: str, start: int, end: int) -> Block:
    return Block(start, end, text[start:end], 0)
