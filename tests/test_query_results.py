"""The SPARQL result formats `kg query` and `kg serve` send, written by pyoxigraph's serialisers
(`kg.sparql.results`): awkward terms survive a round trip through rdflib's W3C result parsers."""
from __future__ import annotations

import csv
import io
import json

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.query import Result

from kg.sparql import results, store

TRICKY = r'''
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:p "tab\there", "new\nline", "quote\"d, with comma", "back\\slash", "中文"@zh, "colour"@en-GB, "",
          "1"^^xsd:integer, "6.0"^^xsd:decimal, "x"^^ex:custom, <http://example.org/ü>, _:b, "<tag> & amp" .
'''
SELECT = "SELECT ?o ?unbound WHERE { ?s ?p ?o OPTIONAL { ?o ?q ?unbound } } ORDER BY STR(?o)"


@pytest.fixture(scope="module")
def tricky() -> ox.Store:
    graph = ox.Store()
    graph.load(TRICKY.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    return graph


def as_rdflib(term: object) -> object:
    """The rdflib term a W3C results parser should give back for a pyoxigraph term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    return None


@pytest.mark.parametrize("fmt", ["json", "xml", "tsv"])
def test_solutions_round_trip_through_rdflibs_parsers(tricky, fmt):
    answer = store.execute(tricky, SELECT, row_cap=None)
    body, media = results.serialize(answer, fmt)
    assert media == results.SOLUTION_FORMATS[fmt] + "; charset=utf-8"
    parsed = list(Result.parse(io.BytesIO(body), format=fmt))
    assert len(parsed) == len(answer.rows) == 13
    for row, (term, unbound) in zip(parsed, answer.rows):
        assert unbound is None and row[1] is None
        if isinstance(term, ox.BlankNode):
            assert isinstance(row[0], BNode)
        else:
            assert row[0] == as_rdflib(term), (fmt, term)
            if isinstance(term, ox.Literal):
                assert row[0].language == (term.language or None)


def test_csv_holds_the_plain_values_quoted_as_rfc_4180_says(tricky):
    """CSV cannot tell an empty string from an unbound cell (the W3C note says so), so it is read
    with Python's csv module, not rdflib's parser, which drops a row of empty cells."""
    answer = store.execute(tricky, SELECT, row_cap=None)
    body, media = results.serialize(answer, "csv")
    assert media.startswith("text/csv") and body.startswith(b"o,unbound\r\n")
    rows = list(csv.reader(io.StringIO(body.decode("utf-8"), newline="")))
    assert rows[0] == ["o", "unbound"]
    assert [row[0] for row in rows[1:]] == [results.term_text(row[0]) for row in answer.rows]
    assert all(row[1] == "" for row in rows[1:])
    assert ["quote\"d, with comma", ""] in rows and ["new\nline", ""] in rows


def test_ask_in_every_format(tricky):
    answer = store.execute(tricky, "ASK { ?s ?p \"中文\"@zh }", row_cap=None)
    assert json.loads(results.serialize(answer, "json")[0]) == {"head": {}, "boolean": True}
    assert Result.parse(io.BytesIO(results.serialize(answer, "xml")[0]), format="xml").askAnswer is True
    assert results.serialize(answer, "csv")[0].strip() == b"true"
    no = store.execute(tricky, "ASK { ?s ?p \"absent\" }", row_cap=None)
    assert json.loads(results.serialize(no, "json")[0])["boolean"] is False


def test_rows_without_columns_and_rows_built_from_triples(tricky):
    empty = store.execute(tricky, "SELECT * WHERE { }", row_cap=None)
    assert json.loads(results.serialize(empty, "json")[0]) == {"head": {"vars": []}, "results": {"bindings": [{}]}}
    # `kg query --format csv` shows a CONSTRUCT's triples as rows: no pyoxigraph TSV behind them
    built = store.execute(tricky, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", row_cap=None)
    rows = store.QueryResult("SELECT", variables=["subject", "predicate", "object"],
                             rows=[(t.subject, t.predicate, t.object) for t in built.triples])
    parsed = list(Result.parse(io.BytesIO(results.serialize(rows, "json")[0]), format="json"))
    objects = {row[2] for row in parsed if not isinstance(row[2], BNode)}
    assert Literal("new\nline") in objects and Literal("中文", lang="zh") in objects and len(parsed) == 13
