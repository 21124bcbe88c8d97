"""Names as newsletters write them: one table of spelling variants, read two ways.

The spaCy patterns need every surface form of a label (`spellings`); lookups that compare a name
found in text with a known label need one key that all those forms share (`label_key`). Both
come from `VARIANTS`, so a variant added here is matched and looked up alike.
"""

from __future__ import annotations

import re

# Pairs of spellings newsletters use for the same word: curly or straight apostrophes, and
# British or American "-isation".
VARIANTS: tuple[tuple[str, str], ...] = (("’", "'"), ("isation", "ization"))
_NON_WORD = re.compile(r"[\W_]+")
_ARTICLE = re.compile(r"^the\s+")


def spellings(name: str) -> list[str]:
    """Every form of `name` under the variants, itself included, sorted."""
    forms = {name}
    for a, b in VARIANTS:
        for form in list(forms):
            forms.add(form.replace(a, b))
            forms.add(form.replace(b, a))
    return sorted(forms)


def label_key(text: str) -> str:
    """The key a name and its variants share: lower case, one spelling of each variant, no
    leading article, words joined by single spaces."""
    text = text.lower()
    for a, b in VARIANTS:
        text = text.replace(a, b)
    return _NON_WORD.sub(" ", _ARTICLE.sub("", text)).strip()
