"""Graph: turn resolved entities, relations and figures into triples (`Triples`, or an
rdflib Graph on request).

The shape is documented in `docs/graph-shape.md`; the vocabulary in `ontology/kg.ttl`.
No blank nodes: every node has an IRI derived from its content, so the same input gives
the same triples whatever the document order.
"""
from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache

from rdflib import Graph
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.doc import Doc, Figure, Sentence
from kg.graph.milestones import add_milestones
from kg.graph.namespace import KG, KGR, PREFIXES
from kg.graph.triples import XSD_DATE, Triples, decimal, integer, text, typed
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


@lru_cache(maxsize=1 << 16)  # (the same document ids and types are written for every triple)
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


# The kg: terms written for every evidence node, relation and figure (~10^5 each on a
# large build), made once rather than looked up per triple.
_EVIDENCE, _DOCUMENT, _SENTENCE = _kg("Evidence"), _kg("document"), _kg("sentence")
_CHAR_START, _CHAR_END, _EVIDENCE_OF = _kg("charStart"), _kg("charEnd"), _kg("evidence")
_MENTIONED_IN = _kg("mentionedIn")


class GraphBuilder:
    """Collects the triples of one build (`kg.graph.triples.Triples`). `base` is the
    resource namespace (default kgr:)."""

    def __init__(self, base: str = str(KGR)) -> None:
        self.triples = Triples(base)
        self.base = base
        self.entity_iri: dict[str, str] = {}
        self._observations: set[str] = set()  # observation nodes already described
        self._documents: dict[str, str] = {}  # file name -> document IRI (asked for every evidence node)
        # (document id, raw start, raw end) -> its evidence node, already described: a
        # sentence is evidence for each name, relation and figure it holds
        self._evidence: dict[tuple[str, int, int], str] = {}
        # file name -> (document id, the IRI its evidence nodes' names follow)
        self._evidence_prefix: dict[str, tuple[str, str]] = {}
        # the reified statement of each (s, p, o) and the node of each figure's content,
        # named once (a sha1 each): the same link or figure is read in many sentences
        self._statements: dict[tuple[str, str, str], str] = {}
        self._figure_nodes: dict[tuple[str, ...], str] = {}

    def iri(self, *path: str) -> str:
        return self.base + "/".join(iri_segment(part) for part in path)

    def document_iri(self, doc: Doc) -> str:
        node = self._documents.get(doc.file_name)
        if node is None:
            node = self._documents[doc.file_name] = self.iri("Document", doc.doc_id)
        return node

    def evidence(self, doc: Doc, sentence: Sentence) -> str:
        """An evidence node: the sentence and its offsets in the raw file text."""
        start, end = doc.raw_span(sentence.start, sentence.end)
        prefix = self._evidence_prefix.get(doc.file_name)
        if prefix is None:
            prefix = self._evidence_prefix[doc.file_name] = (doc.doc_id, self.iri("Evidence", doc.doc_id) + "/")
        key = (prefix[0], start, end)  # (what the node's IRI is made of)
        node = self._evidence.get(key)
        if node is not None:
            return node
        # (the offsets' segment, digits and a hyphen, needs no escaping: iri_segment keeps it)
        node = self._evidence[key] = f"{prefix[1]}{start}-{end}"
        t = self.triples
        if not t.has(node, _TYPE, _EVIDENCE):
            t.add(node, _TYPE, _EVIDENCE)
            t.add(node, _DOCUMENT, self.document_iri(doc))
            t.add(node, _SENTENCE, text(doc.raw[start:end], "zh"))
            t.add(node, _CHAR_START, integer(start))
            t.add(node, _CHAR_END, integer(end))
        return node

    def add_document(self, doc: Doc) -> None:
        t, node = self.triples, self.document_iri(doc)
        t.add(node, _TYPE, _kg("Document"))
        t.add(node, _kg("fileName"), text(display_text(doc.file_name)))
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
            t.add(node, _MENTIONED_IN, self.document_iri(doc))
            if len(seen) < MAX_EVIDENCE_PER_ENTITY and (doc.doc_id, mention.sentence) not in seen:
                seen.add((doc.doc_id, mention.sentence))
                t.add(node, _EVIDENCE_OF, self.evidence(doc, doc.sentences[mention.sentence]))
        return node

    def add_relation(self, doc: Doc, predicate: str, subject_key: str, object_key: str, sentence: int) -> None:
        s, o = self.entity_iri.get(subject_key), self.entity_iri.get(object_key)
        if s is None or o is None or s == o:
            return
        t = self.triples
        p = _kg(predicate)
        t.add(s, p, o)
        statement = self._statements.get((s, p, o))
        if statement is None:
            statement = self._statements[(s, p, o)] = self.iri("Statement", _hash(s, p, o))
        t.add(statement, _TYPE, _STATEMENT)
        t.add(statement, _SUBJECT, s)
        t.add(statement, _PREDICATE, p)
        t.add(statement, _OBJECT, o)
        t.add(statement, _EVIDENCE_OF, self.evidence(doc, doc.sentences[sentence]))

    def add_figure(self, doc: Doc, figure: Figure) -> None:
        subject = self.entity_iri.get(figure.subject.key) if figure.subject else None
        if subject is None or not figure.indicator:
            return
        t = self.triples
        kind = _kg({"Target": "Target", "Estimate": "Estimate"}.get(figure.kind, "Actual"))
        content = (subject, figure.indicator, str(figure.year), figure.kind, str(figure.value), figure.unit,
                   *((figure.period, figure.period_label) if figure.period != "Year" else ()))
        node = self._figure_nodes.get(content)
        if node is None:
            node = self._figure_nodes[content] = self.iri("Observation", _hash(*content))
        if node not in self._observations:  # the same figure in many documents: described once
            self._observations.add(node)
            t.add(node, _TYPE, _kg("Observation"))
            t.add(node, _kg("subject"), subject)
            t.add(node, _kg("indicator"), text(figure.indicator))
            t.add(node, _kg("value"), decimal(figure.value))
            t.add(node, _kg("unit"), text(figure.unit))
            t.add(node, _kg("year"), integer(figure.year))
            t.add(node, _kg("observationKind"), kind)
            t.add(node, _kg("period"), _kg(PERIODS.get(figure.period, "FullYear")))
            if figure.period_label:
                t.add(node, _kg("periodLabel"), text(figure.period_label))
            if figure.base:
                t.add(node, _kg("growthBase"), text(figure.base))
        if figure.surface and figure.surface != figure.indicator:  # each document may word it its own way
            t.add(node, _kg("indicatorAsWritten"), text(figure.surface))
        t.add(node, _MENTIONED_IN, self.document_iri(doc))
        t.add(node, _EVIDENCE_OF, self.evidence(doc, doc.sentences[figure.sentence]))


# Figure.period -> the kg:ObservationPeriod individual that names it.
PERIODS = {"Year": "FullYear", "PartYear": "PartOfYear", "FiveYear": "FiveYearPeriod",
           "Cumulative": "CumulativeTotal", "Average": "YearlyAverage"}


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
        add_milestones(builder, doc)
    return builder.triples


def build_graph(docs: Iterable[Doc], entities: list[Entity], base: str = str(KGR)) -> Graph:
    """The whole graph of a build as an rdflib Graph."""
    return build_triples(docs, entities, base).to_rdflib()
