"""Stage 4: linked items -> RDF, one named graph per newsletter, with provenance."""

from .rdf import Quad, document_graph_iri, graph_iri_for_sha, newsletter_quads

__all__ = ["Quad", "document_graph_iri", "graph_iri_for_sha", "newsletter_quads"]
