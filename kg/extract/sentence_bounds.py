"""Where the sentences of a tokenised item start: spaCy's sentencizer rule plus line breaks.

Only items with an instrument title need this (its status and issuers are read in the title's
sentence), so it is worked out for those alone rather than by the sentencizer component on every
item.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, ORTH
from spacy.strings import StringStore
from spacy.tokens import Doc
from spacy.vocab import Vocab


def sentence_starts(doc: Doc, text: str | None = None) -> list[int]:
    """Character offsets where sentences start: spaCy's sentencizer rule plus line breaks.

    The rule: a token that is not punctuation starts a sentence when one of the sentencizer's
    sentence-final characters stands as a token since the last such token; so does the token
    after a newline. It is computed for only the items that need it, rather than by the
    sentencizer component on every item, and read off the text (`doc.text`, or `text` when
    the caller has it): the tokens looked at are those at a sentence-final character (is it
    a token of its own?), the few after one, and those holding a newline (which only space
    tokens do). Every other token is a word that no rule needs to look at.
    """
    n = len(doc)
    if not n:
        return [0]
    if not _enders_are_punct(doc.vocab):
        rows = doc.to_array([ORTH, IS_PUNCT, IS_SPACE, IDX])
        return _starts_token_by_token(rows.tolist(), doc.vocab.strings, _period_ids())
    text = doc.text if text is None else text
    starts = {doc[0].idx}
    for at in _ender_offsets(text):
        ender = doc.char_span(at, at + 1)
        if ender is None:
            continue  # not a token of its own ("U.S.", "...")
        k = ender.end
        while k < n and doc[k].is_punct:
            k += 1
        if k < n:
            starts.add(doc[k].idx)
    q = text.find("\n")
    while q >= 0:
        holder = doc.char_span(q, q + 1, alignment_mode="expand")
        if holder is None:  # in no token's text: no space token holds it
            q = text.find("\n", q + 1)
            continue
        token = doc[holder.start]
        if holder.start + 1 < n and token.is_space:
            starts.add(doc[holder.start + 1].idx)
        q = text.find("\n", token.idx + len(token))
    return sorted(starts)


def _ender_offsets(text: str) -> Iterator[int]:
    """Where the sentencizer's sentence-final characters stand in `text`: found by substring
    search in ASCII text (a regex with a class of 128 characters tests each one slowly)."""
    chars, pattern = _ender_chars()
    if not text.isascii():
        yield from (m.start() for m in pattern.finditer(text))
        return
    for c in chars:
        at = text.find(c)
        while at >= 0:
            yield at
            at = text.find(c, at + 1)


@lru_cache(maxsize=1)
def _ender_chars() -> tuple[tuple[str, ...], re.Pattern[str]]:
    """The sentencizer's sentence-final characters that are ASCII, and any one of them all."""
    from spacy.pipeline.sentencizer import Sentencizer

    chars = Sentencizer.default_punct_chars
    return (tuple(c for c in chars if c.isascii()),
            re.compile("[" + "".join(map(re.escape, chars)) + "]"))


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
