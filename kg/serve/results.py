"""SPARQL results in the four SPARQL 1.1 result formats, from pyoxigraph terms.

Written here rather than taken from pyoxigraph's serializer so that a capped result (the first
N rows) can be written in every format.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def _json_term(term: Any) -> dict[str, str]:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype.value not in (XSD_STRING,):
        out["datatype"] = term.datatype.value
    return out


def to_json(variables: list[str], rows: list[list[Any]], boolean: bool | None = None) -> bytes:
    if boolean is not None:
        return json.dumps({"head": {}, "boolean": boolean}).encode()
    bindings = [{v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}
                for row in rows]
    return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}},
                      ensure_ascii=False).encode("utf-8")


def _xml_term(term: Any) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    attrs = ""
    if term.language:
        attrs = f" xml:lang={quoteattr(term.language)}"
    elif term.datatype is not None and term.datatype.value != XSD_STRING:
        attrs = f" datatype={quoteattr(term.datatype.value)}"
    return f"<literal{attrs}>{escape(term.value)}</literal>"


def to_xml(variables: list[str], rows: list[list[Any]], boolean: bool | None = None) -> bytes:
    head = "".join(f"<variable name={quoteattr(v)}/>" for v in variables)
    out = ['<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">',
           f"<head>{head}</head>"]
    if boolean is not None:
        out.append(f"<boolean>{'true' if boolean else 'false'}</boolean>")
    else:
        out.append("<results>")
        for row in rows:
            cells = "".join(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>"
                            for v, t in zip(variables, row, strict=True) if t is not None)
            out.append(f"<result>{cells}</result>")
        out.append("</results>")
    out.append("</sparql>")
    return "".join(out).encode("utf-8")


def to_csv(variables: list[str], rows: list[list[Any]], boolean: bool | None = None) -> bytes:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    if boolean is not None:
        writer.writerow(["boolean"])
        writer.writerow(["true" if boolean else "false"])
    else:
        writer.writerow(variables)
        for row in rows:
            writer.writerow(["" if t is None else t.value for t in row])
    return buf.getvalue().encode("utf-8")


def to_tsv(variables: list[str], rows: list[list[Any]], boolean: bool | None = None) -> bytes:
    if boolean is not None:
        return f"?boolean\n{'true' if boolean else 'false'}\n".encode()
    lines = ["\t".join(f"?{v}" for v in variables)]
    for row in rows:
        lines.append("\t".join("" if t is None else str(t) for t in row))
    return ("\n".join(lines) + "\n").encode("utf-8")


SELECT_FORMATS = {
    "json": ("application/sparql-results+json", to_json),
    "xml": ("application/sparql-results+xml", to_xml),
    "csv": ("text/csv; charset=utf-8", to_csv),
    "tsv": ("text/tab-separated-values; charset=utf-8", to_tsv),
}
GRAPH_FORMATS = {
    "ttl": ("text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "rdfxml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
}
_ACCEPT = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
    "text/turtle": "ttl", "application/ld+json": "jsonld", "application/n-triples": "nt",
    "application/rdf+xml": "rdfxml",
}


def negotiate(accept: str | None, explicit: str | None, graph: bool) -> str:
    """The format key for a request: ?format= wins, then the first known Accept type."""
    formats = GRAPH_FORMATS if graph else SELECT_FORMATS
    if explicit:
        key = {"turtle": "ttl", "json-ld": "jsonld", "ntriples": "nt"}.get(explicit, explicit)
        if key in formats:
            return key
    for part in (accept or "").split(","):
        key = _ACCEPT.get(part.split(";")[0].strip().lower())
        if key in formats:
            return key
    return "ttl" if graph else "json"
