"""Namespaces, stable IRIs and loading of `ontology/*.ttl`: the vocabulary every stage shares.

Our own terms are a closed `DefinedNamespace` (`KG.Instrument`, `KG.draftOf`), so a misspelt
term fails at once instead of writing triples nobody queries; `tests/test_ontology.py` keeps the
class and `ontology/kg.ttl` in step. Resource IRIs live under `ID` (`https://w3id.org/cnkg/id/`)
and are minted by the helpers below from `slugify`, which depends on the text alone.
"""

from __future__ import annotations

import os
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD, DefinedNamespace
from rdflib.namespace import SDO as SCHEMA

__all__ = [
    "BASE", "DCTERMS", "ELI", "ID", "KG", "OA", "ONTOLOGY_DIR", "ORG", "PREFIXES", "PROV",
    "SCHEMA", "SKOS", "action_iri", "authority_iri", "bodytype_iri", "currency_iri",
    "fragment_span", "instrument_iri", "load_ontology", "month_literal", "ontology_files",
    "place_iri",
    "section_iri", "sector_iri", "slugify", "sparql_prefixes", "status_iri", "text_fragment",
]

BASE = "https://w3id.org/cnkg/"
ID = Namespace(BASE + "id/")


class KG(DefinedNamespace):
    """The kg ontology (`ontology/kg.ttl`): every class, property and concept scheme."""

    _NS = Namespace(BASE + "ontology#")
    _fail = True

    # classes: instruments by legal form
    Instrument: URIRef
    Law: URIRef
    AdministrativeRegulation: URIRef
    DepartmentalRule: URIRef
    Amendment: URIRef
    LocalRegulation: URIRef
    NationalStandard: URIRef
    GroupStandard: URIRef
    JudicialInterpretation: URIRef
    NormativeDocument: URIRef
    Draft: URIRef
    # classes: bodies and places
    Authority: URIRef
    NationalAuthority: URIRef
    LocalAuthority: URIRef
    Court: URIRef
    Procuratorate: URIRef
    StandardsCommittee: URIRef
    Organisation: URIRef
    ResearchInstitute: URIRef
    BodyType: URIRef
    Place: URIRef
    # classes: cases and provenance
    EnforcementCase: URIRef
    Respondent: URIRef
    Newsletter: URIRef
    NewsItem: URIRef
    Mention: URIRef
    # concept schemes
    StatusScheme: URIRef
    SectionScheme: URIRef
    ReaderCueScheme: URIRef
    ActionScheme: URIRef
    CurrencyScheme: URIRef
    SectorScheme: URIRef
    BodyTypeScheme: URIRef
    # instruments
    status: URIRef
    draftOf: URIRef
    hasDraft: URIRef
    revises: URIRef
    replaces: URIRef
    implements: URIRef
    jointlyIssued: URIRef
    jurisdiction: URIRef
    citationName: URIRef
    # extraction knowledge (annotation properties)
    headword: URIRef
    titlePrefix: URIRef
    nonInstrumentPhrase: URIRef
    cue: URIRef
    nodeKind: URIRef
    # authorities, body types, places
    bodyType: URIRef
    parentAuthority: URIRef
    mintedClass: URIRef
    localNamePattern: URIRef
    localAltNamePattern: URIRef
    formerName: URIRef
    newName: URIRef
    placeType: URIRef
    population: URIRef
    geonamesAdmin1: URIRef
    # cases
    authority: URIRef
    respondent: URIRef
    legalBasis: URIRef
    action: URIRef
    fine: URIRef
    personalFine: URIRef
    appCount: URIRef
    sector: URIRef
    locatedIn: URIRef
    anonymised: URIRef
    # provenance
    sha256: URIRef
    issueMonth: URIRef
    section: URIRef
    itemNumber: URIRef
    position: URIRef
    start: URIRef
    end: URIRef
    text: URIRef
    exact: URIRef
    mentions: URIRef
    cites: URIRef
    reportsCase: URIRef
    storeFormat: URIRef
    # running totals (kg.store.totals): Data Cube dimensions and measures
    month: URIRef
    caseMonth: URIRef
    instrumentMonth: URIRef
    year: URIRef
    bySection: URIRef
    byAuthority: URIRef
    byAction: URIRef
    byLaw: URIRef
    itemCount: URIRef
    caseCount: URIRef
    fineTotal: URIRef


class ELI(DefinedNamespace):
    """European Legislation Identifier ontology: the terms of it that kg uses or may use."""

    _NS = Namespace("http://data.europa.eu/eli/ontology#")
    _fail = True

    LegalResource: URIRef
    LegalResourceSubdivision: URIRef
    LegalExpression: URIRef
    Format: URIRef
    passed_by: URIRef
    responsibility_of: URIRef
    date_document: URIRef
    date_publication: URIRef
    first_date_entry_in_force: URIRef
    date_no_longer_in_force: URIRef
    in_force: URIRef
    based_on: URIRef
    basis_for: URIRef
    cites: URIRef
    cited_by: URIRef
    amends: URIRef
    amended_by: URIRef
    repeals: URIRef
    repealed_by: URIRef
    changes: URIRef
    changed_by: URIRef
    consolidates: URIRef
    consolidated_by: URIRef
    is_about: URIRef
    type_document: URIRef
    title: URIRef
    title_short: URIRef
    title_alternative: URIRef
    id_local: URIRef
    is_part_of: URIRef
    has_part: URIRef
    related_to: URIRef
    _extras = ["InForce-inForce", "InForce-notInForce", "InForce-partiallyInForce"]


