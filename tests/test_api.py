"""The Python API a notebook user relies on: `import kg; g = kg.build([...])`."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from rdflib import Graph

import kg
from conftest import SEEDS
from test_viz_browser import CHROMIUM, CHROMIUM_ARGS, LAYOUT_TIMEOUT_MS


@pytest.fixture(scope="module")
def graph() -> kg.KnowledgeGraph:
    return kg.build([str(SEEDS)])


def test_entities_have_their_type_aliases_and_documents(graph):
    huaxi = next(e for e in graph.entities() if e.label == "花溪区")
    assert (huaxi.type, huaxi.sub) == ("AdministrativeArea", "District")
    assert "花溪" in huaxi.aliases and len(huaxi.documents) >= 3
    parks = graph.entities(type="Park")
    assert parks and all(e.type == "Park" for e in parks)


def test_observations_give_the_districts_gdp_over_the_years_with_sentences(graph):
    gdp = graph.observations(subject="花溪区", indicator="地区生产总值")
    by_year = {o.year: o.value for o in gdp if o.kind == "Actual"}
    assert by_year[2020] == Decimal(637) and by_year[2024] == Decimal(980)
    # the indicator is normalised (经济总量 is 地区生产总值); every figure keeps its sentence
    assert all(o.sentence for o in gdp) and any("地区生产总值从2020年的637亿元" in o.sentence for o in gdp)


def test_query_runs_sparql_and_saved_queries_with_parameters(graph):
    assert graph.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")[0]["n"] > 10_000
    parks = graph.query("parks-in-district", district="花溪区")
    assert parks and all(set(row) >= {"park"} for row in parks)
    assert any(row["park"] == "花溪区燕楼镇数字农业产业园" for row in parks)


def test_query_refuses_what_kg_query_refuses(graph):
    from kg.sparql.errors import QueryError

    with pytest.raises(QueryError):
        graph.query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/x> { ?s ?p ?o } }")


def test_to_turtle_is_what_kg_build_writes(graph, seed_ttl):
    assert graph.to_turtle() == seed_ttl.read_text(encoding="utf-8")
    assert len(Graph().parse(data=graph.to_turtle(), format="turtle")) > 10_000


def test_show_draws_the_graph_in_a_notebook_frame(graph, tmp_path):
    from playwright.sync_api import sync_playwright

    cell = graph.show()._repr_html_()
    assert cell.startswith("<iframe srcdoc=") and "<script" not in cell  # the page is escaped into the frame
    notebook = tmp_path / "notebook.html"
    notebook.write_text(f"<html><body>{cell}</body></html>", encoding="utf-8")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(notebook.as_uri())
        frame = page.frames[1]
        frame.wait_for_function("window.kgPage && window.kgPage.stabilized", timeout=LAYOUT_TIMEOUT_MS)
        drawn = frame.evaluate("Object.keys(kgPage.network.getPositions()).length")
        browser.close()
    assert drawn >= 100


def test_kg_imports_without_the_extraction_stack():
    import subprocess
    import sys

    code = "import kg, sys; print(int('jieba' in sys.modules), int('kg.api' in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert re.fullmatch(r"0 0\s*", out)
