"""The shapes' promises checked on a written graph.ttl: SPARQL in pyoxigraph.

(`kg build` checks its graph on its records instead, kg.graph.conform, with the same
findings; this module checks a Turtle file, and tests compare the two with pyshacl.)

pyshacl walks the data graph through rdflib's triple index one focus node at a time; on a
1M-triple graph that is minutes and gigabytes (NOTES.md). The shapes in
`ontology/shapes.ttl` use a small part of SHACL core, and each constraint of that part is
one SPARQL query over all focus nodes at once, which pyoxigraph answers in milliseconds.
This module reads the shapes file (so a new shape of the same kinds is checked without a
code change), turns each constraint into such a query and reports `Finding`s exactly as
`kg.graph.validate` does with pyshacl (tests check the two agree). A shapes file that uses
a constraint outside that part is refused (`UnsupportedShape`), never silently skipped:
use `kg validate`, which keeps pyshacl, for those.

Supported: sh:targetClass (by rdf:type alone: a built graph carries no rdfs:subClassOf),
sh:targetSubjectsOf; property shapes with one IRI path and
sh:minCount, sh:maxCount, sh:datatype, sh:languageIn, sh:minLength, sh:pattern, sh:class,
sh:nodeKind sh:IRI, sh:in, sh:or of sh:class shapes, sh:minInclusive, sh:lessThan,
sh:qualifiedValueShape (an sh:in list) with sh:qualifiedMinCount / sh:qualifiedMaxCount;
a node shape's own sh:class; node-level sh:sparql SELECT constraints (with $this and
{$this} in the message).
"""
from __future__ import annotations

import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from kg.graph.validate import SHAPES_PATH, Finding, Report, _compact, _show_value, load_shapes

# Datatypes whose lexical form SPARQL can check by casting (an ill-typed "约三成"^^xsd:decimal
# fails the cast, as SHACL's sh:datatype requires).
CASTABLE = {str(XSD.decimal), str(XSD.integer), str(XSD.date), str(XSD.boolean), str(XSD.double)}
RANK = {"Violation": 0, "Warning": 1, "Info": 2}


class UnsupportedShape(ValueError):
    """The shapes use a SHACL feature this checker does not translate."""


@dataclass
class Check:
    """One constraint as a query: rows of ?this (and ?v, the offending value, if any)."""

    severity: str
    path: str  # the property IRI, "" for node-level checks
    message: str
    query: str
    has_value: bool
    sparql_message: bool = False  # {$this} in the message is the focus node


@dataclass
class CheckPlan:
    checks: list[Check] = field(default_factory=list)


def _iri(term) -> str:
    return f"<{term}>"


def _term_sparql(term) -> str:
    if isinstance(term, URIRef):
        return _iri(term)
    if isinstance(term, Literal):
        return term.n3()
    raise UnsupportedShape(f"cannot use {term!r} in a query")


def _list(shapes: Graph, head) -> list:
    return list(Collection(shapes, head))


def _severity(shapes: Graph, *nodes) -> str:
    for node in nodes:
        value = shapes.value(node, SH.severity)
        if value is not None:
            return str(value).rsplit("#", 1)[-1]
    return "Violation"


def _targets(shapes: Graph, shape) -> str:
    patterns = [f"{{ ?this a {_iri(c)} }}" for c in sorted(shapes.objects(shape, SH.targetClass))]
    patterns += [f"{{ ?this {_iri(p)} ?_t }}" for p in sorted(shapes.objects(shape, SH.targetSubjectsOf))]
    for unsupported in (SH.targetNode, SH.targetObjectsOf, SH.target):
        if (shape, unsupported, None) in shapes:
            raise UnsupportedShape(f"{shape}: {unsupported} is not supported by the build's check")
    if not patterns:
        return ""
    if len(patterns) == 1 and patterns[0].startswith("{ ?this a "):
        return patterns[0]  # (a set of triples: each node once)
    # Each node once: a subject of kg:implements with n objects would otherwise be n rows,
    # and a check over the same property n^2 (on the x100 graph, 0.12 s for kg:implements)
    return "{ SELECT DISTINCT ?this WHERE { " + " UNION ".join(patterns) + " } }"


