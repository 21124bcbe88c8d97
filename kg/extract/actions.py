"""The actions a case's text reports, by the ontology's cue phrases.

A threat ("otherwise the apps will be removed"), a denial ("no fines were imposed"), words inside
instrument titles and news reporting ("state media reported") are not actions taken.
"""

from __future__ import annotations

import re

from kg.lexicon import Lexicon

from .model import ItemExtraction
from .scan import finditer_words

_NEGATED = re.compile(r"\botherwise\b[^.]*|\bno\s+(?:\w+\s+){0,2}?(?:fines?|penalt\w*|warnings?)"
                      r"\b[^.;]*", re.I)
# "Chinese media reported", "reported that ...": news reporting, not a public notice of violators
# (which reports a number or a list: "reported 84 Apps", "reported a list of Apps").
_NEWS_REPORT = re.compile(r"reported\b(?!\s+(?:[\w-]+\s+){0,2}?(?:\d|a list|the list|typical"
                          r"|cases|apps?\b))", re.I)
_REPORTED = re.compile(r"\b(?:it is|it was|as)\s+$", re.I)


_TABLES: dict[int, tuple[dict, list[tuple[str, tuple[str, ...], re.Pattern[str]]]]] = {}


def _table(cues: dict[str, tuple[str, ...]]) -> list[tuple[str, tuple[str, ...], re.Pattern[str]]]:
    """Each action with its cue phrases case-folded and as one pattern, made once per lexicon."""
    hit = _TABLES.get(id(cues))
    if hit is None or hit[0] is not cues:
        table = []
        for action, phrases in cues.items():
            alts = "|".join(re.escape(c) for c in sorted(phrases, key=len, reverse=True))
            table.append((action, tuple(c.casefold() for c in phrases),
                          re.compile(rf"\b(?:{alts})", re.I)))
        hit = _TABLES[id(cues)] = (cues, table)
    return hit[1]


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with each span's characters replaced by spaces."""
    out: list[str] = []
    pos = 0
    for s, e in sorted(spans):
        if e <= pos:
            continue
        s = max(s, pos)
        out += (text[pos:s], " " * (e - s))
        pos = e
    out.append(text[pos:])
    return "".join(out)


def find_actions(text: str, ext: ItemExtraction, lexicon: Lexicon,
                 regions: list[tuple[int, int]]) -> list[str]:
    """The actions whose cue phrases the case's text (`regions` of the item) uses, in order of
    first use."""
    masked = text
    if "otherwise" in text or "no " in text:
        masked = _NEGATED.sub(lambda m: " " * len(m.group(0)), text)
    if ext.instruments:
        masked = _blank(masked, [(i.mention.start, i.mention.end) for i in ext.instruments])
    found: list[tuple[int, str]] = []
    folded = masked.casefold()
    for action, cues, pattern in _table(lexicon.action_cues):
        # A substring test first: most items use no cue of most actions.
        if not any(map(folded.__contains__, cues)):
            continue
        for s, e in regions:
            # Tried only where a cue starts (every match starts with one), on ASCII text.
            m = next((m for m in finditer_words(pattern, masked, cues, s, e)
                      if not _REPORTED.search(masked, max(0, m.start() - 8), m.start())
                      and not _NEWS_REPORT.match(masked, m.start())), None)
            if m is not None:
                found.append((m.start(), action))
                break
    actions = [a for _, a in sorted(found)]
    if "criminal_sentence" in actions and "fine" in actions:
        actions.remove("fine")  # a court's fine is part of the sentence
    return actions
