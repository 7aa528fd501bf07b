"""The endpoint under attack: a real `kg serve` process on loopback, started by this module.

Each attack from issue 13 is a test. A counting HTTP listener on 127.0.0.1 stands in for any
server a query might reach: every SERVICE spelling below is first shown to be a real attack
(pyoxigraph, asked directly, sends the listener a request), then sent to `kg serve` and to
`kg query`, and the listener must receive nothing. Only loopback addresses are used, and every
loop is bounded by the lists below. docs/security.md says what each test holds the server to.
"""
from __future__ import annotations

import http.client
import json
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pyoxigraph as ox
import pytest

from kg.cli import main
from helpers import http_server_in_thread

ROOT = Path(__file__).resolve().parent.parent
ALLOWED_HOST = "kg.example"
CORS_ORIGIN = "https://yasgui.example"
MAX_MEMORY_MB = 400
ASK = "ASK { ?s ?p ?o }"
# The query: a cross join sorted in full; it grew a worker to 6.8 GB inside 10 s.
MEMORY_HOG = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?c ?f LIMIT 1"

# Every way of writing SERVICE that a text filter missed or might miss; {c} is the listener.
SERVICE_SPELLINGS = {
    "plain": "SELECT * WHERE { SERVICE <{c}> { ?s ?p ?o } }",
    "lowercase": "select * where { service <{c}> { ?s ?p ?o } }",
    "mixed case, SILENT": "SELECT * WHERE { SeRvIcE SILENT <{c}> { ?s ?p ?o } }",
    # rdflib expands \u escapes before parsing, pyoxigraph only inside strings and IRIs: a string
    # to rdflib, a SERVICE to pyoxigraph
    "\\u005C ends a string for pyoxigraph only":
        'SELECT * WHERE { ?s ?p ?o FILTER(?o != "a\\u005C") SERVICE <{c}> { ?a ?b ?x } FILTER((?o != "#")\n) }',
    "\\U0000005C in a single-quoted string":
        "SELECT * WHERE { ?s ?p ?o FILTER(?o != 'a\\U0000005C') SERVICE <{c}> { ?a ?b ?x } FILTER((?o != '#')\n) }",
    # pyoxigraph ends a comment at a lone carriage return, rdflib does not
    "after a comment ended by a lone CR": "SELECT * WHERE { ?s ?p ?o #x\rSERVICE <{c}> { ?a ?b ?x } \n}",
    "glued to a dot": "SELECT * WHERE { ?s ?p ?o.SERVICE <{c}> { ?a ?b ?x } }",
    "after an IRI holding U+00A0 and #": "SELECT * WHERE { BIND(<urn:x\u00a0#> AS ?i) SERVICE <{c}> { ?a ?b ?x } }",
    "after an IRI holding U+3000 and #": "SELECT * WHERE { BIND(<urn:x\u3000#> AS ?i) SERVICE <{c}> { ?a ?b ?x } }",
    "comment between keyword and IRI": "SELECT * WHERE { SERVICE # not a comment-only line\n <{c}> { ?s ?p ?o } }",
    "comment glued to the keyword": "SELECT * WHERE { SERVICE#x\n<{c}> { ?s ?p ?o } }",
    "in a subquery": "SELECT * WHERE { { SELECT * WHERE { SERVICE <{c}> { ?s ?p ?o } } } }",
    "in OPTIONAL": "SELECT * WHERE { ?s ?p ?o OPTIONAL { SERVICE <{c}> { ?s ?b ?x } } }",
    "in MINUS": "SELECT * WHERE { ?s ?p ?o MINUS { SERVICE <{c}> { ?s ?b ?x } } }",
    "in FILTER EXISTS": "SELECT * WHERE { ?s ?p ?o FILTER EXISTS { SERVICE <{c}> { ?s ?b ?x } } }",
    "in FILTER NOT EXISTS": "SELECT * WHERE { ?s ?p ?o FILTER NOT EXISTS { SERVICE <{c}> { ?s ?b ?x } } }",
    "in UNION": "SELECT * WHERE { { ?s ?p ?o } UNION { SERVICE <{c}> { ?a ?b ?x } } }",
    "endpoint as a prefixed name": "PREFIX c: <{c}/> SELECT * WHERE { SERVICE c:x { ?s ?p ?o } }",
    "endpoint relative to BASE": "BASE <{c}/> SELECT * WHERE { SERVICE <x> { ?s ?p ?o } }",
    "in ASK": "ASK { SERVICE <{c}> { ?s ?p ?o } }",
    "in CONSTRUCT": "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <{c}> { ?s ?p ?o } }",
    "in DESCRIBE": "DESCRIBE ?s WHERE { SERVICE <{c}> { ?s ?p ?o } }",
}
# Not SERVICE, or not one pyoxigraph reads, but refused all the same.
OTHER_OUTBOUND = {
    "\\u escape": "SELECT * WHERE { \\u0053ERVICE <{c}> { ?s ?p ?o } }",
    "\\U and \\u escapes": "SELECT * WHERE { \\U00000053\\u0045RVICE <{c}> { ?s ?p ?o } }",
    "endpoint from VALUES (pyoxigraph needs a constant)": "SELECT * WHERE { VALUES ?e { <{c}> } SERVICE ?e { ?s ?p ?o } }",
    "FROM": "SELECT * FROM <{c}/data.ttl> WHERE { ?s ?p ?o }",
    "FROM NAMED": "SELECT * FROM NAMED <{c}/g.ttl> WHERE { GRAPH ?g { ?s ?p ?o } }",
    "LOAD": "LOAD <{c}/data.ttl>",
    "LOAD SILENT INTO": "load silent <{c}/data.ttl> into graph <urn:g>",
}


