"""The build's check of the shapes' promises, made on the build's own records (`Triples`).

`kg build` holds its graph as compact triples (subject -> predicate -> objects) until the
end. Checking the promises of `ontology/shapes.ttl` there costs a fraction of writing the
graph out, parsing it back into a store and querying that (on the x100 graph, 460,000
triples: about 0.5 CPU s against 2.5 in a second process), and needs no second copy of
the graph. This module reads the shapes file (a new shape of the same kinds is checked
without a code change), turns each constraint into a test of a node's values, and reports
`Finding`s exactly as `kg validate` does with pyshacl (`tests/test_check.py` breaks every
constraint once and compares). It supports kg.graph.check's part of SHACL core, plus a
node shape's own sh:class; a shapes file using anything else is refused
(`UnsupportedShape`), never silently skipped: `kg validate` (pyshacl) checks those.

A node-level sh:sparql constraint is a query: it runs in pyoxigraph over the triples of
the predicates the query names (for kg:locatedIn's cycles, a few thousand), or over every
triple when its query could match any predicate.
"""
from __future__ import annotations

import datetime
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SH, XSD

from kg.graph.check import (RANK, UnsupportedShape, _list, _severity, _targets, message_of, or_classes, property_path,
                            sparql_constraints)
from kg.graph.triples import Lit, Obj, Triples
from kg.graph.turtle import escape_string, iri_ref
from kg.graph.validate import SHAPES_PATH, Finding, Report, _compact, load_shapes

_TYPE, _LABEL = str(RDF.type), str(RDFS.label)
_LANG_STRING, _STRING = str(RDF.langString), str(XSD.string)
_NONE: frozenset = frozenset()
_NONE_DICT: dict = {}
_DATE, _INTEGER = str(XSD.date), str(XSD.integer)

# Lexical forms of the datatypes whose ill-typed literals ("约三成"^^xsd:decimal) sh:datatype
# reports (kg.graph.check.CASTABLE: those SPARQL can cast).
_LEXICAL = {
    str(XSD.decimal): re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)\Z"),
    str(XSD.integer): re.compile(r"[+-]?[0-9]+\Z"),
    str(XSD.boolean): re.compile(r"(?:true|false|1|0)\Z"),
    str(XSD.double): re.compile(r"(?:[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|[+-]?INF|NaN)\Z"),
    str(XSD.date): re.compile(r"(-?[0-9]{4,})-([0-9]{2})-([0-9]{2})(?:Z|[+-][0-9]{2}:[0-9]{2})?\Z"),
}
_NUMERIC = {str(XSD.decimal), str(XSD.integer), str(XSD.double)}
_NODE_KEYS = {RDF.type, RDFS.label, RDFS.comment, SH.targetClass, SH.targetSubjectsOf, SH.property, SH.sparql,
              SH["class"], SH.severity, SH.message, SH.name, SH.description}


def well_formed(lexical: str, datatype: str) -> bool:
    """Whether `lexical` is in the lexical space of `datatype` (for those of `_LEXICAL`;
    any text is a string)."""
    pattern = _LEXICAL.get(datatype)
    if pattern is None:
        return True
    match = pattern.match(lexical)
    if match is None:
        return False
    if datatype == _DATE:
        year, month, day = (int(part) for part in match.groups())
        try:
            datetime.date(2000 if not 1 <= year <= 9999 else year, month, day)
        except ValueError:
            return False
    return True


def _datatype(term: Lit) -> str:
    return _LANG_STRING if term.language else (term.datatype or _STRING)


def _as_obj(term) -> Obj:
    """A term of the shapes graph as a record value."""
    if isinstance(term, URIRef):
        return str(term)
    if isinstance(term, Literal):
        datatype = str(term.datatype) if term.datatype and str(term.datatype) != _STRING else ""
        return Lit(str(term), datatype, term.language or "")
    raise UnsupportedShape(f"cannot use {term!r} as a value")


