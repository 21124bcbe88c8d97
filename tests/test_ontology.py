"""The ontology and reference data: loadable, documented, unambiguous, and valid."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from kg.extract.loader import lexicon_from_graph
from kg.validate import validate_graph
from kg.vocab import KG, ONTOLOGY_DIR, load_ontology
from kg.vocab.places import generate

ROOT = Path(__file__).resolve().parents[1]
GOLD = sorted((ROOT / "tests" / "gold").glob("*.json"))
TTL = sorted(ONTOLOGY_DIR.glob("*.ttl"))
PLACE = Namespace("https://w3id.org/cnkg/id/place/")


def _key(label: str) -> str:
    return re.sub(r"[\W_]+", " ", label.lower().replace("isation", "ization")).strip()


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def lexicon(onto: Graph):
    return lexicon_from_graph(onto)


@pytest.mark.parametrize("path", TTL, ids=lambda p: p.name)
def test_every_turtle_file_parses(path: Path) -> None:
    assert len(Graph().parse(path, format="turtle")) > 0


def test_every_term_has_label_and_comment(onto: Graph) -> None:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    missing = [str(s) for k in kinds for s in onto.subjects(RDF.type, k)
               if str(s).startswith(str(KG))
               and not (onto.value(s, RDFS.label) and onto.value(s, RDFS.comment))]
    assert missing == []


def test_own_terms_align_to_standard_vocabularies(onto: Graph) -> None:
    classes = [s for s in onto.subjects(RDF.type, OWL.Class) if str(s).startswith(str(KG))]
    unaligned = [str(c) for c in classes if onto.value(c, RDFS.subClassOf) is None]
    assert unaligned == []


def test_every_alias_resolves_to_one_entity(lexicon) -> None:
    owners: dict[str, set[str]] = {}
    for entity in (*lexicon.authorities, *lexicon.instruments, *lexicon.organisations):
        for label in (entity.name, *entity.aliases):
            owners.setdefault(_key(label), set()).add(entity.iri)
    shared = {k: v for k, v in owners.items() if len(v) > 1}
    assert shared == {}


def test_at_least_40_national_authorities(onto: Graph) -> None:
    assert len(set(onto.subjects(RDF.type, KG.NationalAuthority))) >= 40


def test_at_least_25_core_instruments(lexicon) -> None:
    assert len(lexicon.instruments) >= 25


def test_every_core_instrument_has_issuer_and_form(onto: Graph, lexicon) -> None:
    eli = Namespace("http://data.europa.eu/eli/ontology#")
    missing = [k.iri for k in lexicon.instruments
               if onto.value(URIRef(k.iri), eli.passed_by) is None or k.form == "Instrument"]
    assert missing == []


def test_gold_national_authorities_resolve(lexicon) -> None:
    known = {_key(a) for k in lexicon.authorities for a in (k.name, *k.aliases)}
    national = {a for f in GOLD for item in json.loads(f.read_text())["items"]
                for a in item["authorities"]
                if a.startswith(("National", "Ministry", "State", "Supreme", "Cyberspace Admin"))}
    assert {a for a in national if _key(a) not in known} == set()


def test_gold_cited_laws_resolve(lexicon) -> None:
    known = {_key(a) for k in lexicon.instruments for a in (k.name, *k.aliases)}
    cited = {law for f in GOLD for item in json.loads(f.read_text())["items"]
             for law in item["cited_laws"]}
    assert {law for law in cited if _key(law) not in known} == set()


def test_all_provincial_level_divisions_present(onto: Graph) -> None:
    provinces = {s for s in onto.subjects(KG.placeType, None)
                 if str(onto.value(s, KG.placeType)) in (
                     "province", "municipality", "autonomous region",
                     "special administrative region")}
    assert len(provinces) == 33  # 22 provinces, 4 municipalities, 5 regions, 2 SARs


def test_every_city_has_a_province(onto: Graph) -> None:
    cities = set(onto.subjects(KG.placeType, Literal("city")))
    schema = Namespace("https://schema.org/")
    orphans = [c for c in cities if onto.value(c, schema.containedInPlace) is None]
    assert cities and orphans == []


def test_places_file_is_what_the_generator_writes() -> None:
    assert generate() == (ONTOLOGY_DIR / "places.ttl").read_text(encoding="utf-8")


def test_body_types_name_their_national_parent(lexicon) -> None:
    authorities = {k.iri for k in lexicon.authorities}
    bad = [b.iri for b in lexicon.body_types if b.parent and b.parent not in authorities]
    assert bad == []


def test_cbirc_is_succeeded_by_nfra(onto: Graph) -> None:
    org = Namespace("http://www.w3.org/ns/org#")
    events = [e for e in onto.subjects(RDF.type, org.ChangeEvent)
              if str(onto.value(e, org.originalOrganization)).endswith("/cbirc")]
    assert [str(onto.value(e, org.resultingOrganization)) for e in events] == [
        "https://w3id.org/cnkg/id/authority/nfra"]


def test_every_action_of_the_gold_schema_is_a_concept(lexicon) -> None:
    actions = {"fine", "warning", "rectification", "app_removal", "summons",
               "criminal_sentence", "cybersecurity_review", "public_notice", "confiscation",
               "suspension"}
    assert set(lexicon.action_cues) == actions


def test_ontology_and_reference_data_conform_to_shapes() -> None:
    conforms, report = validate_graph()
    assert conforms, report[:2000]


def test_instrument_without_title_does_not_conform() -> None:
    g = Graph()
    g.add((URIRef("https://w3id.org/cnkg/id/instrument/x"), RDF.type, KG.DepartmentalRule))
    assert validate_graph(g)[0] is False


def test_case_without_authority_or_respondent_does_not_conform() -> None:
    g = Graph()
    g.add((URIRef("https://example.org/case"), RDF.type, KG.EnforcementCase))
    assert validate_graph(g)[0] is False


def test_local_authority_without_place_does_not_conform() -> None:
    g = Graph()
    a = URIRef("https://w3id.org/cnkg/id/authority/somewhere-police")
    g.add((a, RDF.type, KG.LocalAuthority))
    g.add((a, SKOS.prefLabel, Literal("Somewhere Police", lang="en")))
    assert validate_graph(g)[0] is False
