"""Stage 2: items -> mentions and relations, with a spaCy pipeline built from `ontology/`."""

from .extractor import Extractor

__all__ = ["Extractor"]