def _plain(term: Obj) -> Obj:
    """`term` with an explicit xsd:string written as a plain string (the same literal)."""
    return Lit(term.lexical, "", term.language) if isinstance(term, Lit) and term.datatype == _STRING else term


def _comparable(term: Obj) -> tuple[str, object] | None:
    """What SPARQL's < and = compare `term` by (numbers by value, strings and dates by
    text), or None where they raise an error (an IRI, a language-tagged string, an
    ill-typed literal)."""
    if not isinstance(term, Lit) or term.language:
        return None
    datatype = term.datatype or _STRING
    if not well_formed(term.lexical, datatype):
        return None
    if datatype == _INTEGER:
        return ("number", int(term.lexical))
    if datatype in _NUMERIC:
        try:
            value = Decimal(term.lexical.replace("INF", "Infinity"))
        except InvalidOperation:
            return None
        return None if value.is_nan() else ("number", value)
    if datatype == _STRING:
        return ("string", term.lexical)
    if datatype == _DATE and len(term.lexical) == 10:
        return ("date", term.lexical)
    return None


def _compare(left: Obj, right: Obj) -> int | None:
    """-1, 0 or 1, or None where the two cannot be compared."""
    a, b = _comparable(left), _comparable(right)
    if a is None or b is None or a[0] != b[0]:
        return None
    return (a[1] > b[1]) - (a[1] < b[1])


def _lang_matches(tag: str, wanted: str) -> bool:
    tag, wanted = tag.lower(), wanted.lower()
    return bool(tag) and (wanted == "*" or tag == wanted or tag.startswith(wanted + "-"))


def _text(term: Obj) -> str:
    return term.lexical if isinstance(term, Lit) else term


# A test of one value, given the types of every node (subject -> its rdf:type objects).
ValueTest = Callable[[Obj, "Callable[[Obj], Iterable[Obj]]"], bool]


def _value_tests(shapes: Graph, prop) -> list[ValueTest]:
    """One test per value constraint of a property shape: True when the value meets it."""
    tests: list[ValueTest] = []
    datatype = shapes.value(prop, SH.datatype)
    if datatype is not None:
        wanted = str(datatype)
        tests.append(lambda v, _: isinstance(v, Lit) and _datatype(v) == wanted and well_formed(v.lexical, wanted))
    languages = shapes.value(prop, SH.languageIn)
    if languages is not None:
        ranges = [str(lang) for lang in _list(shapes, languages)]
        tests.append(lambda v, _: isinstance(v, Lit) and any(_lang_matches(v.language, r) for r in ranges))
    length = shapes.value(prop, SH.minLength)
    if length is not None:
        shortest = int(length)
        tests.append(lambda v, _: len(_text(v)) >= shortest)
    pattern = shapes.value(prop, SH.pattern)
    if pattern is not None:
        compiled = re.compile(str(pattern))
        tests.append(lambda v, _: compiled.search(_text(v)) is not None)
    cls = shapes.value(prop, SH["class"])
    if cls is not None:
        tests.append(_class_test([str(cls)]))
    kind = shapes.value(prop, SH.nodeKind)
    if kind is not None:
        if kind != SH.IRI:
            raise UnsupportedShape(f"sh:nodeKind {kind} is not supported by the build's check")
        tests.append(lambda v, _: isinstance(v, str))
    allowed = shapes.value(prop, SH["in"])
    if allowed is not None:
        members = frozenset(_as_obj(t) for t in _list(shapes, allowed))
        tests.append(lambda v, _: _plain(v) in members)
    alternatives = shapes.value(prop, SH["or"])
    if alternatives is not None:
        tests.append(_class_test([str(c) for c in or_classes(shapes, alternatives)]))
    for key, meets in ((SH.minInclusive, (0, 1)), (SH.maxInclusive, (-1, 0))):
        bound = shapes.value(prop, key)
        if bound is not None:
            limit = _as_obj(bound)
            tests.append(lambda v, _, limit=limit, meets=meets: _compare(v, limit) in meets)
    return tests


