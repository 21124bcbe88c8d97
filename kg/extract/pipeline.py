"""The spaCy pipeline, assembled from the lexicon.

blank English tokenizer -> a ruler whose patterns are every label of every authority,
instrument, place and local body type (each pattern carries the IRI as its id). Local
authorities are composed from place + body type after the pipeline, and line-aware sentence
boundaries (`sentence_starts`) are computed only for items that need them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex

from .lexicon import Lexicon

AUTHORITY = "AUTHORITY"
INSTRUMENT = "INSTRUMENT"
PLACE = "PLACE"
BODY = "BODY"
ORGANISATION = "ORG"
LOCAL = "LOCAL_AUTHORITY"

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&+]{1,9}s?$")
# A district or county by its shape ("Haidian District", "Jing'an County"); the lexicon's
# place index says which place it is, when the place data lists it.
ADHOC_PLACE = re.compile(r"\b(?!The\s)([A-Z][a-z]+(?:['’][a-z]+)?(?:\s[A-Z][a-z]+(?:['’][a-z]+)?)?"
                         r"\s(?:District|County|New Area))\b")


def sentence_starts(doc: Doc) -> list[int]:
    """Character offsets where sentences start: spaCy's sentencizer rule plus line breaks.

    The rule (a token after a run holding one of the sentencizer's punctuation characters,
    that is not punctuation itself, starts a sentence; so does the token after a newline) is
    computed on token arrays, for only the items that need it: running the sentencizer
    component on every item cost a sixth of extraction.
    """
    if not len(doc):
        return [0]
    strings = doc.vocab.strings
    array = doc.to_array([ORTH, IS_PUNCT, IS_SPACE, IDX])
    orth, is_punct, is_space, idx = array[:, 0], array[:, 1], array[:, 2], array[:, 3]
    periods = _period_ids()  # sorted: a binary search per token (numpy.isin sorts each call)
    ends = periods[numpy.searchsorted(periods, orth).clip(0, len(periods) - 1)] == orth
    candidates = numpy.flatnonzero(~ends & (is_punct == 0))
    seen = numpy.concatenate(([0], numpy.cumsum(ends)))  # seen[i]: enders among tokens < i
    # A candidate starts a sentence when an ender came after the previous candidate.
    previous = numpy.concatenate(([-1], candidates[:-1]))
    starts = {0, *candidates[seen[candidates] - seen[previous + 1] > 0].tolist()}
    for i in numpy.flatnonzero(is_space).tolist():
        if i + 1 < len(doc) and "\n" in strings[int(orth[i])]:
            starts.add(i + 1)
    return [int(idx[i]) for i in sorted(starts)]


@lru_cache(maxsize=1)
def _period_ids() -> numpy.ndarray:
    """Hashes of the sentencizer's sentence-final characters (the same in every StringStore)."""
    from spacy.pipeline.sentencizer import Sentencizer
    from spacy.strings import hash_string

    return numpy.unique(numpy.array([hash_string(c) for c in Sentencizer.default_punct_chars],
                                    dtype=numpy.uint64))


def patterns_from_lexicon(lexicon: Lexicon) -> list[dict]:
    """One ruler pattern per label: acronyms match case-sensitively, names case-insensitively.

    Phrase patterns are tokenised by the ruler with `nlp.make_doc`, so they split exactly as
    newsletter text does.
    """
    groups: Iterable[tuple[str, str, Iterable[str]]] = [
        *((AUTHORITY, k.iri, (k.name, *k.aliases)) for k in lexicon.authorities),
        *((INSTRUMENT, k.iri, (k.name, *k.aliases)) for k in lexicon.instruments),
        *((ORGANISATION, k.iri, (k.name, *k.aliases)) for k in lexicon.organisations),
        *((PLACE, p.iri, p.patterns) for p in lexicon.places),
        *((BODY, b.iri, (b.name, *b.aliases)) for b in lexicon.body_types),
    ]
    patterns: list[dict] = []
    seen: set[tuple[str, str]] = set()
    # A body type written like a national authority ("SASAC") is left to the authority: its
    # local branches are found through the authority's own body type.
    national = {a.lower() for k in lexicon.authorities for a in (k.name, *k.aliases)}
    for label, iri, names in groups:
        for written in names:
            for name in _spellings(" ".join(written.split())):
                if label == BODY and name.lower() in national:
                    continue
                if not name or (label, name.lower()) in seen:
                    continue
                seen.add((label, name.lower()))
                patterns.append(_pattern(label, iri, name))
    return patterns


def _spellings(name: str) -> list[str]:
    """A label as newsletters type it: straight or curly apostrophes, either -ise/-ize."""
    forms = {name, name.replace("'", "’"), name.replace("’", "'")}
    for form in list(forms):
        forms.add(form.replace("isation", "ization"))
        forms.add(form.replace("ization", "isation"))
    return sorted(forms)


