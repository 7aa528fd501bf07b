"""The Python API, for notebooks and scripts:

    import kg
    g = kg.build(["seeds/"])
    g.entities(type="Park")[:5]
    g.observations(subject="花溪区", indicator="地区生产总值")
    g.query("parks-in-district", district="花溪区")     # a saved query, or SPARQL text
    g.show()                                          # the interactive page, in a notebook cell
    g.to_turtle()                                     # what `kg build` writes to graph.ttl

Everything is read from the graph as `kg build` writes it (through pyoxigraph), so the
API, `kg query` and `kg serve` always answer alike.
"""
from __future__ import annotations

import html
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property
from pathlib import Path

import pyoxigraph as ox

KG = "https://w3id.org/gykg/ontology#"
_PREFIXES = """PREFIX kg: <https://w3id.org/gykg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""


@dataclass(frozen=True)
class EntityRow:
    """One entity of the graph."""

    iri: str
    label: str
    type: str  # core class: AdministrativeArea, Park, Project, Policy, Program, Organization
    sub: str  # subclass (District, IndustrialPark …) or ""
    aliases: tuple[str, ...]
    documents: tuple[str, ...]  # file names


@dataclass(frozen=True)
class ObservationRow:
    """One figure of the graph, with the sentence it was read from."""

    subject: str
    indicator: str
    value: Decimal
    unit: str
    year: int
    kind: str  # Actual or Target
    document: str
    sentence: str


class PageView:
    """The interactive page; a notebook shows it (as a sandboxed frame) when it is a cell's value."""

    def __init__(self, page_html: str, height: int = 640) -> None:
        self.html, self.height = page_html, height

    def _repr_html_(self) -> str:
        return (f'<iframe srcdoc="{html.escape(self.html, quote=True)}" style="width:100%;'
                f'height:{self.height}px;border:0" sandbox="allow-scripts"></iframe>')

    def save(self, path: str | Path) -> Path:
        path = Path(path)
        path.write_text(self.html, encoding="utf-8")
        return path


