"""SPARQL over the store: prefixes predeclared, saved queries, results as rows or tables."""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyoxigraph as ox

if TYPE_CHECKING:
    from .protocol import Store


class QueryError(Exception):
    """A query that could not run; the message gives line and column when known."""


_RESULTS = {"json": ox.QueryResultsFormat.JSON, "xml": ox.QueryResultsFormat.XML,
            "csv": ox.QueryResultsFormat.CSV, "tsv": ox.QueryResultsFormat.TSV}
_XSD = "http://www.w3.org/2001/XMLSchema#"
_RDF = {"ttl": ox.RdfFormat.TURTLE, "json": ox.RdfFormat.JSON_LD, "xml": ox.RdfFormat.RDF_XML}


@dataclass
class QueryResult:
    """Rows of a SELECT, the answer of an ASK, or the triples of a CONSTRUCT/DESCRIBE; rows
    as plain values for tables and code, and as the terms that the result formats write."""

    kind: str  # "select" | "ask" | "graph"
    variables: list[str]
    rows: list[list[Any]]  # python values: str, int, float, bool, None
    boolean: bool | None = None
    triples: list[tuple[Any, Any, Any]] | None = None
    terms: list[list[Any]] | None = None  # rows as pyoxigraph terms (None: unbound)

    def to_df(self) -> Any:
        import pandas as pd

        return pd.DataFrame(self.rows, columns=self.variables)

    def serialize(self, fmt: str) -> str:
        """SELECT and ASK in a SPARQL 1.1 result format (json, xml, csv, tsv), written by
        Oxigraph as its server writes them (csv for any other name; an ASK is true or false
        in csv and tsv); a graph as RDF: Turtle for ttl, JSON-LD for json, RDF/XML for xml,
        N-Triples otherwise."""
        if self.kind == "graph":
            assert self.triples is not None
            rdf = _RDF.get(fmt, ox.RdfFormat.N_TRIPLES)
            triples = [ox.Triple(*t) for t in self.triples]
            prefixes = _prefixes() if rdf is ox.RdfFormat.TURTLE else None
            return ox.serialize(triples, format=rdf, prefixes=prefixes).decode("utf-8")
        return self.solutions().serialize(
            format=_RESULTS.get(fmt, ox.QueryResultsFormat.CSV)).decode("utf-8")

    def solutions(self) -> Any:
        """The result as pyoxigraph QuerySolutions (or QueryBoolean), which write every
        SPARQL 1.1 result format: read back from TSV, whose cells are terms in Turtle syntax."""
        if self.kind == "ask":
            return ox.parse_query_results(json.dumps({"head": {}, "boolean": bool(
                self.boolean)}), ox.QueryResultsFormat.JSON)
        terms = self.terms if self.terms is not None else [
            [_term_of(x) for x in row] for row in self.rows]
        lines = ["\t".join(f"?{v}" for v in self.variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in terms]
        return ox.parse_query_results("\n".join(lines) + "\n", ox.QueryResultsFormat.TSV)


def _term_of(value: Any) -> Any:
    """A row's Python value as a term, for a QueryResult made without its terms."""
    if not isinstance(value, bool | int | float):
        return None if value is None else to_term(value)
    kind = "boolean" if isinstance(value, bool) else "integer" if isinstance(value, int) else (
        "double")
    return ox.Literal(str(value).lower(), datatype=ox.NamedNode(f"{_XSD}{kind}"))


def _prefixes() -> dict[str, str]:
    """The ontology's prefixes for Turtle, less id: (its names hold slashes, escaped in Turtle)."""
    from kg.vocab import PREFIXES

    return {p: iri for p, iri in PREFIXES.items() if p != "id"}


_BY_SUFFIX: tuple[tuple[tuple[str, ...], Callable[[str], Any]], ...] = (
    (("#integer", "#int", "#long", "#nonNegativeInteger"), int),
    (("#decimal", "#double", "#float"), float),
    (("#boolean",), lambda text: text == "true"),
)


@functools.lru_cache(maxsize=256)
def _converter(datatype: Any) -> Callable[[str], Any] | None:
    """Chosen once per datatype term (a NamedNode hashes and compares as its IRI): a result of
    a thousand rows has a handful of datatypes."""
    iri = datatype.value if datatype is not None else ""
    return next((f for suffixes, f in _BY_SUFFIX if iri.endswith(suffixes)), None)


def _value(term: Any) -> Any:
    if not isinstance(term, ox.Literal):
        return None if term is None else term.value
    text, convert = term.value, _converter(term.datatype)
    try:
        return text if convert is None else convert(text)
    except ValueError:
        return text


def run_query(store: Store, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult:
    """Run SPARQL on a store (embedded or remote), returning plain values.

    `bindings` maps variable names to values that are substituted as RDF terms (never pasted
    into the query text), so a name with quotes or braces in it cannot change the query.
    """
    return store.run(sparql, bindings)


def query_error(exc: Exception) -> QueryError:
    """pyoxigraph's error for a query that cannot run, as one line that says where."""
    if isinstance(exc, SyntaxError):
        return QueryError(_located(str(exc)))
    return QueryError(str(exc).splitlines()[0])


def answer(result: Any) -> QueryResult:
    """pyoxigraph's answer (a boolean, solutions or triples) as a QueryResult."""
    if isinstance(result, bool | ox.QueryBoolean):
        return QueryResult("ask", [], [], boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        # A solution iterates its values in the order of the variables, unbound as None:
        # cheaper than looking each up by name.
        terms = [list(sol) for sol in result]
        rows = [[_value(term) for term in row] for row in terms]
        return QueryResult("select", variables, rows, terms=terms)
    triples = [(t.subject, t.predicate, t.object) for t in result]
    return QueryResult("graph", ["subject", "predicate", "object"],
                       [[_value(x) for x in t] for t in triples], triples=triples)


RDF_ACCEPT = "application/n-triples, text/turtle;q=0.9, application/rdf+xml;q=0.5"


def parse_results(form: str, ctype: str, body: bytes) -> QueryResult:
    """A server's answer (SPARQL JSON results, or RDF for a graph) as a QueryResult."""
    if form in ("construct", "describe"):
        fmt = ox.RdfFormat.from_media_type(ctype.split(";")[0].strip()) or ox.RdfFormat.TURTLE
        triples = [(t.subject, t.predicate, t.object) for t in ox.parse(body, format=fmt)]
        return QueryResult("graph", ["subject", "predicate", "object"],
                           [[x.value for x in t] for t in triples], triples=triples)
    try:
        doc = json.loads(body)
    except ValueError as exc:
        raise QueryError(f"not SPARQL JSON results ({ctype}): {body[:200]!r}") from exc
    if "boolean" in doc:
        return QueryResult("ask", [], [], boolean=bool(doc["boolean"]))
    variables, bindings = doc["head"]["vars"], doc["results"]["bindings"]
    if form == "ask":  # Virtuoso 7 answers ASK as a SELECT of one variable, 1 when true
        return QueryResult("ask", [], [], boolean=any(
            b[v]["value"] in ("1", "true") for b in bindings for v in variables if v in b))
    blanks: dict[str, Any] = {}
    terms = [[_json_term(b.get(v), blanks) for v in variables] for b in bindings]
    return QueryResult("select", variables, [[_value(t) for t in row] for row in terms],
                       terms=terms)


def _json_term(b: dict[str, Any] | None, blanks: dict[str, Any]) -> Any:
    """A SPARQL JSON binding as a term; a blank node gets a label of Oxigraph's, the same
    wherever the server's recurs (Oxigraph refuses Virtuoso's, nodeID://b1)."""
    if b is None or b.get("type") == "bnode":
        return None if b is None else blanks.setdefault(b["value"], ox.BlankNode())
    if b.get("type") == "uri":
        return ox.NamedNode(b["value"])
    if b.get("xml:lang"):
        return ox.Literal(b["value"], language=b["xml:lang"])
    datatype = b.get("datatype")
    return ox.Literal(b["value"], datatype=ox.NamedNode(datatype) if datatype else None)


def _located(message: str) -> str:
    """"error at 3:14: expected ..." -> "syntax error at line 3, column 14: expected ..."."""
    first = message.splitlines()[0]
    m = re.match(r"error at (\d+):(\d+):?\s*(.*)", first)
    if m:
        return f"syntax error at line {m.group(1)}, column {m.group(2)}: {m.group(3)}"
    return f"syntax error: {first}"


def bind_values(sparql: str, bindings: dict[str, Any] | None) -> str:
    """Bind variables to values with SPARQL's own VALUES; nothing else in the query changes.

    A parameter that the query gives a default (a saved query's `VALUES ?month { "all" }`)
    has the values of every such one-variable block replaced. Any other is bound by a VALUES
    block placed first in the outermost WHERE group, where it joins every pattern and FILTER.
    Terms are written by pyoxigraph in N-Triples syntax, which escapes quotes and newlines: a
    value can never close its literal and add query text. Comments are only comments.
    """
    if not bindings:
        return sparql
    for name in bindings:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"not a variable name: {name!r}")
    at = _first_group(sparql)
    if at < 0:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    types, slots = declared_types(sparql), _slots(sparql)
    edits, rest = [], {}
    for name, value in bindings.items():
        term = str(to_term(value, types.get(name)))
        if name not in slots:
            rest[name] = term
        edits += [(begin, stop, f" {term} ") for begin, stop, default in slots.get(name, [])
                  if str(value) != default]  # binding the default changes nothing
    for begin, stop, text in sorted(edits, reverse=True):
        sparql = sparql[:begin] + text + sparql[stop:]
    if not rest:
        return sparql
    block = f" VALUES ({' '.join(f'?{k}' for k in rest)}) {{ ({' '.join(rest.values())}) }} "
    return sparql[: at + 1] + block + sparql[at + 1 :]


_SLOT = re.compile(r"\bVALUES\s*(?:[?$](\w+)\s*\{([^{}]*)\}|\(([^()]*)\)\s*\{\s*\(([^()]*)\)\s*\})",
                   re.I)
_TERM = re.compile(r'"(?:[^"\\]|\\.)*"(?:\^\^\S+|@[\w-]+)?|<[^>]*>|[^\s()]+')


def _slots(sparql: str) -> dict[str, list[tuple[int, int, str]]]:
    """Parameter defaults: the one-row VALUES blocks (`VALUES ?v { d }`, `VALUES (?a ?b)
    { (d e) }`) standing directly in a WHERE group, the query's or a subquery's (a block in a
    UNION branch or an OPTIONAL is data, not a default). Variable -> (start, end of its value,
    the default's lexical form), one entry per block."""
    text = masked(sparql)
    where_at = {m.end() - 1 for m in re.finditer(r"\bWHERE\s*\{", text, re.I)}
    out: dict[str, list[tuple[int, int, str]]] = {}
    stack: list[int] = []
    pos = 0
    for m in _SLOT.finditer(text):
        for i in range(pos, m.start()):
            if text[i] == "{":
                stack.append(i)
            elif text[i] == "}" and stack:
                stack.pop()
        pos = m.start()
        if not stack or stack[-1] not in where_at:
            continue
        if m.group(1):
            names, terms = [m.group(1)], [(m.start(2), m.end(2))]
        else:
            names = re.findall(r"[?$](\w+)", m.group(3))
            terms = [(m.start(4) + t.start(), m.start(4) + t.end())
                     for t in _TERM.finditer(sparql[m.start(4) : m.end(4)])]
        if len(terms) != len(names):
            continue  # several rows: data, not a default
        for name, (begin, stop) in zip(names, terms, strict=True):
            default = sparql[begin:stop].strip().strip('"')
            out.setdefault(name, []).append((begin, stop, default))
    return out


_MASKABLE = re.compile(r'#[^\n]*|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"'
                       r"|'(?:\\.|[^'\\\n])*'|<[^\s<>\"{}|^`]*>")


def masked(sparql: str) -> str:
    """The query with its comments, strings and IRIs blanked out, offsets unchanged: what is
    left are keywords, variables, prefixed names and punctuation, safe to search."""
    return _MASKABLE.sub(lambda m: " " * len(m.group(0)), sparql)


def _first_group(sparql: str) -> int:
    """Offset of the WHERE group's "{" (or the first "{"), ignoring strings, IRIs, comments."""
    text = masked(sparql)
    where = re.search(r"\bWHERE\s*\{", text, re.I)
    return where.end() - 1 if where else text.find("{")


def query_form(sparql: str) -> str:
    """"select", "ask", "construct" or "describe": the query's first keyword of the four, past
    its prologue (strings, IRIs and comments ignored)."""
    m = re.search(r"\b(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", masked(sparql), re.I)
    return m.group(1).lower() if m else "select"


def dataset_of(sparql: str) -> tuple[bool, bool, list[str]]:
    """What a query says of its dataset: whether it has a FROM, whether it may reach any named
    graph (`GRAPH ?g`), and the named graphs it names (`GRAPH <iri>`, `GRAPH id:graph\\/x`)."""
    from kg.vocab import PREFIXES

    text = masked(sparql)
    named = [m.group(1) for m in re.finditer(r"\bGRAPH\s*<([^>]*)>", sparql)]
    named += [PREFIXES[m.group(1)] + m.group(2).replace("\\", "")
              for m in re.finditer(r"\bGRAPH\s+(\w+):((?:[\w.-]|\\.)+)", sparql)
              if m.group(1) in PREFIXES]
    return (bool(re.search(r"\bFROM\b", text, re.I)),
            bool(re.search(r"\bGRAPH\s*[?$]", text, re.I)), named)


def to_term(value: Any, datatype: str | None = None) -> Any:
    """A Python value as the pyoxigraph term a bound variable takes: a literal of `datatype`
    when the query declares one for the parameter (see `declared_types`)."""
    if isinstance(value, ox.NamedNode | ox.Literal | ox.BlankNode):
        return value
    if isinstance(value, str) and value.startswith(("http://", "https://", "urn:")):
        return ox.NamedNode(value)
    if datatype:
        return ox.Literal(str(value), datatype=ox.NamedNode(datatype))
    return ox.Literal(str(value))


_PARAM = re.compile(r"^#\s*param\s+[?$](\w+)\s+(\w+):(\w+)", re.M)


def declared_types(sparql: str) -> dict[str, str]:
    """Parameter datatypes a query declares in comment lines (`# param ?month xsd:gYearMonth`).

    A typed value joins the stored literal through the index ("2024-05"^^xsd:gYearMonth);
    the plain string a user passes would match nothing, and converting it inside the query
    (BIND(STRDT(...))) makes Oxigraph scan every month instead of looking one up.
    """
    from kg.vocab import PREFIXES

    return {name: PREFIXES[prefix] + local for name, prefix, local in _PARAM.findall(sparql)
            if prefix in PREFIXES}

