"""The build's own check (on the build's records, kg.graph.conform) and the check of a
written graph.ttl (pyoxigraph SPARQL, kg.graph.check) find exactly what pyshacl finds
(`kg validate`) on the seed graph and on a graph that breaks every constraint of
ontology/shapes.ttl once."""
from __future__ import annotations

import logging

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg.builder import BuildResult, write_and_check
from kg.graph.check import check_turtle
from kg.graph.conform import check_triples
from kg.graph.namespace import KG, KGR
from kg.graph.triples import Triples
from kg.graph.turtle import serialize_turtle
from kg.graph.validate import validate_graph

logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)  # ill-typed literals on purpose


def _nth(graph: Graph, cls, n: int) -> URIRef:
    return sorted(graph.subjects(RDF.type, cls))[n]


def _entity(graph: Graph, label: str) -> URIRef:
    return next(graph.subjects(RDFS.label, Literal(label, lang="zh")))


def break_everything(graph: Graph) -> list[tuple[URIRef, str]]:
    """Break each constraint once, each on its own node; returns (node, property) broken."""
    broken = []

    def on(node, path: str) -> URIRef:
        broken.append((node, path))
        return node

    parks, projects = sorted(graph.subjects(RDF.type, KG.Park)), sorted(graph.subjects(RDF.type, KG.Project))
    programs, orgs = sorted(graph.subjects(RDF.type, KG.Program)), sorted(graph.subjects(RDF.type, KG.Organization))
    observations, evidence = sorted(graph.subjects(RDF.type, KG.Observation)), sorted(graph.subjects(RDF.type, KG.Evidence))
    statements, documents = sorted(graph.subjects(RDF.type, RDF.Statement)), sorted(graph.subjects(RDF.type, KG.Document))
    huaxi, guiyang = _entity(graph, "花溪区"), _entity(graph, "贵阳市")
    # entities
    graph.add((on(projects[0], "rdf:type"), RDF.type, KG.Organization))  # two core types
    graph.remove((on(parks[1], "rdf:type"), RDF.type, KG.Park))  # only a sub-class left
    graph.add((parks[1], RDF.type, KG.ScenicArea))
    graph.add((parks[1], RDF.type, KG.PublicPark))  # and two of them
    graph.remove((on(parks[0], "rdfs:label"), RDFS.label, None))  # no label
    graph.add((on(programs[0], "rdfs:label"), RDFS.label, Literal("第二个名称", lang="zh")))  # two labels
    graph.set((on(programs[1], "rdfs:label"), RDFS.label, Literal("无语言名称")))  # not @zh
    graph.set((on(programs[2], "rdfs:label"), RDFS.label, Literal("", lang="zh")))  # empty
    graph.add((on(programs[3], "skos:altLabel"), SKOS.altLabel, Literal("alias", lang="en")))
    graph.remove((on(programs[4], "kg:mentionedIn"), KG.mentionedIn, None))
    graph.add((on(programs[5], "kg:mentionedIn"), KG.mentionedIn, huaxi))  # not a document
    graph.add((on(programs[6], "kg:evidence"), KG.evidence, documents[0]))  # not evidence
    graph.add((on(huaxi, "kg:adminCode"), KG.adminCode, Literal("5201")))  # two codes, one short
    graph.set((on(guiyang, "kg:adminCode"), KG.adminCode, Literal(520100)))  # a number
    # relations
    graph.add((on(projects[1], "kg:locatedIn"), KG.locatedIn, parks[2]))  # not an area
    graph.add((on(huaxi, ""), KG.locatedIn, guiyang))  # a cycle
    graph.add((guiyang, KG.locatedIn, huaxi))
    graph.add((on(projects[2], "kg:partOf"), KG.partOf, huaxi))  # not a park
    graph.add((on(projects[3], "kg:operatedBy"), KG.operatedBy, parks[3]))
    graph.add((on(orgs[0], "kg:implements"), KG.implements, parks[4]))
    graph.add((on(programs[7], "kg:issuedBy"), KG.issuedBy, projects[4]))
    graph.remove((on(statements[0], "rdf:subject"), RDF.subject, None))
    graph.add((on(statements[1], "rdf:object"), RDF.object, URIRef(KGR + "AdministrativeArea/elsewhere")))
    graph.set((on(statements[2], "rdf:predicate"), RDF.predicate, Literal("locatedIn")))
    graph.remove((on(statements[3], "kg:evidence"), KG.evidence, None))
    # observations
    graph.remove((on(observations[0], "kg:subject"), KG.subject, None))
    graph.set((on(observations[1], "kg:indicator"), KG.indicator, Literal("")))
    graph.set((on(observations[2], "kg:value"), KG.value, Literal("约三成", datatype=XSD.decimal)))
    graph.set((on(observations[3], "kg:value"), KG.value, Literal("很多")))
    graph.remove((on(observations[4], "kg:unit"), KG.unit, None))
    graph.set((on(observations[5], "kg:year"), KG.year, Literal("2024.5", datatype=XSD.decimal)))
    graph.set((on(observations[6], "kg:observationKind"), KG.observationKind, KG.Maybe))
    graph.remove((on(observations[7], "kg:mentionedIn"), KG.mentionedIn, None))
    # documents and evidence
    graph.remove((on(documents[0], "kg:fileName"), KG.fileName, None))
    graph.set((on(documents[1], "kg:sha256"), KG.sha256, Literal("XYZ")))
    graph.set((on(documents[2], "dcterms:date"), DCTERMS.date, Literal("2024-13-45", datatype=XSD.date)))
    dated = next(d for d in documents[3:] if (d, DCTERMS.date, None) in graph)
    graph.add((on(dated, "dcterms:date"), DCTERMS.date, Literal("1999-01-01", datatype=XSD.date)))  # two dates
    graph.remove((on(evidence[0], "kg:document"), KG.document, None))
    graph.set((on(evidence[1], "kg:sentence"), KG.sentence, Literal("无语言")))
    graph.set((on(evidence[2], "kg:charStart"), KG.charStart, Literal(-1)))
    graph.set((on(evidence[3], "kg:charStart"), KG.charStart, Literal(10 ** 9)))  # after the end
    graph.remove((on(evidence[4], "kg:charEnd"), KG.charEnd, None))
    # a node shape's own class: what the subject of kg:basedOn and kg:settledIn must be
    graph.add((on(projects[5], ""), KG.basedOn, sorted(graph.subjects(RDF.type, KG.Policy))[0]))
    graph.add((on(projects[6], ""), KG.settledIn, parks[5]))
    return broken