def _pattern(label: str, iri: str, name: str) -> dict:
    return {"label": label, "id": iri, "pattern": name}


class LexiconRuler:
    """An entity ruler over two phrase matchers: names on LOWER, acronyms on ORTH.

    It does what spaCy's EntityRuler does for phrase patterns (each match labelled, the IRI as
    its id, overlaps resolved longest-first, names before acronyms), but writes `doc.ents` once
    per document: the getter and setter walk every token in Python, and two stacked rulers
    paid for that six times per item.
    """

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.names = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.targets: dict[int, tuple[str, str]] = {}

    def add_patterns(self, patterns: list[dict]) -> None:
        """Add phrase patterns ({"label", "id", "pattern"}), tokenised as newsletter text is."""
        by_key: dict[tuple[bool, str, str], list[Doc]] = {}
        for p in patterns:
            acronym = bool(_ACRONYM.match(p["pattern"]))
            by_key.setdefault((acronym, p["label"], p["id"]), []).append(
                self.nlp.make_doc(p["pattern"]))
        for (acronym, label, iri), docs in by_key.items():
            key = f"{label}|{iri}"
            self.targets[self.nlp.vocab.strings.add(key)] = (label, iri)
            (self.acronyms if acronym else self.names).add(key, docs)

    def extra_spans(self, doc: Doc) -> list[tuple[int, int, int, int, str, str]]:
        """Districts and counties by shape, for place data that stops at cities.

        Reading `doc.text` walks every token, so the cheap check on the words comes first.
        """
        hints = [doc.vocab.strings.add(w) for w in ("District", "County", "Area")]
        if not numpy.isin(doc.to_array(ORTH), hints).any():
            return []
        out = []
        for m in ADHOC_PLACE.finditer(doc.text):
            span = doc.char_span(m.start(1), m.end(1), alignment_mode="contract")
            if span is not None:
                out.append((len(span), -2, span.start, span.end, PLACE,
                            "adhoc-place:" + m.group(1)))
        return out

    def __call__(self, doc: Doc) -> Doc:
        spans = []
        for rank, matcher in ((0, self.names), (1, self.acronyms)):
            for match_id, start, end in matcher(doc):
                label, iri = self.targets[match_id]
                spans.append((end - start, -rank, start, end, label, iri))
        spans.extend(self.extra_spans(doc))
        spans.sort(key=lambda t: (-t[0], -t[1], t[2]))
        taken = bytearray(len(doc))
        keep = []
        for _, _, start, end, label, iri in spans:
            if not any(taken[start:end]):
                taken[start:end] = b"\x01" * (end - start)
                keep.append(Span(doc, start, end, label=label, span_id=iri))
        doc.set_ents(sorted(keep, key=lambda sp: sp.start))
        return doc


@Language.factory("kg_lexicon_ruler")
def make_lexicon_ruler(nlp: Language, name: str) -> LexiconRuler:
    return LexiconRuler(nlp)


def _keep_cache_on(tokenizer: Tokenizer) -> None:
    """Turn the tokenizer's one-token exceptions ("Co.", "e.g.", "\\n") into a token_match.

    spaCy stops caching a text's words once any exception has matched in it (see its
    `_save_cached`), and newline and space are exceptions, so every item was tokenized from
    scratch after its title line. As a token_match the same strings stay whole and the cache
    keeps working: the same tokens, 5x faster on newsletter items. Their norms ("Jan." ->
    "january") are lost, which nothing here reads: the ruler matches ORTH and LOWER.
    Exceptions that split a string ("don't") stay exceptions.
    """
    whole = {key for key, tokens in tokenizer.rules.items()
             if len(tokens) == 1 and tokens[0][ORTH] == key}
    if not whole or tokenizer.token_match is not None:
        return  # nothing to move, or a token_match of the language's own to keep
    pattern = re.compile("|".join(re.escape(k) for k in sorted(whole, key=len, reverse=True)))
    tokenizer.rules = {k: v for k, v in tokenizer.rules.items() if k not in whole}
    tokenizer.token_match = pattern.fullmatch


def build_pipeline(lexicon: Lexicon) -> Language:
    """A blank English pipeline whose knowledge is the lexicon (no model download)."""
    nlp = spacy.blank("en")
    # Split brackets and quotes off words even without a space: 'Technology("MIIT")'.
    infixes = [*nlp.Defaults.infixes, r"[()\[\]“”\"]"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    _keep_cache_on(nlp.tokenizer)
    # Names match case-insensitively; acronyms only as written ("MOST" is a ministry, "most"
    # is not). Phrase matchers cost the same for 20 patterns or 20,000.
    # Patterns are added after the component is made, not passed in its config: spaCy's
    # config system validates and copies every value it is given (0.1 s for these).
    nlp.add_pipe("kg_lexicon_ruler").add_patterns(patterns_from_lexicon(lexicon))
    return nlp
