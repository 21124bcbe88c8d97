"""Cue phrases of the ontology's reader-cue scheme that the extractor reads, compiled once.

`ontology/kg.ttl` holds them as `kg:cue` phrases of `kg:ReaderCueScheme` concepts, by notation:
"contrast" ("rather than") marks a law named only to say it was not the one applied. Only
`kg.ttl` is parsed (a few milliseconds), not the whole ontology.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path

_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX kg: <https://w3id.org/cnkg/ontology#>
SELECT ?notation ?cue WHERE {
  ?c skos:inScheme kg:ReaderCueScheme ; skos:notation ?notation ; kg:cue ?cue }
"""


def _ontology_dir() -> Path:
    return Path(os.environ.get("KG_ONTOLOGY_DIR",
                               Path(__file__).resolve().parents[2] / "ontology"))


@lru_cache(maxsize=1)
def reader_cues() -> dict[str, tuple[str, ...]]:
    """Every reader-cue notation with its phrases, case-folded."""
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(path=str(_ontology_dir() / "kg.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    found: dict[str, list[str]] = {}
    for row in store.query(_QUERY):
        found.setdefault(row["notation"].value, []).append(row["cue"].value.casefold())
    return {k: tuple(sorted(set(v), key=len, reverse=True)) for k, v in found.items()}


@lru_cache(maxsize=16)
def cue_regex(notation: str, suffix: str = "") -> re.Pattern[str] | None:
    """The phrases of one notation as one case-insensitive, whole-word regex (then `suffix`);
    None when the scheme has none."""
    phrases = reader_cues().get(notation, ())
    if not phrases:
        return None
    alts = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in phrases)
    return re.compile(rf"\b(?:{alts})\b{suffix}", re.I)
