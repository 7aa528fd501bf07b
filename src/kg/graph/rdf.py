"""Graph: turn resolved entities, relations and figures into an rdflib Graph.

The shape is documented in `docs/graph-shape.md`; the vocabulary in `ontology/kg.ttl`.
No blank nodes: every node has an IRI derived from its content, so the same input gives
the same triples whatever the document order.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS, XSD

from kg.doc import Doc, Figure, Sentence
from kg.graph.milestones import add_milestones
from kg.graph.namespace import KG, KGR, PREFIXES
from kg.extract.resolve import Entity

MAX_EVIDENCE_PER_ENTITY = 20  # keep the graph small for frequent names like 贵阳市


def new_graph() -> Graph:
    graph = Graph(bind_namespaces="none")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True)
    return graph


# RFC 3987 ipchar outside ucschar: unreserved, sub-delims, ":" and "@". "%" is not here, so
# a "%" in a file name is written %25 and the IRI still names that file unambiguously.
_IPCHAR_ASCII = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@")


def _is_ucschar(code: int) -> bool:
    """RFC 3987 ucschar: non-ASCII characters an IRI path may carry unencoded (Chinese
    included); private-use, specials, surrogates and the last plane codes are not."""
    if code < 0x10000:
        return 0xA0 <= code <= 0xD7FF or 0xF900 <= code <= 0xFDCF or 0xFDF0 <= code <= 0xFFEF
    return code < 0xF0000 and (code & 0xFFFF) <= 0xFFFD


def _utf8(char: str) -> bytes:
    # a file name with bytes that are not UTF-8 reaches us with lone surrogates
    # (surrogateescape): encode them back to the file's own bytes
    try:
        return char.encode("utf-8", "surrogateescape")
    except UnicodeEncodeError:
        return char.encode("utf-8", "surrogatepass")


# The common case in one regex call: ASCII ipchar and the BMP's ucschar.
_PLAIN_SEGMENT = re.compile("[A-Za-z0-9\\-._~!$&'()*+,;=:@\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef]*")


def iri_segment(text: str) -> str:
    """`text` as one IRI path segment: characters RFC 3987 allows are kept (a Chinese file
    name stays readable), every other one is percent-encoded as its UTF-8 bytes, so a file
    named `政府 工作报告.txt` or `a{b}.txt` still gives an IRI every RDF store accepts."""
    if _PLAIN_SEGMENT.fullmatch(text) and text not in (".", ".."):
        return text
    if text in (".", ".."):  # a dot segment would be removed when the IRI is resolved
        return text.replace(".", "%2E")
    out = []
    for char in text:
        if char in _IPCHAR_ASCII or _is_ucschar(ord(char)):
            out.append(char)
        else:
            out.append("".join(f"%{byte:02X}" for byte in _utf8(char)))
    return "".join(out)


def display_text(text: str) -> str:
    """`text` writable as UTF-8: a file name's undecodable bytes become U+FFFD."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return "".join(_utf8(c).decode("utf-8", "replace") for c in text)


def base_problem(base: str) -> str | None:
    """Why `base` cannot prefix our resource IRIs, or None: it must be an absolute IRI
    with only characters an IRI may carry."""
    if not re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", base):
        return "not an absolute IRI (no scheme such as https:)"
    bad = sorted({c for c in base if not (c in _IPCHAR_ASCII or c in "/?#[]%" or _is_ucschar(ord(c)))})
    return f"holds characters an IRI cannot: {''.join(bad)!r}" if bad else None


