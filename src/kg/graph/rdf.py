"""Graph: turn resolved entities, relations and figures into triples (`Triples`, or an
rdflib Graph on request).

The shape is documented in `docs/graph-shape.md`; the vocabulary in `ontology/kg.ttl`.
No blank nodes: every node has an IRI derived from its content, so the same input gives
the same triples whatever the document order.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable

from rdflib import Graph
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.doc import Doc, Figure, Sentence
from kg.graph.namespace import KG, KGR, PREFIXES
from kg.graph.triples import XSD_DATE, Triples, decimal, integer, text, typed
from kg.extract.resolve import Entity

MAX_EVIDENCE_PER_ENTITY = 20  # keep the graph small for frequent names like 贵阳市


def new_graph() -> Graph:
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


def _hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:12]


_TYPE, _LABEL, _ALT = str(RDF.type), str(RDFS.label), str(SKOS.altLabel)
_STATEMENT, _SUBJECT, _PREDICATE, _OBJECT = str(RDF.Statement), str(RDF.subject), str(RDF.predicate), str(RDF.object)
_TITLE, _DATE, _SOURCE = str(DCTERMS.title), str(DCTERMS.date), str(DCTERMS.source)


_KG_TERMS: dict[str, str] = {}


def _kg(name: str) -> str:
    """The kg: IRI of `name` (made once per name)."""
    iri = _KG_TERMS.get(name)
    if iri is None:
        iri = _KG_TERMS[name] = str(KG) + name
    return iri


class GraphBuilder:
    """Collects the triples of one build (`kg.graph.triples.Triples`). `base` is the
    resource namespace (default kgr:)."""

    def __init__(self, base: str = str(KGR)) -> None:
        self.triples = Triples(base)
        self.base = base
        self.entity_iri: dict[str, str] = {}
        self._observations: set[str] = set()  # observation nodes already described

    def iri(self, *path: str) -> str:
        return self.base + "/".join(path)

    def document_iri(self, doc: Doc) -> str:
        return self.iri("Document", doc.doc_id)

    def evidence(self, doc: Doc, sentence: Sentence) -> str:
        """An evidence node: the sentence and its offsets in the raw file text."""
        start, end = doc.raw_span(sentence.start, sentence.end)
        node = self.iri("Evidence", doc.doc_id, f"{start}-{end}")
        t = self.triples
        if not t.has(node, _TYPE, _kg("Evidence")):
            t.add(node, _TYPE, _kg("Evidence"))
            t.add(node, _kg("document"), self.document_iri(doc))
            t.add(node, _kg("sentence"), text(doc.raw[start:end], "zh"))
            t.add(node, _kg("charStart"), integer(start))
            t.add(node, _kg("charEnd"), integer(end))
        return node

    def add_document(self, doc: Doc) -> None:
        t, node = self.triples, self.document_iri(doc)
        t.add(node, _TYPE, _kg("Document"))
        t.add(node, _kg("fileName"), text(doc.file_name))
        if doc.meta.title:
            t.add(node, _TITLE, text(doc.meta.title, "zh"))
        if doc.meta.date:
            t.add(node, _DATE, typed(doc.meta.date.isoformat(), XSD_DATE))
        if doc.meta.source:
            t.add(node, _SOURCE, text(doc.meta.source, "zh"))
        if doc.meta.sha256:
            t.add(node, _kg("sha256"), text(doc.meta.sha256))

    def add_entity(self, entity: Entity) -> str:
        t = self.triples
        node = self.iri(entity.type, entity.iri_slug)
        self.entity_iri[entity.key] = node
        t.add(node, _TYPE, _kg(entity.type))
        if entity.sub:
            t.add(node, _TYPE, _kg(entity.sub))
        t.add(node, _LABEL, text(entity.label, "zh"))
        for alias in sorted(entity.aliases):
            t.add(node, _ALT, text(alias, "zh"))
        if entity.admin_code:
            t.add(node, _kg("adminCode"), text(entity.admin_code))
        seen: set[tuple[str, int]] = set()
        for doc, mention in sorted(entity.mentions, key=lambda dm: (dm[0].doc_id, dm[1].start)):
            t.add(node, _kg("mentionedIn"), self.document_iri(doc))
            if (doc.doc_id, mention.sentence) not in seen and len(seen) < MAX_EVIDENCE_PER_ENTITY:
                seen.add((doc.doc_id, mention.sentence))
                t.add(node, _kg("evidence"), self.evidence(doc, doc.sentences[mention.sentence]))
        return node

    def add_relation(self, doc: Doc, predicate: str, subject_key: str, object_key: str, sentence: int) -> None:
        s, o = self.entity_iri.get(subject_key), self.entity_iri.get(object_key)
        if s is None or o is None or s == o:
            return
        t = self.triples
        p = _kg(predicate)
        t.add(s, p, o)
        statement = self.iri("Statement", _hash(s, p, o))
        t.add(statement, _TYPE, _STATEMENT)
        t.add(statement, _SUBJECT, s)
        t.add(statement, _PREDICATE, p)
        t.add(statement, _OBJECT, o)
        t.add(statement, _kg("evidence"), self.evidence(doc, doc.sentences[sentence]))

    def add_figure(self, doc: Doc, figure: Figure) -> None:
        subject = self.entity_iri.get(figure.subject.key) if figure.subject else None
        if subject is None or not figure.indicator:
            return
        t = self.triples
        kind = _kg("Target") if figure.kind == "Target" else _kg("Actual")
        node = self.iri("Observation", _hash(subject, figure.indicator, figure.year, figure.kind, figure.value, figure.unit))
        if node not in self._observations:  # the same figure in many documents: described once
            self._observations.add(node)
            t.add(node, _TYPE, _kg("Observation"))
            t.add(node, _kg("subject"), subject)
            t.add(node, _kg("indicator"), text(figure.indicator))
            t.add(node, _kg("value"), decimal(figure.value))
            t.add(node, _kg("unit"), text(figure.unit))
            t.add(node, _kg("year"), integer(figure.year))
            t.add(node, _kg("observationKind"), kind)
        t.add(node, _kg("mentionedIn"), self.document_iri(doc))
        t.add(node, _kg("evidence"), self.evidence(doc, doc.sentences[figure.sentence]))


def build_triples(docs: Iterable[Doc], entities: list[Entity], base: str = str(KGR)) -> Triples:
    """The whole graph of a build, as compact triples."""
    docs = sorted(docs, key=lambda d: d.doc_id)
    builder = GraphBuilder(base)
    for doc in docs:
        builder.add_document(doc)
    for entity in entities:
        builder.add_entity(entity)
    for doc in docs:
        for relation in doc.relations:
            builder.add_relation(doc, relation.predicate, relation.subject.key, relation.object.key, relation.sentence)
        for figure in doc.figures:
            builder.add_figure(doc, figure)
    return builder.triples


def build_graph(docs: Iterable[Doc], entities: list[Entity], base: str = str(KGR)) -> Graph:
    """The whole graph of a build as an rdflib Graph."""
    return build_triples(docs, entities, base).to_rdflib()
