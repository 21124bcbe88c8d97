"""Running totals: the saved queries that read them give what counting the graph itself gives,
after a build, a bulk build, adds and removes.

The oracle queries below evaluate each aggregate over the whole graph itself, visiting every
item or case: the answer the totals must give.
"""

from __future__ import annotations

import shutil
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Literal, URIRef

from kg.pipeline import add_documents, remove_documents
from kg.store import GraphStore, load_reference, load_saved, run_query
from kg.store.totals import ACTIONS, BASED, CITING, FINES, ITEMS, TOTALS_GRAPH, tally
from kg.vocab import DCTERMS, KG, RDF

# schema.org and XSD are open namespaces that warn when pytest probes module-level names.
VALUE, CURRENCY = URIRef("https://schema.org/value"), URIRef("https://schema.org/currency")
XSD_DATE = URIRef("http://www.w3.org/2001/XMLSchema#date")
XSD_DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "seeds").glob("*.txt"))

ORACLES = {
    "items-per-month": """
        SELECT ?month ?section (COUNT(?item) AS ?items) WHERE {
          ?item a kg:NewsItem ; dcterms:date ?date ; kg:section/skos:notation ?section .
          BIND(SUBSTR(STR(?date), 1, 7) AS ?month) } GROUP BY ?month ?section""",
    "fines-by-authority-year": """
        SELECT ?authority ?year ?currency (COUNT(?case) AS ?cases) (SUM(?fine) AS ?total) WHERE {
          ?case a kg:EnforcementCase ; kg:fine ?f .
          ?f schema:value ?fine ; schema:currency ?currency .
          OPTIONAL { ?case kg:authority/skos:prefLabel ?a } OPTIONAL { ?case dcterms:date ?date }
          BIND(COALESCE(?a, "(not named)") AS ?authority)
          BIND(IF(BOUND(?date), YEAR(?date), "unknown") AS ?year) }
        GROUP BY ?authority ?year ?currency""",
    "cases-by-action": """
        SELECT ?action (COUNT(DISTINCT ?case) AS ?cases) (COUNT(DISTINCT ?a) AS ?authorities)
        WHERE { ?case a kg:EnforcementCase ; kg:action ?act . ?act skos:notation ?action .
                OPTIONAL { ?case kg:authority ?a } } GROUP BY ?action""",
    "most-cited-laws": """
        SELECT ?law ?items (COALESCE(?cases, 0) AS ?casesUnderIt) WHERE {
          { SELECT ?l (COUNT(DISTINCT ?item) AS ?items) WHERE { ?item kg:cites ?l } GROUP BY ?l }
          ?l kg:citationName ?law .
          OPTIONAL { SELECT ?l (COUNT(DISTINCT ?case) AS ?cases) WHERE { ?case kg:legalBasis ?l }
                     GROUP BY ?l } }""",
    # The walk from each newsletter to what it holds: its named graph and its own nodes.
    "newsletter-contents": """
        SELECT (?fileName AS ?file) ?class (COUNT(DISTINCT ?x) AS ?count) WHERE {
          { ?n a kg:Newsletter ; dcterms:source ?fileName . GRAPH ?n { ?x a ?c } }
          UNION { ?n a kg:Newsletter ; dcterms:source ?fileName .
                  ?n (^dcterms:isPartOf/(^prov:wasDerivedFrom/
                      (kg:respondent|kg:fine|kg:personalFine)?)?)? ?x .
                  ?x a ?c . }
          FILTER(STRSTARTS(STR(?c), STR(kg:))) BIND(STRAFTER(STR(?c), "#") AS ?class) }
        GROUP BY ?fileName ?class""",
}


def _same_answers(store: GraphStore) -> None:
    for name, oracle in ORACLES.items():
        saved = run_query(store, load_saved(name))
        counted = run_query(store, oracle)
        assert saved.variables == counted.variables, name
        assert sorted(map(tuple, saved.rows), key=str) == sorted(map(tuple, counted.rows),
                                                                 key=str), name
        print(f"{name}: {len(saved.rows)} rows, as counted")


