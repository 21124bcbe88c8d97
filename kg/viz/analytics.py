"""Numbers and plots about the graph: activity, citations, centrality, fines over time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from kg.store import Store, run_query
from kg.store.counts import most_cited

from .network import build_graph

COUNTS = """
SELECT ?class (COUNT(DISTINCT ?x) AS ?n) WHERE {
  ?x a ?c . FILTER(STRSTARTS(STR(?c), STR(kg:))) BIND(STRAFTER(STR(?c), "#") AS ?class)
} GROUP BY ?class ORDER BY DESC(?n)"""
ISSUING = """
SELECT ?name (COUNT(DISTINCT ?i) AS ?n) WHERE {
  ?i eli:passed_by ?a . ?a skos:prefLabel ?name .
  ?i prov:wasDerivedFrom|kg:draftOf/prov:wasDerivedFrom|^kg:mentions ?item .
} GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 10"""
ENFORCING = """
SELECT ?name (COUNT(DISTINCT ?c) AS ?n) WHERE {
  ?c a kg:EnforcementCase ; kg:authority/skos:prefLabel ?name .
} GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT 10"""
TIMELINE = """
SELECT ?month ?section (COUNT(?item) AS ?n) WHERE {
  ?item a kg:NewsItem ; dcterms:date ?d ; kg:section/skos:notation ?section .
  BIND(SUBSTR(STR(?d), 1, 7) AS ?month)
} GROUP BY ?month ?section ORDER BY ?month"""
FINES = """
SELECT ?authority ?year (SUM(?v) AS ?total) WHERE {
  ?c a kg:EnforcementCase ; kg:fine ?f . ?f schema:value ?v ; schema:currency "CNY" .
  OPTIONAL { ?c kg:authority/skos:prefLabel ?a } OPTIONAL { ?c dcterms:date ?d }
  BIND(COALESCE(?a, "(not named)") AS ?authority)
  BIND(IF(BOUND(?d), STR(YEAR(?d)), "undated") AS ?year)
} GROUP BY ?authority ?year ORDER BY ?year"""
HIERARCHY = """
SELECT DISTINCT ?child ?parent WHERE {
  ?c org:subOrganizationOf ?p . ?c skos:prefLabel ?child . ?p skos:prefLabel ?parent .
  { ?c a kg:LocalAuthority } UNION { ?c a kg:Court } UNION { ?x kg:mentions ?c }
}"""


def stats(store: Store) -> dict[str, Any]:
    """Counts, most active and most cited, centrality, components and the hierarchy."""
    graph = build_graph(store)
    undirected = graph.to_undirected()
    pagerank = nx.pagerank(graph) if graph.number_of_nodes() else {}
    betweenness = nx.betweenness_centrality(undirected) if graph.number_of_nodes() else {}
    label = nx.get_node_attributes(graph, "label")

    def top(scores: dict[str, float], kinds: tuple[str, ...]) -> list[tuple[str, float]]:
        chosen = [(label.get(n, n), s) for n, s in scores.items()
                  if graph.nodes[n].get("kind") in kinds]
        return sorted(chosen, key=lambda x: -x[1])[:10]

    instrument_kinds = ("law", "regulation", "measure", "standard", "normative document")
    authority_kinds = ("national authority", "local authority", "court")
    components = sorted((len(c) for c in nx.connected_components(undirected)), reverse=True)
    return {
        "counts": run_query(store, COUNTS).rows,
        "issuing": run_query(store, ISSUING).rows,
        "enforcing": run_query(store, ENFORCING).rows,
        "cited": most_cited(store),
        "pagerank_instruments": top(pagerank, instrument_kinds),
        "pagerank_authorities": top(pagerank, authority_kinds),
        "betweenness_authorities": top(betweenness, authority_kinds),
        "components": components,
        "hierarchy": run_query(store, HIERARCHY).rows,
    }


def plot(store: Store, what: str, out: Path) -> Path:
    """timeline | fines | authorities as PNG (matplotlib) or as an HTML page with inline SVG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(11, 6))
    if what == "timeline":
        rows = run_query(store, TIMELINE).rows
        months = sorted({m for m, _, _ in rows})
        sections = sorted({s for _, s, _ in rows})
        bottom = [0] * len(months)
        for section in sections:
            counts = [sum(n for m2, s2, n in rows if m2 == m and s2 == section) for m in months]
            ax.bar(months, counts, bottom=bottom, label=section)
            bottom = [b + c for b, c in zip(bottom, counts, strict=True)]
        ax.set_title("Developments per month, by section")
        ax.set_ylabel("items")
        ax.legend()
        ax.tick_params(axis="x", rotation=60)
    elif what == "fines":
        rows = run_query(store, FINES).rows
        years = sorted({y for _, y, _ in rows})
        authorities = sorted({a for a, _, _ in rows})
        width = 0.8 / max(1, len(authorities))
        for k, authority in enumerate(authorities):
            values = [sum(t for a, y, t in rows if a == authority and y == year) / 1e6
                      for year in years]
            ax.bar([i + k * width for i in range(len(years))], values, width, label=authority)
        ax.set_xticks([i + 0.4 - width / 2 for i in range(len(years))], years)
        ax.set_title("Fines on entities by authority and year (million CNY)")
        ax.legend(fontsize=7)
    elif what == "authorities":
        rows = run_query(store, HIERARCHY).rows
        tree = nx.DiGraph()
        tree.add_edges_from((p, c) for c, p in rows)
        pos = nx.spring_layout(tree, seed=7, k=0.9)
        nx.draw_networkx(tree, pos, ax=ax, node_size=120, font_size=6, arrows=True,
                         node_color="#3498db", edge_color="#999999")
        ax.set_title("Authorities and the bodies they sit under")
        ax.axis("off")
    else:
        raise ValueError(f"unknown plot {what!r}: timeline, fines or authorities")
    fig.tight_layout()
    import io

    from kg.util import atomic_write_bytes

    buf = io.BytesIO()
    if out.suffix.lower() == ".html":
        fig.savefig(buf, format="svg")
        svg = buf.getvalue().decode("utf-8")
        svg = svg[svg.index("<svg"):]
        data = (f"<!doctype html><html><head><meta charset='utf-8'><title>kg {what}</title>"
                f"</head><body>{svg}</body></html>").encode()
    else:
        fig.savefig(buf, format="png", dpi=110)
        data = buf.getvalue()
    plt.close(fig)
    atomic_write_bytes(out, data)
    return out
