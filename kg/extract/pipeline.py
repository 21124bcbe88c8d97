"""The spaCy pipeline, assembled from the lexicon.

blank English tokenizer -> line-aware sentence boundaries -> EntityRuler whose patterns are every
label of every authority, instrument, place and local body type (each pattern carries the IRI as
its id) -> a component that composes local authorities from place + body type.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import spacy
from spacy.language import Language
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


@Language.component("kg_line_breaks")
def line_breaks(doc: Doc) -> Doc:
    """A newline ends a sentence: headlines and list lines have no final full stop.

    Walks the newlines of the text rather than every token: items are long, newlines few.
    """
    text = doc.text
    pos = text.find("\n")
    while pos >= 0:
        span = doc.char_span(pos, pos + 1, alignment_mode="expand")
        if span is not None and span.end < len(doc):
            doc[span.end].is_sent_start = True
        pos = text.find("\n", pos + 1)
    return doc


def patterns_from_lexicon(lexicon: Lexicon) -> list[dict]:
    """One ruler pattern per label: acronyms match case-sensitively, names case-insensitively.

    Phrase patterns are tokenised by the ruler with `nlp.make_doc`, so they split exactly as
    newsletter text does.
    """
    groups: Iterable[tuple[str, str, Iterable[str]]] = [
        *((AUTHORITY, k.iri, (k.name, *k.aliases)) for k in lexicon.authorities),
        *((INSTRUMENT, k.iri, (k.name, *k.aliases)) for k in lexicon.instruments),
        *((ORGANISATION, k.iri, (k.name, *k.aliases)) for k in lexicon.organisations),
        *((PLACE, p.iri, (p.name, *p.aliases)) for p in lexicon.places),
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


def build_pipeline(lexicon: Lexicon) -> Language:
    """A blank English pipeline whose knowledge is the lexicon (no model download)."""
    nlp = spacy.blank("en")
    # Split brackets and quotes off words even without a space: 'Technology("MIIT")'.
    infixes = [*nlp.Defaults.infixes, r"[()\[\]“”\"]"]
    nlp.tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kg_line_breaks", after="sentencizer")
    patterns = patterns_from_lexicon(lexicon)
    # Names match case-insensitively; acronyms only as written ("MOST" is a ministry, "most"
    # is not), in a second ruler that fills only what the first left free. Both use phrase
    # matchers, which cost the same for 20 patterns or 20,000.
    names = nlp.add_pipe("entity_ruler", config={"overwrite_ents": True,
                                                 "phrase_matcher_attr": "LOWER"})
    names.add_patterns([p for p in patterns if isinstance(p["pattern"], str)
                        and not _ACRONYM.match(p["pattern"])])  # type: ignore[attr-defined]
    acronyms = nlp.add_pipe("entity_ruler", name="acronym_ruler",
                            config={"overwrite_ents": False, "phrase_matcher_attr": "ORTH"})
    acronyms.add_patterns([p for p in patterns if isinstance(p["pattern"], str)
                           and _ACRONYM.match(p["pattern"])])  # type: ignore[attr-defined]
    return nlp


def entity_id(span: Span) -> str:
    return span.ent_id_ or span.kb_id_
