"""The spaCy pipeline, assembled from the lexicon.

blank English tokenizer -> a ruler whose patterns are every label of every authority,
instrument, place and local body type (each pattern carries the IRI as its id). Local
authorities are composed from place + body type after the pipeline, and line-aware sentence
boundaries (`sentence_starts`) are computed only for items that need them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache

import numpy
import spacy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.strings import StringStore
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex
from spacy.vocab import Vocab

from kg.lexicon import ADHOC_PLACE, Lexicon
from kg.vocab.labels import spellings

AUTHORITY = "AUTHORITY"
INSTRUMENT = "INSTRUMENT"
PLACE = "PLACE"
BODY = "BODY"
ORGANISATION = "ORG"
LOCAL = "LOCAL_AUTHORITY"

_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&+]{1,9}s?$")


# The words a district's or county's name ends in (see ADHOC_PLACE).
_SHAPE_WORDS = ("District", "County", "Area")
_SHAPE_ENDS = ("District", "County", "New Area")


def adhoc_places(text: str) -> Iterator[re.Match[str]]:
    """`ADHOC_PLACE.finditer(text)`, trying the pattern only where a match can start: at a
    capital letter among the two words before "District", "County" or "New Area" (what lies
    between is letters, apostrophes and at most one space besides the one before the word)."""
    starts: set[int] = set()
    for word in _SHAPE_ENDS:
        q = text.find(word)
        while q >= 0:
            spaces = 0
            i = q
            while i > 0:
                c = text[i - 1]
                if c.isspace():
                    spaces += 1
                    if spaces > 2:
                        break
                elif not ("A" <= c <= "Z" or "a" <= c <= "z" or c in "'’"):
                    break
                elif "A" <= c <= "Z":
                    starts.add(i - 1)
                i -= 1
            q = text.find(word, q + 1)
    pos = 0
    for p in sorted(starts):
        if p >= pos and (m := ADHOC_PLACE.match(text, p)) is not None:
            yield m
            pos = m.end()


def sentence_starts(doc: Doc) -> list[int]:
    """Character offsets where sentences start: spaCy's sentencizer rule plus line breaks.

    The rule: a token that is not punctuation starts a sentence when one of the sentencizer's
    sentence-final characters stands as a token since the last such token; so does the token
    after a newline. It is computed from the token arrays for only the items that need it,
    rather than by the sentencizer component on every item. Python reads only the
    punctuation and space tokens: every other token is a word that no rule needs to look at.
    """
    if not len(doc):
        return [0]
    rows = doc.to_array([ORTH, IS_PUNCT, IS_SPACE, IDX])
    enders = _period_ids()
    strings = doc.vocab.strings
    if not _enders_are_punct(doc.vocab):
        return _starts_token_by_token(rows.tolist(), strings, enders)
    marks = numpy.flatnonzero(rows[:, 1] | rows[:, 2])
    last = len(rows) - 1
    starts = [0]
    ended = False
    prev = -1
    for i, orth, punct in zip(marks.tolist(), rows[marks, 0].tolist(), rows[marks, 1].tolist(),
                              strict=True):
        if ended and i > prev + 1:  # a word between the last mark and this one
            starts.append(prev + 1)
            ended = False
        prev = i
        if orth in enders:
            ended = True
        elif not punct:  # a space token
            if ended:
                starts.append(i)
                ended = False
            if i < last and "\n" in strings[orth]:
                starts.append(i + 1)
    if ended and prev < last:
        starts.append(prev + 1)
    return rows[sorted(set(starts)), 3].tolist()


def _starts_token_by_token(rows: list[list[int]], strings: StringStore,
                           enders: frozenset[int]) -> list[int]:
    """`sentence_starts` read token by token (for a vocabulary in which a sentence-final
    character is not punctuation)."""
    last = len(rows) - 1
    starts = [0]
    ended = False
    for i, (orth, punct, space, _) in enumerate(rows):
        if orth in enders:
            ended = True
            continue
        if punct:
            continue
        if ended:
            starts.append(i)
            ended = False
        if space and i < last and "\n" in strings[orth]:
            starts.append(i + 1)
    return [rows[i][3] for i in sorted(set(starts))]


@lru_cache(maxsize=1)
def _period_ids() -> frozenset[int]:
    """Hashes of the sentencizer's sentence-final characters (the same in every StringStore)."""
    from spacy.pipeline.sentencizer import Sentencizer
    from spacy.strings import hash_string

    return frozenset(hash_string(c) for c in Sentencizer.default_punct_chars)


_ENDERS_ARE_PUNCT: dict[int, bool] = {}


def _enders_are_punct(vocab: Vocab) -> bool:
    """True when the vocabulary counts every sentence-final character as punctuation (as
    English does), so that only punctuation tokens need to be read for them."""
    key = id(vocab)
    if key not in _ENDERS_ARE_PUNCT:
        from spacy.pipeline.sentencizer import Sentencizer

        getter = vocab.lex_attr_getters.get(IS_PUNCT)
        _ENDERS_ARE_PUNCT[key] = getter is not None and all(
            getter(c) for c in Sentencizer.default_punct_chars)
    return _ENDERS_ARE_PUNCT[key]


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
            for name in spellings(" ".join(written.split())):
                if label == BODY and name.lower() in national:
                    continue
                if not name or (label, name.lower()) in seen:
                    continue
                seen.add((label, name.lower()))
                patterns.append(_pattern(label, iri, name))
    return patterns