def spell(template: str, canary: str) -> str:
    return template.replace("{c}", canary)


# ---- the counting listener


class Listener(BaseHTTPRequestHandler):
    """Counts every request and answers like an empty SPARQL endpoint."""

    hits: list[str] = []
    lock = threading.Lock()

    def do_GET(self) -> None:
        with Listener.lock:
            Listener.hits.append(f"{self.command} {self.path}")
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        body = b'{"head":{"vars":[]},"results":{"bindings":[]}}'
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def canary():
    with http_server_in_thread(Listener) as url:
        yield url + "/sparql"


def hits() -> int:
    with Listener.lock:
        return len(Listener.hits)


# ---- a real `kg serve`


@pytest.fixture(scope="module")
def server(seed_ttl, tmp_path_factory):
    """`kg serve` in its own process on a free loopback port; yields (host, port)."""
    log = tmp_path_factory.mktemp("serve") / "stderr.txt"
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), KG_QUERIES=str(ROOT / "queries"))
    command = [sys.executable, "-m", "kg", "serve", "--graph", str(seed_ttl), "--port", "0", "--workers", "2",
               "--timeout", "30", "--max-memory", str(MAX_MEMORY_MB), "--allow-host", ALLOWED_HOST,
               "--cors-origin", CORS_ORIGIN]
    with open(log, "wb") as stderr:
        process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=stderr, env=env, cwd=ROOT)
    try:
        deadline = time.monotonic() + 180
        match = None
        while match is None and time.monotonic() < deadline and process.poll() is None:
            time.sleep(0.2)
            match = re.search(r"http://127\.0\.0\.1:(\d+)/sparql", log.read_text(encoding="utf-8", errors="replace"))
        assert match, f"kg serve did not start: {log.read_text(encoding='utf-8', errors='replace')}"
        yield "127.0.0.1", int(match.group(1))
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=30)


def request(server, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None,
            host: str | None = None) -> tuple[int, dict[str, str], str]:
    """(status, headers, body) of one request, with the Host header given (default: the bound address)."""
    address, port = server
    connection = http.client.HTTPConnection(address, port, timeout=120)
    try:
        connection.request(method, path, body, {"Host": host or f"{address}:{port}", **(headers or {})})
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read().decode("utf-8")
    finally:
        connection.close()


