"""Who acted: the body a penalty clause names, or the one its description points to.

A clause names its actor as the subject before the verb ("the CAC fined ...", not a body after
"of", "under" or "according to"), or as the agent of a passive ("fined ... by the PBOC"). An
unnamed actor ("the country's cyberspace regulator", "the banking commission") leaves a hint,
the word that says what kind of body it is, by which the body is found elsewhere in the item or
story. A court sentence looks for a court first. A national actor whose local branch the next
sentence names is that branch ("... by the PBOC. ... a statement of the PBOC sub-branch in
Hangzhou"). With no body named anywhere, the kind of body the sentence names ("a public
security organ") is the actor, a body of that type without a place; a court is never guessed.
"""

from __future__ import annotations

import re

from kg.lexicon import Lexicon

from .events import Event
from .model import ItemExtraction, Mention

COURT_VERBS = ("sentenced", "convicted", "found", "guilty", "jailed", "imprisoned")
_PREPOSED = re.compile(r"\b(?:under|of|by|to|with|from|for|according to|website of|direction of"
                       r"|statement of|office of)\s+(?:the\s+)?(?:\w+['’]s\s+)?$", re.I)
_AGENT = re.compile(r"\b(?:by|from)\s+(?:the\s+)?(?:\w+['’]s\s+)?(?:\w+\s+){0,2}$", re.I)
_HINT = re.compile(r"\b(?P<w>[A-Za-z-]+)\s+(?:regulators?|watchdogs?|authorit(?:y|ies)"
                   r"|commission|office|bureau|administration|department)\b", re.I)
_NOT_HINT = frozenset(("the", "a", "an", "local", "china's", "chinese", "top", "its", "their",
                       "relevant", "national", "state", "municipal", "provincial", "other", "and",
                       "regulatory", "government", "central", "district", "city", "also"))


def clause_actor(text: str, ev: Event, bodies: list[Mention]) -> tuple[Mention | None, bool]:
    """The acting body the clause names: a "by X" agent, else the subject before the verb."""
    s, e = ev.sentence
    if ev.voice in ("passive", "receive", "headline", "typical"):
        for a in bodies:
            if ev.v_start < a.start < e and _AGENT.search(text[max(s, a.start - 30):a.start]):
                return a, True
        return None, False
    before = [a for a in bodies if s <= a.start < ev.v_start]
    plain = [a for a in before if not _PREPOSED.search(text[max(s, a.start - 30):a.start])]
    that = text.rfind(" that ", s, ev.v_start) if len(plain) > 1 else -1
    if that >= 0 and any(a.start > that for a in plain):
        # "the Centre announced that the PSB had ... imposed penalties on": the reported
        # clause's subject acted, not the body that reports it
        plain = [a for a in plain if a.start > that]
    chosen = (plain or before or [None])[0]
    return chosen, chosen is not None


def actor_hint(text: str, ev: Event) -> str | None:
    """The kind of body an unnamed actor is ("the cyberspace regulator" -> "cyberspace")."""
    s, e = ev.sentence
    if ev.voice in ("passive", "receive", "headline"):
        by = _BY.search(text[ev.v_start:e])
        found = list(_HINT.finditer(text, ev.v_start + by.end(), min(e, ev.v_start + by.end()
                                                                      + 60))) if by else []
    else:
        found = list(_HINT.finditer(text, s, ev.v_start))[-1:]
    for m in found:
        if m["w"].lower() not in _NOT_HINT:
            return m["w"].lower()
    return None


def fits_hint(a: Mention, hint: str, lexicon: Lexicon) -> bool:
    """Whether a body's name has the word an unnamed actor was described by."""
    names = _names(lexicon)
    label = f"{a.text} {names.get(a.ref or '', '')} {names.get(a.body_type or '', '')}"
    return any(w.lower().startswith(hint[:5]) for w in re.findall(r"[A-Za-z]+", label))


def hinted(bodies: list[Mention], hint: str | None, lexicon: Lexicon) -> list[Mention]:
    """The bodies whose name fits the hint, or all of them when none does."""
    fit = [a for a in bodies if hint and fits_hint(a, hint, lexicon)]
    return fit or bodies


_NAMES: dict[int, tuple[Lexicon, dict[str, str]]] = {}


def _names(lexicon: Lexicon) -> dict[str, str]:
    """Canonical names by IRI, of bodies and body types, to read a hint against."""
    hit = _NAMES.get(id(lexicon))
    if hit is None or hit[0] is not lexicon:
        names = {k.iri: k.name for k in lexicon.authorities}
        names.update({b.iri: b.name for b in lexicon.body_types})
        hit = _NAMES[id(lexicon)] = (lexicon, names)
    return hit[1]


def same_body(a: Mention, b: Mention) -> bool:
    """Two mentions of one body ("CRO", "Cybersecurity Review Office")."""
    if a.ref or b.ref:
        return a.ref == b.ref
    if a.body_type and a.place:
        return (a.place, a.body_type) == (b.place, b.body_type)
    return a.text.lower() == b.text.lower()


def sentencing(ev: Event, text: str) -> bool:
    """Whether a penalty clause is a court's sentence, which only a court hands down."""
    return any(v in ev.verb for v in COURT_VERBS) or "sentenc" in text[ev.start:ev.end].lower()


