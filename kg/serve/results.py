"""Query answers in the SPARQL 1.1 result formats and RDF formats, written by Oxigraph.

Oxigraph's own writers are used, not Python ones: on the saved queries they write a result in
a third to a half of the time that building Python terms for it takes. The row cap is kept by
having Oxigraph write one row per line first (TSV; N-Triples for graphs) and stopping it at
the cap, then converting those rows, still in Oxigraph, to the format asked for (TSV and
N-Triples carry every term exactly: datatypes, languages, blank nodes).
"""

from __future__ import annotations

from typing import Any

import pyoxigraph as ox

R = ox.QueryResultsFormat
SELECT_FORMATS = {
    "json": ("application/sparql-results+json", R.JSON),
    "xml": ("application/sparql-results+xml", R.XML),
    "csv": ("text/csv; charset=utf-8", R.CSV),
    "tsv": ("text/tab-separated-values; charset=utf-8", R.TSV),
}
GRAPH_FORMATS = {
    "ttl": ("text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "nt": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "rdfxml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
}
# Media types a client may ask for, per result kind, most preferred first: when an Accept
# header ranks several equally (or says */*), the first listed wins.
SELECT_TYPES = {
    "application/sparql-results+json": "json", "application/json": "json",
    "text/javascript": "json", "application/javascript": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": "ttl", "application/turtle": "ttl", "application/x-turtle": "ttl",
    "text/n3": "ttl", "text/rdf+n3": "ttl", "application/n3": "ttl",  # Turtle is N3
    "application/ld+json": "jsonld", "application/x-json+ld": "jsonld",
    "application/json": "jsonld",
    "application/n-triples": "nt",
    "application/rdf+xml": "rdfxml", "application/xml": "rdfxml", "text/xml": "rdfxml",
}
# ?format= names (as SPARQLWrapper and Virtuoso-style clients send them), per result kind.
SELECT_NAMES = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv"}
GRAPH_NAMES = {"ttl": "ttl", "turtle": "ttl", "n3": "ttl", "json": "jsonld", "jsonld": "jsonld",
               "json-ld": "jsonld", "nt": "nt", "ntriples": "nt", "n-triples": "nt",
               "xml": "rdfxml", "rdf": "rdfxml", "rdfxml": "rdfxml", "rdf+xml": "rdfxml"}


class _Full(Exception):
    """Raised from inside Oxigraph's writer to stop the query at the cap."""


class _Lines:
    """A binary file for Oxigraph's writers that keeps `limit` lines and stops the writer at
    the next one, so that a capped query is not evaluated past its cap."""

    def __init__(self, limit: int) -> None:
        self.limit, self.lines, self.chunks = limit, 0, []
        self.full = False

    def write(self, data: Any) -> int:
        data = bytes(data)
        self.chunks.append(data)
        self.lines += data.count(b"\n")
        if self.lines > self.limit:
            self.full = True
            raise _Full
        return len(data)

    def flush(self) -> None:
        pass

    def text(self) -> bytes:
        data = b"".join(self.chunks)
        if not self.full:
            return data
        return b"".join(line + b"\n" for line in data.split(b"\n", self.limit)[:self.limit])


def _capped(write: Any, limit: int) -> tuple[bytes, bool]:
    out = _Lines(limit)
    try:
        write(out)
    except (_Full, OSError):  # _Full comes back as itself or as an OSError
        if not out.full:
            raise
    return out.text(), out.full


def write_solutions(result: Any, key: str, max_rows: int) -> tuple[bytes, bool]:
    """A SELECT result in format `key`, at most max_rows rows; and whether it was cut."""
    fmt = SELECT_FORMATS[key][1]
    # One line more than the rows: TSV's first line names the variables.
    tsv, cut = _capped(lambda out: result.serialize(output=out, format=R.TSV), max_rows + 1)
    if fmt == R.TSV:
        return tsv, cut
    return ox.parse_query_results(tsv, R.TSV).serialize(format=fmt), cut


def write_boolean(result: Any, key: str) -> bytes:
    """An ASK answer in format `key` (nothing to cap)."""
    return result.serialize(format=SELECT_FORMATS[key][1])


def write_triples(result: Any, key: str, max_rows: int) -> tuple[bytes, bool]:
    """A CONSTRUCT or DESCRIBE result in format `key`, at most max_rows triples."""
    fmt = GRAPH_FORMATS[key][1]
    nt, cut = _capped(lambda out: result.serialize(output=out, format=ox.RdfFormat.N_TRIPLES),
                      max_rows)
    if fmt == ox.RdfFormat.N_TRIPLES:
        return nt, cut
    graph = ox.Store()  # in memory: Oxigraph writes Turtle, JSON-LD and RDF/XML from it
    graph.bulk_load(nt, format=ox.RdfFormat.N_TRIPLES)
    return graph.dump(format=fmt, from_graph=ox.DefaultGraph()), cut
