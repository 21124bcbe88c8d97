"""Cue phrases of the ontology's reader-cue scheme that the extractor reads, compiled once.

`ontology/kg.ttl` holds them as `kg:cue` phrases of `kg:ReaderCueScheme` concepts, by notation:
"contrast" ("rather than") marks a law named only to say it was not the one applied,
"batch-head" and "responsible-role" tell what kind of party a respondent phrase names,
"not-a-fine" and "bound" tell which amount of a clause is a fine and how it is stated. Only
`kg.ttl` is parsed, once, by the reader (`kg.ingest.layout.cue_phrases`); `cue_words` gives one
notation's phrases as a regex group for a pattern that puts its grammar around them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from kg.ingest.layout import cue_phrases, cue_words

__all__ = ["cue_phrases", "cue_regex", "cue_words", "reader_cues"]


@lru_cache(maxsize=1)
def reader_cues() -> dict[str, tuple[str, ...]]:
    """Every reader-cue notation with its phrases, longest first."""
    return {k: tuple(sorted(set(v), key=lambda p: (-len(p), p)))
            for k, v in cue_phrases().items()}


@lru_cache(maxsize=16)
def cue_regex(notation: str, suffix: str = "") -> re.Pattern[str] | None:
    """The phrases of one notation as one case-insensitive, whole-word regex (then `suffix`);
    None when the scheme has none."""
    if notation not in reader_cues():
        return None
    return re.compile(cue_words(notation) + suffix, re.I)
