"""One news report told over several paragraphs: its cases, joined up across the paragraphs.

The reader cuts running prose into one item per development, so a report of one penalty often
spans items: the regulator is named in the first paragraph ("The regulator on Monday announced
fines on three banks ..."), each bank's fine in its own paragraph, and a later paragraph refers
back ("The company was also fined last year"). Within such a story a case whose paragraph
names no body takes the body named nearest before it (else the first one after it), a back
reference joins the case it refers to, the same party penalised once is one case, a count of
people that the story goes on to name one by one ("sentenced four people") is not a case of its
own, nor is a round count in the lead ("more than 100 apps") of a batch a later paragraph
states exactly, nor are apps named after a batch taken down in the same way. Numbered
newsletters are left alone: each item is its own story; but a case no item names an actor for
takes the one the document's lead names
(`lead_actor`: a list of typical cases and the paragraph that introduces it).
"""

from __future__ import annotations

import re

from kg.lexicon import Lexicon

from .actors import fits_hint, same_body
from .cases import bodies_of
from .fines import RANK
from .grouping import plural_reference
from .model import CaseMention, ItemExtraction, Mention
from .parties import (
    BATCH_HEAD,
    Party,
    counted_before,
    has_legal_form,
    introductions,
    parse_party,
    resolve_anaphor,
    same_party,
)

_RUNNING = ("prose", "paragraphs")
_PEOPLE = re.compile(r"\b(?:people|persons|individuals|defendants|suspects)\b", re.I)


def resolve_story(exts: list[ItemExtraction], layout: str | None = None,
                  lexicon: Lexicon | None = None) -> None:
    """Join up the cases of a document whose items are paragraphs of running prose."""
    if layout not in _RUNNING or not any(e.cases for e in exts):
        for e in exts:  # "these companies": no story to find them in
            e.cases = [c for c in e.cases if not (c.anaphor and plural_reference(_party(c)))]
        return
    kept: list[tuple[int, CaseMention]] = []
    parties = _Parties()
    for i, ext in enumerate(exts):
        for case in ext.cases:
            k = _antecedent(kept, case, parties)
            if k is None:
                kept.append((i, case))
                continue
            other = kept[k][1]
            if _distinct(other, case):
                if case.anaphor:  # "Later, the company was fined 20,000 yuan": a new fine
                    case.respondent, case.aliases = other.respondent, other.aliases
                    case.anaphor = False
                kept.append((i, case))
            elif _merge(other, case) is case:
                kept[k] = (i, case)  # it sits in the paragraph that states its fine
    kept = _cataphora(exts, kept)
    kept = [(i, c) for i, c in kept if not _summary(c, kept, parties) and _named(exts, i, c)
            and not _rounded(exts, i, c, kept) and not _member(i, c, kept, parties)]
    if any(not c.headline for _, c in kept):
        # "Academic Database Fined ..." over the report: its paragraphs name the party.
        kept = [(i, c) for i, c in kept if not c.headline]
    for ext in exts:
        ext.cases = []
    for i, case in kept:
        if case.authority_from == "item-after":
            # a body named before the paragraph is the better guess than one named after
            earlier = _story_authority(exts[:i + 1], i, "criminal_sentence" in case.actions,
                                       case.actor_hint, lexicon, back_only=True)
            if earlier is not None:
                case.authority, case.authority_from = earlier, "story"
        if case.actor_to_find:
            case.authority = _story_authority(exts, i, "criminal_sentence" in case.actions,
                                              case.actor_hint, lexicon)
            case.authority_from = "story" if case.authority else None
        exts[i].cases.append(case)


def _cataphora(exts: list[ItemExtraction], kept: list[tuple[int, CaseMention]]
               ) -> list[tuple[int, CaseMention]]:
    """A back reference before any party is named ("The credit firm is punished" over the
    report) points ahead: it is the first case the story then names, not a case of its own."""
    out = list(kept)
    while out and out[0][1].anaphor:
        i, first = out[0]
        party = _party(first)
        if plural_reference(party):
            break
        at = first.respondent_span[0] if first.respondent_span else 0
        before = "\n".join([*(e.text for e in exts[:i]), exts[i].text[:at]])
        if resolve_anaphor(party, introductions(before)) is not None:
            break  # "A Shanghai firm ... The company was fined": it refers back after all
        later = next((k for k, (_, o) in enumerate(out) if not o.anaphor), None)
        if later is None or _distinct(out[later][1], out[0][1]):
            break
        out[later] = (out[later][0], _merge(out[later][1], out[0][1]))
        out.pop(0)
    return out


