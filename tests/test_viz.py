"""The interactive page, the analytics and the plots."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.store import GraphStore, run_query
from kg.viz.analytics import plot, stats
from kg.viz.network import KINDS, build_graph, select_view
from kg.viz.page import render


@pytest.fixture(scope="module")
def store(seed_store: Path) -> GraphStore:
    return GraphStore(seed_store, read_only=True)


@pytest.fixture(scope="module")
def graph(store: GraphStore):
    return build_graph(store)


def test_page_requests_nothing_from_the_network(graph) -> None:
    html = render(select_view(graph))
    assert re.findall(r"(?:src|href)\s*=\s*[\"'](?:https?:|//|\.\./)", html) == []


def test_page_carries_every_node_of_the_view(graph) -> None:
    view = select_view(graph, limit=50)
    html = render(view)
    assert view.number_of_nodes() == 50 and html.count('"kind": ') == 50


def test_every_kind_has_a_colour_and_a_legend_entry(graph) -> None:
    kinds = {d["kind"] for _, d in graph.nodes(data=True)}
    assert kinds <= set(KINDS) and {"law", "case", "local authority"} <= kinds


def test_focus_on_a_law_keeps_its_neighbourhood(graph) -> None:
    view = select_view(graph, focus="Cybersecurity Law", hops=1)
    labels = {d["label"] for _, d in view.nodes(data=True)}
    assert "Cybersecurity Law" in labels and len(labels) > 3


def test_focus_on_unknown_name_is_an_error(graph) -> None:
    with pytest.raises(KeyError):
        select_view(graph, focus="No Such Body Anywhere")


def test_type_and_date_filters(graph) -> None:
    cases = select_view(graph, kinds=["case"])
    recent = select_view(graph, since="2024-01")
    assert {d["kind"] for _, d in cases.nodes(data=True)} == {"case"}
    assert all((d.get("date") or "9999") >= "2024-01" for _, d in recent.nodes(data=True))


def test_newsletter_text_is_escaped_in_the_page() -> None:
    import networkx as nx

    g = nx.DiGraph()
    g.add_node("x", label="</script><script>window.__pwned=1</script>", kind="case",
               source_headline="<img src=x onerror=alert(1)>", source_file="f",
               source_span="1-2")
    html = render(g)
    assert "</script><script>window.__pwned" not in html and "<img src=x" not in html


def test_stats_counts_match_sparql(store: GraphStore) -> None:
    result = stats(store)
    counts = dict(result["counts"])
    n = run_query(store, "SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a kg:EnforcementCase }")
    assert counts["EnforcementCase"] == n.rows[0][0]


def test_most_central_authority_is_national(store: GraphStore) -> None:
    result = stats(store)
    assert result["pagerank_authorities"][0][0] in {
        "Cyberspace Administration of China", "Ministry of Industry and Information Technology",
        "National People's Congress", "Standing Committee of the National People's Congress",
        "State Council"}


@pytest.mark.parametrize("what", ["timeline", "fines", "authorities"])
def test_plots_write_png(store: GraphStore, tmp_path: Path, what: str) -> None:
    path = plot(store, what, tmp_path / f"{what}.png")
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and path.stat().st_size > 5000


def test_plot_html_is_inline_svg(store: GraphStore, tmp_path: Path) -> None:
    text = plot(store, "fines", tmp_path / "fines.html").read_text(encoding="utf-8")
    assert "<svg" in text and "http" not in text.split("<svg", 1)[0]