def ask(server, query: str, **headers: str) -> tuple[int, dict[str, str], str]:
    return request(server, "GET", "/sparql?" + urllib.parse.urlencode({"query": query}),
                   headers={"Accept": "application/sparql-results+json", **headers})


def still_serving(server) -> None:
    status, _, body = ask(server, ASK)
    assert status == 200 and json.loads(body)["boolean"] is True


# ---- SERVICE and the other outbound requests


@pytest.mark.parametrize("name", list(SERVICE_SPELLINGS))
def test_each_service_spelling_is_a_real_attack(name, canary):
    """Control: pyoxigraph itself, without kg's guard, sends the listener a request."""
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.NamedNode("urn:o")))
    before = hits()
    answer = store.query(spell(SERVICE_SPELLINGS[name], canary))
    if not isinstance(answer, ox.QueryBoolean):
        list(answer)
    assert hits() > before, f"{name}: pyoxigraph made no request, so this spelling proves nothing"


def test_no_service_spelling_reaches_the_listener_through_kg_serve(server, canary):
    before = hits()
    for name, template in {**SERVICE_SPELLINGS, **OTHER_OUTBOUND}.items():
        query = spell(template, canary)
        for status, _, body in (ask(server, query),
                                request(server, "POST", "/sparql", query.encode("utf-8"),
                                        {"Content-Type": "application/sparql-query"}),
                                request(server, "POST", "/sparql", urllib.parse.urlencode({"query": query}).encode(),
                                        {"Content-Type": "application/x-www-form-urlencoded"})):
            assert status in (400, 403), (name, status, body)
            assert "Traceback" not in body
    assert hits() == before, Listener.hits
    still_serving(server)


def test_no_service_spelling_reaches_the_listener_through_kg_query(seed_ttl, canary, capsys):
    before = hits()
    for name, template in {**SERVICE_SPELLINGS, **OTHER_OUTBOUND}.items():
        status = main(["query", spell(template, canary), "--graph", str(seed_ttl), "--format", "json"])
        err = capsys.readouterr().err
        assert status != 0, name
        assert err.startswith("kg query: ") and "Traceback" not in err, (name, err)
    assert hits() == before, Listener.hits


def test_refusals_say_why(server, canary):
    status, _, body = ask(server, spell(SERVICE_SPELLINGS["glued to a dot"], canary))
    assert status == 403 and "SERVICE is not allowed" in body
    status, _, body = ask(server, spell(OTHER_OUTBOUND["FROM NAMED"], canary))
    assert status == 403 and "FROM / FROM NAMED is not allowed" in body
    status, _, body = ask(server, spell(OTHER_OUTBOUND["LOAD"], canary))
    assert status == 403 and "read-only" in body


# ---- Host names and cross-origin reads


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "LOCALHOST", "[::1]", ALLOWED_HOST])
def test_the_names_it_was_bound_for_are_answered(server, host):
    status, _, _ = request(server, "GET", "/sparql?" + urllib.parse.urlencode({"query": ASK}),
                           host=f"{host}:{server[1]}")
    assert status == 200


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example", "localhost.", "kg.example.evil", "[::2]"])
def test_other_host_names_are_refused(server, host):
    """DNS rebinding: a page's own name that resolves to 127.0.0.1 gets nothing, not even the page."""
    for path in ("/sparql?" + urllib.parse.urlencode({"query": ASK}), "/", "/queries"):
        status, _, body = request(server, "GET", path, host=f"{host}:{server[1]}")
        assert status == 421 and "--allow-host" in body and "true" not in body, (path, body)


