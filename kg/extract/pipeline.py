"""The spaCy pipeline, assembled from the lexicon.

blank English tokenizer -> a ruler whose patterns are every label of every authority,
instrument, place and local body type (each pattern carries the IRI as its id). Local
authorities are composed from place + body type after the pipeline, and line-aware sentence
boundaries (`kg.extract.sentence_bounds`) are computed only for items that need them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from itertools import pairwise

import spacy
from spacy.attrs import IS_PUNCT, IS_SPACE, LOWER, ORTH
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc, Span
from spacy.util import compile_infix_regex

from kg.lexicon import Lexicon, adhoc_place, county_suffixes, place_key
from kg.vocab.labels import spellings

from .scan import matches_at

AUTHORITY = "AUTHORITY"
INSTRUMENT = "INSTRUMENT"
PLACE = "PLACE"
BODY = "BODY"
ORGANISATION = "ORG"
LOCAL = "LOCAL_AUTHORITY"

# An acronym, in capitals ("MIIT", "TC260") or with a ministry's small letters ("MoF", "MofCom").
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&+]{1,9}s?$|^[A-Z][a-z]{1,2}[A-Z][A-Za-z]{0,4}$")
_ACRONYM_OPENING = re.compile(r"[A-Z](?:[A-Z0-9&+]|[a-z]{1,2}[A-Z])")
_CACHE_SIZE = 200_000  # the tokenizer's cache of split strings (spaCy's default: 10,000)
# The lexical attributes extraction reads: LOWER for the name matcher, IS_PUNCT and IS_SPACE for
# sentence bounds (`kg.extract.sentence_bounds`).
_LEX_ATTRS = frozenset((LOWER, IS_PUNCT, IS_SPACE))


@lru_cache(maxsize=1)
def _shape_words() -> tuple[str, ...]:
    """The last words of the county-level suffixes ("Area" of "New Area"), each a token."""
    return tuple(dict.fromkeys(w.split()[-1] for w in county_suffixes()))


def adhoc_places(text: str) -> Iterator[re.Match[str]]:
    """`adhoc_place().finditer(text)`, trying the pattern only where a match can start: at a
    capital letter among the two words before "District", "County" or "New Area" (what lies
    between is letters, apostrophes and at most one space besides the one before the word)."""
    starts: set[int] = set()
    for word in county_suffixes():
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
    return matches_at(adhoc_place(), text, starts)


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
                key = name if _ACRONYM.match(name) else name.lower()  # "MOF" and "MoF"
                if not name or (label, key) in seen:
                    continue
                seen.add((label, key))
                patterns.append(_pattern(label, iri, name))
    return patterns


def _pattern(label: str, iri: str, name: str) -> dict:
    return {"label": label, "id": iri, "pattern": name}


class Ent:
    """An entity the ruler found: tokens [start, end), characters [start_char, end_char),
    label, IRI (`id_`) and text, under the names spaCy's Span gives them. A Span rebuilds each
    of these from the doc on every read; extraction reads them many times."""

    __slots__ = ("doc", "start", "end", "start_char", "end_char", "label_", "id_", "text")

    def __init__(self, doc: Doc, start: int, end: int, start_char: int, end_char: int,
                 label: str, iri: str, text: str) -> None:
        self.doc, self.start, self.end = doc, start, end
        self.start_char, self.end_char = start_char, end_char
        self.label_, self.id_, self.text = label, iri, text

    def __len__(self) -> int:
        return self.end - self.start


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
        # True while every acronym pattern is one token: then a match is the pattern as
        # written, and a text without `_ACRONYM_OPENING` holds none.
        self.acronyms_whole = True
        self.known_places: frozenset[str] = frozenset()  # `place_key`s of the place data

    def add_patterns(self, patterns: list[dict]) -> None:
        """Add phrase patterns ({"label", "id", "pattern"}), tokenised as newsletter text is."""
        by_key: dict[tuple[bool, str, str], list[Doc]] = {}
        for p in patterns:
            acronym = bool(_ACRONYM.match(p["pattern"]))
            by_key.setdefault((acronym, p["label"], p["id"]), []).append(
                self.nlp.make_doc(p["pattern"]))
        for (acronym, label, iri), docs in by_key.items():
            self.acronyms_whole &= not acronym or all(len(d) == 1 for d in docs)
            key = f"{label}|{iri}"
            match_id = self.nlp.vocab.strings.add(key)
            self.targets[match_id] = (label, iri)
            (self.acronyms if acronym else self.names).add(key, docs)

    def extra_spans(self, doc: Doc, text: str | None = None) -> list[tuple[int, int, int, int,
                                                                             str, str]]:
        """Districts and counties by shape, for place data that stops at cities.

        `text` is the doc's text when the caller has it (building `doc.text` walks every
        token); a substring test on it, then the pattern, then a test on the words.
        """
        if text is not None and not any(map(text.__contains__, _shape_words())):
            return []
        text = doc.text if text is None else text
        found = list(adhoc_places(text))
        if not found or not any(_is_token(doc, text, w) for w in _shape_words()):
            return []
        out = []
        for m in found:
            at, name = m.start(1), m.group(1)
            # "Haidian district" in lower case is a place only where the place data lists it,
            # with the word before it ("News\nHaidian district") or without.
            if name.split()[-1].islower():
                rest = name.split(None, 1)[1]
                if place_key(name) not in self.known_places and rest[0].isupper():
                    name, at = rest, m.end(1) - len(rest)
                if place_key(name) not in self.known_places:
                    continue
            span = doc.char_span(at, m.end(1), alignment_mode="contract")
            if span is not None:
                out.append((len(span), -2, span.start, span.end, PLACE, "adhoc-place:" + name))
        return out

    def spans(self, doc: Doc, text: str | None = None) -> list[Ent]:
        """The entity spans of a tokenised text, in order, each with its IRI as `id_`. The
        caller keeps the list: `doc.ents` is left as it was."""
        targets = self.targets
        if text is None:
            text = doc.text
        matchers = ((0, self.names), (-1, self.acronyms))
        if self.acronyms_whole and not _ACRONYM_OPENING.search(text):
            matchers = matchers[:1]
        # start, end, number found before, label, IRI, rank
        found: list[tuple[int, int, int, str, str, int]] = []
        for rank, matcher in matchers:
            for match_id, start, end in matcher(doc):
                label, iri = targets[match_id]
                found.append((start, end, len(found), label, iri, rank))
        for _, rank, start, end, label, iri in self.extra_spans(doc, text):
            found.append((start, end, len(found), label, iri, rank))
        found.sort()
        kept = found if _apart(found) else _resolve_overlaps(found, len(doc))
        keep = []
        for start, end, _, label, iri, _ in kept:
            first = doc[start]
            a = first.idx
            if end - start == 1:
                b = a + len(first)
            else:
                last = doc[end - 1]
                b = last.idx + len(last)
            keep.append(Ent(doc, start, end, a, b, label, iri, text[a:b]))
        return keep

    def __call__(self, doc: Doc) -> Doc:
        """As a pipeline component: the spans written to `doc.ents`."""
        doc.set_ents([Span(doc, e.start, e.end, label=e.label_, span_id=e.id_)
                      for e in self.spans(doc)])
        return doc


def _apart(spans: list[tuple[int, int, int, str, str, int]]) -> bool:
    """True when no two of these spans (start, end, ...; in order) share a token: then the
    ruler keeps them all."""
    return all(a[1] <= b[0] for a, b in pairwise(spans))


def _resolve_overlaps(spans: list[tuple[int, int, int, str, str, int]],
                      n: int) -> list[tuple[int, int, int, str, str, int]]:
    """The spans (start, end, number found before, label, IRI, rank; in order) that an entity
    ruler keeps when some overlap: tried longest first, then by rank (names before acronyms),
    then leftmost, then as found, a span is kept when no span kept before has its tokens."""
    taken = bytearray(n)
    kept = []
    for span in sorted(spans, key=lambda s: (s[0] - s[1], -s[5], s[0], s[2])):
        start, end = span[0], span[1]
        if not any(taken[start:end]):
            taken[start:end] = b"\x01" * (end - start)
            kept.append(span)
    kept.sort()  # kept spans do not overlap: each starts at a token of its own
    return kept


def _is_token(doc: Doc, text: str, word: str) -> bool:
    """True when `word` stands in the doc (whose text is `text`) as a token of its own."""
    at = text.find(word)
    while at >= 0:
        span = doc.char_span(at, at + len(word))
        if span is not None and len(span) == 1:
            return True
        at = text.find(word, at + 1)
    return False


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
    # A word the vocabulary has not seen gets its lexical attributes computed once, by Python
    # functions; only those read here are kept (shape, like_num, like_url, stop words, ... are
    # not), which makes a text of new words tokenise faster.
    nlp.vocab.lex_attr_getters = {attr: get for attr, get in nlp.vocab.lex_attr_getters.items()
                                  if attr in _LEX_ATTRS}
    # Split brackets and quotes off words even without a space: 'Technology("MIIT")', and the
    # full-width brackets of Chinese text: "China（国家网信办）issued".
    infixes = [*nlp.Defaults.infixes, r"[()\[\]“”\"（）【】《》「」『』〈〉]"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    _keep_cache_on(nlp.tokenizer)
    # spaCy stops caching after 10,000 distinct strings, fewer than a year of newsletters
    # holds; a string cached is split without the affix patterns. Still bounded.
    nlp.tokenizer.max_cache_size = _CACHE_SIZE
    # Names match case-insensitively; acronyms only as written ("MOST" is a ministry, "most"
    # is not). Phrase matchers cost the same for 20 patterns or 20,000.
    # Patterns are added after the component is made, not passed in its config: spaCy's
    # config system validates and copies every value it is given (0.1 s for these).
    ruler = nlp.add_pipe("kg_lexicon_ruler")
    ruler.add_patterns(patterns_from_lexicon(lexicon))
    ruler.known_places = frozenset(lexicon.place_index)
    return nlp
