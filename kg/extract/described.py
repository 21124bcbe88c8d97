"""Mentions whose words are not a body's plain name: descriptions of a body that was later
replaced ("the banking commission"), and acronyms that are only words of page furniture ("MOST
VIEWED")."""

from __future__ import annotations

import re

from kg.lexicon import Lexicon

from .pipeline import AUTHORITY, Ent

_WORDS = re.compile(r"[A-Za-z]+")
_SHOUTED_LINE = re.compile(r"^[^a-z\n]*[A-Z]{2}[^a-z\n]*\s[^a-z\n]*[A-Z][^a-z\n]*$", re.M)
# The kind of body a description says it is ("the banking commission").
_KIND_WORD = re.compile(r"\b(commission|administration|ministry|bureau|office|committee)\b",
                        re.I)
_NAMES: dict[int, tuple[Lexicon, dict[str, str]]] = {}


def successor(lexicon: Lexicon, iri: str, date: str | None, written: str) -> str:
    """The body a description of `iri` names at `date` (the latest, undated), following the
    succession only while each body is still of the kind the description says: "the banking
    commission" is the CBIRC after 2018 and, undated, too; never the administration that
    replaced it."""
    kind = _KIND_WORD.search(written)
    if kind is None:
        return lexicon.successor_at(iri, date)
    hit = _NAMES.get(id(lexicon))
    if hit is None or hit[0] is not lexicon:
        hit = _NAMES[id(lexicon)] = (lexicon, {k.iri: k.name.lower()
                                               for k in lexicon.authorities})
    names = hit[1]
    seen = {iri}
    while True:
        nxt = next((succ for when, succ in lexicon.succession.get(iri, ())
                    if date is None or when[: len(date)] <= date), None)
        if nxt is None or nxt in seen or kind.group(1).lower() not in names.get(nxt, ""):
            return iri
        seen.add(nxt)
        iri = nxt


def shouted(text: str, ents: list[Ent]) -> set[int]:
    """Acronyms inside a line written all in capitals ("MOST VIEWED", "TOP STORIES"): page
    furniture, where "MOST" is a word, not the Ministry of Science and Technology."""
    out: set[int] = set()
    # In ASCII text a line with capitals and no lower-case letter is one that `isupper`.
    if text.isascii() and not any(line.isupper() for line in text.split("\n")):
        return out
    if not _SHOUTED_LINE.search(text):
        return out
    for i, e in enumerate(ents):
        if e.label_ != AUTHORITY or not e.text.isupper() or " " in e.text:
            continue
        start = text.rfind("\n", 0, e.start_char) + 1
        end = text.find("\n", e.end_char)
        line = text[start:end if end >= 0 else len(text)].strip()
        if line.isupper() and len(_WORDS.findall(line)) > 1:
            out.add(i)
    return out