def _hash(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()[:12]


class GraphBuilder:
    """Collects triples for one build. `base` is the resource namespace (default kgr:)."""

    def __init__(self, base: str = str(KGR)) -> None:
        self.graph = new_graph()
        self.base = base
        if base != str(KGR):
            self.graph.bind("kgr", base, override=True, replace=True)
        self.entity_iri: dict[str, URIRef] = {}

    def iri(self, *path: str) -> URIRef:
        return URIRef(self.base + "/".join(iri_segment(part) for part in path))

    def document_iri(self, doc: Doc) -> URIRef:
        return self.iri("Document", doc.doc_id)

    def evidence(self, doc: Doc, sentence: Sentence) -> URIRef:
        """An evidence node: the sentence and its offsets in the raw file text."""
        start, end = doc.raw_span(sentence.start, sentence.end)
        node = self.iri("Evidence", doc.doc_id, f"{start}-{end}")
        g = self.graph
        if (node, RDF.type, KG.Evidence) not in g:
            g.add((node, RDF.type, KG.Evidence))
            g.add((node, KG.document, self.document_iri(doc)))
            g.add((node, KG.sentence, Literal(doc.raw[start:end], lang="zh")))
            g.add((node, KG.charStart, Literal(start)))
            g.add((node, KG.charEnd, Literal(end)))
        return node

    def add_document(self, doc: Doc) -> None:
        g, node = self.graph, self.document_iri(doc)
        g.add((node, RDF.type, KG.Document))
        g.add((node, KG.fileName, Literal(display_text(doc.file_name))))
        if doc.meta.title:
            g.add((node, DCTERMS.title, Literal(doc.meta.title, lang="zh")))
        if doc.meta.date:
            g.add((node, DCTERMS.date, Literal(doc.meta.date.isoformat(), datatype=XSD.date)))
        if doc.meta.source:
            g.add((node, DCTERMS.source, Literal(doc.meta.source, lang="zh")))
        if doc.meta.sha256:
            g.add((node, KG.sha256, Literal(doc.meta.sha256)))

    def add_entity(self, entity: Entity) -> URIRef:
        g = self.graph
        node = self.iri(entity.type, entity.iri_slug)
        self.entity_iri[entity.key] = node
        g.add((node, RDF.type, KG[entity.type]))
        if entity.sub:
            g.add((node, RDF.type, KG[entity.sub]))
        g.add((node, RDFS.label, Literal(entity.label, lang="zh")))
        for alias in sorted(entity.aliases):
            g.add((node, SKOS.altLabel, Literal(alias, lang="zh")))
        if entity.admin_code:
            g.add((node, KG.adminCode, Literal(entity.admin_code)))
        seen: set[tuple[str, int]] = set()
        for doc, mention in sorted(entity.mentions, key=lambda dm: (dm[0].doc_id, dm[1].start)):
            g.add((node, KG.mentionedIn, self.document_iri(doc)))
            if (doc.doc_id, mention.sentence) not in seen and len(seen) < MAX_EVIDENCE_PER_ENTITY:
                seen.add((doc.doc_id, mention.sentence))
                g.add((node, KG.evidence, self.evidence(doc, doc.sentences[mention.sentence])))
        return node

    def add_relation(self, doc: Doc, predicate: str, subject_key: str, object_key: str, sentence: int) -> None:
        s, o = self.entity_iri.get(subject_key), self.entity_iri.get(object_key)
        if s is None or o is None or s == o:
            return
        g = self.graph
        p = KG[predicate]
        g.add((s, p, o))
        statement = self.iri("Statement", _hash(s, p, o))
        g.add((statement, RDF.type, RDF.Statement))
        g.add((statement, RDF.subject, s))
        g.add((statement, RDF.predicate, p))
        g.add((statement, RDF.object, o))
        g.add((statement, KG.evidence, self.evidence(doc, doc.sentences[sentence])))

    def add_figure(self, doc: Doc, figure: Figure) -> None:
        subject = self.entity_iri.get(figure.subject.key) if figure.subject else None
        if subject is None or not figure.indicator:
            return
        g = self.graph
        kind = {"Target": KG.Target, "Estimate": KG.Estimate}.get(figure.kind, KG.Actual)
        period = KG[PERIODS.get(figure.period, "FullYear")]
        node = self.iri("Observation", _hash(subject, figure.indicator, figure.year, figure.kind, figure.value, figure.unit,
                                             *((figure.period, figure.period_label) if figure.period != "Year" else ())))
        g.add((node, RDF.type, KG.Observation))
        g.add((node, KG.subject, subject))
        g.add((node, KG.indicator, Literal(figure.indicator)))
        if figure.surface and figure.surface != figure.indicator:
            g.add((node, KG.indicatorAsWritten, Literal(figure.surface)))
        g.add((node, KG.value, Literal(figure.value, datatype=XSD.decimal)))
        g.add((node, KG.unit, Literal(figure.unit)))
        g.add((node, KG.year, Literal(figure.year, datatype=XSD.integer)))
        g.add((node, KG.observationKind, kind))
        g.add((node, KG.period, period))
        if figure.period_label:
            g.add((node, KG.periodLabel, Literal(figure.period_label)))
        if figure.base:
            g.add((node, KG.growthBase, Literal(figure.base)))
        g.add((node, KG.mentionedIn, self.document_iri(doc)))
        g.add((node, KG.evidence, self.evidence(doc, doc.sentences[figure.sentence])))


# Figure.period -> the kg:ObservationPeriod individual that names it.
PERIODS = {"Year": "FullYear", "PartYear": "PartOfYear", "FiveYear": "FiveYearPeriod",
           "Cumulative": "CumulativeTotal", "Average": "YearlyAverage"}


def build_graph(docs: Iterable[Doc], entities: list[Entity], base: str = str(KGR)) -> Graph:
    """The whole graph of a build."""
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
        add_milestones(builder, doc)
    return builder.graph
