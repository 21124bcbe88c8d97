"""Cue phrases of the ontology's reader-cue scheme, for the reader and the extractor alike.

`ontology/kg.ttl` holds them as `kg:cue` phrases of `kg:ReaderCueScheme` concepts, by notation:
"contrast" ("rather than") marks a law named only to say it was not the one applied,
"batch-head" and "responsible-role" tell what kind of party a respondent phrase names,
"not-a-fine" and "bound" tell which amount of a clause is a fine and how it is stated. Only
`kg.ttl` is parsed, once per process (`cue_spellings`); `cue_phrases` has the phrases case-folded,
as most are matched, and `spelled` those of a notation matched as written; `cue_words` gives
one notation's phrases as a regex group for a pattern that puts its grammar around them.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

__all__ = ["cue_phrases", "cue_regex", "cue_spellings", "cue_words", "head_words", "reader_cues",
           "spelled"]

# kg.vocab.ONTOLOGY_DIR, found the same way without importing rdflib into the reader.
_ONTOLOGY = Path(os.environ.get("KG_ONTOLOGY_DIR", Path(__file__).resolve().parents[2]
                                / "ontology"))
_CUE_QUERY = """
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX kg: <https://w3id.org/cnkg/ontology#>
SELECT ?notation ?cue WHERE {
  ?c skos:inScheme kg:ReaderCueScheme ; skos:notation ?notation ; kg:cue ?cue }
"""
_WORD_EDGE = re.compile(r"\w")


def _longest_first(phrases: list[str] | tuple[str, ...]) -> tuple[str, ...]:
    """Distinct phrases, longest first (as an alternation must try them), then in order."""
    return tuple(sorted(set(phrases), key=lambda p: (-len(p), p)))


@lru_cache(maxsize=1)
def _kg_ttl() -> Any:
    """`ontology/kg.ttl` in a small in-memory store: parsed once per process, for the cues and
    the head words alike."""
    import pyoxigraph

    store = pyoxigraph.Store()
    store.load(path=str(_ONTOLOGY / "kg.ttl"), format=pyoxigraph.RdfFormat.TURTLE)
    return store


@lru_cache(maxsize=1)
def cue_spellings() -> dict[str, list[str]]:
    """Every reader-cue notation of `ontology/kg.ttl` with its phrases as written, for the
    reader and the extractor alike."""
    found: dict[str, list[str]] = {}
    for row in _kg_ttl().query(_CUE_QUERY):
        found.setdefault(row["notation"].value, []).append(row["cue"].value)
    return found


@lru_cache(maxsize=1)
def head_words() -> frozenset[str]:
    """The head words of instrument titles ("measures", "law"), lower-cased, from the same file:
    a heading that ends with one names an instrument."""
    query = "SELECT ?w WHERE { ?c <https://w3id.org/cnkg/ontology#headword> ?w }"
    return frozenset(row["w"].value.lower() for row in _kg_ttl().query(query))


@lru_cache(maxsize=1)
def cue_phrases() -> dict[str, list[str]]:
    """Every reader-cue notation with its phrases case-folded, as most cues are matched."""
    return {k: [p.casefold() for p in v] for k, v in cue_spellings().items()}


@lru_cache(maxsize=16)
def spelled(notation: str) -> tuple[str, ...]:
    """The phrases of a notation matched as written ("abbreviation", "legal-form",
    "name-head": "No." is an abbreviation, "no." ends a sentence), longest first."""
    try:
        return _longest_first(cue_spellings()[notation])
    except KeyError:
        raise KeyError(f"no kg:cue phrases for the reader cue {notation!r} in "
                       f"{_ONTOLOGY}") from None


@lru_cache(maxsize=16)
def written_regex(notation: str) -> re.Pattern[str]:
    """The phrases of a notation matched as written, each at the start of a word ("Co.",
    "Ltd" in "X Technology Co., Ltd.")."""
    return re.compile(r"\b(?:" + "|".join(map(re.escape, spelled(notation))) + ")")


@lru_cache(maxsize=16)
def folded(notation: str) -> tuple[str, ...]:
    """The phrases of a notation case-folded, as most cues are matched, longest first."""
    try:
        return _longest_first(cue_phrases()[notation])
    except KeyError:
        raise KeyError(f"no kg:cue phrases for the reader cue {notation!r} in "
                       f"{_ONTOLOGY}") from None


@lru_cache(maxsize=64)
def cue_words(notation: str) -> str:
    """The phrases of one reader-cue notation as a regex group, for a pattern that puts its
    grammar around them: longest first, escaped, a space as any white space, each fenced as a
    whole word on a side where it starts or ends with a word character. A pattern without its
    words would match nothing or anything, so a notation the ontology lacks raises KeyError."""
    phrases = _longest_first(cue_phrases().get(notation, ()))
    if not phrases:
        raise KeyError(f"no kg:cue phrases for the reader cue {notation!r} in {_ONTOLOGY}")
    # A fence every phrase shares stands outside the group, as a hand-written pattern has it.
    lead = all(_WORD_EDGE.match(p[0]) for p in phrases)
    tail = all(_WORD_EDGE.match(p[-1]) for p in phrases)
    alts = "|".join(
        (r"\b" if not lead and _WORD_EDGE.match(p[0]) else "")
        + re.escape(p).replace(r"\ ", r"\s+")
        + (r"\b" if not tail and _WORD_EDGE.match(p[-1]) else "")
        for p in phrases)
    return (r"\b" if lead else "") + f"(?:{alts})" + (r"\b" if tail else "")


@lru_cache(maxsize=1)
def reader_cues() -> dict[str, tuple[str, ...]]:
    """Every reader-cue notation with its phrases, longest first."""
    return {k: _longest_first(v) for k, v in cue_phrases().items()}


@lru_cache(maxsize=16)
def cue_regex(notation: str, suffix: str = "") -> re.Pattern[str] | None:
    """The phrases of one notation as one case-insensitive, whole-word regex (then `suffix`);
    None when the scheme has none."""
    if notation not in reader_cues():
        return None
    return re.compile(cue_words(notation) + suffix, re.I)
