"""What kg knows of authorities, instruments, places and body types, read from the ontology's
Turtle files by `kg.lexicon.loader`.

Every name, alias and head word that the extractor matches and the linker resolves comes from
here; the Python modules of kg/extract hold only the grammar that combines them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from .cues import spelled
from .title_grammar import TitleGrammar


@dataclass(frozen=True)
class Known:
    """An authority or instrument the ontology names, with every label it goes by."""

    iri: str
    name: str
    aliases: tuple[str, ...]
    kind: str  # "authority" | "instrument" | "organisation"
    form: str | None = None  # instrument class local name, e.g. "Law"
    short: str | None = None  # the short name a law is cited by ("Cybersecurity Law")


@lru_cache(maxsize=1)
def county_suffixes() -> tuple[str, ...]:
    """The words that end a county-level division's English name ("District", "New Area"),
    as the ontology writes them and in lower case, as news agencies write them ("Haidian
    district"): a name in lower case is a place only where the place data lists it."""
    written = spelled("county-suffix")
    return (*written, *(s.lower() for s in written))


@lru_cache(maxsize=1)
def adhoc_place() -> re.Pattern[str]:
    """A district or county by its shape ("Haidian District", "Jing'an County"); the
    lexicon's place index says which place it is, when the place data lists it."""
    ends = "|".join(map(re.escape, county_suffixes()))
    # "Jing'an" holds an apostrophe; "Shanghai's" is a possessive before the name
    word = r"[A-Z][a-z]+(?:['’](?!s\b)[a-z]+)?"
    return re.compile(rf"\b(?!The\s)({word}(?:\s{word})?\s(?:{ends}))\b")


@dataclass(frozen=True)
class Place:
    """A place with its labels. `shaped` labels are not ruler patterns: "Jing'an District" and
    "Shanghai Jing'an District" are left to the pipeline's district-and-county shape rule and
    resolved through `Lexicon.place_index`, so the thousands of county-level names cost the
    ruler nothing; a shared name shown for a place ("Suzhou" for "Suzhou, Anhui") is
    never matched alone."""

    iri: str
    name: str
    aliases: tuple[str, ...]
    level: str  # "country" | "province" | "city" | "district" | ...
    parent: str | None
    shaped: tuple[str, ...] = ()

    @property
    def patterns(self) -> tuple[str, ...]:
        """The labels the ruler matches."""
        return tuple(a for a in (self.name, *self.aliases) if a not in self.shaped)

    @property
    def county_level(self) -> bool:
        """A district, county or the like: its name is unique only with its city's."""
        return self.level in COUNTY_LEVEL


COUNTY_LEVEL = frozenset({"district", "county", "county-level city", "banner", "new area",
                          "autonomous county", "autonomous banner", "forestry district",
                          "special district"})


def place_key(label: str) -> str:
    """Case-, space- and apostrophe-blind key of a place name ("Jing’an District")."""
    return "".join(ch for ch in label.lower() if ch.isalnum())


@dataclass(frozen=True)
class BodyType:
    """A kind of local body ("cyberspace administration") with its national parent."""

    iri: str
    name: str
    aliases: tuple[str, ...]
    parent: str | None
    cls: str  # class local name for minted bodies: "LocalAuthority", "Court", ...
    pattern: str | None  # "{place} People's Bank of China"; default "{place} {name}"
    alt_patterns: tuple[str, ...] = ()  # other names: "People's Bank of China {place} Branch"


@dataclass
class Lexicon:
    authorities: list[Known] = field(default_factory=list)
    instruments: list[Known] = field(default_factory=list)
    organisations: list[Known] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    place_index: dict[str, str] = field(default_factory=dict)  # place_key(shaped label) -> IRI
    body_types: list[BodyType] = field(default_factory=list)
    grammar: TitleGrammar = field(
        default_factory=lambda: TitleGrammar(frozenset(), (), frozenset()))
    form_of_head: dict[str, str] = field(default_factory=dict)
    status_cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    action_cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    currencies: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sectors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    basis_cues: tuple[str, ...] = ()
    # Lower-case descriptions of authorities ("china's central bank", "the banking regulator"):
    # labels that name a body by what it does, resolved by the item's date through `succession`.
    descriptions: frozenset[str] = frozenset()
    # authority IRI -> ((ISO date of the change, successor IRI), ...), from org:ChangeEvent.
    succession: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)

    def successor_at(self, iri: str, date: str | None) -> str:
        """The body that `iri` had become by `date` (ISO, or a prefix of one); the latest when
        `date` is None. "banking regulator" is the CBRC in 2017, the CBIRC in 2020, the NFRA in
        2024."""
        seen = {iri}
        while True:
            nxt = next((succ for when, succ in self.succession.get(iri, ())
                        if date is None or when[: len(date)] <= date), None)
            if nxt is None or nxt in seen:
                return iri
            seen.add(nxt)
            iri = nxt

    def by_iri(self) -> dict[str, Known]:
        return {k.iri: k for k in (*self.authorities, *self.instruments, *self.organisations)}
