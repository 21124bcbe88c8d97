"""Which laws an item cites: not every law it names.

A law is cited when the item relies on it ("breaching China's consumer protection law" cites
one, even in lower case). A law named only to be set aside ("on the basis of the Data Security
Law rather than the Public Security Administration Punishments Law"), named as a kind of law
("China enacted a cybersecurity law") or reported as a draft (the draft is the development, an
instrument, not a law in force) is named but not cited. The contrast phrases are the ontology's
"contrast" reader cues.
"""

from __future__ import annotations

import re

from kg.lexicon import cue_regex

from .model import InstrumentMention

# What may stand between a contrast phrase and the law it sets aside: an article, a few
# lower-case words ("the common"), an opening quote.
_LEAD = re.compile(r"^[\s“\"‘']*(?:(?:the|a|an|its|their)\s+)?(?:[a-z][\w-]*\s+){0,3}[“\"‘']?$")
# A list going on after a law set aside: '..." and "', ', the '.
_NEXT = re.compile(r"[\s”\"’']*(?:,|,?\s*(?:and|or|nor))\s+(?:the\s+)?[“\"‘']?$")
# "the draft (version of the amended) Anti-Money Laundering Law", "the draft PRC ... Law".
_DRAFT_BEFORE = re.compile(
    r"\b(?:draft|drafts|draft\s+version\s+of|draft\s+amendments?\s+to)"
    r"(?:\s+(?:the|amended|revised|new))*\s*[“\"‘']?"
    r"(?:(?:the\s+)?(?:People['’]s\s+Republic\s+of\s+China|PRC|China['’]s)\s+)?$", re.I)
_DRAFT_AFTER = re.compile(r"^[”\"’']?\s*\(\s*(?:revised\s+)?draft|^[”\"’']?\s*drafts?\b", re.I)
_KIND_OF = re.compile(r"\b(?:a|an|any|new|such)\s+$", re.I)


def set_aside(text: str, instruments: list[InstrumentMention]) -> set[int]:
    """Indices of `instruments` (in text order) named only to be set aside."""
    contrast = cue_regex("contrast")
    if contrast is None or not instruments or contrast.search(text) is None:
        return set()
    out: set[int] = set()
    prev_end = -1
    for k, inst in enumerate(instruments):
        start = inst.mention.start
        if k - 1 in out and prev_end < start and _NEXT.match(text, prev_end, start):
            out.add(k)  # '... rather than "A" and "B"'
        else:
            cues = list(contrast.finditer(text, max(0, start - 80), start))
            if cues and _LEAD.match(text[cues[-1].end():start]):
                out.add(k)
        prev_end = inst.mention.end
    return out


def drafted(text: str, inst: InstrumentMention) -> bool:
    """Whether the mention is of a draft of the law ("the draft version of the amended ...")."""
    m = inst.mention
    if "raft" not in text:  # "draft", "Draft": nothing else to read
        return False
    return bool(re.search(r"\bdraft\b", m.text, re.I)
                or _DRAFT_BEFORE.search(text, max(0, m.start - 60), m.start)
                or _DRAFT_AFTER.match(text[m.end:m.end + 20]))


def kind_of(text: str, inst: InstrumentMention) -> bool:
    """Whether the mention names a kind of law, not one ("enacted a cybersecurity law")."""
    m = inst.mention
    return m.text == m.text.lower() and bool(_KIND_OF.search(text, max(0, m.start - 20), m.start))
