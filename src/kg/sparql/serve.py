"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint at /sparql, and a query page at /.

Built on the standard library's ThreadingHTTPServer: the endpoint is one route with content
negotiation, and the heavy lifting (and the time limit) lives in `store.WorkerPool`'s child
processes, so a framework would add a dependency without removing any of our code.

Safe to expose: queries only (updates and graph-store writes get 403/405), no outbound
requests (SERVICE, LOAD, FROM refused before execution), a time limit per query (the worker
is killed), a row cap, a request-body cap, and socket timeouts against slow clients.
"""
from __future__ import annotations

import argparse
import json
import signal
import sys
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.sparql import store as kgstore
from kg.sparql.store import QueryError, WorkerPool

HELP = "serve a read-only SPARQL endpoint / 启动 SPARQL 服务"

DEFAULT_PORT = 7878
DEFAULT_MAX_BODY = 64 * 1024
DRAIN_LIMIT = 8 * 1024 * 1024  # oversized bodies up to this are read and dropped before the 413
# rdflib names its default graph so; asking for it is asking for what we serve anyway.
HARMLESS_DEFAULT_GRAPHS = frozenset({"urn:x-rdflib:default"})

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


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--graph", default=str(kgstore.DEFAULT_GRAPH), help="graph file (default: %(default)s)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s, loopback only)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (default: %(default)s; 0 picks a free one)")
    parser.add_argument("--workers", type=int, default=2, help="query worker processes (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=kgstore.DEFAULT_TIMEOUT,
                        help="seconds a query may run before it is stopped (default: %(default)s)")
    parser.add_argument("--max-rows", type=int, default=kgstore.DEFAULT_ROW_CAP,
                        help="most rows or triples an answer may have (default: %(default)s)")
    parser.add_argument("--max-body", type=int, default=DEFAULT_MAX_BODY,
                        help="largest request body in bytes (default: %(default)s)")


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


def load_page() -> str:
    return resources.files("kg").joinpath("templates/query_page.html").read_text(encoding="utf-8")


def saved_queries_json() -> str:
    """The saved queries for the page, safe to embed in a <script> element."""
    items = [
        {"name": q.name, "zh": q.question_zh, "en": q.question_en, "text": q.text,
         "params": [{"name": p.name, "description": p.description, "default": p.default} for p in q.params]}
        for q in kgstore.saved_queries()
    ]
    return json.dumps(items, ensure_ascii=False).replace("</", "<\\/").replace("<!--", "<\\!--")


class SparqlHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_version = "kg-sparql/1"
    timeout = 30  # seconds a client may stall while sending; frees the thread from slow clients
    disable_nagle_algorithm = True  # headers and body go out in two writes: without this, 40 ms delayed-ACK stalls

    # set on the class by make_server
    pool: WorkerPool
    max_body: int = DEFAULT_MAX_BODY
    page: bytes = b""
    quiet: bool = False

    # ---- plumbing

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
        if not self.quiet:
            sys.stderr.write("%s - %s\n" % (self.address_string(), format % args))

    def send_body(self, status: int, body: bytes, media_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_error_text(self, status: int, message: str, extra: dict[str, str] | None = None) -> None:
        self.send_body(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8", extra)

    # ---- routes

    def do_OPTIONS(self) -> None:  # CORS preflight, so YASGUI on another origin can POST
        self.send_body(HTTPStatus.NO_CONTENT, b"", "text/plain", {
            "Access-Control-Allow-Methods": "GET, POST, OPTIONS",
            "Access-Control-Allow-Headers": "Content-Type, Accept",
            "Access-Control-Max-Age": "600",
        })

    def do_HEAD(self) -> None:
        self.do_GET()

    def do_GET(self) -> None:
        url = urlsplit(self.path)
        if url.path in ("/", "/index.html"):
            self.send_body(HTTPStatus.OK, self.page, "text/html; charset=utf-8")
            return
        if url.path == "/queries":
            self.send_body(HTTPStatus.OK, saved_queries_json().encode("utf-8"), "application/json; charset=utf-8")
            return
        if url.path != "/sparql":
            self.send_error_text(HTTPStatus.NOT_FOUND, f"not found: {url.path}; the endpoint is /sparql")
            return
        params = parse_qs(url.query, keep_blank_values=True)
        if "update" in params:
            self.send_error_text(HTTPStatus.FORBIDDEN, "SPARQL Update is not allowed: this endpoint is read-only / 只读服务")
            return
        if "query" not in params:
            if not url.query:  # a browser visiting /sparql gets the page
                self.send_body(HTTPStatus.OK, self.page, "text/html; charset=utf-8")
                return
            self.send_error_text(HTTPStatus.BAD_REQUEST, "missing the `query` parameter / 缺少 query 参数")
            return
        self.answer(params, params["query"][0])

    def do_POST(self) -> None:
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self.send_error_text(HTTPStatus.METHOD_NOT_ALLOWED, "read-only: no graph-store writes / 只读服务",
                                 {"Allow": "GET, HEAD, OPTIONS"})
            self.close_connection = True
            return
        length_header = self.headers.get("Content-Length")
        if length_header is None:
            self.send_error_text(HTTPStatus.LENGTH_REQUIRED, "Content-Length is required")
            self.close_connection = True
            return
        try:
            length = int(length_header)
        except ValueError:
            length = -1
        if length < 0:
            self.send_error_text(HTTPStatus.BAD_REQUEST, "bad Content-Length")
            self.close_connection = True
            return
        if length > self.max_body:
            # Drain a moderately large body so the client can read our answer; beyond that, just close.
            if length <= DRAIN_LIMIT:
                self._discard(length)
            self.send_error_text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                                 f"request body of {length} bytes is over the {self.max_body}-byte limit / 请求体过大")
            self.close_connection = True
            return
        body = self.rfile.read(length)
        media = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        params = parse_qs(url.query, keep_blank_values=True)
        if media == "application/sparql-update":
            self.send_error_text(HTTPStatus.FORBIDDEN, "SPARQL Update is not allowed: this endpoint is read-only / 只读服务")
            return
        if media == "application/sparql-query":
            text = body.decode("utf-8", errors="replace")
        elif media in ("application/x-www-form-urlencoded", ""):
            form = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
            if "update" in form:
                self.send_error_text(HTTPStatus.FORBIDDEN, "SPARQL Update is not allowed: this endpoint is read-only / 只读服务")
                return
            if "query" not in form:
                self.send_error_text(HTTPStatus.BAD_REQUEST, "missing the `query` field / 缺少 query 字段")
                return
            for key, values in form.items():
                params.setdefault(key, []).extend(values)
            text = form["query"][0]
        else:
            self.send_error_text(HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                                 f"unsupported Content-Type {media!r}; use application/sparql-query or a form")
            return
        self.answer(params, text)

    def _discard(self, length: int) -> None:
        try:
            while length > 0:
                chunk = self.rfile.read(min(length, 65536))
                if not chunk:
                    break
                length -= len(chunk)
        except OSError:
            pass

    def refuse_write(self) -> None:
        self.send_error_text(HTTPStatus.METHOD_NOT_ALLOWED, "read-only: no graph-store writes / 只读服务",
                             {"Allow": "GET, HEAD, POST, OPTIONS"})
        self.close_connection = True

    do_PUT = do_DELETE = do_PATCH = refuse_write

    # ---- the query itself

    def answer(self, params: dict[str, list[str]], text: str) -> None:
        graphs = set(params.get("default-graph-uri", []) + params.get("named-graph-uri", [])) - HARMLESS_DEFAULT_GRAPHS
        if graphs:
            self.send_error_text(HTTPStatus.FORBIDDEN,
                                 "default-graph-uri / named-graph-uri are not allowed: the dataset is fixed / 不支持指定数据集")
            return
        try:
            form = kgstore.check_query(text)
            fmt = choose_format(form, params.get("format", [""])[0], self.headers.get("Accept", ""))
            answer = self.pool.query(text, fmt)
        except QueryError as error:
            extra = {"Retry-After": "1"} if error.status == 503 else None
            self.send_error_text(error.status, error.message, extra)
            return
        self.send_body(HTTPStatus.OK, answer.body, answer.media_type)


class SparqlServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 64


def make_server(graph: str, host: str = "127.0.0.1", port: int = DEFAULT_PORT, workers: int = 2,
                timeout: float = kgstore.DEFAULT_TIMEOUT, max_rows: int = kgstore.DEFAULT_ROW_CAP,
                max_body: int = DEFAULT_MAX_BODY, quiet: bool = False) -> tuple[SparqlServer, WorkerPool]:
    """A ready server (not yet serving) and its worker pool; the caller closes both."""
    pool = WorkerPool(graph, size=workers, timeout=timeout, row_cap=max_rows)
    page = load_page().replace("__SAVED_QUERIES__", saved_queries_json()).encode("utf-8")
    handler = type("Handler", (SparqlHandler,), {"pool": pool, "max_body": max_body, "page": page, "quiet": quiet})
    try:
        server = SparqlServer((host, port), handler)
    except OSError:
        pool.close()
        raise
    return server, pool


def run(args: argparse.Namespace) -> int:
    if not Path(args.graph).is_file():
        print(f"kg serve: {args.graph}: graph file not found; run `kg build` first / 找不到图谱文件", file=sys.stderr)
        return 2
    try:
        server, pool = make_server(args.graph, args.host, args.port, args.workers, args.timeout, args.max_rows, args.max_body)
    except kgstore.GraphLoadError as error:
        print(f"kg serve: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"kg serve: cannot listen on {args.host}:{args.port}: {error.strerror or error}", file=sys.stderr)
        return 2
    host, port = server.server_address[:2]
    print(f"kg serve: {pool.triples} triples from {args.graph}; SPARQL endpoint http://{host}:{port}/sparql , "
          f"query page http://{host}:{port}/ (Ctrl-C to stop / 按 Ctrl-C 停止)", file=sys.stderr, flush=True)
    def stop(signum: int, frame: object) -> None:  # SIGTERM stops cleanly, like Ctrl-C
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        pool.close()
    return 0
