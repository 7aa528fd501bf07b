"""Deterministic Turtle: subjects grouped and sorted, so equal graphs give equal bytes.

rdflib's own serializer orders subjects by its internal heuristics; we want a file that
diffs cleanly from build to build, so we write it ourselves (no blank nodes in our graphs).
"""
from __future__ import annotations

from collections import defaultdict

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF


def _term(term, prefixes: list[tuple[str, str]]) -> str:
    if isinstance(term, URIRef):
        text = str(term)
        for prefix, namespace in prefixes:
            if text.startswith(namespace):
                local = text[len(namespace):]
                if local and all(c.isalnum() or c in "-_" for c in local) and not local[0] in "-":
                    return f"{prefix}:{local}"
        return term.n3()
    if isinstance(term, Literal):
        return term.n3(namespace_manager=None) if term.datatype is None else _typed(term, prefixes)
    return term.n3()


def _typed(term: Literal, prefixes: list[tuple[str, str]]) -> str:
    lexical = Literal(str(term)).n3()  # quoted and escaped lexical form
    return f"{lexical}^^{_term(term.datatype, prefixes)}"


def _sort_key(term) -> tuple:
    return (0 if isinstance(term, URIRef) else 1, str(term), str(getattr(term, "datatype", "") or ""), str(getattr(term, "language", "") or ""))


def serialize_turtle(graph: Graph) -> str:
    """Turtle text of `graph`, sorted by subject, predicate and object."""
    prefixes = sorted(((p, str(ns)) for p, ns in graph.namespaces() if p), key=lambda x: -len(x[1]))
    used = sorted(prefixes, key=lambda x: x[0])
    lines = [f"@prefix {p}: <{ns}> ." for p, ns in used]
    lines.append("")
    by_subject: dict = defaultdict(lambda: defaultdict(list))
    for s, p, o in graph:
        by_subject[s][p].append(o)
    for subject in sorted(by_subject, key=_sort_key):
        predicates = by_subject[subject]
        order = sorted(predicates, key=lambda p: (p != RDF.type, str(p)))
        parts = []
        for predicate in order:
            objects = sorted(predicates[predicate], key=_sort_key)
            pred = "a" if predicate == RDF.type else _term(predicate, prefixes)
            parts.append(f"    {pred} " + ",\n        ".join(_term(o, prefixes) for o in objects))
        lines.append(_term(subject, prefixes) + "\n" + " ;\n".join(parts) + " .\n")
    return "\n".join(lines)