def _class_test(classes: list[str]) -> ValueTest:
    """An IRI one of whose rdf:type objects is one of `classes` (no subclass reasoning: a
    built graph carries no rdfs:subClassOf)."""
    return lambda v, types_of: isinstance(v, str) and any(c in types_of(v) for c in classes)


@dataclass
class PropertyCheck:
    """The constraints of one property shape on a node's values of `path`."""

    severity: str
    path: str
    message: str
    min_count: int | None = None
    max_count: int | None = None
    qualified: frozenset[Obj] | None = None  # sh:qualifiedValueShape's sh:in members
    qualified_min: int | None = None
    qualified_max: int | None = None
    value_tests: list[ValueTest] = field(default_factory=list)
    less_than: str = ""  # sh:lessThan's property, or ""


@dataclass
class SparqlCheck:
    severity: str
    message: str
    query: str  # rows of ?this: the focus nodes that break it
    predicates: frozenset[str] | None  # the triples it reads (None: all of them)


@dataclass
class NodeCheck:
    """A node shape: its targets, its own sh:class and its property and SPARQL checks."""

    severity: str
    message: str
    classes: tuple[str, ...]  # sh:targetClass
    subjects_of: tuple[str, ...]  # sh:targetSubjectsOf
    node_classes: tuple[str, ...] = ()  # the node shape's own sh:class
    properties: list[PropertyCheck] = field(default_factory=list)
    sparql: list[SparqlCheck] = field(default_factory=list)


def _count(shapes: Graph, prop, key) -> int | None:
    value = shapes.value(prop, key)
    return None if value is None else int(value)


def _property_check(shapes: Graph, shape, prop) -> PropertyCheck:
    path = property_path(shapes, prop)
    check = PropertyCheck(_severity(shapes, prop, shape), str(path), message_of(shapes, prop),
                          _count(shapes, prop, SH.minCount), _count(shapes, prop, SH.maxCount))
    qualified = shapes.value(prop, SH.qualifiedValueShape)
    if qualified is not None:
        allowed = shapes.value(qualified, SH["in"])
        if allowed is None or set(shapes.predicates(qualified, None)) != {SH["in"]}:
            raise UnsupportedShape("sh:qualifiedValueShape is supported only with an sh:in list")
        check.qualified = frozenset(_as_obj(t) for t in _list(shapes, allowed))
        check.qualified_min = _count(shapes, prop, SH.qualifiedMinCount)
        check.qualified_max = _count(shapes, prop, SH.qualifiedMaxCount)
    check.value_tests = _value_tests(shapes, prop)
    other = shapes.value(prop, SH.lessThan)
    if other is not None:
        check.less_than = str(other)
    return check


def _sparql_checks(shapes: Graph, shape, targets: str) -> list[SparqlCheck]:
    return [SparqlCheck(severity, message, query, query_predicates(query))
            for severity, message, query in sparql_constraints(shapes, shape, targets)]


def plan(shapes: Graph) -> list[NodeCheck]:
    """Every node shape with targets, as tests."""
    found = []
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape))):
        targets = _targets(shapes, shape)  # (refuses the targets this check does not support)
        if not targets:
            continue
        unknown = set(shapes.predicates(shape, None)) - _NODE_KEYS
        if unknown:
            raise UnsupportedShape(f"{sorted(map(str, unknown))} are not supported by the build's check")
        messages = sorted(str(m) for m in shapes.objects(shape, SH.message))
        node = NodeCheck(_severity(shapes, shape), messages[0] if messages else "constraint not met",
                         tuple(sorted(map(str, shapes.objects(shape, SH.targetClass)))),
                         tuple(sorted(map(str, shapes.objects(shape, SH.targetSubjectsOf)))),
                         tuple(sorted(map(str, shapes.objects(shape, SH["class"])))))
        node.properties = [_property_check(shapes, shape, prop) for prop in sorted(shapes.objects(shape, SH.property))]
        node.sparql = _sparql_checks(shapes, shape, targets)
        found.append(node)
    return found


