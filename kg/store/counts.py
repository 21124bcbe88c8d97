"""What a store holds, counted: entities extracted per class, the most mentioned authorities
and the most cited instruments (the summary of a build, and part of `kg stats`)."""

from __future__ import annotations

from typing import Any

from .layout import ONTOLOGY_GRAPH
from .protocol import Store
from .queries import run_query

MENTIONED = """
SELECT ?name (COUNT(DISTINCT ?item) AS ?n) WHERE {
  ?item a kg:NewsItem ; kg:mentions ?a . ?a skos:prefLabel ?name .
  ?a a/rdfs:subClassOf* kg:Authority .
} GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 10"""
CITED = """
SELECT ?title (COUNT(DISTINCT ?item) AS ?n) WHERE {
  ?item a kg:NewsItem ; kg:mentions ?i . ?i a/rdfs:subClassOf* kg:Instrument .
  OPTIONAL { ?i skos:prefLabel ?pl } OPTIONAL { ?i dcterms:title ?t }
  BIND(COALESCE(?pl, ?t) AS ?title)
} GROUP BY ?title ORDER BY DESC(?n) ?title LIMIT 10"""
# Per class of the ontology, its members in the merged graph less those the reference data
# types (the merged graph holds every reference triple too): one index range per class, rather
# than a test of every typed node against the reference graph.
EXTRACTED = f"""
SELECT ?class (?all - COALESCE(?ref, 0) AS ?n) WHERE {{
  GRAPH <{ONTOLOGY_GRAPH}> {{ ?class a owl:Class }}
  FILTER(STRSTARTS(STR(?class), STR(kg:)))
  LATERAL {{ SELECT ?class (COUNT(*) AS ?all) WHERE {{ ?x a ?class }} GROUP BY ?class }}
  LATERAL {{ OPTIONAL {{ SELECT ?class (COUNT(*) AS ?ref)
                         WHERE {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?y a ?class }} }}
                         GROUP BY ?class }} }}
  FILTER(?all > COALESCE(?ref, 0))
}} ORDER BY DESC(?n) ?class"""


def extracted(store: Store) -> list[tuple[str, int]]:
    """(class name, members) of every ontology class the newsletters added members to, most
    first."""
    return [(str(cls).split("#")[-1], int(n)) for cls, n in run_query(store, EXTRACTED).rows]


def most_mentioned(store: Store) -> list[tuple[Any, Any]]:
    """(authority, items naming it): the ten most mentioned authorities."""
    return [(name, n) for name, n in run_query(store, MENTIONED).rows]


def most_cited(store: Store) -> list[tuple[Any, Any]]:
    """(instrument, items naming it): the ten most cited instruments."""
    return [(title, n) for title, n in run_query(store, CITED).rows]
