"""graph.html, GraphML and GEXF from the seed build, and `kg viz` pages (no browser here;
tests/test_viz_browser.py drives the page in Chromium)."""
from __future__ import annotations

import io
import json
import re
from pathlib import Path

import networkx as nx
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.publish import page as viz
from kg.cli import main as kg_main
from kg.graph.namespace import CORE_TYPES, KG
from kg.publish.network import read_network

HUAXI = "花溪区"
HUAXI_DOC = "000_ecb2e819d0fb75f5.txt"
ROOT = Path(__file__).resolve().parent.parent


def entity_iris(graph: Graph) -> set[str]:
    """Entities as CONTRACT.md defines them: anything typed with a core class."""
    return {str(s) for core in CORE_TYPES for s in graph.subjects(RDF.type, KG[core])}


def iri_of(graph: Graph, label: str) -> str:
    found = sorted(str(s) for s in graph.subjects(RDFS.label, Literal(label, lang="zh")) if str(s) in entity_iris(graph))
    assert found, f"{label} is not an entity of the seed graph"
    return found[0]


def relation_neighbours(graph: Graph, iri: str) -> set[str]:
    """Entities one kg: relation away from `iri`, read straight from the triples."""
    entities = entity_iris(graph)
    node = URIRef(iri)
    out = {str(o) for p, o in graph.predicate_objects(node) if str(p).startswith(str(KG)) and str(o) in entities}
    into = {str(s) for s, p in graph.subject_predicates(node) if str(p).startswith(str(KG)) and str(s) in entities}
    return (out | into) - {iri}


def page_json(html: str, name: str):
    """The JSON a page hands its script as `var NAME = ...;`."""
    match = re.search(rf"var {name} = (.*?);\n", html)
    assert match, f"{name} not found in page"
    return json.loads(match.group(1))


@pytest.fixture(scope="module")
def seed_graph(seed_build) -> Graph:
    return seed_build.graph


@pytest.fixture(scope="module")
def seed_network(seed_graph):
    return read_network(seed_graph)


@pytest.fixture(scope="module")
def seed_html(seed_output) -> str:
    return (seed_output / "graph.html").read_text(encoding="utf-8")


# --- what `kg build` writes ---------------------------------------------------------------

def test_build_writes_page_graphml_and_gexf(seed_output):
    for name in ("graph.html", "graph.graphml", "graph.gexf"):
        assert (seed_output / name).stat().st_size > 0, name


def test_page_loads_nothing_from_the_network(seed_html):
    lowered = seed_html.lower()
    assert "<script src" not in lowered and "<link" not in lowered and "@import" not in lowered
    assert not re.search(r"""(src|href)\s*=\s*["']?\s*(https?:)?//""", lowered)
    assert "url(http" not in lowered and "url(//" not in lowered
    for host in ("cdnjs", "jsdelivr", "unpkg", "googleapis", "bootstrapcdn"):
        assert host not in lowered, host
    assert "vis.Network" in seed_html  # the vis-network library itself is inlined


def test_page_draws_one_node_per_entity(seed_graph, seed_html):
    nodes = page_json(seed_html, "NODES")
    assert len(nodes) == len(entity_iris(seed_graph))
    assert len({n["id"] for n in nodes}) == len(nodes)
    stated = re.search(r'id="kg-count" data-nodes="(\d+)"', seed_html)
    assert stated and int(stated.group(1)) == len(nodes)


def test_node_type_size_and_details_come_from_the_graph(seed_graph, seed_html):
    nodes = {n["label"]: n for n in page_json(seed_html, "NODES")}
    details = page_json(seed_html, "DETAILS")
    huaxi = nodes[HUAXI]
    assert huaxi["group"] == "AdministrativeArea"
    degree = len(relation_neighbours(seed_graph, iri_of(seed_graph, HUAXI)))
    isolated = [n for n in nodes.values() if details[n["id"]]["degree"] == 0]
    if degree and isolated:  # a connected entity is drawn larger than an unconnected one
        assert huaxi["size"] > isolated[0]["size"]
    info = details[huaxi["id"]]
    assert HUAXI_DOC in [d["file"] for d in info["documents"]]
    assert info["evidence"] and all(HUAXI in e["text"] or any(a in e["text"] for a in info["aliases"])
                                    for e in info["evidence"])
    assert info["kind"].startswith("行政区")


def test_legend_lists_every_core_type_with_colour_and_shape(seed_html):
    types = page_json(seed_html, "TYPES")
    assert [t["name"] for t in types] == list(CORE_TYPES)
    assert len({t["color"] for t in types}) == len(types) and len({t["shape"] for t in types}) == len(types)
    for t in types:
        assert f'data-type="{t["name"]}"' in seed_html
    options = page_json(seed_html, "OPTIONS")
    assert {t["name"]: t["shape"] for t in types} == {g: o["shape"] for g, o in options["groups"].items()}


def test_edges_are_the_graph_relations_labelled_in_chinese(seed_graph, seed_html):
    edges = page_json(seed_html, "EDGES")
    nodes = {n["id"]: n["label"] for n in page_json(seed_html, "NODES")}
    entities = entity_iris(seed_graph)
    expected = sum(1 for s, p, o in seed_graph
                   if str(s) in entities and str(o) in entities and s != o and str(p).startswith(str(KG)))
    assert len(edges) == expected
    ontology = Graph().parse(ROOT / "ontology" / "kg.ttl") if (ROOT / "ontology" / "kg.ttl").is_file() else Graph()
    for edge in edges:
        assert re.search(r"[\u4e00-\u9fff]", edge["label"]), edge
        zh = [str(l) for l in ontology.objects(KG[edge["relation"]], RDFS.label) if l.language == "zh"]
        if zh:
            assert edge["label"] == zh[0]
        assert edge["from"] in nodes and edge["to"] in nodes


