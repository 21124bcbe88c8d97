"""Penalty clauses into cases: one case per party, however often the item names it.

Clauses naming the same party become one case; a back reference ("the company", "it") joins the
case before it, or names the party the text introduced ("A company failed to ... The police
warned it") or the names it listed ("A, B and C ... a review of these apps"); a second exact,
different fine on the same party ("Later, the company was fined 20,000 yuan again") or a second
named actor is a case of its own; batches of apps named in one sentence ("notified 6 apps ...
and took down 2 apps") are one notice.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.lexicon import Lexicon

from .actors import same_body
from .events import Event
from .fines import RANK
from .model import Amount, Mention
from .parties import (
    Party,
    counted_before,
    has_legal_form,
    introductions,
    resolve_anaphor,
    same_party,
)

_PRONOUN = re.compile(r"it|they|he|she|him|them", re.I)


@dataclass
class Clause:
    """One penalty clause about one party."""

    party: Party
    event: Event
    span: tuple[int, int]
    authority: Mention | None = None
    explicit: bool = False
    fine: Amount | None = None
    fine_kind: str = ""
    aggregate: bool = False
    headline: bool = False
    hint: str | None = None


@dataclass
class Case:
    cands: list[Clause] = field(default_factory=list)
    personal: Amount | None = None

    @property
    def fine(self) -> tuple[Amount | None, str]:
        best = max(self.cands, key=lambda c: (RANK[c.fine_kind], c.fine is not None))
        return best.fine, best.fine_kind

    @property
    def hint(self) -> str | None:
        return next((c.hint for c in self.cands if c.hint), None)

    @property
    def name(self) -> Clause:
        """The clause that names the party best: a company name, else the body's first name,
        else the headline's, else a description ("the company") before a pronoun."""
        named = [c for c in self.cands if c.party.kind != "anaphor"]
        suffix = [c for c in named if has_legal_form(c.party.name)]
        body = [c for c in named if not c.headline]
        described = [c for c in self.cands if c.party.kind == "anaphor"
                     and not _PRONOUN.fullmatch(c.party.name)]
        return (suffix or body or named or described or self.cands)[0]


def group(cands: list[Clause], lexicon: Lexicon) -> list[Case]:
    """Clauses about one party become one case; a back reference joins the case before it, or
    names the party the text introduced ("A company failed to ... The police warned it")."""
    places = _places(lexicon)
    cases: list[Case] = []
    for c in cands:
        if c.party.kind == "personal":
            target = _last(cases, c)
            if target is not None and c.fine is not None and target.personal is None:
                target.personal = c.fine
                c.fine.personal = True
            continue
        if c.party.kind == "anaphor":
            target = _last(cases, c)
            if target is None:
                if not c.aggregate:
                    cases.append(Case([c]))  # the story may name it
                continue
            if (plural_reference(c.party) and target.cands[0].party.kind != "batch"
                    and len(cases) > 1):
                continue  # "these institutions": a total over several cases
            if _distinct(target, c):
                c.party = Party(target.name.party.name, "entity", None, target.name.party.aliases)
                cases.append(Case([c]))
            else:
                target.cands.append(c)
            continue
        same = [k for k in cases if any(same_party(x.party, c.party, places) for x in k.cands)]
        if same and not _distinct(same[-1], c):
            same[-1].cands.append(c)
        elif not c.aggregate:
            cases.append(Case([c]))
    return _sum_batches(cases)


def introduced(cands: list[Clause], text: str, taken: list[tuple[int, int]] = ()) -> None:
    """A back reference before any named party in the body names the party the text
    introduced ("A company failed to retain logs. The police warned it"), or the names it
    listed ("App A, App B and App C resumed ... a review of these apps");
    `taken` are the spans of bodies and titles, which no list of parties holds."""
    for c in cands:
        if c.party.kind in ("entity", "batch") and not c.headline:
            return
        if c.party.kind == "anaphor":
            named = resolve_anaphor(c.party, introductions(text, c.event.start))
            if named is None and (plural_reference(c.party) or (c.party.count or 0) > 1):
                named = _listed(text, c.event.start, c.party.count, taken)
            if named is None and plural_reference(c.party) and not c.aggregate:
                named = counted_before(text, c.event.start)
            if named is not None:
                c.party = named


# "“App A”, “App B” and “App C”": two or more names, quoted or capitalised.
_NAME = r"[“\"]?[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,3}[”\"]?"
_LIST = re.compile(rf"{_NAME}(?:\s*,\s*{_NAME})*\s*,?\s+and\s+{_NAME}")


def _listed(text: str, end: int, count: int | None,
            taken: list[tuple[int, int]]) -> Party | None:
    """The last list of names before `end` that names no body or title, as one party."""
    found = None
    for m in _LIST.finditer(text, 0, end):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            found = m
    if found is None:
        return None
    names = [n.strip(" “”\"") for n in re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", found.group(0))]
    if count is not None and count != len(names):
        return None
    return Party(", ".join(names[:-1]) + " and " + names[-1], "entity")


def _last(cases: list[Case], c: Clause) -> Case | None:
    before = [k for k in cases if k.cands[0].event.start <= c.event.start]
    return before[-1] if before else (cases[-1] if cases else None)


def plural_reference(p: Party) -> bool:
    """"these companies", "they": a back reference to more than one party."""
    return bool(re.match(r"(?:they|them|these|those|the two|the three|both)\b|the \w+ (?:"
                         r"institutions|companies|banks|entities|enterprises|parties)$",
                         p.name, re.I)) and p.count is None


def _distinct(case: Case, c: Clause) -> bool:
    """Two penalties on one party: both fines stated exactly and different, or two actors."""
    fine, kind = case.fine
    if (fine is not None and c.fine is not None and kind in ("exact", "total")
            and c.fine_kind in ("exact", "total") and fine.value != c.fine.value):
        return True
    ours = [k.authority for k in case.cands if k.explicit and k.authority is not None]
    return bool(ours and c.explicit and c.authority is not None
                and not any(same_body(a, c.authority) for a in ours))


def _sum_batches(cases: list[Case]) -> list[Case]:
    """"notified 6 apps ... and took down 2 apps": one notice about 8 apps."""
    out: list[Case] = []
    for case in cases:
        c = case.cands[0]
        prev = out[-1].cands[0] if out else None
        if (prev is not None and c.party.kind == prev.party.kind == "batch"
                and prev.event.sentence == c.event.sentence and c.party.count and prev.party.count
                and prev.authority is c.authority and prev.party.count != c.party.count):
            total = prev.party.count + c.party.count
            noun = re.sub(r"^\S+\s+", "", prev.party.name)
            whole = Party(f"{total} {noun}", "batch", total, prev.party.aliases)
            out[-1].cands.extend(case.cands)
            for k in out[-1].cands:
                k.party = whole
            continue
        out.append(case)
    return out


_PLACES: dict[int, tuple[Lexicon, frozenset[str]]] = {}


def _places(lexicon: Lexicon) -> frozenset[str]:
    """Place names, lower-cased: a place is no key to a party's name ("Beijing ...")."""
    hit = _PLACES.get(id(lexicon))
    if hit is None or hit[0] is not lexicon:
        hit = _PLACES[id(lexicon)] = (lexicon, frozenset(
            n.lower() for p in lexicon.places for n in (p.name, *p.aliases)))
    return hit[1]
