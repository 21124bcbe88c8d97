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

from spacy.tokens import Span

from kg.vocab import slugify

from .described import shouted, successor
from .lexicon import Lexicon, place_key
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
# "Changsha Branch of the", "Jilin municipal office of the", "Beijing municipal arm of".
_BRANCH_OF = re.compile(r"^\s*(?:provincial\s+|municipal\s+|central\s+|local\s+)*"
                        r"(?:(?:sub[- ]?)?branch(?:\s+office)?|office|arm|bureau)\s+of\s+"
                        r"(?:the\s+)?$", re.I)
# "PBOC sub-branch in Hangzhou", "CAC's office in Shanghai".
_BRANCH_IN = re.compile(r"^\s*(?:'s\s+|’s\s+)?(?:provincial\s+|municipal\s+|central\s+|local\s+)*"
                        r"(?:(?:sub[- ]?)?branch|office|arm|bureau)\s+(?:in|for)\s+(?:the\s+)?$",
                        re.I)
_BRANCH_AFTER = re.compile(r"^\s*(?:provincial\s+|municipal\s+|central\s+)?(?:sub[- ]?)?"
                           r"(?:branch|office)\b", re.I)
_POSSESSIVE = re.compile(r"^\s*(?:['’]s)?\s*$")
_PLACE_TAIL = re.compile(r"^\s*(?:province|city|municipality|prefecture|district|county"
                         r"|autonomous region)\b", re.I)
# "(“CRO”)", "(the “CA”)", "(hereinafter “MPS”)", "(PBOC)": an abbreviation defined in place.
_DEFINITION = re.compile(r"\(\s*(?:the\s+|hereinafter(?:\s+referred\s+to\s+as)?\s+(?:the\s+)?)?"
                         r"[“\"‘']?([A-Z][A-Za-z]{0,2}[A-Z][A-Za-z0-9&]{0,8})[”\"’']?\s*\)")
_LOCAL_BEFORE = re.compile(r"\b(?:local|regional|provincial|municipal|city|district|county)\s+$",
                           re.I)
_COUNTY_LEVEL = frozenset({"district", "county", "county-level city", "banner", "new area",
                           "autonomous county", "autonomous banner", "forestry district",
                           "special district"})
_ADHOC = "adhoc-place:"


@dataclass(frozen=True)
class LocalRules:
    """What composing needs from the lexicon.

    branch_type
        national authority IRI -> body type of its local branches ("CAC" -> cyberspace admin).
    national_place
        place IRIs that mean the whole country ("China").
    """

    branch_type: dict[str, str]
    national_place: frozenset[str]
    place_index: dict[str, str] = field(default_factory=dict)
    place_name: dict[str, str] = field(default_factory=dict)
    county_level: frozenset[str] = frozenset()
    court_types: frozenset[str] = frozenset()
    descriptions: frozenset[str] = frozenset()
    lexicon: Lexicon | None = None
    # national authority IRI -> body type of the offices the text calls a "Branch"
    named_branch: dict[str, str] = field(default_factory=dict)

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
            frozenset(p.iri for p in lexicon.places if p.level in _COUNTY_LEVEL),
            frozenset(b.iri for b in lexicon.body_types if b.cls == "Court"),
            lexicon.descriptions,
            lexicon,
            {bt.parent: bt.iri for bt in lexicon.body_types
             if bt.parent and (bt.pattern or "").endswith("{place} Branch")},
        )

    def place_ref(self, span: Span) -> str:
        """The place a PLACE span names: a listed IRI, or "adhoc-place:<name as written>"."""
        ref = _iri(span)
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


def _iri(span: Span) -> str:
    """The IRI a span carries: the ruler's entities hold it as ent_id, spans made here as id."""
    return span.ent_id_ or span.id_