PROPERTY_KEYS = {SH.path, SH.message, SH.severity, SH.minCount, SH.maxCount, SH.datatype, SH.languageIn,
                 SH.minLength, SH.pattern, SH["class"], SH.nodeKind, SH["in"], SH["or"], SH.minInclusive,
                 SH.maxInclusive, SH.lessThan, SH.qualifiedValueShape, SH.qualifiedMinCount, SH.qualifiedMaxCount, RDF.type,
                 SH.name, SH.description}


def or_classes(shapes: Graph, alternatives) -> list:
    """The classes of an sh:or list; only lists of plain sh:class shapes are supported."""
    classes = []
    for member in _list(shapes, alternatives):
        if set(shapes.predicates(member, None)) != {SH["class"]}:
            raise UnsupportedShape("sh:or is supported only over sh:class shapes")
        classes.append(shapes.value(member, SH["class"]))
    return classes


def _value_checks(shapes: Graph, prop, path: str) -> list[tuple[str, str]]:
    """(filter over ?v, extra pattern) per value-node constraint of a property shape."""
    found = []
    datatype = shapes.value(prop, SH.datatype)
    if datatype is not None:
        condition = f"!isLiteral(?v) || datatype(?v) != {_iri(datatype)}"
        extra = ""
        if str(datatype) in CASTABLE:
            extra = f"BIND({_iri(datatype)}(str(?v)) AS ?_cast)"  # unbound when the cast fails
            condition += " || !BOUND(?_cast)"
        found.append((condition, extra))
    languages = shapes.value(prop, SH.languageIn)
    if languages is not None:
        matches = " || ".join(f'langMatches(lang(?v), "{lang}")' for lang in _list(shapes, languages))
        found.append((f"!isLiteral(?v) || !({matches or 'false'})", ""))
    length = shapes.value(prop, SH.minLength)
    if length is not None:
        found.append((f"isBlank(?v) || strlen(str(?v)) < {int(length)}", ""))
    pattern = shapes.value(prop, SH.pattern)
    if pattern is not None:
        found.append((f"isBlank(?v) || !regex(str(?v), {Literal(str(pattern)).n3()})", ""))
    cls = shapes.value(prop, SH["class"])
    if cls is not None:
        found.append((f"NOT EXISTS {{ ?v a {_iri(cls)} }}", ""))
    kind = shapes.value(prop, SH.nodeKind)
    if kind is not None:
        if kind != SH.IRI:
            raise UnsupportedShape(f"sh:nodeKind {kind} is not supported by the build's check")
        found.append(("!isIRI(?v)", ""))
    allowed = shapes.value(prop, SH["in"])
    if allowed is not None:
        found.append((f"?v NOT IN ({', '.join(_term_sparql(t) for t in _list(shapes, allowed))})", ""))
    alternatives = shapes.value(prop, SH["or"])
    if alternatives is not None:
        classes = or_classes(shapes, alternatives)
        found.append((" && ".join(f"NOT EXISTS {{ ?v a {_iri(c)} }}" for c in classes), ""))
    low = shapes.value(prop, SH.minInclusive)
    if low is not None:
        found.append((f"!COALESCE(?v >= {_term_sparql(low)}, false)", ""))
    high = shapes.value(prop, SH.maxInclusive)
    if high is not None:
        found.append((f"!COALESCE(?v <= {_term_sparql(high)}, false)", ""))
    other = shapes.value(prop, SH.lessThan)
    if other is not None:
        found.append(("!COALESCE(?v < ?_w, false)", f"?this {_iri(other)} ?_w ."))
    return found


def _count_condition(shapes: Graph, prop, low_key, high_key) -> str:
    parts = []
    for key, op in ((low_key, "<"), (high_key, ">")):
        bound = shapes.value(prop, key)
        if bound is not None:
            parts.append(f"COUNT(DISTINCT ?v) {op} {int(bound)}")
    return " || ".join(parts)


def property_path(shapes: Graph, prop) -> URIRef:
    """The property a property shape constrains; refuses keys and paths this check cannot test."""
    unknown = set(shapes.predicates(prop, None)) - PROPERTY_KEYS
    if unknown:
        raise UnsupportedShape(f"{sorted(map(str, unknown))} are not supported by the build's check")
    path = shapes.value(prop, SH.path)
    if not isinstance(path, URIRef):
        raise UnsupportedShape("only single-property paths are supported by the build's check")
    return path