@lru_cache(maxsize=4)
def _plan_of(path: str, mtime: float) -> list[NodeCheck]:
    return plan(load_shapes(Path(path)))


def query_predicates(query: str) -> frozenset[str] | None:
    """The predicates whose triples `query` can match, or None when it can match any (a
    variable or a negated property path), or when rdflib cannot read it."""
    from rdflib.paths import AlternativePath, InvPath, MulPath, SequencePath
    from rdflib.plugins.sparql import prepareQuery

    try:
        algebra = prepareQuery(query).algebra
    except Exception:  # (pyoxigraph may read what rdflib cannot)
        return None
    found: set[str] = set()

    def named(predicate) -> bool:
        if isinstance(predicate, URIRef):
            found.add(str(predicate))
            return True
        if isinstance(predicate, (SequencePath, AlternativePath)):
            return all(named(part) for part in predicate.args)
        if isinstance(predicate, (MulPath, InvPath)):
            return named(predicate.path)
        return False  # a variable, a negated path

    def walk(node) -> bool:
        if isinstance(node, dict):
            if getattr(node, "name", "") in ("ServiceGraphPattern", "Graph"):
                return False
            for key, value in node.items():
                if key == "triples" and isinstance(value, list):
                    if not all(named(triple[1]) for triple in value):
                        return False
                elif not walk(value):
                    return False
        elif isinstance(node, (list, tuple)):
            return all(walk(item) for item in node)
        return True

    return frozenset(found) if walk(algebra) else None


def _ntriples(triples: Triples, predicates: frozenset[str] | None, subjects_of: dict[str, list[str]]) -> Iterator[str]:
    """N-Triples of the triples of `predicates` (`subjects_of`: the subjects of each), or
    of every triple."""
    by_subject = triples.by_subject
    if predicates is None:
        pairs = ((s, p) for s, values in by_subject.items() for p in values)
    else:
        pairs = ((s, p) for p in sorted(predicates) for s in subjects_of[p])
    for subject, predicate in pairs:
        for obj in by_subject[subject][predicate]:
            if isinstance(obj, Lit):
                text = escape_string(obj.lexical)
                obj_text = (f"{text}@{obj.language}" if obj.language
                            else f"{text}^^{iri_ref(obj.datatype)}" if obj.datatype else text)
            else:
                obj_text = iri_ref(obj)
            yield f"{iri_ref(subject)} {iri_ref(predicate)} {obj_text} .\n"


