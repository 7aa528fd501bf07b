"""`kg push` against a real `oxigraph serve` (the binary from the `oxigraph` package) started
here on loopback: the seed graph lands in the store, a second push replaces it rather than
adding to it, named graphs work, and failures are one line naming what went wrong."""
from __future__ import annotations

import json
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main
from helpers import free_port, oxigraph_server

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
NAMED = "https://example.org/graphs/kg"


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory):
    """A running Oxigraph server with an empty store; yields its base URL."""
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph-push"), persistent=True) as url:
        yield url


def count(url: str, graph: str | None = None) -> int:
    query = COUNT if graph is None else f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    request = urllib.request.Request(
        f"{url}/query", data=urllib.parse.urlencode({"query": query}).encode(),
        headers={"Accept": "application/sparql-results+json", "Content-Type": "application/x-www-form-urlencoded"})
    with urllib.request.urlopen(request, timeout=60) as response:
        return int(json.load(response)["results"]["bindings"][0]["n"]["value"])


def triples_in(path: Path) -> int:
    return sum(1 for _ in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))


def push(capsys, *args: str) -> tuple[int, str]:
    status = main(["push", *args])
    return status, capsys.readouterr().err


def test_push_loads_the_graph_and_a_second_push_replaces_it(oxigraph, seed_ttl, tmp_path, capsys):
    expected = triples_in(seed_ttl)
    assert expected > 1000
    status, err = push(capsys, "--to", f"{oxigraph}/store", "--graph", str(seed_ttl))
    assert status == 0 and "replaced the default graph" in err
    assert count(oxigraph) == expected
    status, _ = push(capsys, "--to", f"{oxigraph}/store", "--graph", str(seed_ttl))
    assert status == 0
    assert count(oxigraph) == expected  # one copy, not two
    small = tmp_path / "small.ttl"
    small.write_text("<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    status, _ = push(capsys, "--to", f"{oxigraph}/store", "--graph", str(small))
    assert status == 0 and count(oxigraph) == 1  # the old graph is gone, not merged
    status, _ = push(capsys, "--to", f"{oxigraph}/store", "--graph", str(seed_ttl))
    assert status == 0 and count(oxigraph) == expected


def test_push_replaces_a_smaller_graph_and_leaves_others_alone(oxigraph, seed_ttl, tmp_path, capsys):
    assert push(capsys, "--to", f"{oxigraph}/store", "--graph", str(seed_ttl))[0] == 0
    status, _ = push(capsys, "--to", f"{oxigraph}/store", "--graph", str(seed_ttl), "--graph-name", NAMED)
    assert status == 0 and count(oxigraph, NAMED) == triples_in(seed_ttl)
    small = tmp_path / "small.nt"
    small.write_text("<urn:a> <urn:b> \"花溪区\"@zh .\n<urn:a> <urn:b> <urn:c> .\n", encoding="utf-8")
    status, err = push(capsys, "--to", f"{oxigraph}/store", "--graph", str(small), "--graph-name", NAMED)
    assert status == 0 and f"<{NAMED}>" in err
    assert count(oxigraph, NAMED) == 2  # the whole named graph was replaced
    assert count(oxigraph) == triples_in(seed_ttl)  # the default graph is untouched


def test_unreachable_store_is_one_line(seed_ttl, capsys):
    status, err = push(capsys, "--to", f"http://127.0.0.1:{free_port()}/store", "--graph", str(seed_ttl))
    assert status != 0 and err.count("\n") == 1 and err.startswith("kg push: cannot reach http://127.0.0.1:")


def test_http_error_names_the_status_and_the_servers_first_line(oxigraph, tmp_path, capsys):
    broken = tmp_path / "broken.ttl"
    broken.write_text("<urn:a> <urn:b> .\n", encoding="utf-8")
    status, err = push(capsys, "--to", f"{oxigraph}/store", "--graph", str(broken))
    assert status != 0 and err.count("\n") == 1
    assert err.startswith(f"kg push: {oxigraph}/store?default answered 400 ")
    assert len(err.split(": ", 2)[-1].strip()) > 0  # the server's own explanation follows


def test_missing_graph_and_bad_options(tmp_path, capsys):
    status, err = push(capsys, "--to", "http://127.0.0.1:9/store", "--graph", str(tmp_path / "none.ttl"))
    assert status != 0 and "none.ttl" in err and "kg build" in err
    status, err = push(capsys, "--to", "ftp://example.org/store", "--graph", str(tmp_path / "none.ttl"))
    assert status != 0 and "http://" in err
    status, err = push(capsys, "--to", "http://127.0.0.1:9/store", "--graph-name", "not an iri")
    assert status != 0 and "--graph-name" in err
