"""`kg query` on the command line, and the safety checks every query passes through."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from rdflib.query import Result

from kg.sparql import errors as kgerrors, guard as kgguard, query as kgquery, saved as kgsaved, store as kgstore
from kg.cli import main

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"
PARKS = "PREFIX kg: <https://w3id.org/gykg/ontology#> PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> " \
        "SELECT ?label WHERE { ?p a kg:Park ; rdfs:label ?label } ORDER BY ?label"


@pytest.fixture()
def kg(capsys, seed_ttl, monkeypatch):
    """Run `kg ...` in-process; returns (exit status, stdout, stderr)."""
    monkeypatch.setenv("KG_QUERIES", str(QUERIES))

    def run(*args: str, graph: bool = True) -> tuple[int, str, str]:
        argv = list(args) + (["--graph", str(seed_ttl)] if graph else [])
        status = main(argv)
        out = capsys.readouterr()
        return status, out.out, out.err

    return run


def test_list_shows_every_saved_query_with_its_questions(kg):
    status, out, _ = kg("query", "--list", graph=False)
    assert status == 0
    for saved in kgsaved.saved_queries(QUERIES):
        assert saved.name in out and saved.question_zh in out and saved.question_en in out
    assert "--param district=" in out


def test_saved_query_by_name_with_a_parameter(kg):
    status, out, _ = kg("query", "admin-hierarchy", "--param", "name=石板镇", "--format", "csv")
    assert status == 0
    assert out.splitlines() == ["level,ancestor", "1,花溪区", "2,贵阳市", "3,贵州省"]


def test_query_from_a_file_and_from_a_string_agree(kg):
    _, from_file, _ = kg("query", str(QUERIES / "documents.rq"), "--format", "tsv")
    _, from_string, _ = kg("query", (QUERIES / "documents.rq").read_text(encoding="utf-8"), "--format", "tsv")
    assert from_file == from_string and "002_e9518b9e7f5042ea.txt" in from_file


def test_table_aligns_chinese_text_by_display_width(kg):
    args = ("query", "parks-in-district", "--param", "district=花溪区", "--max-width", "0")
    status, table, _ = kg(*args)
    assert status == 0
    cells = list(csv.reader(io.StringIO(kg(*args[:-2], "--format", "csv")[1])))
    lines = table.splitlines()
    rule, body = lines[1], [lines[0]] + lines[2:-1]  # the last line counts the rows
    starts = [i for i, ch in enumerate(rule) if ch == "-" and (i == 0 or rule[i - 1] == " ")]
    assert len(body) == len(cells) and len(starts) == len(cells[0])
    for line, row in zip(body, cells):
        position = 0
        for start, cell in zip(starts, row):
            index = line.index(cell, position)
            assert kgquery.display_width(line[:index]) == start, (line, cell)
            position = index + len(cell)
    assert any("燕楼镇数字农业产业园" in line for line in body)


def test_json_csv_tsv_xml_parse_with_rdflib(kg):
    expected = None
    for fmt, parser in (("json", "json"), ("xml", "xml"), ("csv", "csv"), ("tsv", "tsv")):
        status, out, _ = kg("query", PARKS, "--format", fmt)
        assert status == 0
        result = Result.parse(io.BytesIO(out.encode("utf-8")), format=parser)
        labels = [str(row[0]) for row in result]
        expected = expected or labels
        assert labels == expected and labels
    data = json.loads(kg("query", PARKS, "--format", "json")[1])
    first = data["results"]["bindings"][0]["label"]
    assert first["type"] == "literal" and first["xml:lang"] == "zh"


def test_construct_and_ask(kg):
    status, out, _ = kg("query", "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#> "
                        "CONSTRUCT { ?s rdfs:label ?l } WHERE { ?s rdfs:label \"花溪区\"@zh ; rdfs:label ?l }", "--format", "turtle")
    assert status == 0 and "花溪区" in out and "rdfs:label" in out
    status, out, _ = kg("query", "ASK { ?s ?p \"花溪区\"@zh }")
    assert status == 0 and out.strip() == "true"


def test_syntax_error_names_line_and_column(kg):
    status, out, err = kg("query", "SELECT ?x WHERE {\n  ?x ?y\n  FILTER( }")
    assert status != 0 and out == ""
    assert "line 3, column 9" in err
    assert "FILTER( }" in err and "^" in err
    assert "Traceback" not in err


@pytest.mark.parametrize("args, words", [
    (("query", "no-such-saved-query"), "no saved query"),
    (("query", "missing.rq"), "missing.rq"),
    (("query", "targets-of-year", "--param", "year=二〇二五"), "integer"),
    (("query", "targets-of-year", "--param", "colour=red"), "unknown parameter"),
    (("query", "targets-of-year", "--param", "year"), "NAME=VALUE"),
    (("query", "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }"), "SERVICE"),
    (("query", "INSERT DATA { <urn:a> <urn:b> <urn:c> }"), "read-only"),
])
def test_bad_input_gives_one_clear_line(kg, args, words):
    status, out, err = kg(*args)
    assert status != 0 and out == ""
    assert words in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_missing_graph_file(capsys, tmp_path):
    status = main(["query", PARKS, "--graph", str(tmp_path / "none.ttl")])
    err = capsys.readouterr().err
    assert status != 0 and "none.ttl" in err and "kg build" in err


# ---- safety checks, before execution


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { service silent <http://x/> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE ?endpoint { ?s ?p ?o } }",
    "SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }",
    "SELECT * FROM NAMED <http://127.0.0.1:9/g> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "LOAD <http://127.0.0.1:9/data.ttl>",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "DELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    "CLEAR DEFAULT",
    "SELECT * WHERE { \\u0053ERVICE <http://x/> { ?s ?p ?o } }",
])
def test_refused_before_execution(query):
    with pytest.raises(kgerrors.QueryRefused):
        kgguard.check_query(query)


def test_a_query_glued_to_an_update_is_not_run():
    """Neither a query nor an update: it does not parse, so it is refused before any engine runs it."""
    with pytest.raises(kgerrors.QueryError):
        kgguard.check_query("PREFIX x: <urn:x:> SELECT * WHERE { ?s ?p ?o } ; INSERT DATA { <urn:a> <urn:b> <urn:c> }")


@pytest.mark.parametrize("query", [
    "SELECT ?from ?service WHERE { ?from ?service ?load }",
    "PREFIX service: <urn:s:> SELECT * WHERE { ?s service:from ?o }",
    "SELECT * WHERE { ?s ?p \"SERVICE <http://x/> and LOAD, FROM, INSERT\" }",
    "# FROM the documents, no SERVICE here\nSELECT * WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p \"\"\"multi\nline SERVICE\"\"\" }",
    "SELECT * WHERE { ?s <urn:x:SERVICE> ?o }",
])
def test_harmless_lookalikes_are_not_refused(query):
    assert kgguard.check_query(query) == "SELECT"


def test_parameter_values_cannot_change_the_query(seed_ttl):
    saved = kgsaved.find_saved_query("parks-in-district", QUERIES)
    hostile = '花溪区"@zh } SERVICE <http://127.0.0.1:9/> { ?a ?b ?c } VALUES ?x { "'
    text = kgsaved.apply_params(saved.text, {"district": hostile}, saved.params)
    result = kgstore.execute(kgstore.load_store(seed_ttl), text, row_cap=None)
    assert result.rows == []  # one odd name, found nowhere; nothing else ran


def test_store_is_loaded_once_per_process(seed_ttl):
    assert kgstore.load_store(seed_ttl) is kgstore.load_store(seed_ttl)


TRICKY_TURTLE = r'''
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:a ex:p "tab\there", "new\nline", "cr\rreturn", "quote\"d", "back\\slash", "中文"@zh, "colour"@en-GB, "",
          " padded ", "#not a comment", "?notvar", "a\u2028b", "😀", "1"^^xsd:integer, "01"^^xsd:integer,
          "6"^^xsd:decimal, "6.0"^^xsd:decimal, "1e3"^^xsd:double, "true"^^xsd:boolean, "abc"^^xsd:integer,
          "2025"^^xsd:gYear, "x"^^ex:custom, <http://example.org/ü>, _:b .
_:b ex:p "on a blank node" .
'''


def _rows_term_by_term(store, text):
    answer = store.query(text)
    width = len(answer.variables)
    return [tuple(solution[i] for i in range(width)) for solution in answer]


def test_rows_are_the_terms_pyoxigraph_gives_cell_by_cell(seed_ttl):
    """execute() converts solutions in bulk (through TSV); the terms must be exactly the same."""
    import pyoxigraph as ox

    tricky = ox.Store()
    tricky.load(TRICKY_TURTLE.encode("utf-8"), format=ox.RdfFormat.TURTLE)
    cases = [(tricky, "SELECT ?s ?o ?unbound WHERE { ?s ?p ?o OPTIONAL { ?o ?q ?unbound } }")]
    seed = kgstore.load_store(seed_ttl)
    cases += [(seed, saved.text) for saved in kgsaved.saved_queries(QUERIES)]
    for store, text in cases:
        result = kgstore.execute(store, text, row_cap=None)
        if result.form != "SELECT":
            continue
        expected = _rows_term_by_term(store, text)
        assert result.rows == expected, text
        assert [type(t) for row in result.rows for t in row] == [type(t) for row in expected for t in row]
    values = {row[0].value for row in kgstore.execute(tricky, "SELECT ?o WHERE { ?s ?p ?o }", row_cap=None).rows}
    assert {"tab\there", "new\nline", "cr\rreturn", "a\u2028b", "", " padded "} <= values
    assert kgstore.execute(tricky, "SELECT * WHERE { }", row_cap=None).rows == [()]


def test_row_cap_stops_a_large_answer(seed_ttl):
    store = kgstore.load_store(seed_ttl)
    assert len(kgstore.execute(store, "SELECT * WHERE { ?s ?p ?o } LIMIT 5", row_cap=5).rows) == 5
    with pytest.raises(kgerrors.QueryTooLarge):
        kgstore.execute(store, "SELECT * WHERE { ?s ?p ?o } LIMIT 6", row_cap=5)
    with pytest.raises(kgerrors.QueryTooLarge):
        kgstore.execute(store, "SELECT * WHERE { ?s ?p ?o }", row_cap=10)
