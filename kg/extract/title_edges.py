"""Where a title starts and ends inside a run of capitalised words.

A headline names its actor and act around the title ("CAC Issues Measures for ...", "MIIT
Publicly Solicits Opinions on the ...", "... Measures to Take Effect on ...", "... Plan Including
Regulations on ..."), and prose puts words before it that are not its own ("According to",
"Finalized", "Mandatory National Standard on"). These find the title's own words within the run;
the words come from the ontology's reader cues.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kg.lexicon import folded
from kg.lexicon.title_grammar import TitleGrammar

from .title_windows import WindowTokens

if TYPE_CHECKING:
    from kg.ingest.prose import Cues

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
    ends = folded("title-end")
    is_verb = _reader().is_verb
    for k in range(first + 1, j):
        if not caps[k]:
            continue
        phrase = " ".join(low[k : k + 4])
        hit = next((len(e.split()) for e in ends if phrase == e or phrase.startswith(e + " ")),
                   0)
        to = k > first + 1 and low[k - 1] == "to"
        if not hit and to:
            after = " ".join(low[k - 1 : k + 4])
            hit = next((len(e.split()) - 1 for e in ends if after.startswith(e + " ")
                        or after == e), 0)
        if not hit and low[k].endswith("ed") and is_verb(words[k]):  # not "Several Issues"
            hit = 1
        if hit:
            cut = k - 1 if to else k
            return [(i, cut), *split_at_verbs(tokens, k + hit, j, grammar)]
    return [(i, j)]


def lead_words(low: list[str], i: int, j: int) -> int:
    """How many words at `i` are a `title-lead` cue ("According to", "Finalized"), when a
    title of two words or more follows them."""
    phrase = " ".join(low[i : i + 4])
    for lead in folded("title-lead"):
        n = len(lead.split())
        if (phrase == lead or phrase.startswith(lead + " ")) and j - i - n >= 2:
            return n
    return 0


def after_headline_verb(tokens: WindowTokens, i: int, j: int, grammar: TitleGrammar) -> int:
    """Where the title starts in a headline run ("CAC Issues Measures for ...", "SPC Publicly
    Solicits Opinions on the Guidance ..."): after the actor's verb and a consultation phrase."""
    words, caps, bare, heads = tokens.words, tokens.caps, tokens.bare, grammar.heads
    is_verb = _reader().is_verb
    for k in range(i + 1, j - 1):
        if not caps[k] or not is_verb(words[k]) or not heads.isdisjoint(bare[i:k]):
            continue
        n = k + 1
        asked = _CONSULTATION.match(" ".join(words[n : min(j, n + 4)]))
        if asked and tokens.low[k].startswith(("seek", "solicit", "request", "invit", "consult")):
            n += len(asked.group().split())
        return i if heads.isdisjoint(bare[n:j]) else n
    return i


def _reader() -> Cues:
    """The reader's cues (its verbs, from the ontology), imported when first needed."""
    if not _READER:
        from kg.ingest.prose import cues

        _READER.append(cues())
    return _READER[0]


_READER: list[Cues] = []


def at_standards_prefix(tokens: WindowTokens, i: int, j: int, grammar: TitleGrammar) -> int:
    """"Mandatory National Standard on Data Security Technology – ...": the standard's title
    starts at its prefix."""
    low = tokens.low
    opens = grammar.prefix_opens
    for k in range(i + 1, j):
        if low[k - 1] in ("on", "for") and (opens is None or low[k].startswith(opens)) and any(
                " ".join(low[k:j]).startswith(p) for p in grammar.prefixes):
            return k
    return i
