"""Cue phrases of the ontology's reader-cue scheme that the extractor reads, compiled once.

`ontology/kg.ttl` holds them as `kg:cue` phrases of `kg:ReaderCueScheme` concepts, by notation:
"contrast" ("rather than") marks a law named only to say it was not the one applied. Only
`kg.ttl` is parsed, once, by the reader (`kg.ingest.prose.cue_phrases`).
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.ingest.prose import cue_phrases


@lru_cache(maxsize=1)
def reader_cues() -> dict[str, tuple[str, ...]]:
    """Every reader-cue notation with its phrases, longest first."""
    return {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in cue_phrases().items()}


@lru_cache(maxsize=16)
def cue_regex(notation: str, suffix: str = "") -> re.Pattern[str] | None:
    """The phrases of one notation as one case-insensitive, whole-word regex (then `suffix`);
    None when the scheme has none."""
    phrases = reader_cues().get(notation, ())
    if not phrases:
        return None
    alts = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(rf"\b(?:{alts})\b{suffix}", re.I)
