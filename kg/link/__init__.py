"""Stage 3: mentions -> linked entities with stable IRIs and canonical names.

Known entities resolve through their labels (case- and punctuation-insensitive), then through a
fuzzy match under a threshold; local authorities are minted from place + body type and placed
under their national parent; new instruments get an IRI from their normalised title, so the same
instrument named in two newsletters is one node.
"""

from .document import document_json, link_document
from .linker import LinkedCase, LinkedInstrument, LinkedItem, Linker, normalise_title

__all__ = ["LinkedCase", "LinkedInstrument", "LinkedItem", "Linker", "document_json",
           "link_document", "normalise_title"]
