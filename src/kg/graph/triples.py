"""The triples of one build as compact records: what graph.ttl holds, without rdflib.

An rdflib `Graph` keeps three indexes of term objects per triple and makes every literal
through a parser; a build only ever adds triples and then writes them in subject order.
`Triples` keeps them by subject and predicate with plain values — an IRI is a `str`, a
literal a `Lit` (lexical form, datatype IRI, language) — so a build's memory is a small
multiple of its output, and Turtle, the page and the network files are written from it
directly. `to_rdflib()` gives the same graph as an rdflib `Graph` where one is wanted
(`kg.builder.BuildResult.graph`, tests, notebooks).
"""
from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from functools import lru_cache
from typing import NamedTuple, Union

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from kg.graph.namespace import KGR, PREFIXES


class Lit(NamedTuple):
    """A literal: lexical form, datatype IRI ("" for a plain or language-tagged string),
    language tag ("" for none). Tuple order is rdflib's literal order in our writers."""

    lexical: str
    datatype: str = ""
    language: str = ""


Obj = Union[str, Lit]  # an IRI (str) or a literal

XSD_INTEGER = str(XSD.integer)
XSD_DECIMAL = str(XSD.decimal)
XSD_DATE = str(XSD.date)


def text(value: str, language: str = "") -> Lit:
    return Lit(value, "", language)


def integer(value: int) -> Lit:
    return Lit(str(int(value)), XSD_INTEGER)


def decimal(value: Decimal) -> Lit:
    """An xsd:decimal with rdflib's lexical form for `value` (980, 0.50, 1E+3 -> 1000)."""
    # keyed by the written form: Decimal("8") == Decimal("8.0"), but they are two literals
    return _decimal(str(value), value)


@lru_cache(maxsize=65536)
def _decimal(_written: str, value: Decimal) -> Lit:
    return Lit(str(Literal(value, datatype=XSD.decimal)), XSD_DECIMAL)


def typed(lexical: str, datatype: str) -> Lit:
    return Lit(lexical, datatype)


def sort_key(term: Obj) -> tuple:
    """The writers' term order (kg.graph.turtle.term_sort_key): IRIs, then literals."""
    if isinstance(term, Lit):
        return (1, term.lexical, term.datatype, term.language)
    return (0, term, "", "")


def to_term(term: Obj) -> URIRef | Literal:
    if isinstance(term, Lit):
        if term.language:
            return Literal(term.lexical, lang=term.language)
        return Literal(term.lexical, datatype=URIRef(term.datatype) if term.datatype else None)
    return URIRef(term)


class Triples:
    """A set of triples indexed by subject, then predicate."""

    def __init__(self, base: str = str(KGR)) -> None:
        self.base = base
        self.by_subject: dict[str, dict[str, set[Obj]]] = {}

    def add(self, subject: str, predicate: str, obj: Obj) -> None:
        predicates = self.by_subject.get(subject)
        if predicates is None:
            self.by_subject[subject] = {predicate: {obj}}
            return
        objects = predicates.get(predicate)
        if objects is None:
            predicates[predicate] = {obj}
        else:
            objects.add(obj)

    def has(self, subject: str, predicate: str, obj: Obj) -> bool:
        return obj in self.by_subject.get(subject, {}).get(predicate, ())

    def objects(self, subject: str, predicate: str) -> set[Obj]:
        return self.by_subject.get(subject, {}).get(predicate, set())

    def value(self, subject: str, predicate: str) -> Obj | None:
        """One object (the first in term order), or None."""
        objects = self.objects(subject, predicate)
        if len(objects) == 1:  # (most are: the page's reader asks ~10^5 times on a large build)
            for only in objects:
                return only
        return min(objects, key=sort_key) if objects else None

    def subjects_of_type(self, type_iri: str, rdf_type: str) -> list[str]:
        return sorted(s for s, predicates in self.by_subject.items() if type_iri in predicates.get(rdf_type, ()))

    def __len__(self) -> int:
        return sum(sum(map(len, predicates.values())) for predicates in self.by_subject.values())

    def __iter__(self) -> Iterator[tuple[str, str, Obj]]:
        for subject, predicates in self.by_subject.items():
            for predicate, objects in predicates.items():
                for obj in objects:
                    yield subject, predicate, obj

    @classmethod
    def from_rdflib(cls, graph: Graph, base: str = str(KGR)) -> Triples:
        """The triples of an rdflib graph without blank nodes (its literals as `Lit`)."""
        triples = cls(base)
        for subject, predicate, obj in graph:
            if not isinstance(subject, URIRef) or not isinstance(obj, (URIRef, Literal)):
                raise ValueError(f"a blank node in {(subject, predicate, obj)}")
            if isinstance(obj, Literal):
                obj = Lit(str(obj), str(obj.datatype) if obj.datatype else "", obj.language or "")
            triples.add(str(subject), str(predicate), obj if isinstance(obj, Lit) else str(obj))
        return triples

    def to_rdflib(self) -> Graph:
        """The same triples in an rdflib Graph with our prefixes bound (kgr: = base)."""
        graph = Graph(bind_namespaces="none")
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, override=True)
        if self.base != str(KGR):
            graph.bind("kgr", self.base, override=True, replace=True)
        for subject, predicate, obj in self:
            graph.add((URIRef(subject), URIRef(predicate), to_term(obj)))
        return graph
