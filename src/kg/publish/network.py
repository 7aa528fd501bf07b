"""The entity network of a built graph: records for the page, networkx for Gephi and Cytoscape.

The RDF graph (docs/graph-shape.md) holds entities, documents, evidence sentences,
observations and reified statements. People exploring it want one node per entity and one
edge per relation, with everything else (names, documents, sentences, figures) attached
to them. `read_network` makes that view once; the HTML page (kg.viz) and the GraphML/GEXF
writers both start from it, so every output shows the same nodes.
"""
from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import networkx as nx
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.publish.atomic import write_atomic
from kg.graph.namespace import CORE_TYPES, KG, KGR, SUB_TYPES
from kg.graph.triples import Lit, Obj, Triples

# Where the ontology lives in a source checkout (src/kg/netgraph.py -> repo/ontology/kg.ttl).
ONTOLOGY_PATH = Path(__file__).resolve().parents[3] / "ontology" / "kg.ttl"
# Evidence sentences attached to a node in GraphML/GEXF (the page has its own limit).
EXPORT_EVIDENCE = 3
KIND_ZH = {"Actual": "实际", "Target": "目标", "Estimate": "预计"}


@dataclass(frozen=True)
class TypeStyle:
    name: str  # class local name, e.g. "District"
    core: str  # its core class, e.g. "AdministrativeArea"
    label_zh: str
    color: str = ""  # only on core classes
    shape: str = ""


@dataclass(frozen=True)
class DocumentRef:
    file_name: str
    title: str


@dataclass(frozen=True)
class EvidenceRef:
    file_name: str
    start: int
    sentence: str


@dataclass(frozen=True)
class FigureRef:
    indicator: str
    value: str  # the decimal as written in the graph
    unit: str
    year: int | None
    kind: str  # "Actual", "Target" or "Estimate"
    period: str = "FullYear"  # kg:period's local name: FullYear, PartOfYear, FiveYearPeriod, …

    def text(self) -> str:
        """One line in Chinese, e.g. `2024年 地区生产总值 980亿元（实际）`."""
        year = f"{self.year}年 " if self.year is not None else ""
        return f"{year}{self.indicator} {self.value}{self.unit}（{KIND_ZH.get(self.kind, self.kind)}）"


@dataclass(frozen=True)
class EntityRecord:
    iri: str
    label: str
    core_type: str
    sub_type: str  # "" when the entity has no subclass
    aliases: tuple[str, ...]
    located_in: tuple[str, ...]  # labels of the areas it is directly located in
    documents: tuple[DocumentRef, ...]
    evidence: tuple[EvidenceRef, ...]  # ordered by file, then position
    figures: tuple[FigureRef, ...]  # ordered by year, indicator, kind


@dataclass(frozen=True)
class LinkRecord:
    source: str  # entity IRI
    target: str
    predicate: str  # local name in kg:, e.g. "locatedIn"
    label_zh: str
    evidence: tuple[EvidenceRef, ...]


@dataclass(frozen=True)
class Network:
    entities: dict[str, EntityRecord]  # by IRI, in IRI order
    links: tuple[LinkRecord, ...]  # in (source, predicate, target) order

    def degree(self) -> dict[str, int]:
        """Number of relation edges touching each entity (either direction)."""
        counts = {iri: 0 for iri in self.entities}
        for link in self.links:
            counts[link.source] += 1
            counts[link.target] += 1
        return counts


# --- labels and styles -------------------------------------------------------------------

def _data_rows(name: str) -> list[list[str]]:
    text = resources.files("kg.data").joinpath(name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=4)
def _ontology_labels(path: str, mtime: float) -> dict[str, str]:
    """rdfs:label @zh of every kg: term in the ontology file (empty when it cannot be read)."""
    ontology = Graph()
    try:
        ontology.parse(path, format="turtle")
    except Exception:  # a half-written or broken ontology must not break the page
        return {}
    labels: dict[str, str] = {}
    for term, label in sorted(ontology.subject_objects(RDFS.label)):
        if isinstance(term, URIRef) and str(term).startswith(str(KG)) and isinstance(label, Literal):
            if label.language == "zh":
                labels.setdefault(str(term)[len(str(KG)):], str(label))
    return labels


