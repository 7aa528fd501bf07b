"""The Turtle export loads into a real Oxigraph server (started here on loopback), which then
answers contract queries over HTTP with the same answers rdflib gives on the build."""
from __future__ import annotations

import json
import urllib.parse
import urllib.request

import pytest

from kg.publish.export import export_text
from helpers import oxigraph_server

PARKS_IN_HUAXI = """
PREFIX kg: <https://w3id.org/gykg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?park ?file WHERE {
  ?p a kg:Park ; rdfs:label ?park ; kg:locatedIn+ ?d ; kg:mentionedIn ?doc .
  ?d rdfs:label "花溪区"@zh .
  ?doc kg:fileName ?file .
}"""
HUAXI_FILES = """
PREFIX kg: <https://w3id.org/gykg/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?file WHERE {
  ?a a kg:AdministrativeArea ; rdfs:label "花溪区"@zh ; kg:mentionedIn ?doc .
  ?doc kg:fileName ?file .
}"""
OBSERVATIONS_PER_KIND = """
PREFIX kg: <https://w3id.org/gykg/ontology#>
SELECT ?kind (COUNT(?o) AS ?n) (SUM(?v) AS ?total) WHERE {
  ?o a kg:Observation ; kg:observationKind ?kind ; kg:value ?v .
} GROUP BY ?kind"""


@pytest.fixture(scope="module")
def server(seed_build, tmp_path_factory):
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as url:
        body = export_text(seed_build.graph, "ttl").encode("utf-8")
        request = urllib.request.Request(f"{url}/store?default", data=body, method="POST",
                                         headers={"Content-Type": "text/turtle"})
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status in (200, 201, 204)
        yield url


def sparql_over_http(url: str, query: str) -> list[dict]:
    request = urllib.request.Request(
        f"{url}/query", data=urllib.parse.urlencode({"query": query}).encode(),
        headers={"Accept": "application/sparql-results+json",
                 "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=60) as response:
        bindings = json.load(response)["results"]["bindings"]
    return [{k: v["value"] for k, v in row.items()} for row in bindings]


def rdflib_rows(graph, query: str) -> list[dict]:
    return [{str(k): str(v) for k, v in row.asdict().items()} for row in graph.query(query)]


def as_set(rows: list[dict]) -> set:
    return {tuple(sorted(row.items())) for row in rows}


def test_server_holds_every_triple(server, seed_build):
    rows = sparql_over_http(server, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(rows[0]["n"]) == len(seed_build.graph)


def test_contract_queries_answer_like_the_build(server, seed_build):
    files = sparql_over_http(server, HUAXI_FILES)
    assert "000_ecb2e819d0fb75f5.txt" in {row["file"] for row in files}
    assert as_set(files) == as_set(rdflib_rows(seed_build.graph, HUAXI_FILES))
    parks = sparql_over_http(server, PARKS_IN_HUAXI)
    assert as_set(parks) == as_set(rdflib_rows(seed_build.graph, PARKS_IN_HUAXI))


def test_typed_literals_survive_as_numbers(server, seed_build):
    remote = {row["kind"]: (int(row["n"]), float(row["total"])) for row in sparql_over_http(server, OBSERVATIONS_PER_KIND)}
    local = {row["kind"]: (int(row["n"]), float(row["total"])) for row in rdflib_rows(seed_build.graph, OBSERVATIONS_PER_KIND)}
    assert remote and remote.keys() == local.keys()
    for kind, (count, total) in local.items():
        assert remote[kind][0] == count
        assert remote[kind][1] == pytest.approx(total)
