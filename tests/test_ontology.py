"""The ontology and reference data: loadable, documented, unambiguous, complete and valid.

Everything is read from the Turtle files themselves (not through the extractor's lexicon), so a
failure here is a fault of the data, whoever reads it.
"""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

import kg.vocab as vocab
from kg.validate import validate_graph
from kg.vocab import (
    DCTERMS,
    ELI,
    ID,
    KG,
    OA,
    ONTOLOGY_DIR,
    ORG,
    PROV,
    action_iri,
    authority_iri,
    instrument_iri,
    load_ontology,
    section_iri,
    slugify,
)
from kg.vocab.rdfs import instances

ROOT = Path(__file__).resolve().parents[1]


def _places_generator():
    """ontology/places.py, the generator of places.ttl: a script beside the data it writes."""
    path = ROOT / "ontology" / "places.py"
    spec = importlib.util.spec_from_file_location("places_generator", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up there
    spec.loader.exec_module(module)
    return module
GOLD = sorted((ROOT / "tests" / "gold").glob("*.json"))
TTL = sorted(ONTOLOGY_DIR.glob("*.ttl"))
ACTIONS = {"fine", "warning", "rectification", "app_removal", "summons", "criminal_sentence",
           "cybersecurity_review", "public_notice", "confiscation", "suspension"}
PROVINCIAL = ("province", "municipality", "autonomous region", "special administrative region")
LABELS = (SKOS.prefLabel, SKOS.altLabel, SKOS.notation, KG.citationName)
# schema.org and XSD are open DefinedNamespaces that warn when pytest probes a module-level name
# for mock attributes, so they are reached through the module.
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")
XSD_NNI = URIRef("http://www.w3.org/2001/XMLSchema#nonNegativeInteger")


def _key(label: str) -> str:
    """Case-, space- and punctuation-blind; UK and US "-isation" spellings are one."""
    return re.sub(r"[\W_]+", "", label.lower().replace("isation", "ization"))


def _labels(g: Graph, s: URIRef) -> Iterator[str]:
    for p in LABELS:
        for o in g.objects(s, p):
            yield str(o)


def _gold_items() -> Iterator[dict]:
    for f in GOLD:
        yield from json.loads(f.read_text(encoding="utf-8"))["items"]


@pytest.fixture(scope="module")
def onto() -> Graph:
    return load_ontology()


@pytest.fixture(scope="module")
def named(onto: Graph) -> set[URIRef]:
    """Every authority, instrument and organisation: the things an alias must pick out."""
    return (instances(onto, KG.Authority) | instances(onto, KG.Instrument)
            | instances(onto, KG.Organisation))


@pytest.fixture(scope="module")
def alias_index(onto: Graph, named: set[URIRef]) -> dict[str, set[URIRef]]:
    index: dict[str, set[URIRef]] = {}
    for s in named:
        for label in _labels(onto, s):
            index.setdefault(_key(label), set()).add(s)
    return index


@pytest.fixture(scope="module")
def place_names(onto: Graph) -> dict[str, URIRef]:
    """Lower-case place label -> place, without the country (it is not a local place)."""
    return {str(label).lower(): s for s in onto.subjects(RDF.type, KG.Place)
            if str(onto.value(s, KG.placeType)) != "country"
            for p in (SKOS.prefLabel, SKOS.altLabel) for label in onto.objects(s, p)}


@pytest.fixture(scope="module")
def body_type_labels(onto: Graph) -> set[str]:
    return {_key(str(label)) for b in onto.subjects(RDF.type, KG.BodyType)
            for p in (SKOS.prefLabel, SKOS.altLabel) for label in onto.objects(b, p)}


@pytest.fixture(scope="module")
def name_patterns(onto: Graph) -> list[re.Pattern[str]]:
    return [re.compile("^" + re.escape(str(p)).replace(re.escape("{place}"), "(.+)") + "$")
            for prop in (KG.localNamePattern, KG.localAltNamePattern)
            for p in onto.objects(None, prop)]


def _place_prefix(name: str, place_names: dict[str, URIRef]) -> str | None:
    """The longest place label `name` starts with ("Pudong New Area" before "Pudong")."""
    found = [p for p in place_names if name.lower().startswith(p + " ")]
    return max(found, key=len) if found else None


def _is_local(name: str, place_names: dict[str, URIRef],
              name_patterns: list[re.Pattern[str]]) -> bool:
    return (_place_prefix(name, place_names) is not None
            or any(p.match(name) for p in name_patterns))


# ---------------------------------------------------------------- files and terms
@pytest.mark.parametrize("path", TTL, ids=lambda p: p.name)
def test_every_turtle_file_parses(path: Path) -> None:
    assert len(Graph().parse(path, format="turtle")) > 0


def test_every_term_has_label_and_comment(onto: Graph) -> None:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    missing = [str(s) for k in kinds for s in onto.subjects(RDF.type, k)
               if str(s).startswith(str(KG))
               and not (onto.value(s, RDFS.label) and onto.value(s, RDFS.comment))]
    assert missing == []


def test_own_classes_align_to_standard_vocabularies(onto: Graph) -> None:
    classes = [s for s in onto.subjects(RDF.type, OWL.Class) if str(s).startswith(str(KG))]
    unaligned = [str(c) for c in classes if onto.value(c, RDFS.subClassOf) is None]
    assert unaligned == []


def test_python_namespace_lists_exactly_the_declared_terms() -> None:
    g = Graph().parse(ONTOLOGY_DIR / "kg.ttl", format="turtle")
    declared = {str(s)[len(str(KG)):] for s in g.subjects()
                if isinstance(s, URIRef) and str(s).startswith(str(KG))}
    assert declared == set(KG.__annotations__)


# ---------------------------------------------------------------- aliases
def test_every_alias_resolves_to_one_entity(alias_index: dict[str, set[URIRef]]) -> None:
    shared = {k: sorted(map(str, v)) for k, v in alias_index.items() if len(v) > 1}
    assert shared == {}


def test_body_type_aliases_are_unambiguous(onto: Graph) -> None:
    owners: dict[str, set[URIRef]] = {}
    for b in onto.subjects(RDF.type, KG.BodyType):
        for p in (SKOS.prefLabel, SKOS.altLabel):
            for label in onto.objects(b, p):
                owners.setdefault(_key(str(label)), set()).add(b)
    assert {k for k, v in owners.items() if len(v) > 1} == set()


def test_tc260_names_old_and_new_resolve_to_one_body(
        alias_index: dict[str, set[URIRef]]) -> None:
    names = ("TC260", "NISSTC", "NISTC",
             "National Information Security Standardisation Technical Committee",
             "National Information Security Standardization Technical Committee",
             "National Cybersecurity Standardisation Technical Committee",
             "National Cybersecurity Standardization Technical Committee")
    assert {frozenset(alias_index.get(_key(n), ())) for n in names} == {
        frozenset({URIRef(authority_iri("tc260"))})}


def test_cac_aliases_resolve_to_one_body(alias_index: dict[str, set[URIRef]]) -> None:
    names = ("Cyberspace Administration of China", "CAC",
             "Office of the Central Cyberspace Affairs Commission",
             "State Internet Information Office")
    assert {frozenset(alias_index.get(_key(n), ())) for n in names} == {
        frozenset({URIRef(authority_iri("cac"))})}


# ---------------------------------------------------------------- authorities
def test_at_least_40_national_authorities(onto: Graph) -> None:
    assert len(instances(onto, KG.NationalAuthority)) >= 40


def test_gold_national_authorities_resolve(alias_index: dict[str, set[URIRef]],
                                           place_names: dict[str, URIRef],
                                           name_patterns: list[re.Pattern[str]]) -> None:
    national = {a for item in _gold_items() for a in item["authorities"]
                if not _is_local(a, place_names, name_patterns)}
    assert {a for a in national if len(alias_index.get(_key(a), ())) != 1} == set()


def test_gold_local_authorities_are_a_place_and_a_body_type(
        place_names: dict[str, URIRef], body_type_labels: set[str],
        name_patterns: list[re.Pattern[str]]) -> None:
    local = {a for item in _gold_items() for a in item["authorities"]
             if _is_local(a, place_names, name_patterns)}

    def composed(name: str) -> bool:
        if any(p.match(name) for p in name_patterns):
            return True
        place = _place_prefix(name, place_names) or ""
        return _key(name[len(place):]) in body_type_labels

    assert local and {a for a in local if not composed(a)} == set()


def test_every_body_type_has_a_minted_class(onto: Graph) -> None:
    allowed = {KG.LocalAuthority, KG.Court, KG.Procuratorate}
    bad = [str(b) for b in onto.subjects(RDF.type, KG.BodyType)
           if onto.value(b, KG.mintedClass) not in allowed]
    assert bad == []


def test_body_type_parents_are_national_authorities(onto: Graph) -> None:
    national = instances(onto, KG.NationalAuthority)
    bad = [str(b) for b, parent in onto.subject_objects(KG.parentAuthority)
           if parent not in national]
    assert bad == []


def test_cbirc_is_succeeded_by_nfra(onto: Graph) -> None:
    events = [e for e in onto.subjects(RDF.type, ORG.ChangeEvent)
              if (e, ORG.originalOrganization, URIRef(authority_iri("cbirc"))) in onto]
    assert [onto.value(e, ORG.resultingOrganization) for e in events] == [
        URIRef(authority_iri("nfra"))]


def test_tc260_renaming_names_are_labels_of_tc260(onto: Graph) -> None:
    tc260 = URIRef(authority_iri("tc260"))
    event = next(e for e in onto.subjects(RDF.type, ORG.ChangeEvent)
                 if onto.value(e, KG.newName) is not None
                 and onto.value(e, ORG.resultingOrganization) == tc260)
    names = {str(onto.value(event, KG.formerName)), str(onto.value(event, KG.newName))}
    assert names <= set(_labels(onto, tc260))


# ---------------------------------------------------------------- instruments
def test_at_least_25_core_instruments(onto: Graph) -> None:
    assert len(instances(onto, KG.Instrument)) >= 25


def test_every_core_instrument_names_who_is_responsible(onto: Graph) -> None:
    missing = [str(i) for i in instances(onto, KG.Instrument)
               if onto.value(i, ELI.passed_by) is None
               and onto.value(i, ELI.responsibility_of) is None]
    assert missing == []


def test_every_core_instrument_has_a_legal_form(onto: Graph) -> None:
    formless = [str(i) for i in instances(onto, KG.Instrument)
                if set(onto.objects(i, RDF.type)) <= {KG.Instrument}]
    assert formless == []


def test_core_instrument_iris_are_slugs_of_their_titles(onto: Graph) -> None:
    bad = [str(i) for i in instances(onto, KG.Instrument)
           if str(i) != instrument_iri(slugify(str(onto.value(i, SKOS.prefLabel))))]
    assert bad == []


def test_gold_cited_laws_resolve_to_laws(onto: Graph,
                                         alias_index: dict[str, set[URIRef]]) -> None:
    laws = instances(onto, KG.Law)
    cited = {law for item in _gold_items() for law in item["cited_laws"]}
    assert {c for c in cited if not (alias_index.get(_key(c), set()) & laws)} == set()


def test_mistranslated_anti_unfair_competition_law_resolves(
        alias_index: dict[str, set[URIRef]]) -> None:
    assert alias_index[_key("Anti-Fair Competition Law")] == {
        URIRef(instrument_iri("anti-unfair-competition-law"))}


def test_instrument_classes_carry_head_words(onto: Graph) -> None:
    forms = (KG.Law, KG.AdministrativeRegulation, KG.DepartmentalRule, KG.NationalStandard,
             KG.JudicialInterpretation, KG.NormativeDocument)
    assert [str(c) for c in forms if onto.value(c, KG.headword) is None] == []


# ---------------------------------------------------------------- concept schemes
def _notations(g: Graph, scheme: URIRef) -> set[str]:
    return {str(g.value(c, SKOS.notation)) for c in g.subjects(SKOS.inScheme, scheme)}


def test_action_notations_are_the_gold_action_names(onto: Graph) -> None:
    assert _notations(onto, KG.ActionScheme) == ACTIONS


def test_every_action_has_cue_phrases(onto: Graph) -> None:
    assert [a for a in ACTIONS if onto.value(URIRef(action_iri(a)), KG.cue) is None] == []


def test_status_scheme_has_the_five_statuses(onto: Graph) -> None:
    assert _notations(onto, KG.StatusScheme) == {"draft", "issued", "in-force", "revised",
                                                  "repealed"}


def test_draft_and_issued_statuses_have_cue_phrases(onto: Graph) -> None:
    cued = {str(onto.value(c, SKOS.notation)) for c in onto.subjects(SKOS.inScheme,
                                                                      KG.StatusScheme)
            if onto.value(c, KG.cue) is not None}
    assert cued >= {"draft", "issued"}


def test_section_scheme_has_the_four_sections(onto: Graph) -> None:
    assert _notations(onto, KG.SectionScheme) == {"legislative", "enforcement", "industry",
                                                   "other"}


def test_currencies_are_iso_4217_codes(onto: Graph) -> None:
    assert _notations(onto, KG.CurrencyScheme) == {"CNY", "USD", "EUR", "HKD"}


# ---------------------------------------------------------------- places
def test_all_34_provincial_level_divisions_present(onto: Graph) -> None:
    provinces = {s for s, t in onto.subject_objects(KG.placeType) if str(t) in PROVINCIAL}
    assert len(provinces) == 34  # 23 provinces, 4 municipalities, 5 regions, 2 SARs


def test_every_place_but_china_has_a_parent(onto: Graph) -> None:
    orphans = [str(s) for s, t in onto.subject_objects(KG.placeType)
               if str(t) != "country" and onto.value(s, vocab.SCHEMA.containedInPlace) is None]
    assert orphans == []


def test_places_file_is_what_the_generator_writes() -> None:
    written = (ONTOLOGY_DIR / "places.ttl").read_text(encoding="utf-8")
    assert _places_generator().generate() == written


# ---------------------------------------------------------------- SHACL
def _good_graph() -> Graph:
    """One newsletter, one item, one case and one mention, with everything the shapes want."""
    g = Graph()
    news = ID["newsletter/test"]
    item = ID["newsletter/test/item/1"]
    case = ID["newsletter/test/item/1/case/1"]
    resp = ID["newsletter/test/item/1/case/1/respondent"]
    fine = ID["newsletter/test/item/1/case/1/fine"]
    mention = ID["newsletter/test/item/1/mention/2-15"]
    for t in (
        (news, RDF.type, KG.Newsletter), (news, KG.sha256, Literal("0" * 64)),
        (item, RDF.type, KG.NewsItem), (item, DCTERMS.isPartOf, news),
        (item, DCTERMS.title, Literal("A supermarket fined")),
        (item, KG.section, URIRef(section_iri("enforcement"))),
        (item, KG.start, Literal(0, datatype=XSD_NNI)),
        (item, KG.end, Literal(40, datatype=XSD_NNI)),
        (case, RDF.type, KG.EnforcementCase), (case, PROV.wasDerivedFrom, item),
        (case, KG.authority, URIRef(authority_iri("cac"))), (case, KG.respondent, resp),
        (case, KG.action, URIRef(action_iri("fine"))), (case, KG.fine, fine),
        (resp, RDF.type, KG.Respondent), (resp, RDFS.label, Literal("a supermarket")),
        (fine, RDF.type, vocab.SCHEMA.MonetaryAmount),
        (fine, vocab.SCHEMA.value, Literal("50000", datatype=XSD_DECIMAL)),
        (fine, vocab.SCHEMA.currency, Literal("CNY")),
        (mention, RDF.type, KG.Mention), (mention, OA.hasBody, resp),
        (mention, OA.hasTarget, URIRef(f"{news}#char=2,15")),
        (mention, KG.exact, Literal("supermarket x")), (mention, PROV.wasDerivedFrom, item),
    ):
        g.add(t)
    return g


def _without(g: Graph, predicate: URIRef) -> Graph:
    g.remove((None, predicate, None))
    return g


def test_ontology_and_reference_data_conform_to_shapes() -> None:
    conforms, report = validate_graph()
    assert conforms, report[:2000]


def test_complete_small_graph_conforms() -> None:
    conforms, report = validate_graph(_good_graph())
    assert conforms, report[:2000]


def test_instrument_without_title_does_not_conform() -> None:
    g = Graph()
    g.add((ID["instrument/x"], RDF.type, KG.DepartmentalRule))
    assert validate_graph(g)[0] is False


def test_case_without_action_does_not_conform() -> None:
    g = _without(_without(_good_graph(), KG.action), KG.authority)
    assert validate_graph(g)[0] is False


def test_case_without_authority_or_respondent_does_not_conform() -> None:
    g = _without(_without(_good_graph(), KG.authority), KG.respondent)
    assert validate_graph(g)[0] is False


def test_mention_without_target_does_not_conform() -> None:
    assert validate_graph(_without(_good_graph(), OA.hasTarget))[0] is False


def test_mention_whose_target_is_not_a_text_fragment_does_not_conform() -> None:
    g = _good_graph()
    mention = ID["newsletter/test/item/1/mention/2-15"]
    g.remove((mention, OA.hasTarget, None))
    g.add((mention, OA.hasTarget, ID["newsletter/test"]))
    assert validate_graph(g)[0] is False


def test_local_authority_without_place_does_not_conform() -> None:
    g = Graph()
    a = URIRef(authority_iri("somewhere-police"))
    g.add((a, RDF.type, KG.LocalAuthority))
    g.add((a, SKOS.prefLabel, Literal("Somewhere Police", lang="en")))
    assert validate_graph(g)[0] is False
