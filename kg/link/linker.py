"""Resolve mentions to IRIs and canonical names."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any

from rapidfuzz import fuzz, process

from kg.extract.citations import drafted, kind_of, set_aside
from kg.extract.model import CaseMention, InstrumentMention, ItemExtraction, Mention
from kg.lexicon import Lexicon
from kg.vocab import authority_iri, instrument_iri, place_iri, slugify
from kg.vocab.labels import label_key

# Where a case's actor was found outside every item: the document's lead, or a description.
_OUTSIDE = ("lead", "generic")
# The gold files call an issued instrument "final".
_GOLD_STATUS = {"issued": "final"}
_NATIONAL_RULE_FORMS = {"AdministrativeRegulation", "DepartmentalRule", "Law"}
_DRAFT_WORDS = re.compile(r"^(?:the\s+)?(?:draft\s+)|\s*\((?:revised\s+)?draft[^()]*\)\s*$", re.I)


def normalise_title(title: str) -> str:
    """The form a title's IRI is minted from: no draft marker, no article, one spelling."""
    return label_key(_DRAFT_WORDS.sub("", title.strip()))


@dataclass
class LinkedInstrument:
    iri: str
    title: str
    status: str
    issuers: list[tuple[str, str]]  # (iri, name)
    known: bool
    form: str | None
    span: tuple[int, int]
    head: str | None = None
    based_on: list[tuple[str, str]] = field(default_factory=list)
    name: str | None = None  # a known instrument's canonical title; None for one minted here


@dataclass
class LinkedCase:
    authority: tuple[str, str] | None
    respondent: str | None
    respondent_span: tuple[int, int] | None
    legal_basis: list[tuple[str, str]]
    fine: tuple[float, str] | None
    personal_fine: tuple[float, str] | None
    actions: list[str]
    app_count: int | None


@dataclass
class LinkedItem:
    """One item with every entity resolved; offsets are into the newsletter text."""

    extraction: ItemExtraction
    authorities: list[tuple[str, str, list[tuple[int, int]]]] = field(default_factory=list)
    instruments: list[LinkedInstrument] = field(default_factory=list)
    cited_laws: list[tuple[str, str]] = field(default_factory=list)
    cases: list[LinkedCase] = field(default_factory=list)
    minted: dict[str, dict[str, Any]] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        item = self.extraction.item
        out: dict[str, Any] = {
            **item.to_json(),
            "authorities": [name for _, name, _ in self.authorities],
            "instruments": [
                {"title": i.title, "name": i.name or i.title,
                 "status": _GOLD_STATUS.get(i.status, i.status),
                 "issuers": [n for _, n in i.issuers],
                 "iri": i.iri, "form": i.form, "known": i.known, "span": list(i.span),
                 "issuer_iris": [iri for iri, _ in i.issuers],
                 "based_on": [name for _, name in i.based_on]}
                for i in self.instruments
                # "violating advertising law": a law named in lower case is cited, not titled
                if not (i.known and i.title == i.title.lower())
            ],
            "cited_laws": [name for _, name in self.cited_laws],
            "entities": [
                {"type": "authority", "name": name, "iri": iri, "altLabels": self._alt(iri),
                 "spans": [list(s) for s in spans]}
                for iri, name, spans in self.authorities
            ],
        }
        cases = [_case_json(c, self._alt(c.authority[0]) if c.authority else [])
                 for c in self.cases]
        if len(cases) > 1:
            out["case"] = None
            out["cases"] = cases
        else:
            out["case"] = cases[0] if cases else None
        return out

    def _alt(self, iri: str) -> list[str]:
        """The other names kg gives a body it minted ("People's Bank of China Changsha Branch"
        for "Changsha People's Bank of China")."""
        return list(self.minted.get(iri, {}).get("alt_names") or ())


def _case_json(c: LinkedCase, alt_names: list[str]) -> dict[str, Any]:
    fine_cny = c.fine[0] if c.fine and c.fine[1] == "CNY" else None
    return {
        # the acting body as an entity: its name, IRI and other names
        "authority": ({"name": c.authority[1], "iri": c.authority[0], "altLabels": alt_names}
                      if c.authority else None),
        "respondent": c.respondent,
        "legal_basis": [n for _, n in c.legal_basis],
        "fine_cny": int(fine_cny) if fine_cny is not None and fine_cny.is_integer() else fine_cny,
        "fine": {"value": c.fine[0], "currency": c.fine[1]} if c.fine else None,
        "personal_fine": ({"value": c.personal_fine[0], "currency": c.personal_fine[1]}
                          if c.personal_fine else None),
        "actions": c.actions,
        "app_count": c.app_count,
        "respondent_span": list(c.respondent_span) if c.respondent_span else None,
    }


