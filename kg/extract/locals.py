"""Local authorities composed from a place and a body type, so none has to be listed.

"Cyberspace Administration of Kunming", "Yunnan Provincial CAC", "Harbin Municipal Public
Security Bureau", "Xi'an Branch of the People's Bank of China", "People's Court of Haidian
District", "public security authorities in Lanzhou, Gansu": each is a body type (or a national
authority that has local branches) next to a place, joined by the few ways English orders them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span

from .model import Mention
from .pipeline import AUTHORITY, BODY, PLACE

# Words that may stand between a place and a body: "Hainan Provincial CAC".
_PLACE_ADJ = re.compile(
    r"^(?:\s*(?:provincial|municipal|city|province|prefecture|prefectural|county|district"
    r"|autonomous region|special administrative region|government's|'s|’s)\b)*\s*$", re.I)
_SHARED_PLACE = re.compile(r"^\s*(?:,|,?\s*and|,?\s*as well as|,?\s*together with)\s+"
                           r"(?:the\s+)?(?:municipal\s+|provincial\s+)?$", re.I)
_OF = re.compile(r"^\s*(?:of|for)\s+(?:the\s+)?$", re.I)
_IN = re.compile(r"^\s*(?:in|of)\s+(?:the\s+)?$", re.I)
_BRANCH_OF = re.compile(r"^\s*(?:provincial\s+|municipal\s+|central\s+)?(?:sub-?)?branch\s+of\s+"
                        r"(?:the\s+)?$", re.I)
_BRANCH_AFTER = re.compile(r"^\s*(?:provincial\s+|municipal\s+)?(?:sub-?)?branch\b", re.I)
_PLACE_TAIL = re.compile(r"^\s*(?:province|city|municipality|prefecture|district|county"
                         r"|autonomous region)\b", re.I)


@dataclass(frozen=True)
class LocalRules:
    """Which body type a national authority's local branches take ("CAC" -> cyberspace admin)."""

    branch_type: dict[str, str]  # national authority IRI -> body-type IRI
    national_place: frozenset[str]  # place IRIs that mean the whole country ("China")


def compose_local(text: str, ents: list[Span],
                  rules: LocalRules) -> tuple[list[Mention], set[int]]:
    """Local-authority mentions, and the indices of `ents` they consumed (`text` = doc.text)."""
    out: list[Mention] = []
    used: set[int] = set()

    def between(a: Span, b: Span) -> str:
        return text[a.end_char : b.start_char]

    def body_type(span: Span) -> str | None:
        if span.label_ == BODY:
            return span.ent_id_
        if span.label_ == AUTHORITY:
            return rules.branch_type.get(span.ent_id_)
        return None

    def local_place(span: Span) -> bool:
        return span.label_ == PLACE and span.ent_id_ not in rules.national_place

    def emit(i: int, j: int, place: Span, body: str, end: int | None = None) -> None:
        start = ents[i].start_char
        stop = end if end is not None else ents[j].end_char
        out.append(Mention("local_authority", text[start:stop], start, stop,
                           place=place.ent_id_, body_type=body))
        used.update(range(i, j + 1))

    for i, ent in enumerate(ents):
        if i in used:
            continue
        # "the Wuxi Big Data Bureau and the Finance Bureau": the second body shares the place.
        if ent.label_ == BODY and out and _SHARED_PLACE.match(text[out[-1].end : ent.start_char]):
            prev = out[-1]
            out.append(Mention("local_authority", ent.text, ent.start_char, ent.end_char,
                               place=prev.place, body_type=ent.ent_id_))
            used.add(i)
            continue
        nxt = ents[i + 1] if i + 1 < len(ents) else None
        nxt2 = ents[i + 2] if i + 2 < len(ents) else None
        # PLACE [Provincial|Municipal] BODY  /  PLACE Branch of the PBOC
        if local_place(ent) and nxt is not None:
            gap = between(ent, nxt)
            bt = body_type(nxt)
            if bt and _PLACE_ADJ.match(gap):
                tail = _BRANCH_AFTER.match(text[nxt.end_char :])
                emit(i, i + 1, ent, bt, nxt.end_char + (tail.end() if tail else 0))
                continue
            if nxt.label_ == AUTHORITY and _BRANCH_OF.match(gap):
                bt = rules.branch_type.get(nxt.ent_id_)
                if bt:
                    emit(i, i + 1, ent, bt)
                    continue
        bt = body_type(ent)
        if bt and nxt is not None and local_place(nxt):
            gap = between(ent, nxt)
            # BODY of PLACE [Province]  /  BODY in PLACE[, PROVINCE]
            if _OF.match(gap) or (ent.label_ == BODY and _IN.match(gap)):
                end = nxt.end_char
                tail = _PLACE_TAIL.match(text[end:])
                if tail:
                    end += tail.end()
                emit(i, i + 1, nxt, bt, end)
                if nxt2 is not None and local_place(nxt2) and between(nxt, nxt2).strip() == ",":
                    used.add(i + 2)
                continue
        # AUTHORITY PLACE Branch: "People's Bank of China Changsha Branch"
        if ent.label_ == AUTHORITY and nxt is not None and local_place(nxt):
            bt = rules.branch_type.get(ent.ent_id_)
            tail = _BRANCH_AFTER.match(text[nxt.end_char :])
            if bt and tail and not between(ent, nxt).strip():
                emit(i, i + 1, nxt, bt, nxt.end_char + tail.end())
                continue
    return out, used
