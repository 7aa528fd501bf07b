"""`kg validate`: check a built graph against the SHACL shapes in `ontology/shapes.ttl`.

The shapes state what every build promises (docs/graph-shape.md): one @zh label and one
core type per entity, documents behind every mention, kg:locatedIn into administrative
areas and without cycles (a SHACL-SPARQL constraint), complete, typed observations.
pyshacl does the checking; this module turns its results graph into one line per problem
that names the node by its label and IRI, so a user can find it in graph.ttl.
"""
from __future__ import annotations

import argparse
import logging
import sys
import time
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDFS, SH

from kg.graph.namespace import PREFIXES
from kg.graph.turtle import escape_string

HELP = "check a graph against the SHACL shapes / 校验"

# Where the shapes live in a source checkout (src/kg/validate.py -> repo/ontology/).
SHAPES_PATH = Path(__file__).resolve().parents[3] / "ontology" / "shapes.ttl"
DEFAULT_GRAPH = Path("output") / "graph.ttl"
SHOWN_BY_DEFAULT = 50  # problems printed by `kg validate` before "... and N more"


@dataclass(frozen=True, order=True)
class Finding:
    """One problem: which node, which property, what is wrong."""

    severity: str  # "Violation", "Warning" or "Info"
    focus: str  # the node's IRI
    name: str  # its rdfs:label, or "" when it has none
    path: str  # the property, compacted (kg:value), or "" for node-level checks
    message: str
    value: str = ""  # the offending value, when there is one

    def line(self) -> str:
        who = f"{self.name} <{self.focus}>" if self.name else f"<{self.focus}>"
        where = f" {self.path}" if self.path else ""
        value = f" (value: {self.value})" if self.value else ""
        return f"{self.severity}: {who}{where}: {self.message}{value}"


@dataclass
class Report:
    """The outcome of one validation; `conforms` is False when any Violation was found."""

    conforms: bool
    findings: list[Finding] = field(default_factory=list)
    triples: int = 0
    seconds: float = 0.0
    shapes: str = ""

    @property
    def violations(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == "Violation"]

    def summary_line(self) -> str:
        shapes = Path(self.shapes).name or "shapes"
        if self.conforms:
            extra = f", {len(self.findings)} warnings" if self.findings else ""
            return (f"validation: conforms to {shapes} / 符合约束 "
                    f"({self.triples} triples, {self.seconds:.1f}s{extra})")
        first = self.violations[0].line() if self.violations else ""
        return (f"validation: {len(self.violations)} violations of {shapes} / 不符合约束 "
                f"({self.triples} triples, {self.seconds:.1f}s); first: {first}")

    def text(self, limit: int | None = SHOWN_BY_DEFAULT) -> str:
        """The readable report: one line per finding (Violations first), then the summary."""
        shown = self.findings if limit is None else self.findings[:limit]
        lines = [f.line() for f in shown]
        if len(shown) < len(self.findings):
            lines.append(f"... and {len(self.findings) - len(shown)} more (use --all)")
        lines.append(self.summary_line())
        return "\n".join(lines)


class ShapesError(ValueError):
    """The shapes file is missing or not Turtle."""


@lru_cache(maxsize=4)
def _shapes_graph(path: str, mtime: float) -> Graph:
    graph = Graph(bind_namespaces="none")
    try:
        graph.parse(path, format="turtle")
    except Exception as error:  # rdflib raises several parser-specific types
        raise ShapesError(f"{path}: not valid Turtle ({error})") from None
    return graph


def load_shapes(path: Path = SHAPES_PATH) -> Graph:
    if not path.is_file():
        raise ShapesError(f"{path}: shapes file not found")
    return _shapes_graph(str(path), path.stat().st_mtime)


def _compact(iri: str) -> str:
    for prefix, namespace in sorted(PREFIXES.items(), key=lambda item: -len(str(item[1]))):
        if prefix != "kgr" and iri.startswith(str(namespace)):
            return f"{prefix}:{iri[len(str(namespace)):]}"
    return f"<{iri}>"


def _show_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, Literal):  # not Literal.n3(): it warns on ill-typed numbers
        if value.language:
            return f"{escape_string(str(value))}@{value.language}"
        datatype = f"^^{_compact(str(value.datatype))}" if value.datatype else ""
        return escape_string(str(value)) + datatype
    return _compact(str(value)) if isinstance(value, URIRef) else str(value)


def findings_from(results: Graph, data: Graph) -> list[Finding]:
    """One Finding per sh:ValidationResult, sorted Violations first, then by node and path."""
    found = set()
    for result in results.subjects(SH.resultSeverity, None):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        severity = str(results.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
        messages = sorted(str(m) for m in results.objects(result, SH.resultMessage))
        label = data.value(focus, RDFS.label) if focus is not None else None
        found.add(Finding(
            severity=severity,
            focus=str(focus),
            name=str(label) if label is not None else "",
            path=_compact(str(path)) if isinstance(path, URIRef) else "",
            message=messages[0] if messages else "constraint not met",
            value=_show_value(results.value(result, SH.value)) if path is not None else "",
        ))
    rank = {"Violation": 0, "Warning": 1, "Info": 2}
    return sorted(found, key=lambda f: (rank.get(f.severity, 3), f.focus, f.path, f.message, f.value))


def validate_graph(graph: Graph, shapes_path: Path = SHAPES_PATH) -> Report:
    """Check `graph` against the shapes; the graph is not modified."""
    started = time.perf_counter()
    import pyshacl  # slow to import: only when validating

    shapes = load_shapes(shapes_path)
    # inplace: no copy of the data graph; safe because we run no inference.
    conforms, results, _ = pyshacl.validate(
        graph, shacl_graph=shapes, inference="none", allow_warnings=True, inplace=True,
        advanced=False, abort_on_first=False,
    )
    findings = findings_from(results, graph)
    return Report(bool(conforms), findings, len(graph), time.perf_counter() - started, str(shapes_path))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--graph", default=str(DEFAULT_GRAPH),
                        help="built graph (.ttl, .nt, .jsonld, .trig; default: %(default)s)")
    parser.add_argument("--shapes", default=str(SHAPES_PATH), help="SHACL shapes (default: ontology/shapes.ttl)")
    parser.add_argument("--all", action="store_true", help=f"print every problem, not only the first {SHOWN_BY_DEFAULT}")


def run(args: argparse.Namespace) -> int:
    from kg.graph.read import GraphReadError, read_graph

    # rdflib logs a traceback for each ill-typed literal ("abc"^^xsd:decimal) while parsing;
    # the shapes report those values as violations, one line each, so the log is noise.
    logging.getLogger("rdflib.term").setLevel(logging.CRITICAL)
    try:
        graph = read_graph(Path(args.graph))
        report = validate_graph(graph, Path(args.shapes))
    except (GraphReadError, ShapesError) as error:
        print(f"kg validate: {error}", file=sys.stderr)
        return 2
    print(report.text(limit=None if args.all else SHOWN_BY_DEFAULT))
    return 0 if report.conforms else 1
