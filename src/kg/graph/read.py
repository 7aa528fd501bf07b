"""Reading a built graph back from a file, in any RDF format `kg export` writes."""
from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph
from rdflib.namespace import RDF

from kg.graph.namespace import KG, KGR

# rdflib parser names by file suffix, for reading a built graph back.
READ_FORMATS = {".ttl": "turtle", ".nt": "nt", ".jsonld": "json-ld", ".json": "json-ld",
                ".trig": "trig", ".nq": "nquads", ".rdf": "xml", ".owl": "xml", ".xml": "xml"}


class GraphReadError(ValueError):
    """The graph file is missing or cannot be parsed; the message is one line for the user."""


def read_graph(path: Path) -> Graph:
    """A built graph from `path` (format from the suffix; TriG and N-Quads are merged)."""
    if not path.is_file():
        raise GraphReadError(f"{path}: no such file (run `kg build` first? / 请先运行 kg build)")
    fmt = READ_FORMATS.get(path.suffix.lower(), "turtle")
    graph = Graph(bind_namespaces="none")
    try:
        if fmt in ("trig", "nquads"):
            dataset = Dataset()
            dataset.parse(str(path), format=fmt)
            for s, p, o, _ in dataset.quads((None, None, None, None)):
                graph.add((s, p, o))
            for prefix, namespace in dataset.namespaces():
                graph.bind(prefix, namespace, override=True)
        else:
            graph.parse(str(path), format=fmt)
    except Exception as error:  # rdflib raises many parser-specific types
        reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise GraphReadError(f"{path}: not a valid {fmt} file: {reason}") from None
    base = infer_base(graph)
    graph.bind("kgr", base, override=True, replace=True)
    return graph


def infer_base(graph: Graph) -> str:
    """The resource namespace: the `kgr` binding, else guessed from a document IRI
    (`{base}Document/{id}`), else the default. N-Triples and JSON-LD carry no binding."""
    bound = dict((prefix, str(ns)) for prefix, ns in graph.namespaces())
    if "kgr" in bound:
        return bound["kgr"]
    for document in sorted(graph.subjects(RDF.type, KG.Document)):
        text = str(document)
        if "/Document/" in text:
            return text[: text.rindex("Document/")]
    return str(KGR)