def test_totals_match_counting_after_a_build(seed_store: Path) -> None:
    store = GraphStore(seed_store, read_only=True)
    assert run_query(store, ORACLES["items-per-month"]).rows  # the seeds do have items
    _same_answers(store)


def test_totals_match_counting_after_a_bulk_build(tmp_path: Path) -> None:
    store = GraphStore(tmp_path / "bulk")
    load_reference(store)
    add_documents(store, SEEDS, jobs=2, bulk=True)
    _same_answers(store)


def test_totals_follow_adds_and_removes(seed_store: Path, tmp_path: Path, pipeline) -> None:
    copy = tmp_path / "store"
    shutil.copytree(seed_store, copy)
    store = GraphStore(copy)
    twin = tmp_path / "twin.txt"  # the same items under another file: every count doubles
    twin.write_bytes(SEEDS[0].read_bytes() + b"\n")
    add_documents(store, [twin], pipeline)
    _same_answers(store)
    remove_documents(store, SEEDS[:2])
    _same_answers(store)
    remove_documents(store, [twin, *SEEDS[2:]])
    _same_answers(store)
    left = store.oxigraph.quads_for_pattern(None, None, None, ox.NamedNode(TOTALS_GRAPH))
    assert list(left) == []  # no observation of a zero count is kept


def test_tally_counts_each_case_once_per_action_and_fine() -> None:
    g = URIRef("https://w3id.org/cnkg/id/newsletter/x")
    item, case, fine = URIRef(f"{g}/item/1"), URIRef(f"{g}/item/1/case/1"), URIRef(
        f"{g}/item/1/case/1/fine")
    cac, warn, fine_act, section = (URIRef(f"https://w3id.org/cnkg/id/{x}")
                                    for x in ("authority/cac", "action/warning", "action/fine",
                                              "section/enforcement"))
    date = Literal("2024-05-17", datatype=XSD_DATE)
    triples = [(item, RDF.type, KG.NewsItem), (item, DCTERMS.date, date),
               (item, KG.section, section), (case, RDF.type, KG.EnforcementCase),
               (case, DCTERMS.date, date), (case, KG.authority, cac),
               (case, KG.action, warn), (case, KG.action, fine_act), (case, KG.fine, fine),
               (fine, VALUE, Literal("50000", datatype=XSD_DECIMAL)),
               (fine, CURRENCY, Literal("CNY"))]
    t = tally(triples)
    assert t[ITEMS.name, ("2024-05", str(section)), str(KG.itemCount)] == 1
    assert t[ACTIONS.name, (str(warn),), str(KG.caseCount)] == 1
    assert t[ACTIONS.name, (str(fine_act),), str(KG.caseCount)] == 1
    assert t[FINES.name, (str(cac), "2024", "CNY"), str(KG.fineTotal)] == Decimal(50000)
    assert t[FINES.name, (str(cac), "2024", "CNY"), str(KG.caseCount)] == 1
    # and one (action, authority) pair per action: 7 cells in all
    assert len(t) == 7 and all(v > 0 for v in t.values())


def test_tally_counts_each_citing_item_and_case_once_per_law() -> None:
    g = "https://w3id.org/cnkg/id/newsletter/x"
    item, case = URIRef(f"{g}/item/1"), URIRef(f"{g}/item/1/case/1")
    csl, pipl = (URIRef(f"https://w3id.org/cnkg/id/instrument/{x}") for x in ("csl", "pipl"))
    cited = (item, KG.cites, csl)
    t = tally([cited, cited, (item, KG.cites, pipl), (case, KG.legalBasis, csl)])
    assert t == {(CITING.name, (str(csl),), str(KG.itemCount)): 1,
                 (CITING.name, (str(pipl),), str(KG.itemCount)): 1,
                 (BASED.name, (str(csl),), str(KG.caseCount)): 1}


@pytest.mark.parametrize("name", sorted(ORACLES))
def test_saved_query_reads_the_totals_not_the_graph(name: str) -> None:
    # The point of the totals: the saved query must not fall back to counting every node.
    text = load_saved(name)
    assert "kg:NewsItem" not in text and "kg:EnforcementCase" not in text
