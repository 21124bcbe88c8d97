"""Namespaces, stable IRIs and loading of `ontology/*.ttl`: the vocabulary every stage shares."""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SKOS, XSD

BASE = "https://w3id.org/cnkg/"
KG = Namespace(BASE + "ontology#")
ID = Namespace(BASE + "id/")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
OA = Namespace("http://www.w3.org/ns/oa#")
SCHEMA = Namespace("https://schema.org/")

PREFIXES: dict[str, str] = {
    "kg": str(KG),
    "id": str(ID),
    "eli": str(ELI),
    "org": str(ORG),
    "oa": str(OA),
    "schema": str(SCHEMA),
    "prov": str(PROV),
    "skos": str(SKOS),
    "dcterms": str(DCTERMS),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
}

ONTOLOGY_DIR = Path(os.environ.get("KG_ONTOLOGY_DIR",
                                   Path(__file__).resolve().parents[2] / "ontology"))


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: the last segment of a minted IRI.

    Deterministic and dependent on the text alone, so the same name gives the same IRI in every
    build and from every newsletter.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = ascii_text.replace("'", "")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:120].rstrip("-") or "x"


def authority_iri(slug: str) -> str:
    return f"{ID}authority/{slug}"


def instrument_iri(slug: str) -> str:
    return f"{ID}instrument/{slug}"


def place_iri(slug: str) -> str:
    return f"{ID}place/{slug}"


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace above, for queries written by people."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def ontology_files(include_shapes: bool = False) -> list[Path]:
    files = sorted(ONTOLOGY_DIR.glob("*.ttl"))
    return [f for f in files if include_shapes or f.name != "shapes.ttl"]


@lru_cache(maxsize=1)
def load_ontology() -> Graph:
    """The ontology and all reference data (not the SHACL shapes) as one rdflib Graph."""
    g = Graph()
    for f in ontology_files():
        g.parse(f, format="turtle")
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri)
    return g
