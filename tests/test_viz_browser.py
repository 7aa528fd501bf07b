"""graph.html in headless Chromium (Debian's /usr/bin/chromium through Playwright; never a
downloaded browser): it loads offline without errors, draws every entity, searches,
filters, highlights, and shows hostile text as text."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, Literal
from rdflib.namespace import RDF, RDFS, SKOS

from kg.publish import page as viz
from kg.builder import build
from kg.cli import main as kg_main
from kg.graph.namespace import CORE_TYPES, KG, KGR

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
HUAXI = "花溪区"
LAYOUT_TIMEOUT_MS = 120_000  # a generous bound for slow CI machines, not a speed assertion

SCRIPT_NAME = "<script>window.__pwned=1;alert(1)</script>行动"
IMG_ALIAS = "<img src=x onerror=\"window.__pwned=1;alert(1)\">"
QUOTES = "\"双引号\" '单引号' </textarea></style>--><!--"
HOSTILE_DOC = (
    f"贵阳市制定印发《{SCRIPT_NAME}》。\n"
    f"花溪区实施“{IMG_ALIAS}”专项行动，推进{QUOTES}工程建设。\n"
)


def entity_count(graph: Graph) -> int:
    return len({s for core in CORE_TYPES for s in graph.subjects(RDF.type, KG[core])})


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Visit:
    """One page load with everything the page did on the way: console, errors, requests, dialogs."""

    def __init__(self, browser, path: Path) -> None:
        self.console: list[str] = []
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        self.url = path.resolve().as_uri()
        self.page.goto(self.url)
        self.page.wait_for_function("window.kgPage && window.kgPage.stabilized", timeout=LAYOUT_TIMEOUT_MS)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def eval(self, script: str, arg=None):
        return self.page.evaluate(script, arg)

    def drawn_nodes(self) -> int:
        """Nodes vis-network laid out and draws (positions exist only for drawn nodes)."""
        return self.eval("Object.keys(kgPage.network.getPositions()).length")

    def search(self, text: str) -> None:
        self.page.fill("#kg-search", text)
        self.page.press("#kg-search", "Enter")

    def close(self) -> None:
        self.page.close()


@pytest.fixture(scope="module")
def seed_visit(browser, seed_output):
    visit = Visit(browser, seed_output / "graph.html")
    yield visit
    visit.close()


def test_seed_page_loads_offline_without_errors(seed_visit):
    assert seed_visit.errors == []
    assert [line for line in seed_visit.console if line.startswith("error")] == []
    assert seed_visit.requests == [seed_visit.url]


def linked_count(graph: Graph) -> int:
    """Entities with a kg: relation to another entity, read straight from the triples."""
    entities = {s for core in CORE_TYPES for s in graph.subjects(RDF.type, KG[core])}
    linked = set()
    for s, p, o in graph:
        if s in entities and o in entities and s != o and str(p).startswith(str(KG)):
            linked.update((s, o))
    return len(linked)


def test_seed_page_opens_on_the_connected_graph_and_the_layout_stops(seed_visit, seed_build):
    linked = linked_count(seed_build.graph)
    isolated = entity_count(seed_build.graph) - linked
    assert 0 < isolated and seed_visit.drawn_nodes() == linked
    assert seed_visit.eval("kgPage.network.physics.physicsEnabled") is False
    before = seed_visit.eval("JSON.stringify(kgPage.network.getPositions())")
    seed_visit.page.wait_for_timeout(300)
    assert seed_visit.eval("JSON.stringify(kgPage.network.getPositions())") == before


def test_search_selects_the_entity_and_highlights_its_neighbours(seed_visit):
    seed_visit.search(HUAXI)
    selected = seed_visit.eval("kgPage.network.getSelectedNodes()")
    assert len(selected) == 1
    assert seed_visit.eval("(id) => kgPage.nodes.get(id).label", selected[0]) == HUAXI
    assert seed_visit.page.inner_text("#kg-panel .kg-name") == HUAXI
    panel = seed_visit.page.inner_text("#kg-panel")
    assert "000_ecb2e819d0fb75f5.txt" in panel
    neighbours = set(seed_visit.eval("(id) => kgPage.network.getConnectedNodes(id)", selected[0]))
    colours = seed_visit.eval("() => { const c = {}; kgPage.nodes.forEach(n => c[n.id] = n.color.background); return c; }")
    dimmed = {node for node, colour in colours.items() if colour == "#e6e6e6"}
    assert dimmed == set(colours) - neighbours - {selected[0]}
    seed_visit.eval("kgPage.clearSelection()")
    assert seed_visit.eval("kgPage.network.getSelectedNodes().length") == 0


# 000: "地区生产总值从2020年的637亿元跃升至2024年的980亿元，2025年历史性突破千亿元大关"
def test_panel_charts_an_indicator_over_the_years(seed_visit):
    seed_visit.search(HUAXI)
    chart = seed_visit.page.locator('#kg-panel .kg-chart[data-indicator="地区生产总值"]').first
    assert chart.count() == 1
    svg = chart.locator("svg")
    assert svg.is_visible()
    years = [int(t) for t in svg.locator("text.kg-year").all_text_contents()]
    assert {2020, 2024, 2025} <= set(years) and years == sorted(years)
    assert svg.locator("circle.kg-actual").count() >= 3  # results drawn as filled dots
    heights = seed_visit.eval("""() => [...document.querySelectorAll('#kg-panel .kg-chart[data-indicator="地区生产总值"] circle.kg-actual')]
        .map(c => parseFloat(c.getAttribute('cy')))""")
    assert heights[0] > heights[-1]  # 637 (2020) is drawn lower than 1000 (2025)
    seed_visit.eval("kgPage.clearSelection()")


def test_search_finds_an_entity_by_its_alias(seed_visit, seed_build):
    huaxi = next(e for e in seed_build.entities if e.label == HUAXI)
    alias = sorted(huaxi.aliases)[0]
    found = seed_visit.eval("(q) => kgPage.search(q).map(e => e.label)", alias)
    assert HUAXI in found[:3]


def test_isolated_entities_wait_behind_the_toggle_with_their_count(seed_visit, seed_build):
    isolated = entity_count(seed_build.graph) - linked_count(seed_build.graph)
    shown = seed_visit.page.inner_text("#kg-isolated-count")
    assert f"孤立实体 {isolated} 个" in shown and "已隐藏" in shown
    assert seed_visit.page.is_visible("#kg-isolated") and not seed_visit.page.is_checked("#kg-isolated")
    seed_visit.page.check("#kg-isolated")
    assert seed_visit.drawn_nodes() == entity_count(seed_build.graph)
    assert "已显示" in seed_visit.page.inner_text("#kg-isolated-count")
    seed_visit.page.uncheck("#kg-isolated")
    assert seed_visit.drawn_nodes() == linked_count(seed_build.graph)


def test_searching_an_isolated_entity_shows_it(browser, seed_output, seed_build):
    visit = Visit(browser, seed_output / "graph.html")
    try:
        iso = visit.eval("kgPage.nodes.length")
        name = visit.eval("kgPage.isolated[0].label")
        assert visit.eval("(name) => kgPage.nodes.get({filter: n => n.label === name}).length", name) == 0
        visit.search(name)
        assert visit.page.inner_text("#kg-panel .kg-name") == name
        assert visit.page.is_checked("#kg-isolated") and visit.eval("kgPage.nodes.length") > iso
    finally:
        visit.close()


def test_type_filter_hides_that_type_only(seed_visit, seed_build):
    seed_visit.page.check("#kg-isolated")  # every entity on the page, then hide the parks
    seed_visit.page.uncheck('.kg-type[data-type="Park"]')
    hidden = seed_visit.eval("kgPage.nodes.get({filter: n => n.hidden === true}).map(n => n.group)")
    parks = sum(1 for e in seed_build.entities if e.type == "Park")
    assert len(hidden) == parks and set(hidden) <= {"Park"}
    seed_visit.page.click("#kg-all")
    assert seed_visit.eval("kgPage.nodes.get({filter: n => n.hidden === true}).length") == 0


def test_more_layout_runs_and_stops_again(seed_visit):
    before = seed_visit.eval("JSON.stringify(kgPage.network.getPositions())")
    seed_visit.page.click("#kg-relayout")
    seed_visit.page.wait_for_function("!kgPage.network.physics.physicsEnabled", timeout=LAYOUT_TIMEOUT_MS)
    assert seed_visit.eval("JSON.stringify(kgPage.network.getPositions())") != before
    assert seed_visit.drawn_nodes() == seed_visit.eval("kgPage.nodes.length")


def test_focused_page_draws_the_stated_count(browser, seed_ttl, tmp_path):
    out = tmp_path / "focus.html"
    assert kg_main(["viz", "--graph", str(seed_ttl), "--focus", HUAXI, "--hops", "2", "--max-nodes", "15",
                    "-o", str(out)]) == 0
    stated = int(re.search(r'data-nodes="(\d+)"', out.read_text(encoding="utf-8")).group(1))
    visit = Visit(browser, out)
    try:
        assert 1 < stated <= 15
        # entities without a link on this page wait behind the toggle
        isolated = visit.eval("kgPage.isolated.length")
        assert visit.drawn_nodes() == stated - isolated
        if isolated:  # (the toggle is disabled when every entity on the page has a link)
            visit.page.check("#kg-isolated")
        assert visit.drawn_nodes() == stated
        assert visit.errors == [] and visit.requests == [visit.url]
        selected = visit.eval("kgPage.network.getSelectedNodes()")  # the focus is preselected
        assert [visit.eval("(id) => kgPage.nodes.get(id).label", s) for s in selected] == [HUAXI]
    finally:
        visit.close()


# --- hostile text ---------------------------------------------------------------------------

def hostile_graph(corpus: Path) -> Graph:
    """The graph of a document full of markup, plus an entity carrying that markup in its
    label, alias, evidence and document title (whatever the extractor made of the text)."""
    corpus.mkdir()
    (corpus / "hostile.txt").write_text(HOSTILE_DOC, encoding="utf-8")
    graph = build([str(corpus)]).graph
    node, doc, evidence = KGR["Program/hostile"], KGR["Document/hostile"], KGR["Evidence/hostile/0-10"]
    graph.add((node, RDF.type, KG.Program))
    graph.add((node, RDFS.label, Literal(SCRIPT_NAME, lang="zh")))
    graph.add((node, SKOS.altLabel, Literal(IMG_ALIAS, lang="zh")))
    graph.add((node, KG.mentionedIn, doc))
    graph.add((doc, RDF.type, KG.Document))
    graph.add((doc, KG.fileName, Literal("<img src=x onerror=alert(1)>.txt")))
    graph.add((node, KG.evidence, evidence))
    graph.add((evidence, KG.document, doc))
    graph.add((evidence, KG.sentence, Literal(HOSTILE_DOC, lang="zh")))
    area = next(iter(graph.subjects(RDF.type, KG.AdministrativeArea)), None)
    if area is not None:
        graph.add((node, KG.locatedIn, area))
    return graph


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory) -> tuple[Path, Graph]:
    folder = tmp_path_factory.mktemp("hostile")
    graph = hostile_graph(folder / "corpus")
    viz.write_build_outputs(graph, folder / "output")
    return folder / "output" / "graph.html", graph


def test_hostile_markup_is_not_in_the_html_as_markup(hostile_page):
    html = hostile_page[0].read_text(encoding="utf-8")
    for payload in ("<script>window.__pwned", "<img src=x", "</textarea>", "<!--"):
        assert payload not in html, payload


def test_hostile_markup_shows_as_text_and_never_runs(browser, hostile_page):
    path, graph = hostile_page
    visit = Visit(browser, path)
    try:
        assert visit.drawn_nodes() == entity_count(graph)
        visit.search(SCRIPT_NAME)
        assert visit.page.inner_text("#kg-panel .kg-name") == SCRIPT_NAME
        panel = visit.page.inner_text("#kg-panel")
        assert IMG_ALIAS in panel and QUOTES in panel
        node = visit.eval("kgPage.network.getSelectedNodes()[0]")
        box = visit.eval("(id) => kgPage.network.canvasToDOM(kgPage.network.getPositions([id])[id])", node)
        canvas = visit.page.locator("#kg-network canvas").bounding_box()
        visit.page.mouse.move(canvas["x"] + box["x"], canvas["y"] + box["y"])  # shows the tooltip
        visit.page.wait_for_timeout(400)
        assert SCRIPT_NAME in visit.page.inner_text(".vis-tooltip")
        visit.page.fill("#kg-search", "<img")  # the result list shows the alias
        assert visit.eval("window.__pwned") is None
        assert visit.dialogs == []
        assert visit.errors == []
        assert visit.requests == [visit.url]  # an <img src=x> that became markup would request x
        assert visit.page.locator("img").count() == 0
        assert visit.page.locator("script").count() == 2  # vis-network's and the page's own
    finally:
        visit.close()


def test_a_page_without_links_shows_its_entities(browser, seed_ttl, tmp_path):
    out = tmp_path / "alone.html"
    assert kg_main(["viz", "--graph", str(seed_ttl), "--focus", HUAXI, "--hops", "0", "-o", str(out)]) == 0
    visit = Visit(browser, out)
    try:
        assert visit.errors == []
        assert visit.drawn_nodes() == 1 and visit.page.is_checked("#kg-isolated")
        selected = visit.eval("kgPage.network.getSelectedNodes()")
        assert [visit.eval("(id) => kgPage.nodes.get(id).label", s) for s in selected] == [HUAXI]
    finally:
        visit.close()
