"""The whole build on the seeds, as a user runs it: contract queries, provenance, determinism."""
from __future__ import annotations

import subprocess
import sys

from rdflib import Graph, Literal, Namespace
from rdflib.namespace import RDF, RDFS

from kg.builder import build, write_outputs
from kg.graph.namespace import CORE_TYPES, KG

from conftest import ROOT, SEEDS

PREFIXES = """PREFIX kg: <https://w3id.org/gykg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


def test_contract_example_query_finds_parks_of_huaxi(seed_build):
    rows = seed_build.graph.query(PREFIXES + """
        SELECT DISTINCT ?park ?file WHERE {
          ?p a kg:Park ; rdfs:label ?park ; kg:locatedIn+ ?d ; kg:mentionedIn ?doc .
          ?d rdfs:label "花溪区"@zh .
          ?doc kg:fileName ?file .
        }""")
    parks = {str(r.park) for r in rows}
    # seed 002: 花溪工业园 is one of the parks approved as a provincial development zone
    # (seed 000 writes 花溪工业园区: one node, the other form its altLabel).
    assert "花溪工业园" in parks or "花溪工业园区" in parks
    forms = {str(r.alt) for r in seed_build.graph.query(PREFIXES + """
        SELECT ?alt WHERE { ?p a kg:Park ; rdfs:label "花溪工业园区"@zh ; skos:altLabel ?alt }""")}
    assert "花溪工业园" in forms | parks
    # seed 000: the park of 燕楼镇 is in 花溪区 through the town.
    assert any("数字农业产业园" in p for p in parks)


def test_every_entity_has_one_zh_label_one_core_type_and_a_document(seed_build):
    g = seed_build.graph
    core = {KG[t] for t in CORE_TYPES}
    for entity in set(g.subjects(RDF.type, None)) - set(g.subjects(RDF.type, KG.Document)):
        types = set(g.objects(entity, RDF.type))
        if not types & core:
            continue
        labels = list(g.objects(entity, RDFS.label))
        assert len(labels) == 1 and labels[0].language == "zh", entity
        assert len(types & core) == 1, entity
        assert list(g.objects(entity, KG.mentionedIn)), entity


def test_figures_trace_back_to_the_sentence_in_the_file(seed_build):
    g = seed_build.graph
    rows = list(g.query(PREFIXES + """
        SELECT ?value ?sentence ?start ?end ?file WHERE {
          ?o a kg:Observation ; kg:subject/rdfs:label "花溪区"@zh ; kg:indicator "地区生产总值" ;
             kg:year 2024 ; kg:value ?value ; kg:evidence ?e .
          ?e kg:sentence ?sentence ; kg:charStart ?start ; kg:charEnd ?end ; kg:document/kg:fileName ?file .
        }"""))
    assert rows, "花溪区 GDP 2024 (seed 000) missing"
    row = rows[0]
    assert row.value.toPython() == 980
    raw = (SEEDS / str(row.file)).read_text(encoding="utf-8")
    assert raw[int(row.start):int(row.end)] == str(row.sentence)
    assert "980亿元" in str(row.sentence)


def test_relations_carry_evidence(seed_build):
    g = seed_build.graph
    located = list(g.triples((None, KG.locatedIn, None)))
    assert located
    statements = list(g.query(PREFIXES + """
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT DISTINCT ?s WHERE { ?s a rdf:Statement ; rdf:predicate kg:locatedIn ; kg:evidence/kg:sentence ?text }"""))
    assert len(statements) == len(located)


def test_kinds_of_relations_beyond_located_in(seed_build):
    predicates = {p for _, p, _ in seed_build.graph if str(p).startswith(str(KG))}
    assert {KG.locatedIn, KG.operatedBy, KG.implements} <= predicates


def test_two_builds_are_byte_identical(tmp_path, seed_output):
    again = build([str(SEEDS)])
    out = tmp_path / "again"
    write_outputs(again, out)
    assert (out / "graph.ttl").read_bytes() == (seed_output / "graph.ttl").read_bytes()
    assert (out / "graph.html").read_bytes() == (seed_output / "graph.html").read_bytes()


def test_written_turtle_parses_back(seed_ttl, seed_build):
    g = Graph().parse(seed_ttl, format="turtle")
    assert len(g) == len(seed_build.graph)
    assert (None, RDFS.label, Literal("花溪区", lang="zh")) in g


def test_cli_build_prints_a_summary(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "kg", "build", str(SEEDS / "000_ecb2e819d0fb75f5.txt"), "-o", str(out)],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "1 documents" in result.stderr and "entities" in result.stderr
    assert (out / "graph.ttl").exists() and (out / "graph.html").exists()
