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

from rdflib.namespace import RDF

from kg.doc import Doc, Sentence
from kg.graph.namespace import KG
from kg.graph.triples import Triples, integer

_TYPE = str(RDF.type)


class Builder(Protocol):
    """What this module needs of rdf.GraphBuilder (which calls it: no import back)."""

    triples: Triples
    entity_iri: dict[str, str]

    def iri(self, *path: str) -> str: ...
    def document_iri(self, doc: Doc) -> str: ...
    def evidence(self, doc: Doc, sentence: Sentence) -> str: ...


def add_milestones(builder: Builder, doc: Doc) -> None:
    """Write the milestones of one document (those whose project became an entity)."""
    t = builder.triples
    for milestone in doc.milestones:
        project = builder.entity_iri.get(milestone.project.key)
        if project is None:
            continue
        digest = hashlib.sha1(f"{project}\x1f{milestone.kind}\x1f{milestone.year}\x1f{milestone.month}".encode()).hexdigest()[:12]
        node = builder.iri("Milestone", digest)
        t.add(node, _TYPE, str(KG.Milestone))
        t.add(node, str(KG.milestoneOf), project)
        t.add(node, str(KG.milestoneKind), str(KG[milestone.kind]))
        t.add(node, str(KG.year), integer(milestone.year))
        if milestone.month:
            t.add(node, str(KG.month), integer(milestone.month))
        t.add(node, str(KG.mentionedIn), builder.document_iri(doc))
        t.add(node, str(KG.evidence), builder.evidence(doc, doc.sentences[milestone.sentence]))
