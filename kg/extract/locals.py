"""Authorities the ruler cannot name alone: local bodies, descriptions, defined abbreviations.

Local bodies are composed from a place and a body type, so none has to be listed: "Cyberspace
Administration of Kunming", "Yunnan Provincial CAC", "Harbin Municipal Public Security Bureau",
"Xi'an Branch of the People's Bank of China", "Haidian District People's Court", "public
security authorities in Lanzhou, Gansu", "the Beijing municipal arm of CAC": each is a body type
(or a national authority that has local branches) next to a place, joined by the few ways
English orders them. A district or county is found by its shape and resolved through the place
index; written with its city ("Chongqing Nan'an District") it keeps that name.

A description ("China's central bank", "the banking regulator") names the body the ontology
gives it, followed through its successors to the item's date. An abbreviation the text defines
("the Beijing Communications Administration (“CA”)") names what it follows, for the rest of the
item: "the Shanghai CA" is then Shanghai's communications administration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from kg.lexicon import Lexicon, place_key
from kg.vocab import slugify

from .abbreviations import PLACE_ADJ, defined_abbreviations
from .described import shouted, successor
from .model import Mention
from .pipeline import AUTHORITY, BODY, PLACE, Ent

_SHARED_PLACE = re.compile(r"^\s*(?:,|,?\s*and|,?\s*as well as|,?\s*together with)\s+"
                           r"(?:the\s+)?(?:municipal\s+|provincial\s+)?$", re.I)
_OF = re.compile(r"^\s*(?:of|for)\s+(?:the\s+)?$", re.I)
_IN = re.compile(r"^\s*(?:in|of)\s+(?:the\s+)?$", re.I)
# "Changsha Branch of the", "Jilin municipal office of the", "Beijing municipal arm of".
_BRANCH_OF = re.compile(r"^\s*(?:provincial\s+|municipal\s+|central\s+|local\s+)*"
                        r"(?:(?:sub[- ]?)?branch(?:es)?(?:\s+offices?)?|offices?|arms?|bureaus?)"
                        r"\s+of\s+(?:the\s+)?$", re.I)
# "the Beijing and Guangdong branches of CAC", "Beijing and Shanghai market regulators"
_AND = re.compile(r"^\s*(?:,|,?\s*and)\s+$")
_PLURAL = re.compile(r"\b(?:branches|offices|arms|bureaus)\s+of\b|[a-rt-z]s\s*$", re.I)
# "PBOC sub-branch in Hangzhou", "CAC's office in Shanghai".
_BRANCH_IN = re.compile(r"^\s*(?:'s\s+|’s\s+)?(?:provincial\s+|municipal\s+|central\s+|local\s+)*"
                        r"(?:(?:sub[- ]?)?branch|office|arm|bureau)\s+(?:in|for)\s+(?:the\s+)?$",
                        re.I)
_BRANCH_AFTER = re.compile(r"\s*(?:provincial\s+|municipal\s+|central\s+)?(?:sub[- ]?)?"
                           r"(?:branch|office)\b", re.I)
_POSSESSIVE = re.compile(r"^\s*(?:['’]s)?\s*$")
_OWNS = re.compile(r"^['’]s\s+$")
_PLACE_TAIL = re.compile(r"\s*(?:province|city|municipality|prefecture|district|county"
                         r"|autonomous region)\b", re.I)
_LOCAL_BEFORE = re.compile(r"\b(?:local|regional|provincial|municipal|city|district|county)\s+$",
                           re.I)
_ADHOC = "adhoc-place:"
# "the central bank of Russia": a description of another country's body.
_FOREIGN_OF = re.compile(r"\s+of\s+(?!China\b|the\s+People|the\s+PRC\b)(?:the\s+)?[A-Z]")


@dataclass(frozen=True)
class LocalRules:
    """What composing needs from the lexicon: `branch_type` maps a national authority's IRI to
    the body type of its local branches ("CAC" -> cyberspace administration), `national_place`
    holds the places that mean the whole country ("China")."""

    branch_type: dict[str, str]
    national_place: frozenset[str]
    place_index: dict[str, str] = field(default_factory=dict)
    place_name: dict[str, str] = field(default_factory=dict)
    county_level: frozenset[str] = frozenset()
    court_types: frozenset[str] = frozenset()
    descriptions: frozenset[str] = frozenset()
    lexicon: Lexicon | None = None
    parent: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_lexicon(cls, lexicon: Lexicon) -> LocalRules:
        branch: dict[str, str] = {}
        for bt in lexicon.body_types:
            if bt.parent and bt.parent not in branch:
                branch[bt.parent] = bt.iri
        return cls(
            branch,
            frozenset(p.iri for p in lexicon.places if p.level == "country"),
            lexicon.place_index,
            {p.iri: p.name for p in lexicon.places},
            frozenset(p.iri for p in lexicon.places if p.county_level),
            frozenset(b.iri for b in lexicon.body_types if b.cls == "Court"),
            lexicon.descriptions,
            lexicon,
            {p.iri: p.parent for p in lexicon.places if p.parent},
        )

    def place_ref(self, span: Ent) -> str:
        """The place a PLACE span names: a listed IRI, or "adhoc-place:<name as written>"."""
        return self.place_of_ref(span.id_)

    def place_of_ref(self, ref: str) -> str:
        """`place_ref` of a span whose IRI is `ref`."""
        if not ref.startswith(_ADHOC):
            return ref
        written = ref[len(_ADHOC):].replace("’", "'")
        iri = self.place_index.get(place_key(written))
        if iri is None:
            return _ADHOC + written
        # "Shanghai Jing'an District" keeps its city, when that spells the same place IRI.
        if (place_key(written) != place_key(self.place_name.get(iri, ""))
                and iri.rsplit("/", 1)[-1] == slugify(written)):
            return _ADHOC + written
        return iri

    def is_county_level(self, ref: str) -> bool:
        return ref.startswith(_ADHOC) or ref in self.county_level

    def qualified(self, ref: str, city: str) -> str:
        """A district written with its city before it ("Shanghai's Jing'an District") as the
        place "Shanghai Jing'an District", when `city` is its city."""
        city = self.place_of_ref(city)
        if ref not in self.county_level or self.parent.get(ref) != city:
            return ref
        return self.place_of_ref(f"{_ADHOC}{self.place_name[city]} {self.place_name[ref]}")


@lru_cache(maxsize=4096)  # the same bodies' names come back item after item
def _spelled(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def compose_local(text: str, ents: list[Ent], rules: LocalRules,
                  date: str | None = None) -> tuple[list[Mention], set[int]]:
    """Local, described and abbreviated authority mentions, and the indices of `ents` they
    consumed (`text` = doc.text; `date` the item's, for descriptions of replaced bodies)."""
    added, dropped = defined_abbreviations(text, ents, rules.branch_type, rules.national_place)
    dropped |= shouted(text, ents)
    index_of = {id(e): i for i, e in enumerate(ents)}
    work = [e for i, e in enumerate(ents) if i not in dropped]  # in order, as `ents` are
    if added:
        work = sorted(work + added, key=lambda e: e.start)
    # Each span's label, IRI and offsets, read once into lists.
    label = [e.label_ for e in work]
    iri = [e.id_ for e in work]
    start = [e.start_char for e in work]
    end = [e.end_char for e in work]
    out: list[Mention] = []
    used: set[int] = set()
    if not added and not any(lab == PLACE and r not in rules.national_place or lab == AUTHORITY
                             and _spelled(text[a:b]) in rules.descriptions
                             for lab, r, a, b in zip(label, iri, start, end, strict=True)):
        return out, dropped  # each mention below needs a local place, definition or description

    def between(a: int, b: int) -> str:
        return text[end[a] : start[b]]

    def body_type(i: int) -> str | None:
        if label[i] == BODY:
            return iri[i]
        if label[i] == AUTHORITY:
            return rules.branch_type.get(iri[i])
        return None

    def local_place(i: int) -> bool:
        return label[i] == PLACE and iri[i] not in rules.national_place

    def fits(body: str, i: int, place: str) -> bool:
        """A bare "court" is a court only next to a district or county."""
        return (body not in rules.court_types or len(work[i]) > 1
                or rules.is_county_level(place))

    def emit(i: int, j: int, place: str, body: str, stop: int | None = None) -> None:
        stop = stop if stop is not None else end[j]
        out.append(Mention("local_authority", text[start[i]:stop], start[i], stop,
                           place=place, body_type=body))
        used.update(range(i, j + 1))
        shared = label[i] == PLACE and _PLURAL.search(text, end[i], stop) is not None
        while shared and i > 0 and local_place(i - 1) and i - 1 not in used \
                and _AND.match(between(i - 1, i)):  # places that share the body after them
            i -= 1
            out.append(Mention("local_authority", text[start[i]:end[i]], start[i], end[i],
                               place=rules.place_of_ref(iri[i]), body_type=body))
            used.add(i)

    def place_of(i: int) -> tuple[str, int]:
        """The place at work[i], joined with a city written just before it ("Shanghai" +
        "Pudong New Area"), and the index where it starts."""
        ref = rules.place_of_ref(iri[i])
        if i > 0 and i - 1 not in used and local_place(i - 1) and _OWNS.match(between(i - 1, i)) \
                and rules.qualified(ref, iri[i - 1]) != ref:  # "Beijing's Haidian district"
            return rules.qualified(ref, iri[i - 1]), i - 1
        if i > 0 and i - 1 not in used and local_place(i - 1) and \
                rules.is_county_level(ref) and not between(i - 1, i).strip():
            joined = text[start[i - 1] : end[i]].replace("’", "'")
            if not ref.startswith(_ADHOC) and ref.rsplit("/", 1)[-1] == slugify(joined):
                return _ADHOC + joined, i - 1
        return ref, i

    last = len(work) - 1
    for i in range(len(work)):
        if i in used:
            continue
        # "the Wuxi Big Data Bureau and the Finance Bureau": the second body shares the place.
        if label[i] == BODY and out and _SHARED_PLACE.match(text[out[-1].end : start[i]]):
            prev = out[-1]
            if fits(iri[i], i, prev.place or ""):
                out.append(Mention("local_authority", text[start[i]:end[i]], start[i], end[i],
                                   place=prev.place, body_type=iri[i]))
                used.add(i)
                continue
        nxt = i + 1 if i < last else None
        described = label[i] == AUTHORITY and _spelled(text[start[i]:end[i]]) in rules.descriptions
        # PLACE [Provincial|Municipal] BODY  /  PLACE Branch of the PBOC
        if nxt is not None and local_place(i):
            gap = between(i, nxt)
            bt = body_type(nxt)
            if bt and PLACE_ADJ.match(gap):
                place, first = place_of(i)
                if fits(bt, nxt, place):
                    tail = _BRANCH_AFTER.match(text, end[nxt])
                    emit(first, nxt, place, bt, tail.end() if tail else end[nxt])
                    continue
            if label[nxt] == AUTHORITY and _BRANCH_OF.match(gap):
                bt = rules.branch_type.get(iri[nxt])
                if bt:
                    place, first = place_of(i)
                    emit(first, nxt, place, bt)
                    continue
        bt = body_type(i)
        if bt and nxt is not None and local_place(nxt):
            gap = between(i, nxt)
            place = rules.place_of_ref(iri[nxt])
            # BODY of PLACE [Province]  /  BODY in PLACE[, PROVINCE]  /  PBOC sub-branch in PLACE
            if ((_OF.match(gap) or ((label[i] == BODY or described) and _IN.match(gap))
                 or (label[i] == AUTHORITY and _BRANCH_IN.match(gap)))
                    and fits(bt, i, place)):
                if (nxt < last and local_place(nxt + 1)
                        and _OWNS.match(between(nxt, nxt + 1))):
                    nxt += 1  # "police in Shanghai's Jing'an District": the district's
                    place = rules.qualified(rules.place_of_ref(iri[nxt]), iri[nxt - 1])
                tail = _PLACE_TAIL.match(text, end[nxt])
                emit(i, nxt, place, bt, tail.end() if tail else end[nxt])
                k = nxt  # "police in Liaoning, Beijing and Hunan": a body in each place listed
                while k < last and local_place(k + 1) and _AND.match(between(k, k + 1)):
                    k += 1
                if k > nxt and "and" in between(k - 1, k):
                    for j in range(nxt + 1, k + 1):
                        out.append(Mention("local_authority", text[start[j]:end[j]], start[j],
                                           end[j], place=rules.place_of_ref(iri[j]), body_type=bt))
                        used.add(j)
                elif nxt < last and local_place(nxt + 1) and between(nxt, nxt + 1).strip() == ",":
                    used.add(nxt + 1)  # "police in Changchun, Jilin": the city's province
                continue
        # AUTHORITY['s] PLACE Branch: "People's Bank of China Changsha Branch", "the PBOC's
        # Hangzhou central sub-branch"
        if label[i] == AUTHORITY and nxt is not None and local_place(nxt):
            bt = rules.branch_type.get(iri[i])
            tail = _BRANCH_AFTER.match(text, end[nxt])
            if bt and tail and _POSSESSIVE.match(between(i, nxt)):
                emit(i, nxt, rules.place_of_ref(iri[nxt]), bt, tail.end())
                continue
        # "fined ... by the local market watchdog": the body of the one place the sentence
        # names (the most specific, when it names a city and its province).
        bt = body_type(i)
        if bt and (label[i] == BODY or described) and _local_before(text, start[i]) and not (
                i > 0 and label[i - 1] == PLACE and iri[i - 1] in rules.national_place
                and PLACE_ADJ.match(text[end[i - 1] : start[i]])):
            place = _sole_place(text, [(rules.place_of_ref(iri[k]), start[k])
                                       for k in range(len(work)) if local_place(k)],
                                start[i], rules.parent)
            if place is not None and fits(bt, i, place):
                out.append(Mention("local_authority", text[start[i]:end[i]], start[i], end[i],
                                   place=place, body_type=bt))
                used.add(i)
                continue
        # A description, or an abbreviation this text defined for a national body.
        if described and (_local_before(text, start[i])
                          or _FOREIGN_OF.match(text, end[i])):
            used.add(i)  # "China's local market watchdog" is not the national one
            continue
        if label[i] == AUTHORITY and (described or id(work[i]) not in index_of):
            ref = iri[i]
            written = text[start[i]:end[i]]
            if described and rules.lexicon is not None:
                ref = successor(rules.lexicon, ref, date, written)
            out.append(Mention("authority", written, start[i], end[i], ref))
            used.add(i)
    consumed = {index_of[id(work[i])] for i in used if id(work[i]) in index_of}
    out.sort(key=lambda m: m.start)
    return out, consumed | dropped


def _sole_place(text: str, places: list[tuple[str, int]], at: int,
                parent: dict[str, str]) -> str | None:
    """The one place (IRI or ad hoc) named in the sentence before `at`, leaving out those that
    hold another named there (a province and its city); None when there is not exactly one."""
    lo = max(text.rfind(". ", 0, at), text.rfind("\n", 0, at))
    named = {ref for ref, a in places if lo < a < at}  # "..., as Beijing looks to": no place

    def holds(outer: str, inner: str) -> bool:
        while inner in parent:
            inner = parent[inner]
            if inner == outer:
                return True
        return False

    sole = [p for p in named if not any(holds(p, q) for q in named if q != p)]
    return sole[0] if len(sole) == 1 else None


def _local_before(text: str, at: int) -> bool:
    """True when "local", "municipal", ... and spaces stand right before `at`. Searched from
    just before the spaces: the word must end where they start, and none is over 10 letters."""
    gap = at
    while gap and text[gap - 1].isspace():
        gap -= 1
    return _LOCAL_BEFORE.search(text, max(0, gap - 12), at) is not None