def _party(c: CaseMention) -> Party:
    p = parse_party(c.respondent or "") or Party(c.respondent or "", "entity")
    if c.anaphor:
        p.kind = "anaphor"
    p.aliases = tuple(dict.fromkeys((*p.aliases, *c.aliases)))
    return p


class _Parties:
    """`_party` of each case, made again only when a field it reads has changed: a story
    compares each case with every one before it, and cleaning a name is the costly part."""

    def __init__(self) -> None:
        self.made: dict[int, tuple[CaseMention, tuple, Party]] = {}

    def __call__(self, c: CaseMention) -> Party:
        key = (c.respondent, c.anaphor, c.aliases)
        hit = self.made.get(id(c))
        if hit is None or hit[0] is not c or hit[1] != key:
            hit = self.made[id(c)] = (c, key, _party(c))
        return hit[2]


def _antecedent(kept: list[tuple[int, CaseMention]], case: CaseMention,
                parties: _Parties) -> int | None:
    """The index in `kept` of the case this one refers back to or names again."""
    if case.anaphor:
        return next((k for k in range(len(kept) - 1, -1, -1) if not kept[k][1].anaphor), None)
    party = parties(case)
    for k in range(len(kept) - 1, -1, -1):
        if same_party(parties(kept[k][1]), party):
            return k
    return None


def _distinct(a: CaseMention, b: CaseMention) -> bool:
    """Two penalties on one party: two exact, different fines, or two named actors."""
    if (a.fine is not None and b.fine is not None and a.fine.value != b.fine.value
            and a.fine_kind in ("exact", "total") and b.fine_kind in ("exact", "total")):
        return True
    return (a.authority_from == b.authority_from == "clause" and a.authority is not None
            and b.authority is not None and not same_body(a.authority, b.authority))


def _merge(a: CaseMention, b: CaseMention) -> CaseMention:
    """Fold one of two mentions of a penalty into the other. The one that states the fine
    best survives (a case sits in the paragraph that details it), then the better-named."""
    rank = lambda c: (RANK[c.fine_kind] if c.fine else -1, _name_rank(c))  # noqa: E731
    keep, drop = (b, a) if rank(b) > rank(a) else (a, b)
    if drop.fine is not None and (keep.fine is None or RANK[drop.fine_kind]
                                  > RANK[keep.fine_kind]):
        keep.fine, keep.fine_kind = drop.fine, drop.fine_kind
    keep.personal_fine = keep.personal_fine or drop.personal_fine
    if keep.anaphor and not drop.anaphor:  # "He was also fined ...": the name is the other's
        keep.respondent, keep.anaphor = drop.respondent, False
    if drop.authority is not None and (keep.authority is None or (
            drop.authority_from == "clause" and keep.authority_from != "clause")):
        keep.authority, keep.authority_from = drop.authority, drop.authority_from
    keep.actions = keep.actions + [x for x in drop.actions if x not in keep.actions]
    keep.legal_basis = keep.legal_basis or drop.legal_basis
    named = () if drop.anaphor or drop.respondent == keep.respondent else (drop.respondent or "",)
    keep.aliases = tuple(dict.fromkeys((*keep.aliases, *drop.aliases, *named)))
    keep.date = keep.date or drop.date
    keep.headline = keep.headline and drop.headline
    return keep


def _name_rank(c: CaseMention) -> int:
    name = c.respondent or ""
    if c.anaphor:
        return 0
    return 2 if has_legal_form(name) else 1


def _summary(c: CaseMention, kept: list[tuple[int, CaseMention]], parties: _Parties) -> bool:
    """"sentenced four people": a count the story goes on to name one by one, each with the
    same penalty (a person only said to be arrested does not stand for a sentenced count)."""
    p = parties(c)
    if p.kind != "batch" or c.fine is not None:
        return False
    if not _PEOPLE.search(p.name):
        # "Two payment firms were fined: Company A was warned ..., Company B was fined ...":
        # a count of firms that the story names, as many as it counts; "a number of firms"
        # beside firms it names
        named = [o for _, o in kept if o is not c and not o.headline and not o.anaphor
                 and parties(o).kind == "entity"]
        return not BATCH_HEAD.search(p.name) and (1 < (p.count or len(named)) <= len(named))
    return any(o is not c and not o.headline and parties(o).kind != "batch"
               and (not c.actions or set(c.actions) & set(o.actions)) for _, o in kept)


_LISTING = frozenset(("app_removal", "public_notice"))


