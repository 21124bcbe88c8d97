"""Stage 2: items -> mentions and relations, with a spaCy pipeline built from `ontology/`."""

from .extractor import Extractor
from .lexicon import Lexicon
from .loader import load_lexicon

__all__ = ["Extractor", "Lexicon", "load_lexicon"]
