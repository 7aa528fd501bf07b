"""Deterministic RDF text: Turtle, TriG and N-Triples with equal bytes for equal graphs.

rdflib's serializers order subjects by internal heuristics and hash order; we want files
that diff cleanly from build to build, so we write them ourselves (our graphs have no blank
nodes; one that does is refused rather than written with unstable labels).

Resource IRIs (`kgr:AdministrativeArea/hua-xi-qu`) contain '/', which a Turtle prefixed
name can only carry escaped (`kgr:AdministrativeArea\\/hua-xi-qu`), a form older parsers
reject. We write them as IRIs relative to `@base` (`<AdministrativeArea/hua-xi-qu>`): short,
readable, accepted by every Turtle 1.0 and 1.1 parser, and `--base` only changes one line.
"""
from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD

from kg.graph.namespace import KGR, PREFIXES
from kg.graph.triples import XSD_INTEGER, Lit, Obj, Triples, sort_key

Term = URIRef | Literal

# A prefixed-name local part every Turtle parser accepts (no escapes, no leading digit or dot).
_SAFE_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*\Z")
# A relative IRI that resolves back to base + itself (RFC 3986 5.2): no scheme, no query or
# fragment, no dot segments.
_SAFE_RELATIVE = re.compile(r"[A-Za-z0-9_~-][A-Za-z0-9_.~-]*(?:/[A-Za-z0-9_.~-]+)*\Z")
_BARE_INTEGER = re.compile(r"[+-]?[0-9]+\Z")
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_IRI_FORBIDDEN = set('<>"{}|^`\\ ')
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')


class UnsupportedGraph(ValueError):
    """The graph holds something our writers do not write (a blank node)."""


def graph_base(graph: Graph) -> str:
    """The resource namespace of `graph`: its `kgr` binding, else the default kgr:."""
    bound = dict((prefix, str(ns)) for prefix, ns in graph.namespaces())
    return bound.get("kgr", str(KGR))


def prefixes_for(base: str) -> dict[str, str]:
    """The prefixes written at the top of every file, with kgr: set to `base`."""
    table = {prefix: str(ns) for prefix, ns in PREFIXES.items()}
    table["kgr"] = base
    return dict(sorted(table.items()))


def escape_string(text: str) -> str:
    """`text` as a Turtle/N-Triples short string, quotes included."""
    if not _NEEDS_ESCAPE.search(text):  # most text: nothing to escape, no loop over it
        return '"' + text + '"'
    out = []
    for char in text:
        if char in _STRING_ESCAPES:
            out.append(_STRING_ESCAPES[char])
        elif ord(char) < 0x20 or char == "\x7f":
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def iri_ref(iri: str) -> str:
    """`<iri>` with the characters IRIREF forbids written as \\u escapes."""
    if not any(c in _IRI_FORBIDDEN or ord(c) <= 0x20 for c in iri):
        return f"<{iri}>"
    return "<" + "".join(f"\\u{ord(c):04X}" if c in _IRI_FORBIDDEN or ord(c) <= 0x20 else c for c in iri) + ">"


class TermWriter:
    """Writes terms compactly: relative to @base, as prefixed names, or as full IRIs."""

    def __init__(self, prefixes: Mapping[str, str], base: str | None) -> None:
        # longest namespace first, so kgr: wins over a shorter namespace that is its prefix
        self.prefixes = sorted(prefixes.items(), key=lambda item: (-len(item[1]), item[0]))
        self.base = base if base and base.endswith("/") and "?" not in base and "#" not in base else None
        self._cache: dict[URIRef, str] = {}

    def iri(self, term: URIRef) -> str:
        cached = self._cache.get(term)
        if cached is None:
            cached = self._cache[term] = self._iri(str(term))
        return cached

    def _iri(self, text: str) -> str:
        if self.base and text.startswith(self.base):
            local = text[len(self.base):]
            if _SAFE_RELATIVE.match(local) and not any(seg in (".", "..") for seg in local.split("/")):
                return f"<{local}>"
        for prefix, namespace in self.prefixes:
            if text.startswith(namespace) and _SAFE_LOCAL.match(text[len(namespace):]):
                return f"{prefix}:{text[len(namespace):]}"
        return iri_ref(text)

    def literal(self, term: Literal) -> str:
        lexical = str(term)
        if term.language:
            return f"{escape_string(lexical)}@{term.language}"
        if term.datatype is None:
            return escape_string(lexical)
        if term.datatype == XSD.integer and _BARE_INTEGER.match(lexical):
            return lexical
        return f"{escape_string(lexical)}^^{self.iri(URIRef(term.datatype))}"

    def term(self, term: Term) -> str:
        if isinstance(term, URIRef):
            return self.iri(term)
        if isinstance(term, Literal):
            return self.literal(term)
        raise UnsupportedGraph(f"blank node {term.n3()} cannot be written deterministically")


def term_sort_key(term: Term) -> tuple:
    """IRIs before literals; then by text, datatype and language."""
    if isinstance(term, URIRef):
        return (0, str(term), "", "")
    if isinstance(term, Literal):
        return (1, str(term), str(term.datatype or ""), term.language or "")
    return (2, str(term), "", "")


def _header(prefixes: Mapping[str, str], base: str | None) -> list[str]:
    lines = []
    if base:
        lines.append(f"@base {iri_ref(base)} .")
    lines.extend(f"@prefix {prefix}: {iri_ref(ns)} ." for prefix, ns in prefixes.items())
    lines.append("")
    return lines