def _member(i: int, c: CaseMention, kept: list[tuple[int, CaseMention]],
            parties: _Parties) -> bool:
    """"MIIT removed 90 apps. ... Apps of Platform A and Platform B were removed": apps
    named after a batch taken down or listed in the same way are among its members."""
    if c.fine is not None or not c.actions or not set(c.actions) <= _LISTING \
            or parties(c).kind == "batch":
        return False
    return any(j <= i and o is not c and _apps(o) and set(c.actions) <= set(o.actions)
               and (c.authority is None or o.authority is None
                    or same_body(c.authority, o.authority)) for j, o in kept)


_BOUND = re.compile(r"\b(?:(?P<more>more\s+than|over|at\s+least|upwards\s+of)|nearly|about"
                    r"|around|almost|some)\s+$", re.I)
_OTHER_N = re.compile(r"\band\s+(?:the\s+)?other\s+(\d+)\b", re.I)


def _apps(c: CaseMention) -> int | None:
    """How many apps a case is about: a batch's count, or "A and other 105 apps" (106)."""
    name = c.respondent or ""
    if not BATCH_HEAD.search(name):
        return None
    m = _OTHER_N.search(name)
    return int(m.group(1)) + 1 if m else _party(c).count


def _rounded(exts: list[ItemExtraction], i: int, c: CaseMention,
             kept: list[tuple[int, CaseMention]]) -> bool:
    """"the regulator removed more than one hundred apps": a round count of a batch the story
    states exactly elsewhere ("App A and 105 other apps"), not a batch of its own."""
    if c.fine is not None or c.respondent_span is None:
        return False
    at = c.respondent_span[0]
    m = _BOUND.search(exts[i].text, max(0, at - 20), at)
    p = _party(c) if m is not None else None
    if p is None or p.kind != "batch" or not p.count:
        return False
    n = p.count
    for _, o in kept:
        k = _apps(o) if o is not c else None
        if k is not None and k != n and (n < k < 2 * n if m["more"] else abs(k - n) <= n / 5):
            return True
    return False


def _named(exts: list[ItemExtraction], i: int, case: CaseMention) -> bool:
    """Name a back reference no case explains by a party the story introduced; drop a bare
    pronoun that stays unexplained."""
    if not case.anaphor:
        return True
    text = "\n".join(e.text for e in exts[:i])
    party = _party(case)
    named = resolve_anaphor(party, introductions(text))
    if named is None and plural_reference(party):
        # "... found that 18 enterprises had problems. These companies were asked to ..."
        at = case.respondent_span[0] if case.respondent_span else 0
        named = counted_before(f"{text}\n{exts[i].text[:at]}", len(text) + 1 + at)
        if named is None:
            return False
    if named is not None:
        case.respondent, case.anaphor = named.name, False
        return True
    return not re.fullmatch(r"(?:it|they|he|she|them|him)", case.respondent or "", re.I)


def _story_authority(exts: list[ItemExtraction], i: int, court: bool, hint: str | None,
                     lexicon: Lexicon | None, back_only: bool = False) -> Mention | None:
    """The body named nearest before the case's paragraph, else the first one after it; one
    that fits the actor's description ("the cyberspace regulator"), or a court for a sentence,
    first."""
    order = [*range(i - 1, -1, -1), *([] if back_only else range(i + 1, len(exts)))]

    def fits(m: Mention) -> bool:
        if court:
            return "court" in m.text.lower()
        return lexicon is not None and hint is not None and fits_hint(m, hint, lexicon)
    for want in ((True,) if court else (True, False) if hint else (False,)):
        for j in order:
            ms = bodies_of(exts[j]) if j > i else bodies_of(exts[j])[::-1]
            found = [m for m in ms if fits(m)] if want else ms
            if found:
                return found[0]
    return None



def lead_actor(lead: ItemExtraction, exts: list[ItemExtraction],
               lexicon: Lexicon | None = None) -> None:
    """Cases no paragraph names a body for take the body the document's lead names: a list of
    typical cases ("(1) Case of ... by a Technology Co., Ltd. in Guangdong") is introduced by the
    paragraph that says who published it ("On 16 September, the CAC released typical cases")."""
    bodies = bodies_of(lead)
    if not bodies:
        return
    for ext in exts:
        for case in ext.cases:
            if not case.actor_to_find:
                continue
            court = "criminal_sentence" in case.actions
            fit = [m for m in bodies if ("court" in m.text.lower() if court else
                   lexicon is not None and case.actor_hint is not None
                   and fits_hint(m, case.actor_hint, lexicon))]
            chosen = fit[0] if fit else (None if court else bodies[0])
            if chosen is not None:
                case.authority, case.authority_from = chosen, "lead"