def _spelled(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


def _abbreviations(text: str, ents: list[Span], rules: LocalRules) -> tuple[
        list[Span], set[int]]:
    """Spans for abbreviations the text defines, and the indices of `ents` that are the
    definitions themselves ("(“CAC”)" after a body names that body, not another one)."""
    if not ents or "(" not in text:
        return [], set()
    doc = ents[0].doc
    added: list[Span] = []
    dropped: set[int] = set()
    for m in _DEFINITION.finditer(text):
        before = [i for i, e in enumerate(ents) if e.end_char <= m.start()
                  and not text[e.end_char : m.start()].strip()]
        if not before:
            continue
        k = before[-1]
        head = ents[k]
        label, iri = head.label_, _iri(head)
        if label == AUTHORITY and k > 0 and ents[k - 1].label_ == PLACE and \
                _PLACE_ADJ.match(text[ents[k - 1].end_char : head.start_char]) and \
                iri in rules.branch_type and _iri(ents[k - 1]) not in rules.national_place:
            label, iri = BODY, rules.branch_type[iri]  # "Nan'an District CAC (“CAC”)"
        elif label == PLACE and k > 0 and ents[k - 1].label_ == BODY:
            label, iri = BODY, _iri(ents[k - 1])  # "Cyberspace Administration of X (“CAC”)"
        elif label not in (AUTHORITY, BODY):
            continue
        if head.label_ == BODY and re.search(r"\bof\s", head.text):
            continue  # "office of the People's Bank of China (PBOC)" defines the bank
        abbr = m.group(1)
        inside = [i for i, e in enumerate(ents) if m.start() <= e.start_char < m.end()]
        if label == AUTHORITY and any(_iri(ents[i]) != iri for i in inside):
            # "... of Standardization Administration (TC260)": the known acronym names the
            # body, and what the ruler found before it is a fragment of its name.
            dropped.add(k)
            continue
        if label == BODY:
            dropped.update(inside)  # "(“CAC”)" after a local body names that body
        if abbr.lower() == head.text.lower():
            continue
        for tok in doc:
            if tok.text != abbr or m.start() <= tok.idx < m.end():
                continue
            covering = [i for i, e in enumerate(ents) if e.start <= tok.i < e.end]
            if covering and (label == AUTHORITY or any(
                    ents[i].end - ents[i].start > 1 or _iri(ents[i]) == iri for i in covering)):
                continue
            dropped.update(covering)  # a known acronym, redefined for a local body
            added.append(Span(doc, tok.i, tok.i + 1, label=label, span_id=iri))
    return added, dropped


def compose_local(text: str, ents: list[Span], rules: LocalRules,
                  date: str | None = None) -> tuple[list[Mention], set[int]]:
    """Local, described and abbreviated authority mentions, and the indices of `ents` they
    consumed (`text` = doc.text; `date` the item's, for descriptions of replaced bodies)."""
    added, dropped = _abbreviations(text, ents, rules)
    dropped |= shouted(text, ents)
    index_of = {id(e): i for i, e in enumerate(ents)}
    work = sorted([e for i, e in enumerate(ents) if i not in dropped] + added,
                  key=lambda e: e.start)
    out: list[Mention] = []
    used: set[int] = set()

    def between(a: Span, b: Span) -> str:
        return text[a.end_char : b.start_char]

    def body_type(span: Span) -> str | None:
        if span.label_ == BODY:
            return _iri(span)
        if span.label_ == AUTHORITY:
            return rules.branch_type.get(_iri(span))
        return None

    def local_place(span: Span) -> bool:
        return span.label_ == PLACE and _iri(span) not in rules.national_place

    def fits(body: str, span: Span, place: str) -> bool:
        """A bare "court" is a court only next to a district or county."""
        return (body not in rules.court_types or len(span) > 1
                or rules.is_county_level(place))

    def emit(i: int, j: int, place: str, body: str, end: int | None = None,
             start: int | None = None) -> None:
        start = work[i].start_char if start is None else start
        stop = end if end is not None else work[j].end_char
        out.append(Mention("local_authority", text[start:stop], start, stop,
                           place=place, body_type=body))
        used.update(range(i, j + 1))

    def place_of(i: int) -> tuple[str, int]:
        """The place at work[i], joined with a city written just before it ("Shanghai" +
        "Pudong New Area"), and the index where it starts."""
        ref = rules.place_ref(work[i])
        if i > 0 and i - 1 not in used and local_place(work[i - 1]) and \
                rules.is_county_level(ref) and not between(work[i - 1], work[i]).strip():
            joined = text[work[i - 1].start_char : work[i].end_char].replace("’", "'")
            if not ref.startswith(_ADHOC) and ref.rsplit("/", 1)[-1] == slugify(joined):
                return _ADHOC + joined, i - 1
        return ref, i

    for i, ent in enumerate(work):
        if i in used:
            continue
        # "the Wuxi Big Data Bureau and the Finance Bureau": the second body shares the place.
        if ent.label_ == BODY and out and _SHARED_PLACE.match(text[out[-1].end : ent.start_char]):
            prev = out[-1]
            if fits(_iri(ent), ent, prev.place or ""):
                out.append(Mention("local_authority", ent.text, ent.start_char, ent.end_char,
                                   place=prev.place, body_type=_iri(ent)))
                used.add(i)
                continue
        nxt = work[i + 1] if i + 1 < len(work) else None
        nxt2 = work[i + 2] if i + 2 < len(work) else None
        described = ent.label_ == AUTHORITY and _spelled(ent.text) in rules.descriptions
        # PLACE [Provincial|Municipal] BODY  /  PLACE Branch of the PBOC
        if local_place(ent) and nxt is not None:
            gap = between(ent, nxt)
            bt = body_type(nxt)
            place, first = place_of(i)
            if bt and _PLACE_ADJ.match(gap) and fits(bt, nxt, place):
                tail = _BRANCH_AFTER.match(text[nxt.end_char :])
                emit(first, i + 1, place, bt, nxt.end_char + (tail.end() if tail else 0))
                continue
            if nxt.label_ == AUTHORITY and _BRANCH_OF.match(gap):
                bt = rules.branch_type.get(_iri(nxt))
                if bt:
                    emit(first, i + 1, place, bt)
                    continue
        bt = body_type(ent)
        if bt and nxt is not None and local_place(nxt):
            gap = between(ent, nxt)
            place = rules.place_ref(nxt)
            # BODY of PLACE [Province]  /  BODY in PLACE[, PROVINCE]  /  PBOC sub-branch in PLACE
            if ((_OF.match(gap) or ((ent.label_ == BODY or described) and _IN.match(gap))
                 or (ent.label_ == AUTHORITY and _BRANCH_IN.match(gap)))
                    and fits(bt, ent, place)):
                end = nxt.end_char
                tail = _PLACE_TAIL.match(text[end:])
                if tail:
                    end += tail.end()
                emit(i, i + 1, place, bt, end)
                if nxt2 is not None and local_place(nxt2) and between(nxt, nxt2).strip() == ",":
                    used.add(i + 2)
                continue
        # AUTHORITY['s] PLACE Branch: "People's Bank of China Changsha Branch", "the PBOC's
        # Hangzhou central sub-branch"
        if ent.label_ == AUTHORITY and nxt is not None and local_place(nxt):
            bt = rules.branch_type.get(_iri(ent))
            tail = _BRANCH_AFTER.match(text[nxt.end_char :])
            if bt and tail and _POSSESSIVE.match(between(ent, nxt)):
                if tail.group(0).strip().lower() == "branch":  # "... Changsha Branch"
                    bt = rules.named_branch.get(_iri(ent), bt)
                emit(i, i + 1, rules.place_ref(nxt), bt, nxt.end_char + tail.end())
                continue
        # A description, or an abbreviation this text defined for a national body.
        if described and _LOCAL_BEFORE.search(text, 0, ent.start_char):
            used.add(i)  # "China's local market watchdog" is not the national one
            continue
        if ent.label_ == AUTHORITY and (described or id(ent) not in index_of):
            ref = _iri(ent)
            if described and rules.lexicon is not None:
                ref = successor(rules.lexicon, ref, date, ent.text)
            out.append(Mention("authority", ent.text, ent.start_char, ent.end_char, ref))
            used.add(i)
    consumed = {index_of[id(work[i])] for i in used if id(work[i]) in index_of}
    out.sort(key=lambda m: m.start)
    return out, consumed | dropped
