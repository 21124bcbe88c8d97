"""What kg knows, read from `ontology/`: names and aliases, places, body types, the title
grammar and the cue phrases. Stage 1, below every stage that reads text.

The reader needs only the cue phrases, so the lexicon's loader (and rdflib with it) is
imported when `load_lexicon` is first called, not when the reader imports this package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .cues import (
    cue_phrases,
    cue_regex,
    cue_spellings,
    cue_words,
    folded,
    reader_cues,
    spelled,
    written_regex,
)
from .model import BodyType, Known, Lexicon, Place, adhoc_place, county_suffixes, place_key
from .title_grammar import TitleGrammar

if TYPE_CHECKING:
    from .loader import lexicon_from_graph, load_lexicon

__all__ = [
    "BodyType", "Known", "Lexicon", "Place", "TitleGrammar", "adhoc_place", "county_suffixes",
    "cue_phrases", "cue_regex", "cue_spellings", "cue_words", "folded", "lexicon_from_graph",
    "load_lexicon", "place_key", "reader_cues", "spelled", "written_regex",
]


def __getattr__(name: str) -> Any:
    if name in ("load_lexicon", "lexicon_from_graph"):
        from . import loader

        return getattr(loader, name)
    raise AttributeError(f"module 'kg.lexicon' has no attribute {name!r}")
