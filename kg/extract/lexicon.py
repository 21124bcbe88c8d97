"""What the extractor knows, read from the ontology's Turtle files.

Every name, alias, head word and cue phrase the pipeline matches comes from here; the Python
modules hold only the grammar that combines them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .titles import TitleGrammar


@dataclass(frozen=True)
class Known:
    """An authority or instrument the ontology names, with every label it goes by."""

    iri: str
    name: str
    aliases: tuple[str, ...]
    kind: str  # "authority" | "instrument" | "organisation"
    form: str | None = None  # instrument class local name, e.g. "Law"
    short: str | None = None  # the short name a law is cited by ("Cybersecurity Law")


@dataclass(frozen=True)
class Place:
    iri: str
    name: str
    aliases: tuple[str, ...]
    level: str  # "country" | "province" | "city" | "district" | ...
    parent: str | None


@dataclass(frozen=True)
class BodyType:
    """A kind of local body ("cyberspace administration") with its national parent."""

    iri: str
    name: str
    aliases: tuple[str, ...]
    parent: str | None
    cls: str  # class local name for minted bodies: "LocalAuthority", "Court", ...
    pattern: str | None  # "People's Bank of China {place} Branch"; default "{place} {name}"


@dataclass
class Lexicon:
    authorities: list[Known] = field(default_factory=list)
    instruments: list[Known] = field(default_factory=list)
    organisations: list[Known] = field(default_factory=list)
    places: list[Place] = field(default_factory=list)
    body_types: list[BodyType] = field(default_factory=list)
    grammar: TitleGrammar = field(
        default_factory=lambda: TitleGrammar(frozenset(), (), frozenset()))
    form_of_head: dict[str, str] = field(default_factory=dict)
    status_cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    action_cues: dict[str, tuple[str, ...]] = field(default_factory=dict)
    currencies: dict[str, tuple[str, ...]] = field(default_factory=dict)
    sectors: dict[str, tuple[str, ...]] = field(default_factory=dict)
    basis_cues: tuple[str, ...] = ()

    def by_iri(self) -> dict[str, Known]:
        return {k.iri: k for k in (*self.authorities, *self.instruments, *self.organisations)}