class Linker:
    """Mentions to IRIs.

    lexicon
        The ontology's names; every label is indexed under a case- and punctuation-free key.
    fuzzy_threshold
        Minimum rapidfuzz ratio (0-100) for a near-variant title to link to a known
        instrument; 92 accepts "Measures of Security Assessment for Data Export" for "Measures
        for Security Assessment of Data Export" but not a different measure on the same topic.
    """

    def __init__(self, lexicon: Lexicon, fuzzy_threshold: float = 92.0) -> None:
        self.lexicon = lexicon
        self.fuzzy_threshold = fuzzy_threshold
        self.known = lexicon.by_iri()
        self.instrument_keys: dict[str, str] = {}
        for k in lexicon.instruments:
            for label in (k.name, *k.aliases):
                self.instrument_keys.setdefault(label_key(label), k.iri)
        self._fuzzy_choices = list(self.instrument_keys)
        self.places = {p.iri: p for p in lexicon.places}
        self.body_types = {b.iri: b for b in lexicon.body_types}
        self._place_names = {p.name.lower(): p for p in lexicon.places}
        self._national = next((p.iri for p in lexicon.places if p.level == "country"), "")
        counts = Counter(p.name.lower() for p in lexicon.places)
        self._shared_names = frozenset(n for n, k in counts.items() if k > 1)

    # -- entities -----------------------------------------------------------------------
    def authority(self, m: Mention) -> tuple[str, str, dict[str, Any] | None]:
        """(IRI, canonical name, description of a newly minted local body or None)."""
        if m.kind == "authority" and m.ref:
            return m.ref, self.known[m.ref].name if m.ref in self.known else m.text, None
        bt = self.body_types.get(m.body_type or "")
        if m.place is None and bt is not None:
            # "a public security organ": a body of that type the text gives no place for
            name = " ".join(m.text.split())
            return authority_iri("unnamed-" + slugify(name)), name, {
                "name": name, "place": self._national, "place_name": "China",
                "body_type": bt.iri, "parent": bt.parent, "class": "Authority"}
        place_iri_, place_name = self._place(m.place or "")
        if bt is None:
            return authority_iri(slugify(m.text)), m.text, None
        pattern = bt.pattern or "{place} {name}"
        name = pattern.format(place=place_name, name=bt.name)
        # Two places that share one name (a prefecture in each of two provinces) mint two bodies;
        # a district's body is named for its city too, however the text writes it.
        place = self.places.get(place_iri_)
        place_slug = (place_iri_.rsplit("/", 1)[-1] if place_name.lower() in self._shared_names
                      or (place is not None and place.county_level) else slugify(place_name))
        iri = authority_iri(f"{place_slug}-{bt.iri.rsplit('/', 1)[-1]}")
        info = {"name": name, "place": place_iri_, "place_name": place_name,
                "body_type": bt.iri, "parent": bt.parent, "class": bt.cls,
                "alt_names": [p.format(place=place_name) for p in bt.alt_patterns]}
        basic = bool(bt.pattern) and not bt.pattern.startswith("{place}")
        if bt.cls == "Court" and "people" not in m.text.lower() and basic:
            # a basic court is shown as the text names it: "the Xiangzhou District Court", not
            # "People's Court of ..."; "the Beijing High Court" stays the Higher People's Court
            name = f"{place_name} {bt.name}".replace("People's ", "")
        return iri, name, info

    def _qualified_places(self, mentions: list[Mention]) -> dict[str | None, str]:
        """A district the item once writes with its city ("police in Shanghai's Jing'an
        district") keeps the city wherever else the item names it ("the Jing'an District
        People's Court"): listed district -> the place as written with its city."""
        out: dict[str | None, str] = {}
        for m in mentions:
            if m.place and m.place.startswith("adhoc-place:"):
                iri, _ = self._place(m.place)
                if iri in self.places:
                    out[iri] = m.place
        return out

    def _place(self, ref: str) -> tuple[str, str]:
        if ref.startswith("adhoc-place:"):
            name = ref.split(":", 1)[1]
            return place_iri(slugify(name)), name
        place = self.places.get(ref)
        if place is None:
            return ref, ref.rsplit("/", 1)[-1]
        return place.iri, place.name

    def instrument(self, inst: InstrumentMention) -> tuple[str, bool, str | None]:
        """(IRI, known?, legal form)."""
        ref = inst.mention.ref or self.instrument_keys.get(label_key(inst.title))
        if ref is None and self._fuzzy_choices:
            best = process.extractOne(label_key(inst.title), self._fuzzy_choices, scorer=fuzz.ratio,
                                      score_cutoff=self.fuzzy_threshold)
            if best is not None:
                ref = self.instrument_keys[best[0]]
        if ref is not None and ref in self.known:
            return ref, True, self.known[ref].form
        form = self.lexicon.form_of_head.get((inst.head or "").lower())
        return instrument_iri(slugify(normalise_title(inst.title))), False, form

    # -- items --------------------------------------------------------------------------
    def link(self, ext: ItemExtraction) -> LinkedItem:
        out = LinkedItem(ext)
        names: dict[str, str] = {}
        spans: dict[str, list[tuple[int, int]]] = {}
        order: list[str] = []
        by_mention: dict[int, tuple[str, str]] = {}
        qualified = self._qualified_places(ext.authorities)
        for m in ext.authorities:
            iri, name, info = self.authority(replace(m, place=qualified.get(m.place, m.place)))
            by_mention[id(m)] = (iri, name)
            if info is not None:
                out.minted[iri] = info
            if iri not in names:
                names[iri] = name
                order.append(iri)
            spans.setdefault(iri, []).append((ext.to_source(m.start), ext.to_source(m.end)))
        out.authorities = [(iri, names[iri], spans[iri]) for iri in order]
        seen: dict[str, LinkedInstrument] = {}
        rank = {"unknown": 0, "issued": 1, "draft": 2}
        aside = set_aside(ext.text, ext.instruments)
        linked_as = [self.instrument(inst) for inst in ext.instruments]
        # A law the item reports as a draft is its development, cited by none of its mentions.
        drafts = {iri for (iri, _, _), inst in zip(linked_as, ext.instruments, strict=True)
                   if drafted(ext.text, inst)}
        for n, inst in enumerate(ext.instruments):
            if n in aside:
                continue  # "rather than the Food Safety Law": named, not relied on
            iri, known, form = linked_as[n]
            k = self.known.get(iri)
            if (k is not None and k.short and (iri, k.short) not in out.cited_laws
                    and iri not in drafts and not kind_of(ext.text, inst)):
                out.cited_laws.append((iri, k.short))
            issuers = [by_mention[id(a)] for a in inst.issuers if id(a) in by_mention]
            span = (ext.to_source(inst.mention.start), ext.to_source(inst.mention.end))
            if iri in seen:
                prev = seen[iri]
                if rank[inst.status] > rank[prev.status]:
                    prev.status = inst.status
                if prev.title == prev.title.lower() and inst.title != inst.title.lower():
                    prev.title, prev.span = inst.title, span  # the title as titled, not described
                for pair in issuers:
                    if pair not in prev.issuers:
                        prev.issuers.append(pair)
                continue
            if not known and self._is_local(inst.title, issuers, out.minted):
                form = "LocalRegulation" if form in _NATIONAL_RULE_FORMS else form
            based_on = []
            for law in inst.based_on:
                law_iri, _, _ = self.instrument(law)
                k = self.known.get(law_iri)
                if k is not None and (law_iri, k.short or k.name) not in based_on:
                    based_on.append((law_iri, k.short or k.name))
            linked = LinkedInstrument(iri, inst.title, inst.status, list(dict.fromkeys(issuers)),
                                      known, form, span, inst.head, based_on,
                                      self.known[iri].name if iri in self.known else None)
            seen[iri] = linked
            out.instruments.append(linked)
        for case in ext.cases:
            a = case.authority
            if a is not None and id(a) not in by_mention:  # named in another paragraph
                iri, name, info = self.authority(a)
                by_mention[id(a)] = (iri, name)
                if info is not None:
                    out.minted.setdefault(iri, info)
                if case.authority_from in _OUTSIDE and all(iri != x for x, _, _ in
                                                           out.authorities):
                    # named by no paragraph of the document: the item is where it acts
                    out.authorities.append((iri, name, []))
            out.cases.append(self._case(case, by_mention, ext, {
                id(ext.instruments[n]) for n in aside}))
        return out

    def _is_local(self, title: str, issuers: list[tuple[str, str]],
                  minted: dict[str, dict[str, Any]]) -> bool:
        """A rule issued by a local body, or titled after a place ("Xiamen ... Regulations")."""
        if any(iri in minted for iri, _ in issuers):
            return True
        first = title.split()[0].strip("“\"") if title.split() else ""
        place = self._place_names.get(first.lower())
        return place is not None and place.level != "country"

    def _case(self, c: CaseMention, by_mention: dict[int, tuple[str, str]],
              ext: ItemExtraction, aside: set[int]) -> LinkedCase:
        basis: list[tuple[str, str]] = []
        for inst in c.legal_basis:
            if id(inst) in aside:
                continue  # a law the item sets aside is no case's basis
            iri, known, _ = self.instrument(inst)
            k = self.known.get(iri)
            if known and k is not None and k.short and (iri, k.short) not in basis:
                basis.append((iri, k.short))
        authority = by_mention.get(id(c.authority)) if c.authority is not None else None
        span = ((ext.to_source(c.respondent_span[0]), ext.to_source(c.respondent_span[1]))
                if c.respondent_span else None)
        return LinkedCase(
            authority, c.respondent, span, basis,
            (c.fine.value, c.fine.currency) if c.fine else None,
            (c.personal_fine.value, c.personal_fine.currency) if c.personal_fine else None,
            c.actions, c.app_count)