def _blocks(triples: Iterable[tuple], writer: TermWriter, indent: str = "") -> list[str]:
    """One block per subject: `s a T ; p o1, o2 .` with everything sorted."""
    by_subject: dict = defaultdict(lambda: defaultdict(list))
    for s, p, o in triples:
        if isinstance(s, BNode) or isinstance(o, BNode):
            raise UnsupportedGraph("the graph has blank nodes, which cannot be written deterministically")
        by_subject[s][p].append(o)
    blocks = []
    inner, cont = indent + "    ", indent + "        "
    for subject in sorted(by_subject, key=term_sort_key):
        predicates = by_subject[subject]
        parts = []
        for predicate in sorted(predicates, key=lambda p: (p != RDF.type, str(p))):
            objects = sorted(set(predicates[predicate]), key=term_sort_key)
            name = "a" if predicate == RDF.type else writer.iri(predicate)
            parts.append(f"{inner}{name} " + f" ,\n{cont}".join(writer.term(o) for o in objects))
        blocks.append(f"{indent}{writer.term(subject)}\n" + " ;\n".join(parts) + " .\n")
    return blocks


def serialize_turtle(graph: Graph, base: str | None = None) -> str:
    """Turtle text of `graph`: fixed prefixes, subjects sorted, resources relative to @base.

    `base` is the resource namespace; by default the graph's own `kgr` binding.
    """
    base = base or graph_base(graph)
    prefixes = prefixes_for(base)
    writer = TermWriter(prefixes, base)
    lines = _header(prefixes, writer.base)
    lines.extend(_blocks(graph, writer))
    return "\n".join(lines)


def _literal_text(writer: TermWriter, term: Lit) -> str:
    """A `Lit` as TermWriter.literal writes the equal rdflib Literal."""
    if term.language:
        return f"{escape_string(term.lexical)}@{term.language}"
    if not term.datatype:
        return escape_string(term.lexical)
    if term.datatype == XSD_INTEGER and _BARE_INTEGER.match(term.lexical):
        return term.lexical
    return f"{escape_string(term.lexical)}^^{writer.iri(URIRef(term.datatype))}"


def iter_turtle(triples: Triples) -> Iterator[str]:
    """Turtle of compact triples in pieces, the same bytes `serialize_turtle` writes for
    the equal rdflib graph; written block by block, never held as one string."""
    base = triples.base
    prefixes = prefixes_for(base)
    writer = TermWriter(prefixes, base)
    yield "\n".join(_header(prefixes, writer.base))
    rdf_type = str(RDF.type)
    inner, separator = "    ", " ,\n        "
    iri = writer.iri

    def term(o: Obj) -> str:
        return _literal_text(writer, o) if isinstance(o, Lit) else iri(o)

    for subject in sorted(triples.by_subject):
        predicates = triples.by_subject[subject]
        parts = []
        for predicate in _predicate_order(predicates, rdf_type):
            objects = predicates[predicate]
            name = "a" if predicate == rdf_type else iri(predicate)
            if len(objects) == 1:  # (most are: no sort, no join; ~5x10^5 on a large build)
                for only in objects:
                    parts.append(f"{inner}{name} {term(only)}")
            else:
                parts.append(f"{inner}{name} " + separator.join(map(term, sorted(objects, key=sort_key))))
        yield f"\n{iri(subject)}\n" + " ;\n".join(parts) + " .\n"


def _predicate_order(predicates: Mapping[str, object], rdf_type: str) -> list[str]:
    """rdf:type first (written `a`), then the others in IRI order."""
    ordered = sorted(predicates)
    if rdf_type in predicates and ordered[0] != rdf_type:
        ordered.remove(rdf_type)
        ordered.insert(0, rdf_type)
    return ordered


def serialize_triples(triples: Triples) -> str:
    """Turtle text of compact triples (see iter_turtle)."""
    return "".join(iter_turtle(triples))


def serialize_trig(graphs: Mapping[URIRef | None, Iterable[tuple]], base: str) -> str:
    """TriG text: the default graph (key None) first, then each named graph in IRI order."""
    prefixes = prefixes_for(base)
    writer = TermWriter(prefixes, base)
    lines = _header(prefixes, writer.base)
    default = graphs.get(None)
    if default is not None:
        lines.extend(_blocks(default, writer))
    for name in sorted((n for n in graphs if n is not None), key=str):
        lines.append(f"{writer.iri(name)} {{")
        lines.extend(_blocks(graphs[name], writer, indent="    "))
        lines.append("}\n")
    return "\n".join(lines)


def ntriples_line(s: URIRef, p: URIRef, o: Term) -> str:
    if isinstance(s, BNode) or isinstance(o, BNode):
        raise UnsupportedGraph("the graph has blank nodes, which cannot be written deterministically")
    if isinstance(o, Literal):
        lexical = escape_string(str(o))
        obj = f"{lexical}@{o.language}" if o.language else (
            f"{lexical}^^{iri_ref(str(o.datatype))}" if o.datatype else lexical)
    else:
        obj = iri_ref(str(o))
    return f"{iri_ref(str(s))} {iri_ref(str(p))} {obj} ."


def serialize_ntriples(graph: Graph) -> str:
    """N-Triples, one triple a line, lines sorted (UTF-8, so byte order = code point order)."""
    lines = sorted(ntriples_line(s, p, o) for s, p, o in graph)
    return "\n".join(lines) + ("\n" if lines else "")