def _pattern(label: str, iri: str, name: str) -> dict:
    return {"label": label, "id": iri, "pattern": name}


class LexiconRuler:
    """An entity ruler over two phrase matchers: names on LOWER, acronyms on ORTH.

    It does what spaCy's EntityRuler does for phrase patterns (each match labelled, the IRI as
    its id, overlaps resolved longest-first, names before acronyms), but hands the spans over
    (`spans`) without writing `doc.ents`, which only a pipeline run (`__call__`) does: the
    getter and setter walk every token in Python, and extraction reads each span's IRI as its
    `id_`.
    """

    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        self.names = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.acronyms = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.targets: dict[int, tuple[str, str]] = {}
        self.hashes: dict[int, tuple[int, int]] = {}  # match id -> (label, IRI) as string ids
        self.shape_words = numpy.array([nlp.vocab.strings.add(w) for w in _SHAPE_WORDS],
                                       dtype=numpy.uint64)

    def add_patterns(self, patterns: list[dict]) -> None:
        """Add phrase patterns ({"label", "id", "pattern"}), tokenised as newsletter text is."""
        by_key: dict[tuple[bool, str, str], list[Doc]] = {}
        for p in patterns:
            acronym = bool(_ACRONYM.match(p["pattern"]))
            by_key.setdefault((acronym, p["label"], p["id"]), []).append(
                self.nlp.make_doc(p["pattern"]))
        for (acronym, label, iri), docs in by_key.items():
            key = f"{label}|{iri}"
            match_id = self.nlp.vocab.strings.add(key)
            self.targets[match_id] = (label, iri)
            self.hashes[match_id] = (self.nlp.vocab.strings.add(label),
                                     self.nlp.vocab.strings.add(iri))
            (self.acronyms if acronym else self.names).add(key, docs)

    def extra_spans(self, doc: Doc, text: str | None = None) -> list[tuple[int, int, int, int,
                                                                             str, str]]:
        """Districts and counties by shape, for place data that stops at cities.

        `text` is the doc's text when the caller has it (building `doc.text` walks every
        token); a substring test on it, then the pattern, then a test on the words.
        """
        if text is not None and not any(map(text.__contains__, _SHAPE_WORDS)):
            return []
        found = list(adhoc_places(doc.text if text is None else text))
        if not found:
            return []
        orth = doc.to_array(ORTH)
        if not any((orth == h).any() for h in self.shape_words):
            return []
        out = []
        for m in found:
            span = doc.char_span(m.start(1), m.end(1), alignment_mode="contract")
            if span is not None:
                out.append((len(span), -2, span.start, span.end, PLACE,
                            "adhoc-place:" + m.group(1)))
        return out

    def spans(self, doc: Doc, text: str | None = None) -> list[Span]:
        """The entity spans of a tokenised text, in order, each with its IRI as `id_`. The
        caller keeps the list: `doc.ents` is left as it was."""
        found = []
        hashes = self.hashes
        for rank, matcher in ((0, self.names), (-1, self.acronyms)):
            for match_id, start, end in matcher(doc):
                label, iri = hashes[match_id]
                found.append((end - start, rank, start, end, label, iri))
        strings = doc.vocab.strings
        found.extend((*t[:4], strings.add(t[4]), strings.add(t[5]))
                     for t in self.extra_spans(doc, text))
        found.sort(key=lambda t: (-t[0], -t[1], t[2]))
        taken = bytearray(len(doc))
        keep = []
        for _, _, start, end, label, iri in found:
            if not any(taken[start:end]):
                taken[start:end] = b"\x01" * (end - start)
                keep.append(Span(doc, start, end, label=label, span_id=iri))
        keep.sort(key=lambda sp: sp.start)
        return keep

    def __call__(self, doc: Doc) -> Doc:
        """As a pipeline component: the spans written to `doc.ents`."""
        doc.set_ents(self.spans(doc))
        return doc


@Language.factory("kg_lexicon_ruler")
def make_lexicon_ruler(nlp: Language, name: str) -> LexiconRuler:
    return LexiconRuler(nlp)


def _keep_cache_on(tokenizer: Tokenizer) -> None:
    """Turn the tokenizer's one-token exceptions ("Co.", "e.g.", "\\n") into a token_match.

    spaCy stops caching a text's words once any exception has matched in it (see its
    `_save_cached`), and newline and space are exceptions, so an item's words after its title
    line would be tokenized from scratch each time. As a token_match the same strings stay
    whole and the cache keeps working, with the same tokens. Their norms ("Jan." ->
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
    # Split brackets and quotes off words even without a space: 'Technology("MIIT")', and the
    # full-width brackets of Chinese text: "China（国家网信办）issued".
    infixes = [*nlp.Defaults.infixes, r"[()\[\]“”\"（）【】《》「」『』〈〉]"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    _keep_cache_on(nlp.tokenizer)
    # Names match case-insensitively; acronyms only as written ("MOST" is a ministry, "most"
    # is not). Phrase matchers cost the same for 20 patterns or 20,000.
    # Patterns are added after the component is made, not passed in its config: spaCy's
    # config system validates and copies every value it is given (0.1 s for these).
    nlp.add_pipe("kg_lexicon_ruler").add_patterns(patterns_from_lexicon(lexicon))
    return nlp