def test_no_cors_headers_for_other_origins(server):
    status, headers, _ = ask(server, ASK, Origin="https://evil.example")
    assert status == 200 and "access-control-allow-origin" not in headers
    status, headers, _ = ask(server, ASK)
    assert "access-control-allow-origin" not in headers
    status, headers, _ = request(server, "OPTIONS", "/sparql", headers={
        "Origin": "https://evil.example", "Access-Control-Request-Method": "POST"})
    assert status == 403 and "access-control-allow-origin" not in headers


def test_cors_headers_for_an_origin_named_with_cors_origin(server):
    status, headers, _ = ask(server, ASK, Origin=CORS_ORIGIN)
    assert status == 200 and headers["access-control-allow-origin"] == CORS_ORIGIN
    assert "Origin" in headers.get("vary", "")
    status, headers, _ = request(server, "OPTIONS", "/sparql", headers={
        "Origin": CORS_ORIGIN, "Access-Control-Request-Method": "POST"})
    assert status == 204 and headers["access-control-allow-origin"] == CORS_ORIGIN


# ---- memory, bodies, framing, nesting


def test_a_query_past_the_memory_limit_is_stopped_and_its_worker_replaced(server):
    started = time.monotonic()
    status, _, body = ask(server, MEMORY_HOG)
    assert status == 503 and f"{MAX_MEMORY_MB} MB memory limit" in body
    assert time.monotonic() - started < 30  # stopped for memory, not by the time limit
    still_serving(server)
    still_serving(server)  # both workers answer (one of them new)


def test_a_10_mb_body_gets_a_413_the_client_can_read(server):
    body = b"SELECT * WHERE { ?s ?p ?o } #" + b"x" * (10 * 1024 * 1024)
    address, port = server
    try:
        urllib.request.urlopen(urllib.request.Request(f"http://{address}:{port}/sparql", data=body,
                                                      headers={"Content-Type": "application/sparql-query"}), timeout=120)
    except urllib.error.HTTPError as error:
        assert error.code == 413 and "limit" in error.read().decode("utf-8")
    else:
        pytest.fail("a 10 MB body was accepted")
    still_serving(server)


def test_content_length_and_transfer_encoding_together_are_refused(server):
    """Two framings in one request (request smuggling): 400, and nothing after it is read as a request."""
    query = b"ASK { ?s ?p ?o }"
    smuggled = b"GET /sparql?query=ASK%7B%3Fs%3Fp%3Fo%7D HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(query), query)
    raw = (b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
           b"Content-Length: %d\r\nTransfer-Encoding: chunked\r\n\r\n" % len(chunked)) + chunked + smuggled
    with socket.create_connection(server, timeout=60) as connection:
        connection.sendall(raw)
        received = b""
        while True:
            chunk = connection.recv(65536)
            if not chunk:
                break
            received += chunk
    assert received.startswith(b"HTTP/1.1 400") and b"Transfer-Encoding" in received
    assert received.count(b"HTTP/1.1 ") == 1  # the connection was closed: the smuggled request got no answer
    still_serving(server)


