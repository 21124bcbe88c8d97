"""Abbreviations a text defines for a body ("the Beijing Communications Administration
(“CA”)"): the defined word names that body for the rest of the item, over the lexicon's own
acronym when the text redefines one."""

from __future__ import annotations

import re

import numpy
from spacy.attrs import ORTH
from spacy.strings import hash_string

from .pipeline import AUTHORITY, BODY, PLACE, Ent

# Words that may stand between a place and a body: "Hainan Provincial CAC".
PLACE_ADJ = re.compile(
    r"^(?:\s*(?:provincial|municipal|local|city|province|prefecture|prefectural|county|district"
    r"|autonomous region|special administrative region|government's|'s|’s)\b)*\s*$", re.I)
# "(“CRO”)", "(the “CA”)", "(hereinafter “MPS”)", "(PBOC)": an abbreviation defined in place.
_DEFINITION = re.compile(r"\(\s*(?:the\s+|hereinafter(?:\s+referred\s+to\s+as)?\s+(?:the\s+)?)?"
                         r"[“\"‘']?([A-Z][A-Za-z]{0,2}[A-Z][A-Za-z0-9&]{0,8})[”\"’']?\s*\)")
_OF_BEFORE = re.compile(r"\bof\s+(?:the\s+)?$")
# A capitalised word that is no article: the end of a longer name's first part.
_NAME_BEFORE = re.compile(r"\b(?!(?:The|A|An|This|That|Its|Their|Both)\b)[A-Z][\w-]*\s+$")


def defined_abbreviations(text: str, ents: list[Ent], branch_type: dict[str, str],
                          national_place: frozenset[str]) -> tuple[list[Ent], set[int]]:
    """Ents for abbreviations the text defines, and the indices of `ents` that are the
    definitions themselves ("(“CAC”)" after a body names that body, not another one)."""
    if not ents or "(" not in text:
        return [], set()
    doc = ents[0].doc
    added: list[Ent] = []
    dropped: set[int] = set()
    starts = [e.start_char for e in ents]
    ends = [e.end_char for e in ents]
    orth = None  # the doc's words as string ids, read once a definition needs them
    for m in _DEFINITION.finditer(text):
        # The last entity that ends where the definition starts, but for spaces.
        gap = m.start()
        while gap and text[gap - 1].isspace():
            gap -= 1
        before = [i for i, end in enumerate(ends) if gap <= end <= m.start()]
        if not before:
            continue
        k = before[-1]
        head = ents[k]
        label, iri = head.label_, head.id_
        if label == AUTHORITY and k > 0 and ents[k - 1].label_ == PLACE and \
                PLACE_ADJ.match(text[ends[k - 1] : starts[k]]) and \
                iri in branch_type and ents[k - 1].id_ not in national_place:
            label, iri = BODY, branch_type[iri]  # "Nan'an District CAC (“CAC”)"
        elif label == PLACE and k > 0 and ents[k - 1].label_ == BODY:
            label, iri = BODY, ents[k - 1].id_  # "Cyberspace Administration of X (“CAC”)"
        elif label not in (AUTHORITY, BODY):
            continue
        if head.label_ == BODY and " of " in head.text:
            continue  # "office of the People's Bank of China (PBOC)" defines the bank
        abbr = m.group(1)
        inside = [i for i, start in enumerate(starts) if m.start() <= start < m.end()]
        redefined = label == AUTHORITY and any(ents[i].id_ != iri for i in inside)
        if redefined and (_OF_BEFORE.search(text[max(0, head.start_char - 12):head.start_char])
                          or _NAME_BEFORE.search(text, max(0, head.start_char - 40),
                                                 head.start_char)):
            # "... of Standardization Administration (TC260)", "... Committee 260 on
            # Cyber-security Standardization Administration of China (TC260)": the known
            # acronym names the body, and what the ruler found before it is a fragment of its
            # name.
            dropped.add(k)
            continue
        if redefined:  # "the State Cryptography Administration (the “SAC”)": the text's own
            dropped.update(inside)  # definition holds in this text over the known acronym
            added.extend(Ent(doc, e.start, e.end, e.start_char, e.end_char, label, iri, e.text)
                         for e in (ents[i] for i in inside))
        if label == BODY:
            dropped.update(inside)  # "(“CAC”)" after a local body names that body
        if abbr.lower() == head.text.lower():
            continue
        if orth is None:
            orth = doc.to_array(ORTH)
        for t in numpy.flatnonzero(orth == numpy.uint64(hash_string(abbr))).tolist():  # `abbr`s
            tok = doc[t]
            if tok.text != abbr or m.start() <= tok.idx < m.end():
                continue
            covering = [i for i, e in enumerate(ents) if e.start <= tok.i < e.end]
            if covering and (label == AUTHORITY and not redefined or any(
                    ents[i].end - ents[i].start > 1 or ents[i].id_ == iri for i in covering)):
                continue
            dropped.update(covering)  # a known acronym, redefined for a local body or another
            # The span is read by the IRI of the ruler's entity on its word, when there is one
            # (a local body's type), and by the defined body's when the text redefines it.
            ref = ents[covering[0]].id_ if covering and not redefined else iri
            added.append(Ent(doc, tok.i, tok.i + 1, tok.idx, tok.idx + len(abbr), label, ref,
                             abbr))
    return added, dropped
