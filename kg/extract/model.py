"""What the extractor finds in one item: mentions, and the relations between them.

Offsets are into the item text (headline, newline, body); `ItemExtraction.to_source` maps them
back to the newsletter. Mentions carry the ruler's candidate IRI (`ref`) when the text matched
a known label; the link stage decides the final IRI.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from kg.ingest import Item


@dataclass
class Mention:
    """A span naming an authority, instrument, place or organisation."""

    kind: str  # "authority" | "local_authority" | "instrument" | "organisation" | "place"
    text: str
    start: int
    end: int
    ref: str | None = None  # candidate IRI from the ruler
    place: str | None = None  # place IRI, for local authorities
    body_type: str | None = None  # body-type IRI, for local authorities


@dataclass
class InstrumentMention:
    """An instrument title in the item, with what the text says about it."""

    mention: Mention
    title: str
    status: str = "unknown"  # "draft" | "issued" | "unknown", the notations of id:status/
    issuers: list[Mention] = field(default_factory=list)
    head: str | None = None
    based_on: list[InstrumentMention] = field(default_factory=list)


@dataclass
class Amount:
    value: float
    currency: str
    start: int
    end: int
    personal: bool = False  # a fine on the responsible person rather than the entity


# `CaseMention.authority_from` of an actor the text leaves unnamed ("Local police arrested ...").
UNNAMED = "unnamed"


@dataclass
class CaseMention:
    """One enforcement action against one respondent."""

    authority: Mention | None
    respondent: str | None
    respondent_span: tuple[int, int] | None
    legal_basis: list[InstrumentMention]
    fine: Amount | None
    personal_fine: Amount | None
    actions: list[str]
    app_count: int | None = None
    date: str | None = None  # the item's date: when the penalty was reported
    aliases: tuple[str, ...] = ()  # other names the text gives the respondent
    anaphor: bool = False  # named only by a back reference ("the company")
    # where the actor was found: "clause" | "item" | "story" | ...; "unnamed" for "local police"
    authority_from: str | None = None
    fine_kind: str = ""  # "exact" | "total" | "bound" ("over 10 million"): how sure the fine is
    actor_hint: str | None = None  # the kind of an unnamed actor ("cyberspace" for "the
    # cyberspace regulator"), to find the body it means elsewhere in the story
    headline: bool = False  # told only in a headline's telegraphese ("Database Fined")

    @property
    def actor_to_find(self) -> bool:
        """No actor yet, and none left unnamed on purpose ("local police"): the story, the
        lead or the kind of body the sentence names may still give one."""
        return self.authority is None and self.authority_from != UNNAMED


@dataclass
class ItemExtraction:
    item: Item
    text: str
    authorities: list[Mention] = field(default_factory=list)
    instruments: list[InstrumentMention] = field(default_factory=list)
    cases: list[CaseMention] = field(default_factory=list)
    amounts: list[Amount] = field(default_factory=list)

    def to_source(self, offset: int) -> int:
        """An offset in the item text as an offset in the newsletter text."""
        head = len(self.item.headline)
        if offset <= head:
            return self.item.headline_span[0] + offset
        return self.item.body_span[0] + offset - head - 1
