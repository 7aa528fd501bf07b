"""kg validate: the seed build conforms to ontology/shapes.ttl, and each kind of broken
promise is reported with a line that names the node."""
from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, XSD

from kg.cli import main
from kg.graph.namespace import KG
from kg.graph.turtle import serialize_turtle
from kg.graph.validate import validate_graph


def copy_of(graph: Graph) -> Graph:
    copy = Graph(bind_namespaces="none")
    for prefix, namespace in graph.namespaces():
        copy.bind(prefix, namespace)
    for triple in graph:
        copy.add(triple)
    return copy


def labelled(graph: Graph, label: str) -> URIRef:
    return next(graph.subjects(RDFS.label, Literal(label, lang="zh")))


@pytest.fixture(scope="module")
def seed_report(seed_build):
    return validate_graph(seed_build.graph)


@pytest.fixture(scope="module")
def broken(seed_build):
    """The seed graph with one violation of each kind; returns (graph, nodes by kind)."""
    graph = copy_of(seed_build.graph)
    huaxi, guiyang = labelled(graph, "花溪区"), labelled(graph, "贵阳市")
    park = sorted(graph.subjects(RDF.type, KG.Park))[0]
    project = sorted(graph.subjects(RDF.type, KG.Project))[0]
    observations = sorted(graph.subjects(RDF.type, KG.Observation))
    graph.remove((park, RDFS.label, None))  # missing label
    graph.add((project, RDF.type, KG.Organization))  # two core types
    graph.add((huaxi, KG.locatedIn, guiyang))  # a cycle: 花溪区 -> 贵阳市 -> 花溪区
    graph.add((guiyang, KG.locatedIn, huaxi))
    graph.set((observations[0], KG.value, Literal("约三成", datatype=XSD.decimal)))  # ill-typed decimal
    graph.set((observations[1], KG.value, Literal("很多")))  # a string, not a number
    nodes = {"label": park, "types": project, "cycle": huaxi, "cycle2": guiyang,
             "value": observations[0], "value2": observations[1]}
    return graph, nodes


@pytest.fixture(scope="module")
def broken_report(broken):
    return validate_graph(broken[0])


def test_seed_build_conforms(seed_report):
    assert seed_report.conforms, seed_report.text()
    assert not seed_report.violations
    assert "conforms" in seed_report.summary_line()


def findings_for(report, node):
    return [f for f in report.violations if f.focus == str(node)]


def test_missing_label_is_caught_and_names_the_node(broken, broken_report):
    node = broken[1]["label"]
    found = findings_for(broken_report, node)
    assert any(f.path == "rdfs:label" and "rdfs:label" in f.message for f in found)
    assert all(str(node) in f.line() for f in found)


def test_two_core_types_are_caught_with_the_entity_label(broken, broken_report):
    graph, nodes = broken
    found = findings_for(broken_report, nodes["types"])
    assert any(f.path == "rdf:type" and "core type" in f.message for f in found)
    label = str(graph.value(nodes["types"], RDFS.label))
    assert any(label in f.line() and str(nodes["types"]) in f.line() for f in found)


def test_located_in_cycle_is_caught_for_each_node_on_it(broken, broken_report):
    for key, label in (("cycle", "花溪区"), ("cycle2", "贵阳市")):
        found = [f for f in findings_for(broken_report, broken[1][key]) if "cycle" in f.message]
        assert found, key
        assert label in found[0].line()


def test_non_numeric_values_are_caught(broken, broken_report):
    for key, shown in (("value", "约三成"), ("value2", "很多")):
        found = [f for f in findings_for(broken_report, broken[1][key]) if f.path == "kg:value"]
        assert found and shown in found[0].value and str(broken[1][key]) in found[0].line()


def test_the_report_has_nothing_but_the_injected_problems(broken, broken_report):
    assert not broken_report.conforms
    assert {f.focus for f in broken_report.violations} == {str(n) for n in broken[1].values()}


def test_locatedin_must_point_at_an_administrative_area(seed_build):
    graph = copy_of(seed_build.graph)
    huaxi = labelled(graph, "花溪区")
    park = sorted(graph.subjects(RDF.type, KG.Park))[0]
    graph.add((huaxi, KG.locatedIn, park))
    report = validate_graph(graph)
    assert [f.focus for f in report.violations if f.path == "kg:locatedIn"] == [str(huaxi)]


def test_validate_command_exit_status_and_report(seed_ttl, broken, tmp_path, capsys):
    assert main(["validate", "--graph", str(seed_ttl)]) == 0
    assert "conforms" in capsys.readouterr().out
    bad = tmp_path / "bad.ttl"
    bad.write_text(serialize_turtle(broken[0]), encoding="utf-8")
    assert main(["validate", "--graph", str(bad)]) == 1
    captured = capsys.readouterr()
    assert "花溪区" in captured.out and "Traceback" not in captured.err
    assert captured.out.strip().splitlines()[-1].startswith("validation: ")
    assert main(["validate", "--graph", str(tmp_path / "none.ttl")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "none.ttl" in err[0]