def both_reports(graph: Graph, tmp_path):
    """pyshacl's report, and the build's check of the same graph (on its records, as
    `kg build` makes it, and on the written Turtle)."""
    on_records = check_triples(Triples.from_rdflib(graph))
    path = tmp_path / "graph.ttl"
    path.write_text(serialize_turtle(graph, base=str(KGR)), encoding="utf-8")
    on_turtle = check_turtle(path)
    assert (on_turtle.conforms, on_turtle.triples) == (on_records.conforms, on_records.triples)
    return validate_graph(graph), on_records, on_turtle


def test_check_and_pyshacl_agree_on_the_seed_graph(seed_build, tmp_path):
    shacl, fast, on_turtle = both_reports(seed_build.graph, tmp_path)
    assert shacl.conforms and fast.conforms
    assert fast.findings == shacl.findings == on_turtle.findings == []
    assert check_triples(seed_build.triples).findings == []


def _broken_seed_graph(seed_build) -> tuple[Graph, list[tuple[URIRef, str]]]:
    graph = Graph(bind_namespaces="none")
    for triple in seed_build.graph:
        graph.add(triple)
    return graph, break_everything(graph)


def test_check_and_pyshacl_agree_on_every_broken_constraint(seed_build, tmp_path):
    graph, broken = _broken_seed_graph(seed_build)
    shacl, fast, on_turtle = both_reports(graph, tmp_path)
    assert not fast.conforms and not shacl.conforms
    assert fast.findings == shacl.findings
    reported = {(f.focus, f.path) for f in fast.findings}
    missed = [(str(node), path) for node, path in broken if (str(node), path) not in reported]
    assert not missed  # every broken constraint is reported, on its node and property
    assert on_turtle.findings == fast.findings


def test_a_build_reports_a_graph_that_breaks_the_shapes(seed_build, tmp_path) -> None:
    """`kg build` checks its graph while it writes graph.ttl (in a second process): a graph
    that breaks the shapes is reported, with the findings of checking it here, and the
    written graph.ttl is that graph."""
    graph = Graph(bind_namespaces="none")
    for triple in seed_build.graph:
        graph.add(triple)
    projects, parks = sorted(graph.subjects(RDF.type, KG.Project)), sorted(graph.subjects(RDF.type, KG.Park))
    graph.add((projects[5], KG.settledIn, parks[5]))  # the subject is no organisation
    graph.add((_entity(graph, "花溪区"), KG.adminCode, Literal("5201")))  # two codes, one short
    result = BuildResult(seed_build.docs, seed_build.entities, Triples.from_rdflib(graph))
    written, report = write_and_check(result, tmp_path / "out")
    assert report is not None and not report.conforms
    assert report.findings == check_triples(result.triples).findings
    assert {f.path for f in report.findings} == {"", "kg:adminCode"}
    assert {p.name for p in written} == {"graph.ttl", "graph.html", "graph.graphml", "graph.gexf"}
    assert len(Graph().parse(tmp_path / "out" / "graph.ttl", format="turtle")) == len(graph)


def test_a_literal_of_the_wrong_form_is_reported_as_pyshacl_does() -> None:
    """Ill-typed numbers and dates break sh:datatype; well-formed ones do not."""
    from kg.graph.conform import well_formed

    decimal, integer, date = str(XSD.decimal), str(XSD.integer), str(XSD.date)
    assert well_formed("980", decimal) and well_formed("-0.50", decimal) and well_formed("12", integer)
    assert not well_formed("约三成", decimal) and not well_formed("2024.5", integer)
    assert well_formed("2024-02-29", date) and not well_formed("2023-02-29", date)
    assert not well_formed("2024-13-45", date) and well_formed("任意", str(XSD.string))
