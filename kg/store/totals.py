"""Running totals over the whole corpus, kept up to date by every add and remove.

A saved query that aggregates every item or case of a large store would have to visit each of
them. Instead each newsletter's contribution (items per month and section, cases and fines per
authority and year, cases per action) is tallied from its own triples when it is added, and
subtracted, from the same triples read back, when it is removed. The totals are W3C Data Cube
observations (`qb:Observation`) in one named graph, `TOTALS_GRAPH`, one dataset per `Cube`.

A tally is additive by construction: every count is of nodes a newsletter mints for itself
(items, cases, fines), which no other newsletter describes. "How many authorities took this
action" is not additive, so it is kept as one observation per (action, authority) pair, and the
query counts the pairs.
"""

from __future__ import annotations

import hashlib
from collections import Counter, defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, NamedTuple

import pyoxigraph as ox

from kg.vocab import DCTERMS, ID, KG, PREFIXES, RDF, SCHEMA

from .terms import triple_text

TOTALS_GRAPH = f"{ID}graph/summary"
QB, XSD = PREFIXES["qb"], PREFIXES["xsd"]  # declared once, for queries and for this


class Cube(NamedTuple):
    """One dataset of observations: its dimensions (None = not known) and its measures."""

    name: str
    dimensions: tuple[str, ...]
    measures: tuple[str, ...]


ITEMS = Cube("items-per-month", (str(KG.month), str(KG.bySection)), (str(KG.itemCount),))
# kg:year is the fines cube's alone: the saved query reads a bound year as its observations.
FINES = Cube("fines-by-authority-year", (str(KG.byAuthority), str(KG.year), str(SCHEMA.currency)),
             (str(KG.caseCount), str(KG.fineTotal)))
ACTIONS = Cube("cases-by-action", (str(KG.byAction),), (str(KG.caseCount),))
ACTION_AUTHORITIES = Cube("cases-by-action-and-authority", (str(KG.byAction), str(KG.byAuthority)),
                          (str(KG.caseCount),))
# Any node that cites a law, or has a legal basis, counts: items and cases are the only ones.
CITING = Cube("items-by-cited-law", (str(KG.byLaw),), (str(KG.itemCount),))
BASED = Cube("cases-by-legal-basis", (str(KG.byLaw),), (str(KG.caseCount),))
CUBES = {c.name: c for c in (ITEMS, FINES, ACTIONS, ACTION_AUTHORITIES, CITING, BASED)}

# (cube name, dimension values, measure) -> amount
Tally = Counter

_TYPE, _DATE, _SECTION = str(RDF.type), str(DCTERMS.date), str(KG.section)
_AUTHORITY, _ACTION, _FINE = str(KG.authority), str(KG.action), str(KG.fine)
_VALUE, _CURRENCY = str(SCHEMA.value), str(SCHEMA.currency)
_CITES, _BASIS = str(KG.cites), str(KG.legalBasis)
_ITEM, _CASE = str(KG.NewsItem), str(KG.EnforcementCase)
_READ = {_TYPE, _DATE, _SECTION, _AUTHORITY, _ACTION, _FINE, _VALUE, _CURRENCY, _CITES, _BASIS}
_COUNTED = {_ITEM, _CASE}


def _plain(term: Any) -> str:
    """An IRI or a literal's lexical form, from an rdflib or a pyoxigraph term."""
    return term.value if isinstance(term, ox.NamedNode | ox.Literal | ox.BlankNode) else str(term)