def item_actor(first: Event, bodies: list[Mention], text: str, hint: str | None,
               lexicon: Lexicon) -> tuple[Mention | None, str | None]:
    """A case's actor when no clause names one: the body named nearest before the case in the
    item (else after it), fitting the hint, a court for a sentence; and where it was found."""
    bodies = hinted(bodies, hint, lexicon)
    # a sentence is a court's: "the court" unnamed leaves the case without an actor
    pool = [a for a in bodies if "court" in a.text.lower()] if sentencing(first, text) else bodies
    before = [a for a in pool if a.start < first.start]
    after = [a for a in pool if a.start >= first.start]
    if before:
        return before[-1], "item"
    # "..., the High Court said. The District Court convicted them": the one that acts
    acting = [a for a in after if not _REPORTS.match(text, a.end)]
    return ((acting or after)[0], "item-after") if after else (None, None)


_REPORTS = re.compile(r"\s+(?:said|says|announced|stated|reported|disclosed)\b")


_NEXT_END = re.compile(r"[.!?](?=[\s\"”’']|$)|\n")


def local_branch(actor: Mention, ev: Event, bodies: list[Mention], text: str,
                 lexicon: Lexicon) -> Mention:
    """A national actor whose local branch the clause's sentence or the next one names is that
    branch ("fined ... by the PBOC. The fine was issued ..., according to the statement of the
    PBOC sub-branch in Hangzhou")."""
    if actor.kind != "authority" or actor.ref is None:
        return actor
    types = _branch_types(lexicon).get(actor.ref)
    if not types:
        return actor
    s, e = ev.sentence
    m = _NEXT_END.search(text, e + 1)
    stop = m.end() if m else len(text)
    return next((a for a in bodies if a.kind == "local_authority" and a.body_type in types
                 and s <= a.start < stop), actor)


_BRANCHES: dict[int, tuple[Lexicon, dict[str, frozenset[str]]]] = {}


def _branch_types(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    """National authority IRI -> the body types of its local branches."""
    hit = _BRANCHES.get(id(lexicon))
    if hit is None or hit[0] is not lexicon:
        found: dict[str, set[str]] = {}
        for b in lexicon.body_types:
            if b.parent:
                found.setdefault(b.parent, set()).add(b.iri)
        hit = _BRANCHES[id(lexicon)] = (lexicon, {k: frozenset(v) for k, v in found.items()})
    return hit[1]


def respectively(text: str, bodies: list[Mention], ev: Event) -> list[Mention]:
    """"MIIT, MPS and CVERC respectively notified ...": one case per listed body."""
    s = ev.sentence[0]
    seg = text[s:ev.v_start + 1]
    m = _RESPECTIVELY.search(seg) if "respectively" in seg else None
    if m is None:
        return []
    found: list[Mention] = []
    for a in bodies:
        if s <= a.start < s + m.start() and all(a.text != b.text for b in found):
            found.append(a)
    return found


_KINDS: dict[int, tuple[Lexicon, re.Pattern[str] | None, dict[str, str]]] = {}
_RESPECTIVELY = re.compile(r"\brespectively\b")
_BY = re.compile(r"\b(?:by|from)\s")


def _kinds(lexicon: Lexicon) -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """The lower-case labels of body types that are not courts ("public security organs",
    "market regulators") as one regex, and the body type of each."""
    hit = _KINDS.get(id(lexicon))
    if hit is None or hit[0] is not lexicon:
        of = {" ".join(a.lower().split()): b.iri for b in lexicon.body_types
              if b.cls == "LocalAuthority" for a in (b.name, *b.aliases) if a[:1].islower()}
        alts = "|".join(re.escape(a).replace(r"\ ", r"\s+")
                        for a in sorted(of, key=len, reverse=True))
        hit = _KINDS[id(lexicon)] = (lexicon, re.compile(rf"\b(?:{alts})\b") if alts else None,
                                     of)
    return hit[1], hit[2]


def generic_actor(exts: list[ItemExtraction], lexicon: Lexicon) -> None:
    """A case no name was found for, in its item, story or the document's lead, takes the kind
    of body its sentence names ("an administrative penalty decision made by a public security
    organ against ..."): a body of that type whose place the text does not give. A court is
    left unnamed ("the court")."""
    pattern, of = _kinds(lexicon)
    if pattern is None:
        return
    for ext in exts:
        for case in ext.cases:
            if not case.actor_to_find or case.respondent_span is None:
                continue
            text = ext.text
            at, end = case.respondent_span
            s = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at), -1) + 1
            stop = min((k for k in (text.find(". ", end), text.find("\n", end)) if k >= 0),
                       default=len(text))
            found = [m for m in pattern.finditer(text, s, stop)]
            before = [m for m in found if m.end() <= at]
            m = before[-1] if before else (found[0] if found else None)
            if m is not None:
                key = " ".join(m.group(0).split())
                case.authority = Mention("authority", singular(key), m.start(), m.end(),
                                         body_type=of[key])
                case.authority_from = "generic"


def singular(phrase: str) -> str:
    """"public security organs" -> "public security organ", "authorities" -> "authority"."""
    head, _, last = phrase.rpartition(" ")
    if last.endswith("ies"):
        last = last[:-3] + "y"
    elif last.endswith("s") and not last.endswith("ss"):
        last = last[:-1]
    return f"{head} {last}".strip()