def ontology_labels(path: Path = ONTOLOGY_PATH) -> dict[str, str]:
    """Chinese labels of kg: classes and properties, read from ontology/kg.ttl when present."""
    if not path.is_file():
        return {}
    return _ontology_labels(str(path), os.path.getmtime(path))


def type_styles() -> dict[str, TypeStyle]:
    """Style and Chinese name of every class we draw, by local name (core classes first)."""
    zh = ontology_labels()
    styles = {}
    for row in _data_rows("viz_types.tsv"):
        name, core, label = row[0], row[1], row[2]
        color, shape = (row[3], row[4]) if len(row) >= 5 else ("", "")
        styles[name] = TypeStyle(name, core, zh.get(name, label), color, shape)
    return styles


def relation_labels() -> dict[str, str]:
    """Chinese label of each kg: property: the ontology's, else our built-in list."""
    labels = {row[0]: row[1] for row in _data_rows("relation_labels.tsv")}
    labels.update(ontology_labels())
    return labels


# --- reading the RDF graph -------------------------------------------------------------

def _first_label(graph: Graph, node, predicate=RDFS.label) -> str:
    values = sorted(graph.objects(node, predicate), key=lambda v: (getattr(v, "language", None) != "zh", str(v)))
    return str(values[0]) if values else ""


