"""The build's own check (pyoxigraph SPARQL, kg.graph.check) finds exactly what pyshacl
finds (`kg validate`) on the seed graph and on a graph that breaks every constraint of
ontology/shapes.ttl once."""
from __future__ import annotations

import logging

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg.builder import start_check
from kg.graph.check import check_turtle
from kg.graph.namespace import KG, KGR
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
    return broken


def both_reports(graph: Graph, tmp_path):
    """pyshacl's report, and the check's as `kg build` gets it (from a fresh process)."""
    path = tmp_path / "graph.ttl"
    path.write_text(serialize_turtle(graph, base=str(KGR)), encoding="utf-8")
    fast = start_check(path)()
    inline = check_turtle(path)
    assert (fast.conforms, fast.findings, fast.triples) == (inline.conforms, inline.findings, inline.triples)
    return validate_graph(graph), fast


def test_check_and_pyshacl_agree_on_the_seed_graph(seed_build, tmp_path):
    shacl, fast = both_reports(seed_build.graph, tmp_path)
    assert shacl.conforms and fast.conforms
    assert fast.findings == shacl.findings == []


def test_check_and_pyshacl_agree_on_every_broken_constraint(seed_build, tmp_path):
    graph = Graph(bind_namespaces="none")
    for triple in seed_build.graph:
        graph.add(triple)
    broken = break_everything(graph)
    shacl, fast = both_reports(graph, tmp_path)
    assert not fast.conforms and not shacl.conforms
    assert fast.findings == shacl.findings
    reported = {(f.focus, f.path) for f in fast.findings}
    missed = [(str(node), path) for node, path in broken if (str(node), path) not in reported]
    assert not missed  # every broken constraint is reported, on its node and property


def test_a_checker_started_ahead_and_never_given_a_graph_exits() -> None:
    """`kg build` starts its checking process before extraction; a build that ends without
    a graph (no readable document, an error) must not leave it running."""
    from kg.builder import dismiss_check, ready_check

    child = ready_check()
    assert child is not None
    dismiss_check(child)
    assert child.returncode == 0


def test_a_graph_streamed_to_the_checker_as_it_is_written_gets_the_same_report(seed_build, tmp_path) -> None:
    """`kg build` sends graph.ttl to its checking process piece by piece while writing it:
    the findings are those of checking the written file."""
    from kg.builder import _CheckFeed, ready_check
    from kg.publish.atomic import write_atomic

    graph = Graph(bind_namespaces="none")
    for triple in seed_build.graph:
        graph.add(triple)
    break_everything(graph)
    text = serialize_turtle(graph, base=str(KGR)).encode("utf-8")
    feed = _CheckFeed.start(ready_check())
    assert feed is not None
    path = tmp_path / "graph.ttl"
    write_atomic(path, feed.tee(text[i:i + 4096] for i in range(0, len(text), 4096)))
    streamed = feed.finish(path)()
    assert not feed.broken
    inline = check_turtle(path)
    assert not streamed.conforms
    assert (streamed.findings, streamed.triples) == (inline.findings, inline.triples)