def test_page_is_deterministic(seed_build, tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    viz.write_build_outputs(seed_build.graph, first)
    viz.write_build_outputs(seed_build.graph, second)
    for name in ("graph.html", "graph.graphml", "graph.gexf"):
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


# --- GraphML and GEXF ---------------------------------------------------------------------

@pytest.mark.parametrize("name, reader", [("graph.graphml", nx.read_graphml), ("graph.gexf", nx.read_gexf)])
def test_gephi_and_cytoscape_files_carry_types_and_labels(seed_output, seed_graph, name, reader):
    exported = reader(io.BytesIO((seed_output / name).read_bytes()))
    assert set(exported.nodes) == entity_iris(seed_graph)
    huaxi = exported.nodes[iri_of(seed_graph, HUAXI)]
    assert huaxi["label"] == HUAXI and huaxi["type"] == "AdministrativeArea"
    assert HUAXI_DOC in huaxi["documents"].split("\n")
    assert set(exported.neighbors(iri_of(seed_graph, HUAXI))) | set(exported.predecessors(iri_of(seed_graph, HUAXI))) \
        == relation_neighbours(seed_graph, iri_of(seed_graph, HUAXI))


def test_netgraph_functions_write_files_for_kg_export(seed_graph, tmp_path):
    from kg.publish.network import to_networkx, write_gexf, write_graphml

    nx_graph = to_networkx(seed_graph)
    assert nx_graph.number_of_nodes() == len(entity_iris(seed_graph))
    write_graphml(seed_graph, tmp_path / "g.graphml")
    write_gexf(seed_graph, tmp_path / "g.gexf")
    assert nx.read_graphml(tmp_path / "g.graphml").number_of_nodes() == nx_graph.number_of_nodes()
    assert nx.read_gexf(tmp_path / "g.gexf").number_of_edges() == nx_graph.number_of_edges()


# --- focused views -------------------------------------------------------------------------

def test_focus_keeps_exactly_the_neighbourhood(seed_graph, seed_network):
    huaxi = iri_of(seed_graph, HUAXI)
    one = {e.iri for e in viz.select_view(seed_network, focus=HUAXI, hops=1).entities}
    assert one == {huaxi} | relation_neighbours(seed_graph, huaxi)
    two_expected = set(one)
    for iri in one:
        two_expected |= relation_neighbours(seed_graph, iri)
    assert {e.iri for e in viz.select_view(seed_network, focus=HUAXI, hops=2).entities} == two_expected


def test_focus_by_alias_finds_the_same_entity(seed_network):
    huaxi = next(e for e in seed_network.entities.values() if e.label == HUAXI)
    assert huaxi.aliases, "花溪区 has an alias in the seeds (花溪)"
    assert viz.resolve_focus(seed_network, huaxi.aliases[0]) == huaxi.iri


def test_type_filter_keeps_only_that_type(seed_graph, seed_network):
    view = viz.select_view(seed_network, type_name="Park")
    parks = {str(s) for s in seed_graph.subjects(RDF.type, KG.Park)}
    assert {e.iri for e in view.entities} == parks
    assert all(link.source in parks and link.target in parks for link in view.links)
    assert viz.select_view(seed_network, type_name="园区").entities == view.entities


def test_max_nodes_keeps_the_most_connected(seed_network):
    degree = seed_network.degree()
    view = viz.select_view(seed_network, max_nodes=10)
    kept = {e.iri for e in view.entities}
    assert len(kept) == 10
    dropped = set(seed_network.entities) - kept
    assert min(degree[i] for i in kept) >= max(degree[i] for i in dropped)


# --- kg viz on the command line -----------------------------------------------------------

def test_kg_viz_writes_a_focused_page(seed_ttl, seed_graph, tmp_path, capsys):
    out = tmp_path / "huaxi.html"
    assert kg_main(["viz", "--graph", str(seed_ttl), "--focus", HUAXI, "--hops", "1", "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    labels = {n["label"] for n in page_json(html, "NODES")}
    huaxi = iri_of(seed_graph, HUAXI)
    assert HUAXI in labels
    assert len(labels) == 1 + len(relation_neighbours(seed_graph, huaxi))
    assert page_json(html, "FOCUS") == "kgr:" + huaxi.split("/resource/", 1)[1]
    assert "wrote" in capsys.readouterr().err


@pytest.mark.parametrize("args, says", [
    (["--graph", "no/such/graph.ttl"], "no such graph file"),
    (["--type", "Planet"], "unknown type"),
    (["--focus", "不存在的地方"], "no entity named"),
    (["--hops", "2"], "--hops needs --focus"),
    (["--max-nodes", "0"], "--max-nodes must be"),
])
def test_kg_viz_bad_input_is_one_line(seed_ttl, tmp_path, capsys, args, says):
    argv = ["viz", "-o", str(tmp_path / "x.html")] + (args if args[0] == "--graph" else ["--graph", str(seed_ttl)] + args)
    assert kg_main(argv) == 1
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (tmp_path / "x.html").exists()


def test_kg_viz_broken_turtle_is_one_line(tmp_path, capsys):
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix kg: <https://w3id.org/gykg/ontology#> .\nkg:a kg:b \"unterminated .\n", encoding="utf-8")
    assert kg_main(["viz", "--graph", str(broken), "-o", str(tmp_path / "x.html")]) == 1
    err = capsys.readouterr().err
    assert str(broken) in err and err.count("\n") == 1