def message_of(shapes: Graph, node) -> str:
    """A constraint's sh:message (the first in sorted order, so the report is deterministic)."""
    messages = sorted(str(m) for m in shapes.objects(node, SH.message))
    return messages[0] if messages else "constraint not met"


def _property_checks(shapes: Graph, shape, prop, targets: str) -> list[Check]:
    path = property_path(shapes, prop)
    severity = _severity(shapes, prop, shape)
    message = message_of(shapes, prop)
    p = _iri(path)
    checks = []
    # A count below the minimum and one above the maximum give the same finding (node,
    # property, message, no value), so one query asks for both.
    counts = _count_condition(shapes, prop, SH.minCount, SH.maxCount)
    if counts:
        if _one_row_per_node(targets):
            # each (?this, ?v) row is then a distinct triple: a plain COUNT is the distinct
            # one, and cheaper (on the x100 graph's 43k evidence nodes, 0.13 s against 0.17)
            counts = counts.replace("COUNT(DISTINCT ?v)", "COUNT(?v)")
        query = (f"SELECT ?this WHERE {{ {targets} OPTIONAL {{ ?this {p} ?v }} }} "
                 f"GROUP BY ?this HAVING ({counts})")
        checks.append(Check(severity, str(path), message, query, False))
    qualified = shapes.value(prop, SH.qualifiedValueShape)
    if qualified is not None:
        allowed = shapes.value(qualified, SH["in"])
        if allowed is None or set(shapes.predicates(qualified, None)) != {SH["in"]}:
            raise UnsupportedShape("sh:qualifiedValueShape is supported only with an sh:in list")
        members = ", ".join(_term_sparql(t) for t in _list(shapes, allowed))
        counts = _count_condition(shapes, prop, SH.qualifiedMinCount, SH.qualifiedMaxCount)
        if counts:
            query = (f"SELECT ?this WHERE {{ {targets} OPTIONAL {{ ?this {p} ?v FILTER(?v IN ({members})) }} }} "
                     f"GROUP BY ?this HAVING ({counts})")
            checks.append(Check(severity, str(path), message, query, False))
    # The value constraints of one property shape give findings that differ only by node
    # and value, so those that add no pattern (a BIND binds or leaves unbound, it removes no
    # row) are one query over the property's values, their conditions joined by ||: SPARQL's
    # || is true when either side is, even if the other raises an error, so a row is found
    # exactly when one of the separate queries would have found it. (A constraint that adds
    # a pattern, sh:lessThan's, keeps its own query: its join would drop rows for the others.)
    value_checks = _value_checks(shapes, prop, str(path))
    joined = [(condition, extra) for condition, extra in value_checks if not extra or extra.startswith("BIND(")]
    alone = [check for check in value_checks if check not in joined]
    if joined:
        condition = " || ".join(f"({condition})" for condition, _ in joined)
        alone.insert(0, (condition, " ".join(extra for _, extra in joined if extra)))
    for condition, extra in alone:
        query = f"SELECT DISTINCT ?this ?v WHERE {{ {targets} ?this {p} ?v . {extra} FILTER({condition}) }}"
        checks.append(Check(severity, str(path), message, query, True))
    return checks


def _one_row_per_node(targets: str) -> bool:
    """Whether the target pattern gives each focus node once (`_targets` makes every one so:
    one rdf:type pattern, or a SELECT DISTINCT)."""
    return targets.startswith("{ SELECT DISTINCT ?this ") or (targets.startswith("{ ?this a <") and " UNION " not in targets)


def _prefixes(shapes: Graph, node) -> str:
    lines = []
    for ontology in shapes.objects(node, SH.prefixes):
        for declaration in shapes.objects(ontology, SH.declare):
            prefix, namespace = shapes.value(declaration, SH.prefix), shapes.value(declaration, SH.namespace)
            lines.append(f"PREFIX {prefix}: <{namespace}>")
    return "\n".join(sorted(lines))


