"""Stage 4: linked items -> RDF, one named graph per newsletter, with provenance."""

from .build import document_graph_iri, newsletter_quads

__all__ = ["document_graph_iri", "newsletter_quads"]
