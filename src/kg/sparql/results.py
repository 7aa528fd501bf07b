"""Answers in the SPARQL 1.1 result formats, written by pyoxigraph's own serialisers.

Solutions (SELECT) and booleans (ASK) go out as SPARQL Results JSON, XML, CSV or TSV through
`QuerySolutions.serialize` / `QueryBoolean.serialize`; graphs (CONSTRUCT, DESCRIBE) as Turtle,
N-Triples, JSON-LD or RDF/XML through `pyoxigraph.serialize`. Which format a client gets is
decided here too (`?format=` or the Accept header), so `kg query` and `kg serve` agree.
"""
from __future__ import annotations

import pyoxigraph as ox

from kg.graph.namespace import PREFIXES
from kg.sparql.store import QueryResult

# format name -> media type (solutions) / (media type, pyoxigraph format) (graphs)
SOLUTION_FORMATS: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
RESULTS_FORMATS: dict[str, ox.QueryResultsFormat] = {
    "json": ox.QueryResultsFormat.JSON,
    "xml": ox.QueryResultsFormat.XML,
    "csv": ox.QueryResultsFormat.CSV,
    "tsv": ox.QueryResultsFormat.TSV,
}
GRAPH_FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    "turtle": ("text/turtle", ox.RdfFormat.TURTLE),
    "ntriples": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "rdfxml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
}

# media type -> format name, per query form; the first entry of each is the default.
SOLUTION_MEDIA: dict[str, str] = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_MEDIA: dict[str, str] = {
    "text/turtle": "turtle",
    "application/x-turtle": "turtle",
    "application/turtle": "turtle",
    "application/n-triples": "ntriples",
    "text/plain": "ntriples",
    "application/ld+json": "jsonld",
    "application/x-json+ld": "jsonld",
    "application/json": "jsonld",
    "application/rdf+xml": "rdfxml",
}
# ?format= (also sent by SPARQLWrapper), per query form; anything else falls back to Accept.
SOLUTION_PARAM: dict[str, str] = {"json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv"}
GRAPH_PARAM: dict[str, str] = {
    "turtle": "turtle", "ttl": "turtle", "ntriples": "ntriples", "nt": "ntriples",
    "jsonld": "jsonld", "json-ld": "jsonld", "json": "jsonld", "rdfxml": "rdfxml", "xml": "rdfxml",
}


def negotiate(accept: str, form: str) -> str:
    """The format to answer `form` with, from an Accept header (q-values honoured)."""
    table = GRAPH_MEDIA if form in ("CONSTRUCT", "DESCRIBE") else SOLUTION_MEDIA
    default = "turtle" if table is GRAPH_MEDIA else "json"
    choices = []
    for position, part in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in part.split(";")]
        q = 1.0
        for param in params:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        if q > 0:
            choices.append((-q, position, media.lower()))
    for _, _, media in sorted(choices):
        if media in table:
            return table[media]
        if media in ("*/*", "application/*", "text/*"):
            return default
    return default


def choose_format(form: str, format_param: str, accept: str) -> str:
    """`?format=` when it suits the query form, else content negotiation on Accept."""
    table = GRAPH_PARAM if form in ("CONSTRUCT", "DESCRIBE") else SOLUTION_PARAM
    return table.get(format_param.lower()) or negotiate(accept, form)


def term_text(term: object | None) -> str:
    """A term as plain text (as in the CSV results format): IRIs and lexical forms, no markup."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if hasattr(term, "value") else str(term)


def rows_tsv(variables: list[str], rows: list[tuple[object | None, ...]]) -> bytes:
    """Rows of pyoxigraph terms as SPARQL TSV (terms in N-Triples syntax, as `str()` writes them).

    Only for rows that did not come from pyoxigraph's own TSV (the triples of a CONSTRUCT
    shown as a table of subject, predicate, object).
    """
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join("" if t is None else str(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode("utf-8")


def solutions(result: QueryResult) -> ox.QuerySolutions | ox.QueryBoolean:
    """The answer of a SELECT or ASK as a pyoxigraph results object, ready to serialise."""
    if result.form == "ASK":
        return ox.parse_query_results(b"true" if result.boolean else b"false", ox.QueryResultsFormat.TSV)
    if result.tsv is not None:
        data = result.tsv
    elif result.variables:
        data = rows_tsv(result.variables, result.rows)
    else:  # no columns: the JSON form says how many empty solutions there are
        data = ('{"head":{"vars":[]},"results":{"bindings":[' + ",".join("{}" for _ in result.rows) + "]}}").encode()
        return ox.parse_query_results(data, ox.QueryResultsFormat.JSON)
    return ox.parse_query_results(data, ox.QueryResultsFormat.TSV)


def serialize(result: QueryResult, fmt: str) -> tuple[bytes, str]:
    """Bytes and media type of `result` in format `fmt` (see SOLUTION_FORMATS / GRAPH_FORMATS)."""
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        media, rdf_format = GRAPH_FORMATS.get(fmt, GRAPH_FORMATS["turtle"])
        prefixes = {p: str(ns) for p, ns in PREFIXES.items()} if rdf_format == ox.RdfFormat.TURTLE else None
        if result.triples or rdf_format != ox.RdfFormat.JSON_LD:
            body = ox.serialize(result.triples, format=rdf_format, prefixes=prefixes)
        else:
            body = b"[]"  # pyoxigraph writes nothing for an empty JSON-LD document
        charset = "" if fmt == "rdfxml" else "; charset=utf-8"
        return body, media + charset
    name = fmt if fmt in SOLUTION_FORMATS else "json"
    if name == "tsv" and result.tsv is not None:
        return result.tsv, SOLUTION_FORMATS[name] + "; charset=utf-8"  # already pyoxigraph's TSV
    body = solutions(result).serialize(format=RESULTS_FORMATS[name])
    return body, SOLUTION_FORMATS[name] + "; charset=utf-8"