class OA(DefinedNamespace):
    """W3C Web Annotation vocabulary: the mention and text-position-selector terms."""

    _NS = Namespace("http://www.w3.org/ns/oa#")
    _fail = True

    Annotation: URIRef
    SpecificResource: URIRef
    TextPositionSelector: URIRef
    TextQuoteSelector: URIRef
    TextualBody: URIRef
    Motivation: URIRef
    hasBody: URIRef
    hasTarget: URIRef
    hasSource: URIRef
    hasSelector: URIRef
    motivatedBy: URIRef
    start: URIRef
    end: URIRef
    exact: URIRef
    prefix: URIRef
    suffix: URIRef
    identifying: URIRef
    tagging: URIRef
    describing: URIRef


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
    "qb": "http://purl.org/linked-data/cube#",
    "void": "http://rdfs.org/ns/void#",
}

# The repository's ontology/ folder; KG_ONTOLOGY_DIR points tests or a deployment elsewhere.
ONTOLOGY_DIR = Path(os.environ.get("KG_ONTOLOGY_DIR",
                                   Path(__file__).resolve().parents[2] / "ontology"))


def slugify(text: str) -> str:
    """Lower-case ASCII words joined by hyphens: the last segment of a minted IRI.

    Accents are dropped (NFKD), apostrophes vanish ("Children's" -> "childrens"), every other run
    of non-alphanumerics becomes one hyphen, and the result is cut to 120 characters. It depends
    on the text alone, so the same name gives the same IRI in every build and from every
    newsletter; "" gives "x".
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    ascii_text = ascii_text.replace("'", "")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:120].rstrip("-") or "x"


def text_fragment(news: str, start: int, end: int) -> URIRef:
    """The RFC 5147 fragment IRI of a stretch of the newsletter's text: a Web Annotation target
    in one term, where a SpecificResource with a TextPositionSelector takes five triples."""
    return URIRef(f"{news}#char={start},{end}")


def fragment_span(target: str) -> tuple[int, int]:
    """(start, end) of a `text_fragment` IRI."""
    start, _, end = target.rpartition("#char=")[2].partition(",")
    return int(start), int(end)


def authority_iri(slug: str) -> str:
    """IRI of an authority: id/authority/<slug> (an acronym such as "cac", or a slugified name)."""
    return f"{ID}authority/{slug}"


def instrument_iri(slug: str) -> str:
    """IRI of an instrument: id/instrument/<slugify(title)>."""
    return f"{ID}instrument/{slug}"


def place_iri(slug: str) -> str:
    """IRI of a place: id/place/<slugify(English name)>."""
    return f"{ID}place/{slug}"


def status_iri(notation: str) -> str:
    """IRI of an instrument status concept (draft, issued, in-force, revised, repealed)."""
    return f"{ID}status/{notation}"


def action_iri(notation: str) -> str:
    """IRI of an enforcement action concept; the notation is the gold action name (app_removal)."""
    return f"{ID}action/{notation}"


def section_iri(notation: str) -> str:
    """IRI of a newsletter section concept (legislative, enforcement, industry, other)."""
    return f"{ID}section/{notation}"


def bodytype_iri(slug: str) -> str:
    """IRI of a body type of local authorities (cyberspace-administration, ...)."""
    return f"{ID}bodytype/{slug}"


def sector_iri(slug: str) -> str:
    """IRI of a respondent sector concept (retail, banking, ...)."""
    return f"{ID}sector/{slug}"


def currency_iri(code: str) -> str:
    """IRI of a currency concept from its ISO 4217 code (CNY)."""
    return f"{ID}currency/{code.upper()}"


def month_literal(date: str) -> Literal:
    """The month of an ISO date, as kg:month states it beside the date: listings then page by
    month through the index (`?x kg:month "2024-05"^^xsd:gYearMonth`) instead of filtering
    every date."""
    return Literal(str(date)[:7], datatype=XSD.gYearMonth)


def sparql_prefixes() -> str:
    """PREFIX lines for every namespace above, for queries written by people."""
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def ontology_files(include_shapes: bool = False) -> list[Path]:
    """The Turtle files of ONTOLOGY_DIR, sorted; shapes.ttl only when asked for."""
    files = sorted(ONTOLOGY_DIR.glob("*.ttl"))
    return [f for f in files if include_shapes or f.name != "shapes.ttl"]


@lru_cache(maxsize=1)
def load_ontology() -> Graph:
    """The ontology and all reference data (not the SHACL shapes) as one rdflib Graph.

    Parsed once per process and shared: callers that want to add triples copy it first.
    """
    g = Graph()
    for f in ontology_files():
        g.parse(f, format="turtle")
    for prefix, iri in PREFIXES.items():
        g.bind(prefix, iri)
    return g