def _sparql_focus(triples: Triples, check: SparqlCheck, subjects_of: dict[str, list[str]]) -> set[str]:
    """The focus nodes a SPARQL constraint reports, from a store of the triples it reads."""
    import pyoxigraph as ox

    store = ox.Store()
    text = "".join(_ntriples(triples, check.predicates, subjects_of))
    store.bulk_load(input=text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    return {row["this"].value for row in store.query(check.query) if isinstance(row["this"], ox.NamedNode)}


def _show(term: Obj) -> str:
    """A value as `kg validate` shows it (validate._show_value of the same rdflib term)."""
    if isinstance(term, Lit):
        if term.language:
            return f"{escape_string(term.lexical)}@{term.language}"
        datatype = f"^^{_compact(term.datatype)}" if term.datatype and term.datatype != _STRING else ""
        return escape_string(term.lexical) + datatype
    return _compact(term)


def check_triples(triples: Triples, shapes_path: Path = SHAPES_PATH) -> Report:
    """Check the graph held as `triples` against the shapes; a Report like `validate_graph`'s."""
    started = time.perf_counter()
    nodes = _plan_of(str(shapes_path), shapes_path.stat().st_mtime) if shapes_path.is_file() else plan(load_shapes(shapes_path))
    by_subject = triples.by_subject

    def types_of(node: Obj) -> Iterable[Obj]:
        values = by_subject.get(node) if isinstance(node, str) else None
        return values.get(_TYPE, _NONE) if values else _NONE

    # (severity, focus, path, message, value or None)
    broken: set[tuple[str, str, str, str, Obj | None]] = set()
    of_class, subjects_of = _index(triples, {cls for node in nodes for cls in node.classes},
                                   {p for node in nodes for p in node.subjects_of}
                                   | {p for node in nodes for check in node.sparql for p in check.predicates or ()})
    for node in nodes:
        focus = {subject for cls in node.classes for subject in of_class[cls]}
        focus.update(subject for p in node.subjects_of for subject in subjects_of[p])
        _check_properties(node.properties, focus, by_subject, types_of, broken)
        for cls in node.node_classes:
            broken.update((node.severity, f, "", node.message, None) for f in focus if cls not in types_of(f))
        for sparql in node.sparql:
            message = sparql.message
            broken.update((sparql.severity, f, "", message.replace("{$this}", f), None)
                          for f in _sparql_focus(triples, sparql, subjects_of) if f in focus)
    findings = sorted((Finding(severity, focus, _name(by_subject, focus), _compact(path) if path else "", message,
                               "" if value is None else _show(value))
                       for severity, focus, path, message, value in broken),
                      key=lambda f: (RANK.get(f.severity, 3), f.focus, f.path, f.message, f.value))
    conforms = not any(f.severity == "Violation" for f in findings)
    return Report(conforms, findings, len(triples), time.perf_counter() - started, str(shapes_path))


def _index(triples: Triples, classes: set[str], properties: set[str]) -> tuple[dict[str, list[str]], dict[str, list[str]]]:
    """The nodes of each of `classes` (by rdf:type) and the subjects of each of
    `properties`, in one pass over the graph."""
    of_class: dict[str, list[str]] = {cls: [] for cls in classes}
    subjects_of: dict[str, list[str]] = {p: [] for p in properties}
    for subject, values in triples.by_subject.items():
        for cls in values.get(_TYPE, _NONE):
            if cls in of_class:
                of_class[cls].append(subject)
        if not values.keys().isdisjoint(properties):
            for p in properties:
                if p in values:
                    subjects_of[p].append(subject)
    return of_class, subjects_of


def _check_properties(checks: list[PropertyCheck], focus: set[str], by_subject: dict, types_of,
                      broken: set) -> None:
    """Add to `broken` what the property checks of one node shape find on its nodes."""
    # a value's tests do not depend on the node, and most values recur (the same document,
    # the same kind): each value is tested once per check
    verdicts: list[dict[Obj, bool]] = [{} for _ in checks]
    for node in focus:
        properties = by_subject.get(node, _NONE_DICT)
        for check, verdict in zip(checks, verdicts):
            values = properties.get(check.path, _NONE)
            count = len(values)
            if ((check.min_count is not None and count < check.min_count)
                    or (check.max_count is not None and count > check.max_count)):
                broken.add((check.severity, node, check.path, check.message, None))
            if check.qualified is not None:
                qualified = sum(1 for v in values if _plain(v) in check.qualified)
                if ((check.qualified_min is not None and qualified < check.qualified_min)
                        or (check.qualified_max is not None and qualified > check.qualified_max)):
                    broken.add((check.severity, node, check.path, check.message, None))
            if not count:
                continue
            for value in values:
                if check.value_tests:
                    ok = verdict.get(value)
                    if ok is None:
                        ok = verdict[value] = all(test(value, types_of) for test in check.value_tests)
                    if not ok:
                        broken.add((check.severity, node, check.path, check.message, value))
                if check.less_than and any(_compare(value, other) != -1
                                           for other in properties.get(check.less_than, _NONE)):
                    broken.add((check.severity, node, check.path, check.message, value))


def _name(by_subject: dict, focus: str) -> str:
    """A node's rdfs:label for the report (the first in text order), or ""."""
    labels = sorted(_text(label) for label in by_subject.get(focus, {}).get(_LABEL, _NONE))
    return labels[0] if labels else ""