def test_a_query_nested_10000_deep_gets_a_clear_error(server):
    query = "SELECT * WHERE " + "{ " * 10_000 + "?s ?p ?o " + "} " * 10_000
    status, _, body = request(server, "POST", "/sparql", query.encode("utf-8"),
                              {"Content-Type": "application/sparql-query"})
    assert status == 400 and "nested too deeply" in body
    nested = "ASK " + "{ " * 50 + "?s ?p ?o " + "} " * 50  # moderately deep queries still run
    status, _, body = request(server, "POST", "/sparql", nested.encode("utf-8"),
                              {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert status == 200 and json.loads(body)["boolean"] is True
    still_serving(server)


# Where two parsers might read a text differently: comments, strings, IRIs, escapes and odd
# whitespace, each with every control character and a few look-alikes put inside.
DIFFERENTIAL_TEMPLATES = [
    "SELECT * WHERE { ?s ?p ?o #x{C}SERVICE <{c}> { ?a ?b ?x } \n}",
    'SELECT * WHERE { ?s ?p ?o FILTER(?o != "a{C}") SERVICE <{c}> { ?a ?b ?x } FILTER((?o != "#")\n) }',
    "SELECT * WHERE { ?s ?p ?o FILTER(?o != 'a{C}') SERVICE <{c}> { ?a ?b ?x } FILTER((?o != '#')\n) }",
    'SELECT * WHERE { ?s ?p ?o FILTER(?o != """a{C}""") SERVICE <{c}> { ?a ?b ?x } FILTER((?o != "#")\n) }',
    "SELECT * WHERE { ?s ?p ?o FILTER(?o != <urn:a{C}>) SERVICE <{c}> { ?a ?b ?x } FILTER((?o != <urn:#>)\n) }",
    "PREFIX e: <urn:e:> SELECT * WHERE { ?s ?p e:a{C} SERVICE <{c}> { ?a ?b ?x } }",
    "SELECT * WHERE {{C}SERVICE <{c}> { ?a ?b ?x } }",
    "SELECT * WHERE { ?s ?p ?o{C}SERVICE <{c}> { ?a ?b ?x } }",
    "SELECT * WHERE { BIND(<urn:x{C}#> AS ?i) SERVICE <{c}> { ?a ?b ?x } }",
    'SELECT * WHERE { BIND("x{C}#" AS ?i) SERVICE <{c}> { ?a ?b ?x } }',
]
DIFFERENTIAL_INSERTS = [chr(i) for i in range(0x21)] + [
    "\x7f", "\x85", "\xa0", "\u2028", "\u2029", "\u3000", "\ufeff", "\\", "\\\\", "\\'", '\\"', "'", '"', "#",
    "\\#", "\\.", "\\n", "\\r", "\\u0022", "\\u0027", "\\u005C", "\\U0000005C", "\\u000A", "\\u000D", "\\u0023",
    "\\u003E", "\\u003C", "\\x",
]


def test_no_inserted_character_lets_a_service_past_the_guard(canary):
    """Whatever the guard lets through, pyoxigraph then runs without sending the listener anything."""
    from kg.sparql.errors import QueryError
    from kg.sparql.guard import check_query

    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:s"), ox.NamedNode("urn:p"), ox.NamedNode("urn:o")))
    passed, leaks = 0, []
    for template in DIFFERENTIAL_TEMPLATES:
        for insert in DIFFERENTIAL_INSERTS:
            query = spell(template.replace("{C}", insert), canary)
            try:
                check_query(query)
            except QueryError:
                continue
            passed += 1
            before = hits()
            try:
                answer = store.query(query)
                if not isinstance(answer, ox.QueryBoolean):
                    list(answer)
            except (SyntaxError, OSError, RuntimeError):
                pass
            if hits() > before:
                leaks.append(query)
    assert leaks == []
    assert passed > 0  # the guard is not simply refusing everything


def test_a_sealed_worker_cannot_connect_anywhere(canary):
    """Behind the guard: a query worker seals itself after loading (no new file or socket), so
    even a SERVICE that got past the checks fails to connect. Shown in a fresh process that
    seals itself as a worker does, then runs a SERVICE on pyoxigraph directly."""
    script = (
        "import pyoxigraph as ox, socket\n"
        "from kg.sparql.pool import seal_worker\n"
        "assert seal_worker()\n"
        "try:\n"
        f"    list(ox.Store().query('SELECT * WHERE {{ SERVICE <{canary}> {{ ?s ?p ?o }} }}'))\n"
        "    print('connected')\n"
        "except OSError as error:\n"
        "    print('refused:', error)\n"
        "try:\n"
        "    socket.create_connection(('127.0.0.1', 9), timeout=1)\n"
        "except OSError as error:\n"
        "    print('socket:', error.errno)\n"
    )
    before = hits()
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(ROOT / "src")))
    assert done.returncode == 0, done.stderr
    assert "refused:" in done.stdout and "Too many open files" in done.stdout
    assert "socket: 24" in done.stdout  # EMFILE: no socket can be made at all
    assert hits() == before