class _EvidenceReader:
    """Evidence nodes and document file names, each read once."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self._files: dict = {}
        self._evidence: dict = {}

    def file_name(self, document) -> str:
        if document not in self._files:
            name = self.graph.value(document, KG.fileName)
            self._files[document] = str(name) if name is not None else str(document).rsplit("/", 1)[-1]
        return self._files[document]

    def evidence(self, node) -> EvidenceRef:
        if node not in self._evidence:
            g = self.graph
            document = g.value(node, KG.document)
            start = g.value(node, KG.charStart)
            self._evidence[node] = EvidenceRef(
                self.file_name(document) if document is not None else "",
                int(start.toPython()) if isinstance(start, Literal) else 0,
                str(g.value(node, KG.sentence) or ""),
            )
        return self._evidence[node]

    def evidence_of(self, node) -> tuple[EvidenceRef, ...]:
        refs = {self.evidence(e) for e in self.graph.objects(node, KG.evidence)}
        return tuple(sorted(refs, key=lambda r: (r.file_name, r.start, r.sentence)))


def _figures(graph: Graph) -> dict[str, list[FigureRef]]:
    by_subject: dict[str, list[FigureRef]] = defaultdict(list)
    for observation in graph.subjects(RDF.type, KG.Observation):
        subject = graph.value(observation, KG.subject)
        if subject is None:
            continue
        year = graph.value(observation, KG.year)
        kind = graph.value(observation, KG.observationKind)
        by_subject[str(subject)].append(FigureRef(
            indicator=str(graph.value(observation, KG.indicator) or ""),
            value=str(graph.value(observation, KG.value) or ""),
            unit=str(graph.value(observation, KG.unit) or ""),
            year=int(year.toPython()) if isinstance(year, Literal) and str(year).lstrip("-").isdigit() else None,
            kind=str(kind)[len(str(KG)):] if kind is not None else "",
            period=str(graph.value(observation, KG.period) or KG.FullYear)[len(str(KG)):],
        ))
    return by_subject


def _statement_evidence(graph: Graph, reader: _EvidenceReader) -> dict[tuple, tuple[EvidenceRef, ...]]:
    """Evidence of each relation triple, from its reified rdf:Statement."""
    found: dict[tuple, set[EvidenceRef]] = defaultdict(set)
    for statement in graph.subjects(RDF.type, RDF.Statement):
        key = (graph.value(statement, RDF.subject), graph.value(statement, RDF.predicate), graph.value(statement, RDF.object))
        found[key].update(reader.evidence_of(statement))
    return {key: tuple(sorted(refs, key=lambda r: (r.file_name, r.start))) for key, refs in found.items()}


def _core_and_sub(types: set[str]) -> tuple[str, str]:
    core = next((t for t in CORE_TYPES if t in types), "")
    sub = next((t for t in sorted(types) if SUB_TYPES.get(t) == core), "")
    return core, sub


def read_network(graph: Graph) -> Network:
    """Entities (nodes with a core type) and the kg: relations between them."""
    reader = _EvidenceReader(graph)
    local_types: dict[URIRef, set[str]] = defaultdict(set)
    for node, cls in graph.subject_objects(RDF.type):
        if isinstance(node, URIRef) and str(cls).startswith(str(KG)):
            local_types[node].add(str(cls)[len(str(KG)):])
    entity_nodes = sorted(n for n, types in local_types.items() if any(t in types for t in CORE_TYPES))
    figures = _figures(graph)
    entities: dict[str, EntityRecord] = {}
    for node in entity_nodes:
        core, sub = _core_and_sub(local_types[node])
        documents = {
            DocumentRef(reader.file_name(d), _first_label(graph, d, DCTERMS.title))
            for d in graph.objects(node, KG.mentionedIn)
        }
        entities[str(node)] = EntityRecord(
            iri=str(node),
            label=_first_label(graph, node) or str(node).rsplit("/", 1)[-1],
            core_type=core,
            sub_type=sub,
            aliases=tuple(sorted({str(a) for a in graph.objects(node, SKOS.altLabel)})),
            located_in=tuple(sorted({_first_label(graph, a) or str(a) for a in graph.objects(node, KG.locatedIn)})),
            documents=tuple(sorted(documents, key=lambda d: d.file_name)),
            evidence=reader.evidence_of(node),
            figures=tuple(sorted(set(figures.get(str(node), [])), key=lambda f: (
                f.year if f.year is not None else 0, f.indicator, f.kind, f.value, f.unit))),
        )
    labels = relation_labels()
    statement_evidence = _statement_evidence(graph, reader)
    links = []
    for s, p, o in graph:
        if str(s) in entities and str(o) in entities and s != o and str(p).startswith(str(KG)):
            local = str(p)[len(str(KG)):]
            links.append(LinkRecord(str(s), str(o), local, labels.get(local, local), statement_evidence.get((s, p, o), ())))
    links.sort(key=lambda link: (link.source, link.predicate, link.target))
    return Network(entities, tuple(links))


# --- the same network from a build's compact triples ------------------------------------

class _K:
    """The IRIs the compact-triples reader asks for, as plain strings made once: an rdflib
    namespace attribute (KG.document) is a method call and a URIRef check each time, and
    the reader asks ~10^5 times on a large build."""

    fileName, document, charStart, sentence = str(KG.fileName), str(KG.document), str(KG.charStart), str(KG.sentence)
    evidence, subject, year, observationKind = str(KG.evidence), str(KG.subject), str(KG.year), str(KG.observationKind)
    indicator, value, unit, period = str(KG.indicator), str(KG.value), str(KG.unit), str(KG.period)
    mentionedIn, locatedIn, FullYear = str(KG.mentionedIn), str(KG.locatedIn), str(KG.FullYear)
    altLabel, title, Statement = str(SKOS.altLabel), str(DCTERMS.title), str(RDF.Statement)
    reified = (str(RDF.subject), str(RDF.predicate), str(RDF.object))


def _text(term: Obj | None) -> str:
    if term is None:
        return ""
    return term.lexical if isinstance(term, Lit) else term


def _first_label_of(triples: Triples, node: str, predicate: str = str(RDFS.label)) -> str:
    """As _first_label: a @zh value first, then by text."""
    values = sorted(triples.objects(node, predicate),
                    key=lambda v: (not (isinstance(v, Lit) and v.language == "zh"), _text(v)))
    return _text(values[0]) if values else ""


def _int_or(term: Obj | None, default: int | None) -> int | None:
    if isinstance(term, Lit) and term.lexical.strip().lstrip("+-").isdigit():
        return int(term.lexical)
    return default


class _TripleEvidence:
    """_EvidenceReader over compact triples."""

    def __init__(self, triples: Triples) -> None:
        self.triples = triples
        self._files: dict[str, str] = {}
        self._documents: dict[str, DocumentRef] = {}
        self._evidence: dict[str, EvidenceRef] = {}

    def document(self, document: str) -> DocumentRef:
        if document not in self._documents:
            self._documents[document] = DocumentRef(
                self.file_name(document), _first_label_of(self.triples, document, _K.title))
        return self._documents[document]

    def file_name(self, document: str) -> str:
        if document not in self._files:
            name = self.triples.value(document, _K.fileName)
            self._files[document] = _text(name) if name is not None else document.rsplit("/", 1)[-1]
        return self._files[document]

    def evidence(self, node: str) -> EvidenceRef:
        if node not in self._evidence:
            t = self.triples
            document = t.value(node, _K.document)
            self._evidence[node] = EvidenceRef(
                self.file_name(_text(document)) if document is not None else "",
                _int_or(t.value(node, _K.charStart), 0) or 0,
                _text(t.value(node, _K.sentence)),
            )
        return self._evidence[node]

    def evidence_of(self, node: str) -> tuple[EvidenceRef, ...]:
        refs = {self.evidence(_text(e)) for e in self.triples.objects(node, _K.evidence)}
        return tuple(sorted(refs, key=lambda r: (r.file_name, r.start, r.sentence)))


def network_from_triples(triples: Triples) -> Network:
    """The network `read_network` reads from the same graph, made from a build's compact
    triples without an rdflib Graph (tests check the two agree)."""
    kg, rdf_type = str(KG), str(RDF.type)
    reader = _TripleEvidence(triples)
    local_types: dict[str, set[str]] = {}
    for node, predicates in triples.by_subject.items():
        types = {o[len(kg):] for o in predicates.get(rdf_type, ()) if not isinstance(o, Lit) and o.startswith(kg)}
        if types:
            local_types[node] = types
    figures: dict[str, list[FigureRef]] = defaultdict(list)
    for node, types in local_types.items():
        if "Observation" not in types:
            continue
        subject = triples.value(node, _K.subject)
        if subject is None:
            continue
        year = triples.value(node, _K.year)
        kind = triples.value(node, _K.observationKind)
        figures[_text(subject)].append(FigureRef(
            indicator=_text(triples.value(node, _K.indicator)),
            value=_text(triples.value(node, _K.value)),
            unit=_text(triples.value(node, _K.unit)),
            year=_int_or(year, None) if isinstance(year, Lit) and year.lexical.lstrip("-").isdigit() else None,
            kind=_text(kind)[len(kg):] if kind is not None else "",
            period=_text(triples.value(node, _K.period) or _K.FullYear)[len(kg):],
        ))
    entities: dict[str, EntityRecord] = {}
    for node in sorted(n for n, types in local_types.items() if any(t in types for t in CORE_TYPES)):
        core, sub = _core_and_sub(local_types[node])
        documents = {reader.document(_text(d)) for d in triples.objects(node, _K.mentionedIn)}
        entities[node] = EntityRecord(
            iri=node,
            label=_first_label_of(triples, node) or node.rsplit("/", 1)[-1],
            core_type=core,
            sub_type=sub,
            aliases=tuple(sorted({_text(a) for a in triples.objects(node, _K.altLabel)})),
            located_in=tuple(sorted({_first_label_of(triples, _text(a)) or _text(a)
                                     for a in triples.objects(node, _K.locatedIn)})),
            documents=tuple(sorted(documents, key=lambda d: d.file_name)),
            evidence=reader.evidence_of(node),
            figures=tuple(sorted(set(figures.get(node, [])), key=lambda f: (
                f.year if f.year is not None else 0, f.indicator, f.kind, f.value, f.unit))),
        )
    statement_evidence: dict[tuple, set[EvidenceRef]] = defaultdict(set)
    for node, predicates in triples.by_subject.items():
        if _K.Statement in predicates.get(rdf_type, ()):
            key = tuple(_text(triples.value(node, p)) for p in _K.reified)
            statement_evidence[key].update(reader.evidence_of(node))
    labels = relation_labels()
    links = []
    for source in entities:
        for predicate, objects in triples.by_subject[source].items():
            if not predicate.startswith(kg):
                continue
            local = predicate[len(kg):]
            for target in objects:
                if not isinstance(target, Lit) and target in entities and target != source:
                    evidence = tuple(sorted(statement_evidence.get((source, predicate, target), ()),
                                            key=lambda r: (r.file_name, r.start)))
                    links.append(LinkRecord(source, target, local, labels.get(local, local), evidence))
    links.sort(key=lambda link: (link.source, link.predicate, link.target))
    return Network(entities, tuple(links))


# --- networkx, GraphML, GEXF ----------------------------------------------------------------

def _joined(items) -> str:
    return "\n".join(items)


def network_to_networkx(network: Network) -> nx.MultiDiGraph:
    """One node per entity (id = IRI) and one edge per relation, with string attributes only
    (lists joined by newlines) so GraphML and GEXF can carry every one of them."""
    styles = type_styles()
    degree = network.degree()
    g = nx.MultiDiGraph()
    for iri, record in network.entities.items():
        core_style = styles.get(record.core_type)
        sub_style = styles.get(record.sub_type)
        g.add_node(
            iri,
            label=record.label,
            type=record.core_type,
            type_zh=core_style.label_zh if core_style else record.core_type,
            subtype=record.sub_type,
            subtype_zh=sub_style.label_zh if sub_style else "",
            aliases=_joined(record.aliases),
            located_in=_joined(record.located_in),
            documents=_joined(d.file_name for d in record.documents),
            evidence=_joined(e.sentence for e in record.evidence[:EXPORT_EVIDENCE]),
            figures=_joined(f.text() for f in record.figures),
            degree=degree[iri],
        )
    for link in network.links:
        g.add_edge(
            link.source, link.target, key=link.predicate,
            predicate=str(KG[link.predicate]), relation=link.predicate, label=link.label_zh,
            evidence=_joined(e.sentence for e in link.evidence[:EXPORT_EVIDENCE]),
        )
    return g


def to_networkx(graph: Graph) -> nx.MultiDiGraph:
    """The entity network of an rdflib graph as a networkx MultiDiGraph (see network_to_networkx)."""
    return network_to_networkx(read_network(graph))


def _xml_text(writer) -> str:
    """A networkx XML writer's document as UTF-8 text (networkx's own str() turns every
    Chinese character into a numeric reference, doubling the file)."""
    from xml.etree.ElementTree import tostring

    writer.indent(writer.xml)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + tostring(writer.xml, encoding="unicode") + "\n"


def graphml_text(nx_graph: nx.MultiDiGraph) -> str:
    from networkx.readwrite.graphml import GraphMLWriter

    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(nx_graph)
    return _xml_text(writer)


def _rgb(color: str) -> dict[str, int]:
    value = color.lstrip("#")
    return {"r": int(value[0:2], 16), "g": int(value[2:4], 16), "b": int(value[4:6], 16), "a": 1}


def gexf_text(nx_graph: nx.MultiDiGraph) -> str:
    """GEXF 1.2 with Gephi's viz colour and size per node; no modification date, so the
    same graph always gives the same bytes."""
    from networkx.readwrite.gexf import GEXFWriter

    styles = type_styles()
    styled = nx_graph.copy()
    for _, data in styled.nodes(data=True):
        style = styles.get(data.get("type", ""))
        viz: dict = {"size": 10.0 + 4.0 * data.get("degree", 0) ** 0.5}
        if style and style.color:
            viz["color"] = _rgb(style.color)
        data["viz"] = viz
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
    writer.add_graph(styled)
    return _xml_text(writer)


def write_graphml(graph: Graph, path: str | os.PathLike) -> Path:
    """Write the entity network of `graph` as GraphML (Cytoscape, yEd, Gephi), atomically."""
    target = Path(path)
    write_atomic(target, graphml_text(to_networkx(graph)))
    return target


def write_gexf(graph: Graph, path: str | os.PathLike) -> Path:
    """Write the entity network of `graph` as GEXF (Gephi), atomically."""
    target = Path(path)
    write_atomic(target, gexf_text(to_networkx(graph)))
    return target


def short_iri(iri: str) -> str:
    """kgr:Type/slug for our resources, the full IRI otherwise."""
    return "kgr:" + iri[len(str(KGR)):] if iri.startswith(str(KGR)) else iri
