"""`kg export`: write a built graph in the formats other systems load.

RDF formats (ttl, nt, jsonld, trig) hold exactly the triples of the build, written
deterministically (same graph -> same bytes), so exports diff cleanly and round-trip.
graphml and gexf are the entity network of kg.netgraph (shared with the HTML page);
csv writes that network as nodes.csv and edges.csv, plus observations.csv with the figures,
for spreadsheets. `--base` moves every resource IRI (kgr:) under the user's own namespace.
"""
from __future__ import annotations

import argparse
import csv
import io
import json
import re
import sys
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS

from kg.publish.atomic import write_atomic
from kg.graph.namespace import KG, KGR, PREFIXES
from kg.graph.read import GraphReadError, read_graph
from kg.graph.turtle import (UnsupportedGraph, graph_base, prefixes_for, serialize_ntriples, serialize_trig,
                     serialize_turtle)

HELP = "write the graph in another format / 导出"

CONTEXT_PATH = Path(__file__).resolve().parents[3] / "ontology" / "context.jsonld"
DEFAULT_GRAPH = Path("output") / "graph.ttl"
FORMATS = ("ttl", "nt", "jsonld", "trig", "graphml", "gexf", "csv")
_ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|^`\\]+\Z")


class ExportError(ValueError):
    """Bad options for an export; the message is one line for the user."""


def rebase(graph: Graph, base: str) -> Graph:
    """A copy of `graph` with every IRI under its resource namespace moved under `base`."""
    old = graph_base(graph)
    moved = Graph(bind_namespaces="none")
    for prefix, namespace in prefixes_for(base).items():
        moved.bind(prefix, namespace, override=True, replace=True)

    def move(term):
        if isinstance(term, URIRef) and str(term).startswith(old):
            return URIRef(base + str(term)[len(old):])
        return term

    for s, p, o in graph:
        moved.add((move(s), move(p), move(o)))
    return moved


# --- TriG: one named graph per document -------------------------------------------------------

def document_graphs(graph: Graph) -> dict[URIRef | None, list[tuple]]:
    """Triples by the document they were read from; each named graph is self-contained.

    A document's graph holds the document, its evidence sentences, the observations and
    relations read in it, and every entity mentioned in it with its types and names (so an
    entity named in three documents is described in three graphs; the union is the build).
    Triples tied to no document go to the default graph (key None).
    """
    docs_of: dict[URIRef, set[URIRef]] = defaultdict(set)
    for document in graph.subjects(RDF.type, KG.Document):
        docs_of[document].add(document)
    for evidence, document in graph.subject_objects(KG.document):
        docs_of[evidence].add(document)
    for node, document in graph.subject_objects(KG.mentionedIn):
        docs_of[node].add(document)
    evidence_of: dict[URIRef, set[URIRef]] = defaultdict(set)
    for node, evidence in graph.subject_objects(KG.evidence):
        evidence_of[node].add(evidence)
    for statement in graph.subjects(RDF.type, RDF.Statement):
        for evidence in evidence_of.get(statement, ()):
            docs_of[statement] |= docs_of.get(evidence, set())
    relation_docs: dict[tuple, set[URIRef]] = defaultdict(set)
    for statement in graph.subjects(RDF.type, RDF.Statement):
        key = (graph.value(statement, RDF.subject), graph.value(statement, RDF.predicate),
               graph.value(statement, RDF.object))
        relation_docs[key] |= docs_of.get(statement, set())

    graphs: dict[URIRef | None, list[tuple]] = defaultdict(list)
    for triple in graph:
        s, p, o = triple
        if p == KG.mentionedIn:
            targets = {o}
        elif p == KG.evidence:
            targets = docs_of.get(o, set())
        elif triple in relation_docs:
            targets = relation_docs[triple]
        else:
            targets = docs_of.get(s, set())
        for name in targets or {None}:
            graphs[name].append(triple)
    return dict(graphs)


def trig_text(graph: Graph) -> str:
    return serialize_trig(document_graphs(graph), graph_base(graph))


# --- JSON-LD with the published context --------------------------------------------------------

@lru_cache(maxsize=1)
def _published_context() -> dict:
    with open(CONTEXT_PATH, encoding="utf-8") as handle:
        return json.load(handle)["@context"]


def jsonld_context(base: str) -> dict:
    """The context of ontology/context.jsonld with kgr: set to `base`."""
    context = dict(_published_context())
    context["kgr"] = base
    return context


@dataclass(frozen=True)
class _Term:
    name: str
    coerce: str  # "@id", "@language", a datatype IRI, or "" for plain strings
    language: str = ""


def _terms(context: dict) -> dict[str, _Term]:
    """Expanded property IRI -> the context term that writes it compactly."""
    prefixes = {k: v for k, v in context.items() if isinstance(v, str)}

    def expand(value: str) -> str:
        prefix, _, local = value.partition(":")
        return prefixes[prefix] + local if prefix in prefixes else value

    terms = {}
    for name, definition in context.items():
        if not isinstance(definition, dict):
            continue
        iri = expand(definition["@id"])
        if "@language" in definition:
            terms[iri] = _Term(name, "@language", definition["@language"])
        elif definition.get("@type") == "@id":
            terms[iri] = _Term(name, "@id")
        elif "@type" in definition:
            terms[iri] = _Term(name, expand(definition["@type"]))
        else:
            terms[iri] = _Term(name, "")
    return terms


class _Compactor:
    def __init__(self, context: dict) -> None:
        # JSON-LD 1.1 uses a simple term as a prefix only if its IRI ends in a gen-delim
        self.prefixes = sorted(((k, v) for k, v in context.items() if isinstance(v, str) and v[-1:] in ":/?#[]@"),
                               key=lambda item: (-len(item[1]), item[0]))

    def __call__(self, iri: str) -> str:
        for prefix, namespace in self.prefixes:
            local = iri[len(namespace):]
            if iri.startswith(namespace) and local and not local.startswith("//"):
                return f"{prefix}:{local}"
        return iri


def _entry(predicate: URIRef, obj, terms: dict[str, _Term], compact: _Compactor) -> tuple[str, object]:
    """(key, JSON value) for one triple: the context's short term when the value fits its
    coercion, else the compact IRI with an explicit value object."""
    term = terms.get(str(predicate))
    if term is not None:
        if term.coerce == "@id" and isinstance(obj, URIRef):
            return term.name, compact(str(obj))
        if isinstance(obj, Literal):
            if term.coerce == "@language" and obj.language == term.language:
                return term.name, str(obj)
            if not obj.language and obj.datatype is not None and str(obj.datatype) == term.coerce:
                return term.name, str(obj)
            if term.coerce == "" and not obj.language and obj.datatype is None:
                return term.name, str(obj)
    key = compact(str(predicate))
    if isinstance(obj, URIRef):
        return key, {"@id": compact(str(obj))}
    if obj.language:
        return key, {"@value": str(obj), "@language": obj.language}
    if obj.datatype is not None:
        return key, {"@value": str(obj), "@type": compact(str(obj.datatype))}
    return key, {"@value": str(obj)}


def _json_sort_key(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def jsonld_text(graph: Graph) -> str:
    """JSON-LD: the published context inline (offline), one node object per subject in IRI order."""
    context = jsonld_context(graph_base(graph))
    terms, compact = _terms(context), _Compactor(context)
    nodes: dict[URIRef, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for s, p, o in graph:
        if not isinstance(s, URIRef) or not isinstance(o, (URIRef, Literal)):
            raise UnsupportedGraph("the graph has blank nodes, which cannot be written deterministically")
        if p == RDF.type and isinstance(o, URIRef):
            nodes[s]["@type"].append(compact(str(o)))
        else:
            key, value = _entry(p, o, terms, compact)
            nodes[s][key].append(value)
    out = []
    for subject in sorted(nodes, key=str):
        node: dict[str, object] = {"@id": compact(str(subject))}
        properties = nodes[subject]
        for key in sorted(properties, key=lambda k: (k != "@type", k)):
            values = sorted(properties[key], key=_json_sort_key)
            node[key] = values[0] if len(values) == 1 else values
        out.append(node)
    document = {"@context": context, "@graph": out}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


# --- CSV for spreadsheets ------------------------------------------------------------------

def _csv_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel shows Chinese correctly; CRLF per RFC 4180."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


# observations.csv: the figure, its scope (issue 15: kind, period, base of a rate) and the
# sentence it was read from, so a reader can check every number against its source.
OBSERVATION_COLUMNS = ["id", "subject", "subject_label", "indicator", "indicator_as_written", "value", "unit", "year",
                       "kind", "period", "period_label", "growth_base", "documents", "evidence_count", "evidence"]


def _local(term: object) -> str:
    return str(term).rsplit("#", 1)[-1] if term is not None else ""


def _observation_row(graph: Graph, node: URIRef) -> list[object]:
    subject = graph.value(node, KG.subject)
    files = sorted(str(graph.value(d, KG.fileName) or d) for d in graph.objects(node, KG.mentionedIn))
    evidence = sorted((str(graph.value(graph.value(e, KG.document), KG.fileName) or ""), str(graph.value(e, KG.sentence) or ""))
                      for e in graph.objects(node, KG.evidence))
    return [
        str(node), str(subject or ""), str(graph.value(subject, RDFS.label) or "") if subject else "",
        str(graph.value(node, KG.indicator) or ""), str(graph.value(node, KG.indicatorAsWritten) or ""),
        str(graph.value(node, KG.value) or ""), str(graph.value(node, KG.unit) or ""), str(graph.value(node, KG.year) or ""),
        _local(graph.value(node, KG.observationKind)), _local(graph.value(node, KG.period)),
        str(graph.value(node, KG.periodLabel) or ""), str(graph.value(node, KG.growthBase) or ""),
        "|".join(files), len(evidence), evidence[0][1] if evidence else "",
    ]


def csv_tables(graph: Graph) -> dict[str, bytes]:
    """nodes.csv and edges.csv (the entity network of kg.netgraph) and observations.csv."""
    from kg.publish.network import read_network

    network = read_network(graph)
    degree = network.degree()
    nodes = [[r.iri, r.label, r.core_type, r.sub_type, "|".join(r.aliases), "|".join(r.located_in),
              "|".join(d.file_name for d in r.documents), degree[r.iri]]
             for r in network.entities.values()]
    edges = []
    for link in network.links:
        source, target = network.entities[link.source], network.entities[link.target]
        edges.append([link.source, source.label, str(KG[link.predicate]), link.label_zh,
                      link.target, target.label, len(link.evidence),
                      link.evidence[0].sentence if link.evidence else ""])
    observations = [_observation_row(graph, node) for node in sorted(graph.subjects(RDF.type, KG.Observation), key=str)]
    return {
        "nodes.csv": _csv_bytes(["id", "label", "type", "subtype", "aliases", "located_in", "documents", "degree"], nodes),
        "edges.csv": _csv_bytes(["source", "source_label", "predicate", "label", "target", "target_label",
                                 "evidence_count", "evidence"], edges),
        "observations.csv": _csv_bytes(OBSERVATION_COLUMNS, observations),
    }


# --- dispatch ---------------------------------------------------------------------------------

def _graphml(graph: Graph) -> str:
    from kg.publish.network import graphml_text, to_networkx

    return graphml_text(to_networkx(graph))


def _gexf(graph: Graph) -> str:
    from kg.publish.network import gexf_text, to_networkx

    return gexf_text(to_networkx(graph))


TEXT_WRITERS: dict[str, Callable[[Graph], str]] = {
    "ttl": serialize_turtle,
    "nt": serialize_ntriples,
    "jsonld": jsonld_text,
    "trig": trig_text,
    "graphml": _graphml,
    "gexf": _gexf,
}


def export_text(graph: Graph, fmt: str) -> str:
    """The whole export of `graph` in `fmt` (every format but csv)."""
    return TEXT_WRITERS[fmt](graph)


def export(graph: Graph, fmt: str, output: Path | None, base: str | None = None) -> list[Path]:
    """Write `graph` in `fmt` to `output` (a file; a folder for csv; stdout when None)."""
    if base is not None:
        if not _ABSOLUTE_IRI.match(base):
            raise ExportError(f"--base {base!r}: not an absolute IRI such as https://example.org/kg/")
        graph = rebase(graph, base)
    if fmt == "csv":
        if output is None:
            raise ExportError("--format csv writes nodes.csv, edges.csv and observations.csv: give a folder with -o")
        if output.exists() and not output.is_dir():
            raise ExportError(f"{output}: exists and is not a folder (csv needs a folder)")
        written = []
        for name, data in csv_tables(graph).items():
            write_atomic(output / name, data)
            written.append(output / name)
        return written
    text = export_text(graph, fmt)
    if output is None:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
        return []
    if output.is_dir():
        raise ExportError(f"{output}: is a folder; give a file name with -o")
    write_atomic(output, text)
    return [output]


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--graph", default=str(DEFAULT_GRAPH), help="built graph (default: %(default)s)")
    parser.add_argument("--format", required=True, choices=FORMATS, help="output format / 导出格式")
    parser.add_argument("-o", "--output", help="file to write (a folder for csv); default: standard output")
    parser.add_argument("--base", help=f"namespace for resources instead of the graph's own (e.g. {KGR})")


def run(args: argparse.Namespace) -> int:
    try:
        graph = read_graph(Path(args.graph))
        written = export(graph, args.format, Path(args.output) if args.output else None, args.base)
    except (GraphReadError, ExportError, UnsupportedGraph) as error:
        print(f"kg export: {error}", file=sys.stderr)
        return 2
    if written:
        print("wrote " + ", ".join(str(p) for p in written), file=sys.stderr)
    return 0


__all__ = ["read_graph", "rebase", "export", "export_text", "document_graphs", "jsonld_text", "csv_tables",
           "jsonld_context", "GraphReadError", "ExportError", "FORMATS", "PREFIXES"]