class KnowledgeGraph:
    """A built graph: its entities, figures and SPARQL answers, its Turtle and its page."""

    def __init__(self, result) -> None:  # a kg.builder.BuildResult
        self._result = result

    @property
    def problems(self) -> list[str]:
        """One line per input file that could not be read."""
        return list(self._result.problems)

    @cached_property
    def _turtle(self) -> str:
        from kg.builder import turtle_text

        return turtle_text(self._result)

    @cached_property
    def _store(self) -> ox.Store:
        store = ox.Store()
        store.load(self._turtle.encode("utf-8"), format=ox.RdfFormat.TURTLE)
        return store

    def to_turtle(self) -> str:
        """The graph as `kg build` writes it to graph.ttl."""
        return self._turtle

    def query(self, query: str, **params: str) -> list[dict[str, object]]:
        """Run a saved query by name (`kg query --list`) with its parameters, or SPARQL text.
        SELECT gives one dict per row (variable -> Python value), ASK a one-row list with
        `ask`; the same refusals as `kg query` apply (no SERVICE, LOAD, FROM or updates)."""
        from kg.sparql.query import resolve_query_text
        from kg.sparql.saved import apply_params
        from kg.sparql.store import execute

        text, declared, _ = resolve_query_text(query)
        if params or declared:
            text = apply_params(text, {k: str(v) for k, v in params.items()}, declared)
        result = execute(self._store, text, row_cap=None)  # checks it first
        if result.form == "ASK":
            return [{"ask": bool(result.boolean)}]
        return [{name: _python_value(value) for name, value in zip(result.variables, row) if value is not None}
                for row in result.rows]

    def entities(self, type: str | None = None) -> list[EntityRow]:
        """Every entity (or those of one core type), sorted by type and label."""
        rows: dict[str, dict] = {}
        text = _PREFIXES + """SELECT ?e ?label ?type ?file WHERE {
          ?e rdfs:label ?label ; a ?type ; kg:mentionedIn ?doc . ?doc kg:fileName ?file .
          FILTER(STRSTARTS(STR(?type), STR(kg:))) }"""
        for row in self._store.query(text):
            iri = row["e"].value
            entry = rows.setdefault(iri, {"label": row["label"].value, "types": set(), "files": set()})
            entry["types"].add(row["type"].value[len(KG):])
            entry["files"].add(row["file"].value)
        aliases: dict[str, set[str]] = {}
        for row in self._store.query(_PREFIXES + "SELECT ?e ?alt WHERE { ?e skos:altLabel ?alt }"):
            aliases.setdefault(row["e"].value, set()).add(row["alt"].value)
        found = []
        for iri, entry in rows.items():
            core = next((t for t in sorted(entry["types"]) if t in _CORE_TYPES), "")
            if not core or (type and type != core):
                continue
            sub = next((t for t in sorted(entry["types"]) if t != core), "")
            found.append(EntityRow(iri, entry["label"], core, sub, tuple(sorted(aliases.get(iri, ()))),
                                   tuple(sorted(entry["files"]))))
        return sorted(found, key=lambda e: (e.type, e.label, e.iri))

    def observations(self, subject: str | None = None, indicator: str | None = None) -> list[ObservationRow]:
        """Every figure (or those of one subject label and/or indicator), sorted."""
        text = _PREFIXES + """SELECT ?subject ?indicator ?value ?unit ?year ?kind ?file ?sentence WHERE {
          ?o a kg:Observation ; kg:subject ?s ; kg:indicator ?indicator ; kg:value ?value ;
             kg:year ?year ; kg:observationKind ?kind ; kg:mentionedIn ?doc .
          ?s rdfs:label ?subject . ?doc kg:fileName ?file .
          OPTIONAL { ?o kg:unit ?unit } OPTIONAL { ?o kg:evidence ?ev . ?ev kg:sentence ?sentence } }"""
        found = set()
        for row in self._store.query(text):
            item = ObservationRow(row["subject"].value, row["indicator"].value, Decimal(row["value"].value),
                                  row["unit"].value if row["unit"] else "", int(row["year"].value),
                                  row["kind"].value[len(KG):], row["file"].value,
                                  row["sentence"].value if row["sentence"] else "")
            if (subject is None or item.subject == subject) and (indicator is None or item.indicator == indicator):
                found.add(item)
        return sorted(found, key=lambda o: (o.subject, o.indicator, o.year, o.kind, o.value, o.document, o.sentence))

    def show(self, height: int = 640) -> PageView:
        """The interactive page of the whole graph (as graph.html): a notebook cell shows it."""
        from kg.publish.network import network_from_triples
        from kg.publish.page import full_view, render_page

        return PageView(render_page(full_view(network_from_triples(self._result.triples))), height)

    def save(self, outdir: str | Path = "output") -> list[Path]:
        """Write graph.ttl, graph.html and the network files, as `kg build -o outdir` does."""
        from kg.builder import write_outputs

        return write_outputs(self._result, Path(outdir))


_CORE_TYPES = ("AdministrativeArea", "Park", "Project", "Policy", "Program", "Organization")


def _python_value(term: object) -> object:
    """A SPARQL term as a Python value: numbers as int or Decimal, other literals and IRIs as text."""
    if isinstance(term, ox.Literal):
        datatype = term.datatype.value.rsplit("#", 1)[-1]
        if datatype in ("integer", "int", "long"):
            return int(term.value)
        if datatype == "decimal":
            return Decimal(term.value)
        return term.value
    return getattr(term, "value", str(term))


def build(inputs: list[str] | str = "seeds", *, quiet: bool = True) -> KnowledgeGraph:
    """Read files and folders and build their graph (nothing is written; see `.save()`)."""
    from kg.builder import build as build_result

    return KnowledgeGraph(build_result([inputs] if isinstance(inputs, str) else list(inputs), quiet=quiet))
