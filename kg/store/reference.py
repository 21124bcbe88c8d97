"""The ontology and reference data, kept in a named graph of their own in every store."""

from __future__ import annotations

from rdflib import URIRef

from kg.vocab import ELI, KG, load_ontology, month_literal

from .embedded import GraphStore
from .layout import ONTOLOGY_GRAPH


def load_reference(store: GraphStore) -> int:
    """(Re)load the ontology and reference data into their own named graph, with the month
    of every dated instrument stated beside its date, as the pipeline states it for
    newsletters' (so that month pages list the core laws too). Returns the number of quads."""
    g = URIRef(ONTOLOGY_GRAPH)
    ontology = load_ontology()
    months = [(s, KG.instrumentMonth, month_literal(d))
              for s, d in ontology.subject_objects(ELI.date_document)
              if str(d)[4:5] == "-" and str(d)[:4].isdigit()]  # a day or a month, not a year
    return store.replace_graph(ONTOLOGY_GRAPH, ((s, p, o, g) for s, p, o in [*ontology,
                                                                           *months]))


def ensure_reference(store: GraphStore) -> bool:
    """Load the reference data into a store that lacks it; whether it had to."""
    if store.has_graph(ONTOLOGY_GRAPH):
        return False
    load_reference(store)
    return True
