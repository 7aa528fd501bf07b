"""`kg serve` over real HTTP on a free loopback port, queried by real clients (SPARQLWrapper,
rdflib's SPARQLStore, urllib, Chromium), and attacked: each attack gets its refusal, no
outbound request is ever made, and the server still answers afterwards."""
from __future__ import annotations

import json
import re
import threading
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore, SPARQLUpdateStore
from SPARQLWrapper import CSV, JSON, JSONLD, POST, POSTDIRECTLY, TSV, TURTLE, XML, SPARQLWrapper

from kg.sparql import saved as kgsaved, store as kgstore
from kg.sparql.serve import make_server
from helpers import http_server_in_thread

ROOT = Path(__file__).resolve().parent.parent
QUERIES = ROOT / "queries"
TIMEOUT = 2.0  # seconds per query on the test server
MAX_ROWS = 500
PREFIXES = "PREFIX kg: <https://w3id.org/gykg/ontology#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
PARKS = PREFIXES + "SELECT ?label WHERE { ?p a kg:Park ; rdfs:label ?label } ORDER BY ?label"
HUAXI = "https://w3id.org/gykg/resource/AdministrativeArea/hua-xi-qu"
CROSS_JOIN = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


class Canary(BaseHTTPRequestHandler):
    """Counts every request: SERVICE/LOAD/FROM must never reach it."""

    hits: list[str] = []

    def do_GET(self) -> None:
        Canary.hits.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "text/turtle")
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def canary():
    with http_server_in_thread(Canary) as url:
        yield url


