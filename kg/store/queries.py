"""SPARQL over the store: prefixes predeclared, saved queries, results as rows or tables."""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any

import pyoxigraph as ox


class QueryError(Exception):
    """A query that could not run; the message gives line and column when known."""


@dataclass
class QueryResult:
    """Rows of a SELECT, the answer of an ASK, or the triples of a CONSTRUCT/DESCRIBE."""

    kind: str  # "select" | "ask" | "graph"
    variables: list[str]
    rows: list[list[Any]]  # python values: str, int, float, bool, None
    boolean: bool | None = None
    triples: list[tuple[Any, Any, Any]] | None = None

    def to_df(self) -> Any:
        import pandas as pd

        return pd.DataFrame(self.rows, columns=self.variables)

    def serialize(self, fmt: str) -> str:
        if self.kind == "ask":
            return json.dumps({"head": {}, "boolean": self.boolean}) if fmt == "json" else str(
                self.boolean).lower()
        if self.kind == "graph":
            assert self.triples is not None
            return "".join(f"{s} {p} {o} .\n" for s, p, o in self.triples)
        if fmt == "json":
            return json.dumps({"head": {"vars": self.variables},
                               "results": {"bindings": [
                                   {v: {"value": "" if x is None else str(x)}
                                    for v, x in zip(self.variables, row, strict=True)
                                    if x is not None} for row in self.rows]}},
                              ensure_ascii=False, indent=1)
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter="\t" if fmt == "tsv" else ",", lineterminator="\n")
        writer.writerow(self.variables)
        writer.writerows([["" if x is None else x for x in row] for row in self.rows])
        return buf.getvalue()


_BY_SUFFIX: tuple[tuple[tuple[str, ...], Callable[[str], Any]], ...] = (
    (("#integer", "#int", "#long", "#nonNegativeInteger"), int),
    (("#decimal", "#double", "#float"), float),
    (("#boolean",), lambda text: text == "true"),
)


@functools.lru_cache(maxsize=256)
def _converter(datatype: str) -> Callable[[str], Any] | None:
    """Chosen once per datatype IRI: a result of a thousand rows has a handful of datatypes."""
    return next((f for suffixes, f in _BY_SUFFIX if datatype.endswith(suffixes)), None)


def python_value(text: str, datatype: str = "") -> Any:
    """A literal's lexical form as a Python value, by its XSD datatype."""
    convert = _converter(datatype)
    if convert is None:
        return text
    try:
        return convert(text)
    except ValueError:
        return text


def _value(term: Any) -> Any:
    if term is None:
        return None
    if isinstance(term, ox.Literal):
        return python_value(term.value, term.datatype.value if term.datatype else "")
    return term.value


def run_query(store: Any, sparql: str, bindings: dict[str, Any] | None = None) -> QueryResult:
    """Run SPARQL on a GraphStore, returning plain values.

    `bindings` maps variable names to values that are substituted as RDF terms (never pasted
    into the query text), so a name with quotes or braces in it cannot change the query.
    """
    if hasattr(store, "run"):  # a remote endpoint answers with a QueryResult already
        return store.run(sparql, bindings)
    try:
        result = store.query(sparql, bindings=bindings)
    except SyntaxError as exc:
        raise QueryError(_located(str(exc))) from exc
    except (ValueError, OSError, RuntimeError) as exc:
        raise QueryError(str(exc).splitlines()[0]) from exc
    if isinstance(result, bool | ox.QueryBoolean):
        return QueryResult("ask", [], [], boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        variables = [v.value for v in result.variables]
        # A solution iterates its values in the order of the variables, unbound as None:
        # cheaper than looking each up by name.
        rows = [[_value(term) for term in sol] for sol in result]
        return QueryResult("select", variables, rows)
    triples = [(t.subject, t.predicate, t.object) for t in result]
    return QueryResult("graph", ["subject", "predicate", "object"],
                       [[_value(x) for x in t] for t in triples], triples=triples)


def _located(message: str) -> str:
    """"error at 3:14: expected ..." -> "syntax error at line 3, column 14: expected ..."."""
    first = message.splitlines()[0]
    m = re.match(r"error at (\d+):(\d+):?\s*(.*)", first)
    if m:
        return f"syntax error at line {m.group(1)}, column {m.group(2)}: {m.group(3)}"
    return f"syntax error: {first}"


def bind_values(sparql: str, bindings: dict[str, Any] | None) -> str:
    """Bind variables by a VALUES block placed first in the outermost WHERE group.

    Inside the group the values join every pattern and FILTER of the query, so a parameter can
    be used anywhere a variable can. Terms are written by pyoxigraph in N-Triples syntax, which
    escapes quotes and newlines: a value can never close its literal and add query text.

    A line that ends in `# only if ?name` is kept only when ?name is bound: a saved query can
    then take the index path for a bound parameter (`?case kg:caseMonth ?month`) without losing,
    when it is unbound, the nodes that pattern would not match (cases with no date). A line
    that ends in `# unless ?name` is kept only when ?name is unbound: a pattern that the bound
    path makes redundant (`?case a kg:EnforcementCase`, when kg:caseMonth, whose domain that
    is, found the case) is then not looked up again for every row.
    """
    bound = bindings or {}
    sparql = _CONDITIONAL.sub(
        lambda m: m.group(0) if (m.group(2) in bound) == (m.group(1) == "only if") else "",
        sparql)
    if not bindings:
        return sparql
    for name in bindings:
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise QueryError(f"not a variable name: {name!r}")
    types = declared_types(sparql)
    names = " ".join(f"?{k}" for k in bindings)
    terms = " ".join(str(to_term(v, types.get(k))) for k, v in bindings.items())
    block = f" VALUES ({names}) {{ ({terms}) }} "
    at = _first_group(sparql)
    if at < 0:
        raise QueryError("cannot bind parameters: the query has no WHERE group")
    return sparql[: at + 1] + block + sparql[at + 1 :]


_MASKABLE = re.compile(r'#[^\n]*|"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:\\.|[^"\\\n])*"'
                       r"|'(?:\\.|[^'\\\n])*'|<[^\s<>\"{}|^`]*>")


def _first_group(sparql: str) -> int:
    """Offset of the WHERE group's "{" (or the first "{"), ignoring strings, IRIs, comments."""
    masked = _MASKABLE.sub(lambda m: " " * len(m.group(0)), sparql)
    where = re.search(r"\bWHERE\s*\{", masked, re.I)
    if where:
        return where.end() - 1
    return masked.find("{")


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


_CONDITIONAL = re.compile(r"^[^\n]*#\s*(only if|unless) [?$](\w+)[ \t]*$", re.M)
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


def list_saved() -> dict[str, str]:
    """Saved query name -> the first comment line (what it answers)."""
    out: dict[str, str] = {}
    for entry in sorted(resources.files("kg.queries").iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            text = entry.read_text(encoding="utf-8")
            doc = next((ln.lstrip("# ").strip() for ln in text.splitlines()
                        if ln.startswith("#")), "")
            out[entry.name[:-3]] = doc
    return out


def load_saved(name: str) -> str:
    path = resources.files("kg.queries") / f"{name}.rq"
    if not path.is_file():
        known = ", ".join(list_saved())
        raise QueryError(f"no saved query named {name!r}; known: {known}")
    return path.read_text(encoding="utf-8")
