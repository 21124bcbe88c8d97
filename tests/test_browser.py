"""The page in a real headless Chromium, offline: nodes drawn, no request out, no script run.

Uses Debian's chromium (never a downloaded browser), driven by Playwright. On a machine without
/usr/bin/chromium the test skips and says why.
"""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARTIFACTS = Path(__file__).parent / "artifacts"
HOSTILE = """Monthly Update - June 2024 Issue

Enforcement Developments

1. <script>window.__pwned=1</script> fined by the Cyberspace Administration of Kunming (3 June)

On 3 June, the Cyberspace Administration of Kunming fined <img src=x onerror="window.__pwned=2">
Co., Ltd. RMB 10,000 under the Cybersecurity Law. See javascript:window.__pwned=3 for details.
"""

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(),
                                reason="Debian's chromium is not installed (.ci/run installs it)")


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory, pipeline) -> tuple[Path, int]:
    from kg.pipeline import add_documents
    from kg.store import GraphStore, load_reference
    from kg.viz.network import build_graph, select_view
    from kg.viz.page import render

    tmp = tmp_path_factory.mktemp("browser")
    news = tmp / "hostile.txt"
    news.write_text(HOSTILE, encoding="utf-8")
    store = GraphStore(tmp / "store")
    load_reference(store)
    add_documents(store, [news, Path(__file__).parents[1] / "seeds" / "001_320ae357488913d8.txt"],
                  pipeline)
    view = select_view(build_graph(store), limit=150)
    out = tmp / "graph.html"
    out.write_text(render(view), encoding="utf-8")
    return out, view.number_of_nodes()


def test_page_draws_offline_and_runs_nothing_injected(page_file: tuple[Path, int]) -> None:
    playwright = pytest.importorskip("playwright.sync_api")
    path, expected = page_file
    outside: list[str] = []
    with playwright.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1300, "height": 850})

        def guard(route) -> None:
            if route.request.url.startswith("file:"):
                route.continue_()
            else:
                outside.append(route.request.url)
                route.abort()

        page.route("**/*", guard)
        page.goto(path.as_uri())
        page.wait_for_function("window.kgStabilised === true", timeout=90_000)
        drawn = page.evaluate("window.kgNodeCount()")
        pwned = page.evaluate("window.__pwned")
        page.wait_for_timeout(800)
        ARTIFACTS.mkdir(exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / "graph.png"))
        browser.close()
    assert drawn == expected
    assert outside == []
    assert pwned is None



def test_query_page_shows_hostile_text_as_text(page_file: tuple[Path, int]) -> None:
    """The endpoint's page renders results from a hostile newsletter without running them."""
    playwright = pytest.importorskip("playwright.sync_api")
    from kg.serve import ServeConfig, make_server
    from kg.serve.app import serve_in_thread
    from kg.store import GraphStore

    store = GraphStore(page_file[0].parent / "store", read_only=True)
    server = make_server(store, "127.0.0.1", 0, ServeConfig(workers=1))
    serve_in_thread(server)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    outside: list[str] = []
    try:
        with playwright.sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=[
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"])
            page = browser.new_page()

            def guard(route) -> None:
                if route.request.url.startswith(base):
                    route.continue_()
                else:
                    outside.append(route.request.url)
                    route.abort()

            page.route("**/*", guard)
            page.goto(base + "/")
            page.fill("#q", "SELECT ?t WHERE { ?i a kg:NewsItem ; dcterms:title ?t }")
            page.click("#run")
            page.wait_for_selector("#out table")
            cells = page.eval_on_selector_all("#out td", "tds => tds.map(td => td.textContent)")
            pwned = page.evaluate("window.__pwned")
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    assert any("<script>window.__pwned=1</script>" in c for c in cells)
    assert pwned is None and outside == []