@pytest.fixture(scope="module")
def endpoint(seed_ttl, monkeypatch_module):
    monkeypatch_module.setenv("KG_QUERIES", str(QUERIES))
    server, pool = make_server(str(seed_ttl), "127.0.0.1", 0, workers=2, timeout=TIMEOUT, max_rows=MAX_ROWS, quiet=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    server.shutdown()
    server.server_close()
    pool.close()


@pytest.fixture(scope="module")
def monkeypatch_module():
    patch = pytest.MonkeyPatch()
    yield patch
    patch.undo()


@pytest.fixture(scope="module")
def expected_parks(seed_ttl) -> list[str]:
    result = kgstore.execute(kgstore.load_store(seed_ttl), PARKS, row_cap=None)
    return [row[0].value for row in result.rows]


def http(url: str, data: bytes | None = None, headers: dict[str, str] | None = None, method: str | None = None):
    """(status, content type, body text) without raising on 4xx/5xx."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.headers.get("Content-Type", ""), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Content-Type", ""), error.read().decode("utf-8")


def get(endpoint: str, query: str, accept: str = "application/sparql-results+json", **extra: str):
    params = urllib.parse.urlencode({"query": query, **extra})
    return http(f"{endpoint}?{params}", headers={"Accept": accept})


def still_serving(endpoint: str, expected_parks: list[str]) -> None:
    status, _, body = get(endpoint, PARKS)
    assert status == 200
    assert [b["label"]["value"] for b in json.loads(body)["results"]["bindings"]] == expected_parks


# ---- real clients


def test_sparqlwrapper_select_json(endpoint, expected_parks):
    client = SPARQLWrapper(endpoint)
    client.setQuery(PARKS)
    client.setReturnFormat(JSON)
    data = client.queryAndConvert()
    assert [b["label"]["value"] for b in data["results"]["bindings"]] == expected_parks
    assert data["results"]["bindings"][0]["label"]["xml:lang"] == "zh"


def test_sparqlwrapper_xml_csv_tsv(endpoint, expected_parks):
    client = SPARQLWrapper(endpoint)
    client.setQuery(PARKS)
    client.setReturnFormat(XML)
    document = client.queryAndConvert()
    assert [n.firstChild.data for n in document.getElementsByTagName("literal")] == expected_parks
    client.setReturnFormat(CSV)
    assert client.queryAndConvert().decode("utf-8").splitlines()[1:] == expected_parks
    client.setReturnFormat(TSV)
    assert client.queryAndConvert().decode("utf-8").splitlines()[1:] == [f'"{p}"@zh' for p in expected_parks]


def test_sparqlwrapper_post_direct_and_form(endpoint, expected_parks):
    for request_method in (POSTDIRECTLY, "urlencoded"):
        client = SPARQLWrapper(endpoint)
        client.setMethod(POST)
        client.setRequestMethod(request_method)
        client.setQuery(PARKS)
        client.setReturnFormat(JSON)
        assert [b["label"]["value"] for b in client.queryAndConvert()["results"]["bindings"]] == expected_parks


def test_sparqlwrapper_construct_and_describe(endpoint):
    construct = PREFIXES + f"CONSTRUCT {{ <{HUAXI}> rdfs:label ?l }} WHERE {{ <{HUAXI}> rdfs:label ?l }}"
    client = SPARQLWrapper(endpoint)
    client.setQuery(construct)
    client.setReturnFormat(TURTLE)
    turtle = client.queryAndConvert()
    assert "花溪区" in turtle.decode("utf-8")
    client.setReturnFormat(JSONLD)
    graph = client.queryAndConvert()
    assert {str(o) for o in graph.objects()} == {"花溪区"}
    client.setQuery(f"DESCRIBE <{HUAXI}>")
    client.setReturnFormat(XML)  # RDF/XML for graphs
    described = client.queryAndConvert()
    assert len(described) > 1 and "花溪区" in {str(o) for o in described.objects()}


def test_construct_by_accept_header(endpoint):
    query = f"DESCRIBE <{HUAXI}>"
    for accept, media, fmt in (("text/turtle", "text/turtle", "turtle"), ("application/n-triples", "application/n-triples", "nt"),
                               ("application/ld+json", "application/ld+json", "json-ld")):
        status, content_type, body = get(endpoint, query, accept)
        assert status == 200 and content_type.startswith(media)
        assert any(str(o) == "花溪区" for o in Graph().parse(data=body, format=fmt).objects())


def test_select_by_accept_header(endpoint, expected_parks):
    status, content_type, body = get(endpoint, PARKS, "text/csv;q=0.5, application/sparql-results+xml")
    assert status == 200 and content_type.startswith("application/sparql-results+xml")
    status, content_type, body = get(endpoint, PARKS, "text/tab-separated-values")
    assert content_type.startswith("text/tab-separated-values") and body.splitlines()[0] == "?label"


def test_rdflib_sparqlstore(endpoint, expected_parks):
    graph = Graph(store=SPARQLStore(endpoint, returnFormat="json"))
    assert [str(row[0]) for row in graph.query(PARKS)] == expected_parks
    assert graph.query("ASK { ?s ?p \"花溪区\"@zh }").askAnswer is True
    xml_graph = Graph(store=SPARQLStore(endpoint))  # the default: XML results, RDF/XML graphs
    assert [str(row[0]) for row in xml_graph.query(PARKS)] == expected_parks
    described = xml_graph.query(f"DESCRIBE <{HUAXI}>").graph
    assert "花溪区" in {str(o) for o in described.objects()}


def test_saved_queries_over_http_match_the_store(endpoint, seed_ttl):
    store = kgstore.load_store(seed_ttl)
    for saved in kgsaved.saved_queries(QUERIES):
        status, _, body = get(endpoint, saved.text)
        assert status == 200, (saved.name, body)
        direct = kgstore.execute(store, saved.text, row_cap=None)
        assert len(json.loads(body)["results"]["bindings"]) == len(direct.rows), saved.name


# ---- attacks: each refused, nothing goes out, and the server keeps answering


def test_update_is_refused(endpoint, expected_parks):
    client = SPARQLWrapper(endpoint)
    client.setMethod(POST)
    client.setQuery("INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    with pytest.raises(urllib.error.HTTPError) as refused:
        client.query()
    assert refused.value.code == 403
    updater = SPARQLUpdateStore(query_endpoint=endpoint, update_endpoint=endpoint)
    with pytest.raises(urllib.error.HTTPError) as refused:
        updater.update("DELETE WHERE { ?s ?p ?o }")
    assert refused.value.code == 403
    for data, media in ((b"CLEAR ALL", "application/sparql-update"), (b"update=DROP+ALL", "application/x-www-form-urlencoded")):
        status, _, body = http(endpoint, data, {"Content-Type": media})
        assert status == 403 and "read-only" in body
    status, _, body = http(endpoint + "?" + urllib.parse.urlencode({"update": "DROP ALL"}))
    assert status == 403
    still_serving(endpoint, expected_parks)


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
def test_graph_store_writes_are_refused(endpoint, method, expected_parks):
    status, _, _ = http(endpoint + "?default", b"<urn:a> <urn:b> <urn:c> .", {"Content-Type": "text/turtle"}, method)
    assert status == 405
    status, _, _ = http(endpoint.replace("/sparql", "/data") + "?default", b"<urn:a> <urn:b> <urn:c> .",
                        {"Content-Type": "text/turtle"}, "POST")
    assert status == 405
    still_serving(endpoint, expected_parks)


def test_no_outbound_requests(endpoint, canary, expected_parks):
    own = endpoint
    attacks = [
        f"SELECT * WHERE {{ SERVICE <{own}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ SERVICE SILENT <{canary}/sparql> {{ ?s ?p ?o }} }}",
        f"SELECT * FROM <{canary}/data.ttl> WHERE {{ ?s ?p ?o }}",
        f"SELECT * FROM NAMED <{canary}/g.ttl> WHERE {{ GRAPH ?g {{ ?s ?p ?o }} }}",
        f"LOAD <{canary}/data.ttl>",
    ]
    for attack in attacks:
        status, _, body = get(endpoint, attack)
        assert status == 403, attack
        assert "not allowed" in body
    status, _, body = get(endpoint, PARKS, **{"default-graph-uri": f"{canary}/data.ttl"})
    assert status == 403
    assert Canary.hits == []
    still_serving(endpoint, expected_parks)


def test_long_query_is_stopped_while_others_are_served(endpoint, expected_parks):
    outcome: dict[str, object] = {}

    def cross_join() -> None:
        outcome["answer"] = get(endpoint, CROSS_JOIN)

    slow = threading.Thread(target=cross_join)
    slow.start()
    still_serving(endpoint, expected_parks)  # answered while the cross join runs
    assert slow.is_alive()
    slow.join(timeout=60)
    status, _, body = outcome["answer"]
    assert status == 503 and "limit" in body
    still_serving(endpoint, expected_parks)
    still_serving(endpoint, expected_parks)  # both workers (one restarted) answer


def test_row_cap(endpoint, expected_parks):
    status, _, body = get(endpoint, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 422 and str(MAX_ROWS) in body and "LIMIT" in body
    status, _, body = get(endpoint, "SELECT * WHERE { ?s ?p ?o } LIMIT 10")
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 10
    still_serving(endpoint, expected_parks)


@pytest.mark.parametrize("query, where", [
    ("SELECT ?x WHERE {\n  ?x ?y\n  FILTER( }", "line 3"),
    ("SELECT ?x WHERE { ?x ?y ?z ", "line 1"),
    ("SELEC ?x WHERE { ?x ?y ?z }", ""),
    ("PREFIX : <urn:x> SELECT * WHERE { ?s undeclared:p ?o }", "line 1"),
    ("", ""),
])
def test_malformed_queries(endpoint, query, where, expected_parks):
    status, content_type, body = get(endpoint, query)
    assert status == 400 and content_type.startswith("text/plain")
    assert where in body and "Traceback" not in body
    still_serving(endpoint, expected_parks)


def test_oversized_body(endpoint, expected_parks):
    body = ("SELECT * WHERE { ?s ?p ?o } # " + "x" * (1024 * 1024)).encode("utf-8")
    status, _, text = http(endpoint, body, {"Content-Type": "application/sparql-query"})
    assert status == 413 and "limit" in text
    still_serving(endpoint, expected_parks)


# ---- the query page


def test_query_page_is_offline_and_lists_saved_queries(endpoint):
    status, content_type, page = http(endpoint.replace("/sparql", "/"))
    assert status == 200 and content_type.startswith("text/html")
    # nothing is loaded from elsewhere: no external scripts, styles, images or fonts
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page, re.I)
    assert not re.search(r"""(url\(|@import)\s*["']?(https?:)?//""", page, re.I)
    for saved in kgsaved.saved_queries(QUERIES):
        assert saved.question_zh in page


def test_query_page_runs_a_saved_query_in_chromium(endpoint):
    outside: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run"])
        try:
            page = browser.new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("http://127.0.0.1")
                       else (outside.append(route.request.url), route.abort()))
            page.goto(endpoint.replace("/sparql", "/"))
            page.get_by_text("某地一级一级属于哪些上级行政区？").click()
            page.wait_for_selector("#result table tbody tr")
            cells = page.locator("#result table tbody tr td").all_inner_texts()
            assert cells == ["1", "花溪区", "2", "贵阳市", "3", "贵州省"]
            page.fill("#query", "SELECT ?x WHERE { ?x ?y")
            page.click("#run")
            page.wait_for_function("document.getElementById('error').textContent.length > 0")
            assert "400" in page.inner_text("#error")
        finally:
            browser.close()
    assert outside == []
