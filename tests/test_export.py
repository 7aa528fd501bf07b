"""kg export: every RDF format round-trips to the build, is byte-deterministic, and parses in
an independent implementation (pyoxigraph); --base moves resources; CSV/GraphML/GEXF agree
with the graph."""
from __future__ import annotations

import csv
import io
import json
import os

import networkx as nx
import pyoxigraph
import pytest
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS

from kg.cli import main
from kg.publish.export import CONTEXT_PATH, csv_tables, export_text, read_graph, rebase
from kg.graph.namespace import KG, KGR

RDF_FORMATS = {"ttl": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig"}
OX_FORMATS = {"ttl": pyoxigraph.RdfFormat.TURTLE, "nt": pyoxigraph.RdfFormat.N_TRIPLES,
              "jsonld": pyoxigraph.RdfFormat.JSON_LD, "trig": pyoxigraph.RdfFormat.TRIG}
NEW_BASE = "https://data.example.org/guiyang/"


@pytest.fixture(scope="module")
def graph(seed_build) -> Graph:
    return seed_build.graph


@pytest.fixture(scope="module")
def exports(graph) -> dict[str, str]:
    return {fmt: export_text(graph, fmt) for fmt in (*RDF_FORMATS, "graphml", "gexf")}


def parse_back(text: str, fmt: str) -> Graph:
    """The triples of an export, read with rdflib (TriG: the union of all graphs)."""
    if fmt == "trig":
        dataset = Dataset()
        dataset.parse(data=text, format="trig")
        union = Graph()
        for s, p, o, _ in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
        return union
    return Graph().parse(data=text, format=RDF_FORMATS[fmt])


def node_labelled(graph: Graph, label: str) -> URIRef:
    return next(graph.subjects(RDFS.label, Literal(label, lang="zh")))


@pytest.mark.parametrize("fmt", list(RDF_FORMATS))
def test_rdf_export_parses_back_isomorphic_to_the_build(graph, exports, fmt):
    assert isomorphic(parse_back(exports[fmt], fmt), graph)


@pytest.mark.parametrize("fmt", list(RDF_FORMATS))
def test_pyoxigraph_parses_every_rdf_export_to_the_same_triples(graph, exports, fmt):
    quads = pyoxigraph.parse(exports[fmt].encode("utf-8"), format=OX_FORMATS[fmt])
    triples = {(str(q.subject.value), str(q.predicate.value), str(q.object.value)) for q in quads}
    expected = {(str(s), str(p), str(o)) for s, p, o in graph}
    assert triples == expected


@pytest.mark.parametrize("fmt", [*RDF_FORMATS, "graphml", "gexf"])
def test_export_is_byte_identical_whatever_the_triple_order(graph, exports, fmt):
    shuffled = Graph(bind_namespaces="none")
    for prefix, namespace in graph.namespaces():
        shuffled.bind(prefix, namespace)
    for triple in sorted(graph, key=lambda t: (str(t[2]), str(t[1])), reverse=True):
        shuffled.add(triple)
    assert export_text(shuffled, fmt) == exports[fmt]


def test_turtle_uses_base_relative_iris_and_the_contract_prefixes(exports):
    text = exports["ttl"]
    assert f"@base <{KGR}> ." in text
    for prefix in ("kg", "kgr", "rdfs", "skos", "xsd", "prov", "dcterms"):
        assert f"@prefix {prefix}: " in text
    assert "<AdministrativeArea/hua-xi-qu>" in text
    assert f"<{KGR}AdministrativeArea/" not in text


def test_trig_has_one_named_graph_per_document(graph, exports):
    dataset = Dataset()
    dataset.parse(data=exports["trig"], format="trig")
    documents = set(graph.subjects(RDF.type, KG.Document))
    named = {g.identifier for g in dataset.graphs() if isinstance(g.identifier, URIRef)
             and len(g) and g.identifier != dataset.default_graph.identifier}
    assert named == documents
    huaxi = node_labelled(graph, "花溪区")
    first_doc = next(d for d in documents if str(graph.value(d, KG.fileName)) == "000_ecb2e819d0fb75f5.txt")
    in_doc = dataset.graph(first_doc)
    # self-contained: the document's graph names and types the entities mentioned in it
    assert (huaxi, RDF.type, KG.AdministrativeArea) in in_doc
    assert (huaxi, RDFS.label, Literal("花溪区", lang="zh")) in in_doc
    assert (huaxi, KG.mentionedIn, first_doc) in in_doc


def test_jsonld_embeds_the_published_context(graph, exports):
    document = json.loads(exports["jsonld"])
    published = json.loads(CONTEXT_PATH.read_text(encoding="utf-8"))["@context"]
    assert document["@context"] == published
    huaxi = next(n for n in document["@graph"] if n.get("label") == "花溪区")
    assert "kg:AdministrativeArea" in huaxi["@type"]


def test_base_moves_every_resource_and_nothing_else(graph):
    moved = rebase(graph, NEW_BASE)
    assert len(moved) == len(graph)
    assert not [t for t in moved for term in t if str(term).startswith(str(KGR))]
    assert (URIRef(NEW_BASE + str(node_labelled(graph, "花溪区"))[len(str(KGR)):]), RDF.type,
            KG.AdministrativeArea) in moved
    text = export_text(moved, "ttl")
    assert f"@base <{NEW_BASE}> ." in text and f"@prefix kgr: <{NEW_BASE}> ." in text
    assert isomorphic(rebase(parse_back(text, "ttl"), str(KGR)), graph)


def test_export_command_with_base_writes_file(seed_ttl, tmp_path, capsys):
    out = tmp_path / "moved.nt"
    assert main(["export", "--graph", str(seed_ttl), "--format", "nt", "--base", NEW_BASE, "-o", str(out)]) == 0
    umask = os.umask(0o022)
    os.umask(umask)
    assert out.stat().st_mode & 0o777 == 0o666 & ~umask  # readable by the server that loads it
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines == sorted(lines)
    assert any(line.startswith(f"<{NEW_BASE}AdministrativeArea/") for line in lines)
    assert not any(str(KGR) in line for line in lines)


def test_export_reads_back_its_own_outputs(seed_ttl, graph, tmp_path):
    for fmt in RDF_FORMATS:
        out = tmp_path / f"graph.{fmt}"
        assert main(["export", "--graph", str(seed_ttl), "--format", fmt, "-o", str(out)]) == 0
        assert isomorphic(read_graph(out), graph), fmt


def test_export_bad_input_is_one_line_and_non_zero(tmp_path, capsys):
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    assert main(["export", "--graph", str(tmp_path / "missing.ttl"), "--format", "ttl"]) != 0
    assert main(["export", "--graph", str(broken), "--format", "ttl"]) != 0
    assert main(["export", "--graph", str(broken), "--format", "ttl", "--base", "not an iri"]) != 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 3
    assert "missing.ttl" in err[0] and "broken.ttl" in err[1]
    assert all(line.startswith("kg export: ") for line in err)


def test_csv_tables_hold_the_entities_relations_and_figures(graph, seed_ttl, tmp_path):
    assert main(["export", "--graph", str(seed_ttl), "--format", "csv", "-o", str(tmp_path / "csv")]) == 0
    raw = (tmp_path / "csv" / "nodes.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens the Chinese correctly

    def rows(name):
        text = (tmp_path / "csv" / name).read_text(encoding="utf-8-sig")
        return list(csv.DictReader(io.StringIO(text, newline="")))

    nodes, edges, figures = rows("nodes.csv"), rows("edges.csv"), rows("observations.csv")
    entities = {s for c in ("AdministrativeArea", "Park", "Project", "Policy", "Program", "Organization")
                for s in graph.subjects(RDF.type, KG[c])}
    assert {n["id"] for n in nodes} == {str(e) for e in entities}
    huaxi = next(n for n in nodes if n["label"] == "花溪区")
    assert huaxi["type"] == "AdministrativeArea" and "000_ecb2e819d0fb75f5.txt" in huaxi["documents"].split("|")
    relations = {(str(s), str(p), str(o)) for s, p, o in graph
                 if s in entities and o in entities and s != o and str(p).startswith(str(KG))}
    assert {(e["source"], e["predicate"], e["target"]) for e in edges} == relations
    assert len(figures) == len(set(graph.subjects(RDF.type, KG.Observation)))
    for row in figures:
        value = graph.value(URIRef(row["id"]), KG.value)
        assert row["value"] == str(value) and row["kind"] in ("Actual", "Target", "Estimate")
        assert row["period"] in ("FullYear", "PartOfYear", "FiveYearPeriod", "CumulativeTotal", "YearlyAverage")
        assert row["evidence"]  # the sentence the figure was read from
    # 004: "城镇新增就业77万人，助力困难人员就业6万人…" in the paragraph on the five years
    jobs = [r for r in figures if r["subject_label"] == "贵阳市" and r["indicator"] == "城镇新增就业" and r["value"] == "77"]
    assert jobs and jobs[0]["period"] == "FiveYearPeriod" and "城镇新增就业77万人" in jobs[0]["evidence"]
    rate = [r for r in figures if r["indicator"] == "规模以上工业增加值增速" and r["value"] == "8.8"]
    assert rate and rate[0]["kind"] == "Actual" and rate[0]["year"] == "2025" and rate[0]["period"] == "FullYear"
    assert csv_tables(graph) == csv_tables(graph)


@pytest.mark.parametrize("fmt,reader", [("graphml", nx.read_graphml), ("gexf", nx.read_gexf)])
def test_graphml_and_gexf_hold_the_entity_network(graph, exports, tmp_path, fmt, reader):
    path = tmp_path / f"graph.{fmt}"
    path.write_text(exports[fmt], encoding="utf-8")
    network = reader(path)
    huaxi = str(node_labelled(graph, "花溪区"))
    assert huaxi in network.nodes
    assert network.nodes[huaxi]["label"] == "花溪区"


@pytest.mark.parametrize("base", ["http://data.example.org/kg#", "http://data.example.org/kg?id="])
@pytest.mark.parametrize("fmt", list(RDF_FORMATS))
def test_any_base_round_trips_even_where_short_forms_are_impossible(graph, base, fmt):
    # '#' and '?' bases cannot carry relative IRIs or JSON-LD prefixes: full IRIs are written
    moved = rebase(graph, base)
    assert isomorphic(parse_back(export_text(moved, fmt), fmt), moved)