def sparql_constraints(shapes: Graph, shape, targets: str) -> list[tuple[str, str, str]]:
    """The shape's sh:sparql constraints as (severity, message, query): each a SELECT of the
    target nodes that break it. Shared by this checker and the build's (`conform.py`)."""
    constraints = []
    for constraint in shapes.objects(shape, SH.sparql):
        select = shapes.value(constraint, SH.select)
        if select is None:
            raise UnsupportedShape("only sh:select SPARQL constraints are supported by the build's check")
        inner = str(select).replace("$this", "?this")
        query = f"{_prefixes(shapes, constraint)}\nSELECT DISTINCT ?this WHERE {{ {targets} {{ {inner} }} }}"
        constraints.append((_severity(shapes, constraint, shape), message_of(shapes, constraint), query))
    return constraints


def _sparql_checks(shapes: Graph, shape, targets: str) -> list[Check]:
    return [Check(severity, "", message, query, False, sparql_message=True)
            for severity, message, query in sparql_constraints(shapes, shape, targets)]


def _node_class_checks(shapes: Graph, shape, targets: str) -> list[Check]:
    """A node shape's own sh:class: each focus node must have the class."""
    return [Check(_severity(shapes, shape), "", message_of(shapes, shape),
                  f"SELECT ?this WHERE {{ {targets} FILTER NOT EXISTS {{ ?this a {_iri(cls)} }} }}", False)
            for cls in sorted(shapes.objects(shape, SH["class"]))]


def plan(shapes: Graph) -> CheckPlan:
    """Every constraint of every node shape, as a query."""
    result = CheckPlan()
    for shape in sorted(set(shapes.subjects(RDF.type, SH.NodeShape))):
        targets = _targets(shapes, shape)
        if not targets:
            continue
        result.checks.extend(_node_class_checks(shapes, shape, targets))
        for prop in sorted(shapes.objects(shape, SH.property)):
            result.checks.extend(_property_checks(shapes, shape, prop, targets))
        result.checks.extend(_sparql_checks(shapes, shape, targets))
    return result


def _rdflib_term(term) -> URIRef | Literal | str:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == str(XSD.string):
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value), normalize=False)
    return str(term)


def check_store(store: ox.Store, shapes_path: Path = SHAPES_PATH) -> Report:
    """Check the graph in `store` against the shapes; a Report like `validate_graph`'s."""
    started = time.perf_counter()
    found: set[Finding] = set()
    label = ox.NamedNode(str(RDFS.label))
    labels: dict[str, str] = {}

    def name_of(focus: ox.NamedNode) -> str:
        if focus.value not in labels:
            values = sorted(q.object.value for q in store.quads_for_pattern(focus, label, None))
            labels[focus.value] = values[0] if values else ""
        return labels[focus.value]

    checks = plan(load_shapes(shapes_path)).checks

    def rows(check) -> list:
        return [(row["this"], row["v"] if check.has_value else None) for row in store.query(check.query)]

    # pyoxigraph lets go of the GIL while it evaluates a query: two threads answer the
    # queries in about half the time (on a large graph the check is the build's last step)
    with ThreadPoolExecutor(max_workers=2) as pool:
        answers = list(pool.map(rows, checks))
    for check, found_rows in zip(checks, answers):
        for focus, v in found_rows:
            if not isinstance(focus, ox.NamedNode):
                continue
            message = check.message.replace("{$this}", focus.value) if check.sparql_message else check.message
            value = _show_value(_rdflib_term(v)) if check.has_value and v is not None else ""
            found.add(Finding(check.severity, focus.value, name_of(focus),
                              _compact(check.path) if check.path else "", message, value))
    findings = sorted(found, key=lambda f: (RANK.get(f.severity, 3), f.focus, f.path, f.message, f.value))
    conforms = not any(f.severity == "Violation" for f in findings)
    return Report(conforms, findings, len(store), time.perf_counter() - started, str(shapes_path))


def check_turtle(path: Path, shapes_path: Path = SHAPES_PATH) -> Report:
    """Load a written graph.ttl into an in-memory pyoxigraph store and check it."""
    started = time.perf_counter()
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.TURTLE)
    report = check_store(store, shapes_path)
    report.seconds = time.perf_counter() - started  # (the loading counts)
    return report
