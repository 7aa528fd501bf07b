"""Project milestones as RDF: one kg:Milestone node per (project, kind, year, month).

    kgr:Milestone/… a kg:Milestone ; kg:milestoneOf kgr:Project/… ;
        kg:milestoneKind kg:Groundbreaking ; kg:year 2024 ; kg:month 3 ;
        kg:mentionedIn kgr:Document/… ; kg:evidence kgr:Evidence/… .

kg:month is left out where the text gives no month. The node's IRI hashes its content, so
two documents reporting the same event give one node with two evidence sentences.
"""
from __future__ import annotations

import hashlib
from typing import Protocol

from rdflib import Literal
from rdflib.namespace import RDF, XSD

from kg.doc import Doc
from kg.graph.namespace import KG
from rdflib import Graph, URIRef

from kg.doc import Sentence


class Builder(Protocol):
    """What this module needs of rdf.GraphBuilder (which calls it: no import back)."""

    graph: Graph
    entity_iri: dict[str, URIRef]

    def iri(self, *path: str) -> URIRef: ...
    def document_iri(self, doc: Doc) -> URIRef: ...
    def evidence(self, doc: Doc, sentence: Sentence) -> URIRef: ...


def add_milestones(builder: Builder, doc: Doc) -> None:
    """Write the milestones of one document (those whose project became an entity)."""
    g = builder.graph
    for milestone in doc.milestones:
        project = builder.entity_iri.get(milestone.project.key)
        if project is None:
            continue
        digest = hashlib.sha1(f"{project}\x1f{milestone.kind}\x1f{milestone.year}\x1f{milestone.month}".encode()).hexdigest()[:12]
        node = builder.iri("Milestone", digest)
        g.add((node, RDF.type, KG.Milestone))
        g.add((node, KG.milestoneOf, project))
        g.add((node, KG.milestoneKind, KG[milestone.kind]))
        g.add((node, KG.year, Literal(milestone.year, datatype=XSD.integer)))
        if milestone.month:
            g.add((node, KG.month, Literal(milestone.month, datatype=XSD.integer)))
        g.add((node, KG.mentionedIn, builder.document_iri(doc)))
        g.add((node, KG.evidence, builder.evidence(doc, doc.sentences[milestone.sentence])))