class Tallier:
    """A tally made from triples fed a batch at a time, so a newsletter's quads need not all be
    held at once: only the few triples the totals read are kept until `result`."""

    def __init__(self) -> None:
        self.props: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))

    def update(self, triples: Iterable[Any]) -> None:
        """Take in these triples (rdflib or pyoxigraph quads or triples)."""
        props = self.props
        for t in triples:
            p = _plain(t[1])
            if p in _READ:
                o = _plain(t[2])
                if p != _TYPE or o in _COUNTED:  # a type is read only to find items and cases
                    props[_plain(t[0])][p].append(o)

    def result(self) -> Tally:
        """What the triples taken in add to the totals."""
        props = self.props
        out: Tally = Counter()
        for node in props.values():
            # A triple read twice (a batch may repeat one) is still one citation.
            for law in set(node.get(_CITES, ())):
                out[CITING.name, (law,), CITING.measures[0]] += 1
            for law in set(node.get(_BASIS, ())):
                out[BASED.name, (law,), BASED.measures[0]] += 1
            types = node.get(_TYPE, ())
            dates = node.get(_DATE) or [None]
            if _ITEM in types:
                for date in dates:
                    for section in node.get(_SECTION, ()):
                        if date:
                            out[ITEMS.name, (date[:7], section), ITEMS.measures[0]] += 1
            if _CASE not in types:
                continue
            authorities = node.get(_AUTHORITY) or [None]
            for action in node.get(_ACTION, ()):
                out[ACTIONS.name, (action,), ACTIONS.measures[0]] += 1
                for a in authorities:
                    if a:
                        out[ACTION_AUTHORITIES.name, (action, a),
                            ACTION_AUTHORITIES.measures[0]] += 1
            for fine in node.get(_FINE, ()):
                amount = props.get(fine, {})
                for a in authorities:
                    for date in dates:
                        for value in amount.get(_VALUE, ()):
                            for currency in amount.get(_CURRENCY, ()):
                                key = (a, date[:4] if date else None, currency)
                                out[FINES.name, key, FINES.measures[0]] += 1
                                out[FINES.name, key, FINES.measures[1]] += Decimal(value)
        return out


def tally(triples: Iterable[Any]) -> Tally:
    """What these triples (one newsletter's, as rdflib or pyoxigraph quads or triples) add to
    the totals."""
    tallier = Tallier()
    tallier.update(triples)
    return tallier.result()


def observation_iri(cube: str, key: tuple[str | None, ...]) -> str:
    """Stable across builds: the dataset and a hash of the dimension values."""
    digest = hashlib.sha1("\x1f".join(k or "" for k in key).encode("utf-8")).hexdigest()[:20]
    return f"{ID}summary/{cube}/{digest}"


def _term(dimension: str, value: str) -> str:
    if dimension == str(KG.month):
        return str(ox.Literal(value, datatype=ox.NamedNode(XSD + "gYearMonth")))
    if dimension == str(KG.year):
        return str(ox.Literal(value, datatype=ox.NamedNode(XSD + "integer")))
    if dimension == _CURRENCY:
        return str(ox.Literal(value))
    return str(ox.NamedNode(value))


def _amount(value: Decimal | int) -> str:
    if isinstance(value, Decimal):
        return str(ox.Literal(str(value), datatype=ox.NamedNode(XSD + "decimal")))
    return str(ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer")))


def sparql_update(store: ox.Store, delta: Tally) -> str:
    """SPARQL that moves the stored totals by `delta`, for the caller to run in the same update
    as the triples it tallies (one transaction). An observation whose count reaches zero is
    deleted, so a store that had a newsletter added and removed is as it was."""
    by_obs: dict[tuple[str, tuple[str | None, ...]], dict[str, Any]] = defaultdict(dict)
    for (cube, key, measure), amount in delta.items():
        by_obs[cube, key][measure] = amount
    graph = ox.NamedNode(TOTALS_GRAPH)
    deletes, inserts = [], []
    for (name, key), change in sorted(by_obs.items(), key=lambda kv: str(kv[0])):
        cube = CUBES[name]
        iri = ox.NamedNode(observation_iri(name, key))
        old = {q.predicate.value: q for q in store.quads_for_pattern(iri, None, None, graph)}
        values = {}
        for m in cube.measures:
            before = old.get(m)
            start = _number(before.object.value if before else "0", m)
            values[m] = start + change.get(m, 0)
        if values[cube.measures[0]] <= 0:  # the first measure counts what the others total
            deletes += old.values()
            continue
        if not old:
            inserts.append(f"{iri} <{RDF.type}> <{QB}Observation> ; <{QB}dataSet> "
                           f"<{ID}summary/{name}> .")
            for d, v in zip(cube.dimensions, key, strict=True):
                if v is not None:
                    inserts.append(f"{iri} <{d}> {_term(d, v)} .")
        for m in cube.measures:
            if m in old:
                deletes.append(old[m])
            inserts.append(f"{iri} <{m}> {_amount(values[m])} .")
    dele = " ".join(triple_text(q) for q in deletes)
    return (f"DELETE DATA {{ GRAPH {graph} {{ {dele} }} }} ; "
            f"INSERT DATA {{ GRAPH {graph} {{ {' '.join(inserts)} }} }}")


def _number(text: str, measure: str) -> Decimal | int:
    return Decimal(text) if measure == str(KG.fineTotal) else int(text)


def negate(t: Tally) -> Tally:
    """What taking these triples out moves the totals by."""
    return Counter({k: -v for k, v in t.items()})
