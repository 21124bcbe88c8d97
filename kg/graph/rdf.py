"""Linked items to RDF quads.

Each newsletter's facts are quads in its own named graph, so a newsletter can be added or
removed whole (the store keeps those about the newsletter's own nodes in the merged graph only:
`kg.store.layout`). Entities several newsletters mention (authorities, instruments) keep
one IRI; the triples that describe a minted entity are repeated in every graph that mentions
it, so removing one newsletter leaves the others' view of it intact. Every fact about an item
points back to the item (prov:wasDerivedFrom), and every mention is a W3C Web Annotation whose
target is the RFC 5147 fragment of the newsletter text it was read from
(`<newsletter#char=start,end>`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from rdflib import Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, VOID, XSD

from kg.ingest import Document
from kg.link import LinkedItem
from kg.vocab import (
    ELI,
    ID,
    KG,
    OA,
    ORG,
    SCHEMA,
    action_iri,
    month_literal,
    section_iri,
    status_iri,
    text_fragment,
)

Quad = tuple[Any, Any, Any, URIRef]


def document_graph_iri(doc: Document) -> URIRef:
    """The named graph (and the newsletter node) for one file: stable for the same bytes."""
    return graph_iri_for_sha(doc.sha256)


def graph_iri_for_sha(sha256: str) -> URIRef:
    """The named graph of the newsletter whose bytes have this SHA-256."""
    return URIRef(f"{ID}newsletter/{sha256[:20]}")


def newsletter_quads(doc: Document, items: Iterable[LinkedItem]) -> Iterator[Quad]:
    """All quads for one newsletter, in its own named graph, ending with what it holds by class
    (VoID class partitions: "what did this newsletter add" is then a lookup, not a walk)."""
    g = document_graph_iri(doc)
    ns = str(KG)
    rdf_type = RDF.type  # a DefinedNamespace attribute costs a __getattr__ call per quad
    members: dict[URIRef, set[Any]] = defaultdict(set)
    for quad in _newsletter_body(doc, items, g):
        if quad[1] == rdf_type and quad[2].startswith(ns):
            members[quad[2]].add(quad[0])
        yield quad
    for cls, nodes in sorted(members.items()):
        part = URIRef(f"{g}/partition/{cls[len(ns):]}")
        yield g, VOID.classPartition, part, g
        yield part, VOID["class"], cls, g
        yield part, VOID.entities, Literal(len(nodes), datatype=XSD.integer), g


def _newsletter_body(doc: Document, items: Iterable[LinkedItem], g: URIRef) -> Iterator[Quad]:
    news = g

    def q(s: Any, p: Any, o: Any) -> Quad:
        return (s, p, o, g)

    yield q(news, RDF.type, KG.Newsletter)
    yield q(news, KG.sha256, Literal(doc.sha256))
    yield q(news, DCTERMS.source, Literal(doc.file))
    if doc.title:
        yield q(news, DCTERMS.title, Literal(doc.title))
    if doc.publisher:
        yield q(news, DCTERMS.publisher, Literal(doc.publisher))
    if doc.issue:
        yield q(news, KG.issueMonth, Literal(doc.issue, datatype=XSD.gYearMonth))
    for n, linked in enumerate(items, start=1):
        yield from _item_quads(q, news, doc, n, linked)


def _mention(q: Any, item_iri: URIRef, news: URIRef, doc: Document, body: URIRef,
             start: int, end: int) -> Iterator[Quad]:
    ann = URIRef(f"{item_iri}/mention/{start}-{end}")
    yield q(ann, RDF.type, KG.Mention)
    yield q(ann, OA.hasBody, body)
    yield q(ann, OA.hasTarget, text_fragment(news, start, end))
    yield q(ann, KG.exact, Literal(doc.text[start:end]))
    yield q(ann, PROV.wasDerivedFrom, item_iri)


def _item_quads(q: Any, news: URIRef, doc: Document, n: int,
                linked: LinkedItem) -> Iterator[Quad]:
    item = linked.extraction.item
    it = URIRef(f"{news}/item/{n}")
    yield q(it, RDF.type, KG.NewsItem)
    yield q(it, DCTERMS.isPartOf, news)
    yield q(it, DCTERMS.title, Literal(item.headline))
    yield q(it, KG.section, URIRef(section_iri(item.section)))
    yield q(it, KG.position, Literal(n, datatype=XSD.integer))
    if item.number is not None:
        yield q(it, KG.itemNumber, Literal(item.number, datatype=XSD.integer))
    if item.date:
        yield q(it, DCTERMS.date, Literal(item.date, datatype=XSD.date))
        yield q(it, KG.month, month_literal(item.date))
    yield q(it, KG.start, Literal(item.span[0], datatype=XSD.nonNegativeInteger))
    yield q(it, KG.end, Literal(item.span[1], datatype=XSD.nonNegativeInteger))
    yield q(it, KG.text, Literal(doc.text[item.span[0] : item.span[1]]))

    for iri, _name, spans in linked.authorities:
        a = URIRef(iri)
        yield q(it, KG.mentions, a)
        info = linked.minted.get(iri)
        if info is not None:
            yield from _local_authority(q, a, info)
        for s, e in spans:
            yield from _mention(q, it, news, doc, a, s, e)

    for inst in linked.instruments:
        i = URIRef(inst.iri)
        yield q(it, KG.mentions, i)
        yield from _mention(q, it, news, doc, i, *inst.span)
        if not inst.known:
            yield q(i, RDF.type, KG[inst.form] if inst.form else KG.Instrument)
            yield q(i, DCTERMS.title, Literal(inst.title))
            yield q(i, SKOS.prefLabel, Literal(inst.title, lang="en"))
            yield q(i, PROV.wasDerivedFrom, it)
        if inst.status == "draft":
            d = URIRef(f"{inst.iri}/draft")
            yield q(d, RDF.type, KG.Draft)
            yield q(d, KG.draftOf, i)
            yield q(d, KG.status, URIRef(status_iri("draft")))
            yield q(d, DCTERMS.title, Literal(inst.title))
            yield q(d, PROV.wasDerivedFrom, it)
            if item.date:
                yield q(d, ELI.date_document, Literal(item.date, datatype=XSD.date))
                yield q(d, KG.instrumentMonth, month_literal(item.date))
            for issuer, _ in inst.issuers:
                yield q(d, ELI.passed_by, URIRef(issuer))
        elif inst.status == "issued":
            yield q(i, KG.status, URIRef(status_iri(inst.status)))
            if item.date and not inst.known:
                yield q(i, ELI.date_document, Literal(item.date, datatype=XSD.date))
                yield q(i, KG.instrumentMonth, month_literal(item.date))
            for issuer, _ in inst.issuers:
                yield q(i, ELI.passed_by, URIRef(issuer))
        else:
            for issuer, _ in inst.issuers:
                yield q(i, ELI.passed_by, URIRef(issuer))
        for law_iri, _ in inst.based_on:
            yield q(i, ELI.based_on, URIRef(law_iri))
        if len(inst.issuers) > 1:
            yield q(i if inst.status != "draft" else URIRef(f"{inst.iri}/draft"),
                    KG.jointlyIssued, Literal(True))

    for law_iri, _ in linked.cited_laws:
        yield q(it, KG.cites, URIRef(law_iri))

    for k, case in enumerate(linked.cases, start=1):
        c = URIRef(f"{it}/case/{k}")
        yield q(c, RDF.type, KG.EnforcementCase)
        yield q(c, PROV.wasDerivedFrom, it)
        yield q(it, KG.reportsCase, c)
        if item.date:
            yield q(c, DCTERMS.date, Literal(item.date, datatype=XSD.date))
            yield q(c, KG.caseMonth, month_literal(item.date))
        if case.authority:
            yield q(c, KG.authority, URIRef(case.authority[0]))
        if case.respondent:
            r = URIRef(f"{c}/respondent")
            yield q(c, KG.respondent, r)
            yield q(r, RDF.type, KG.Respondent)
            yield q(r, RDFS.label, Literal(case.respondent))
            yield q(it, KG.mentions, r)
            if case.app_count is not None:
                yield q(c, KG.appCount, Literal(case.app_count, datatype=XSD.integer))
            if case.respondent_span:
                yield from _mention(q, it, news, doc, r, *case.respondent_span)
        for law_iri, _ in case.legal_basis:
            yield q(c, KG.legalBasis, URIRef(law_iri))
        for action in case.actions:
            yield q(c, KG.action, URIRef(action_iri(action)))
        for prop, amount in ((KG.fine, case.fine), (KG.personalFine, case.personal_fine)):
            if amount is None:
                continue
            m = URIRef(f"{c}/{'fine' if prop == KG.fine else 'personal-fine'}")
            yield q(c, prop, m)
            yield q(m, RDF.type, SCHEMA.MonetaryAmount)
            yield q(m, SCHEMA.value, Literal(amount[0], datatype=XSD.decimal))
            yield q(m, SCHEMA.currency, Literal(amount[1]))


def _local_authority(q: Any, a: URIRef, info: dict[str, Any]) -> Iterator[Quad]:
    yield q(a, RDF.type, KG[info.get("class") or "LocalAuthority"])
    yield q(a, SKOS.prefLabel, Literal(info["name"], lang="en"))
    for alt in info.get("alt_names") or ():
        yield q(a, SKOS.altLabel, Literal(alt, lang="en"))
    yield q(a, KG.bodyType, URIRef(info["body_type"]))
    yield q(a, KG.jurisdiction, URIRef(info["place"]))
    if info.get("parent"):
        yield q(a, ORG.subOrganizationOf, URIRef(info["parent"]))
