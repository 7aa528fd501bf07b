"""`kg serve`: a read-only SPARQL 1.1 Protocol endpoint at /sparql, and a query page at /.

Built on the standard library's ThreadingHTTPServer: the endpoint is one route with content
negotiation, and the heavy lifting (and the time and memory limits) lives in `pool.WorkerPool`'s
child processes, so a framework would add a dependency without removing any of our code.

Safe to expose (docs/security.md lists each promise and the test that holds it): queries only
(updates and graph-store writes get 403/405), no outbound requests (SERVICE, LOAD, FROM
refused on the parsed query, before execution), only the Host names it was bound for (against
DNS rebinding), CORS only for the origins named with --cors-origin, a time and a memory limit
per query (the worker is killed), a row cap, a request-body cap, one framing per request (not
both Content-Length and Transfer-Encoding), and socket timeouts against slow clients.
"""
from __future__ import annotations

import argparse
import json
import signal
import sys
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from kg.sparql import saved
from kg.sparql.errors import GraphLoadError, QueryError
from kg.sparql.pool import DEFAULT_MAX_MEMORY, WorkerPool
from kg.sparql.store import DEFAULT_GRAPH, DEFAULT_ROW_CAP, DEFAULT_TIMEOUT

HELP = "serve a read-only SPARQL endpoint / 启动 SPARQL 服务"

DEFAULT_PORT = 7878
DEFAULT_MAX_BODY = 64 * 1024
# After a 413 the rest of an oversized body is read and dropped (up to this much, for at most
# DRAIN_SECONDS), so the client finishes sending and reads the answer instead of a reset.
DRAIN_LIMIT = 64 * 1024 * 1024
DRAIN_SECONDS = 10.0
# Host names always answered: the loopback names; the bound address and --allow-host add more.
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "[::1]")
# rdflib names its default graph so; asking for it is asking for what we serve anyway.
HARMLESS_DEFAULT_GRAPHS = frozenset({"urn:x-rdflib:default"})


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--graph", default=str(DEFAULT_GRAPH), help="graph file (default: %(default)s)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default: %(default)s, loopback only)")
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help="port (default: %(default)s; 0 picks a free one)")
    parser.add_argument("--workers", type=int, default=2, help="query worker processes (default: %(default)s)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        help="seconds a query may run before it is stopped (default: %(default)s)")
    parser.add_argument("--max-rows", type=int, default=DEFAULT_ROW_CAP,
                        help="most rows or triples an answer may have (default: %(default)s)")
    parser.add_argument("--max-body", type=int, default=DEFAULT_MAX_BODY,
                        help="largest request body in bytes (default: %(default)s)")
    parser.add_argument("--max-memory", type=int, default=DEFAULT_MAX_MEMORY >> 20, metavar="MB",
                        help="most resident memory a query worker may use, graph included (default: %(default)s MB)")
    parser.add_argument("--allow-host", action="append", default=[], metavar="NAME",
                        help="also answer requests whose Host header names NAME (repeatable; "
                             "127.0.0.1, localhost, [::1] and --host are always answered)")
    parser.add_argument("--cors-origin", action="append", default=[], metavar="ORIGIN",
                        help="let web pages from ORIGIN (e.g. https://yasgui.example) read answers (repeatable; "
                             "default: no cross-origin access)")


def host_name(header: str) -> str:
    """The name in a Host header, without the port, lower-cased: `[::1]:7878` -> `[::1]`."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[: header.find("]") + 1] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def allowed_hosts(bound: str, extra: list[str] | tuple[str, ...] = ()) -> frozenset[str]:
    """The Host names the server answers: loopback, the address it was bound to, and `extra`."""
    names = set(LOOPBACK_HOSTS)
    for name in (bound, *extra):
        name = name.strip().lower()
        if not name or name in ("0.0.0.0", "::"):  # "every interface" is not a name a client sends
            continue
        names.add(f"[{name}]" if ":" in name and not name.startswith("[") else name)
    return frozenset(names)


def load_page() -> str:
    return resources.files("kg").joinpath("templates/query_page.html").read_text(encoding="utf-8")


def saved_queries_json() -> str:
    """The saved queries for the page, safe to embed in a <script> element."""
    items = [
        {"name": q.name, "zh": q.question_zh, "en": q.question_en, "text": q.text,
         "params": [{"name": p.name, "description": p.description, "default": p.default} for p in q.params]}
        for q in saved.saved_queries()
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
    hosts: frozenset[str] = frozenset(LOOPBACK_HOSTS)
    cors_origins: frozenset[str] = frozenset()

    # ---- plumbing

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (stdlib signature)
        if not self.quiet:
            sys.stderr.write("%s - %s\n" % (self.address_string(), format % args))

    def send_body(self, status: int, body: bytes, media_type: str, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in self.cors_headers().items():
            self.send_header(name, value)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        for name, value in (extra or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def send_error_text(self, status: int, message: str, extra: dict[str, str] | None = None) -> None:
        self.send_body(status, (message + "\n").encode("utf-8"), "text/plain; charset=utf-8", extra)

    def cors_headers(self) -> dict[str, str]:
        """CORS headers for an Origin named with --cors-origin; none for any other."""
        origin = self.headers.get("Origin")
        if origin is None or not self.cors_origins:
            return {}
        if "*" in self.cors_origins:
            return {"Access-Control-Allow-Origin": "*"}
        if origin in self.cors_origins:
            return {"Access-Control-Allow-Origin": origin, "Vary": "Origin"}
        return {}

    def parse_request(self) -> bool:
        """The standard parsing, then the checks every request passes before any route."""
        if not super().parse_request():
            return False
        host = self.headers.get("Host")
        if host is None:
            self.send_error_text(HTTPStatus.BAD_REQUEST, "the Host header is required")
            self.close_connection = True
            return False
        if host_name(host) not in self.hosts:
            # A name we were not bound for: a DNS-rebinding page, or a proxy nobody configured.
            self.send_error_text(HTTPStatus.MISDIRECTED_REQUEST,
                                 f"Host {host_name(host)!r} is not served here; start `kg serve` with "
                                 f"--allow-host {host_name(host)} to answer it / 不接受该主机名")
            self.close_connection = True
            return False
        if self.headers.get("Transfer-Encoding") is not None and self.headers.get("Content-Length") is not None:
            # Two framings: a proxy may read the body one way and this server the other (request smuggling).
            self.send_error_text(HTTPStatus.BAD_REQUEST,
                                 "a request may not have both Content-Length and Transfer-Encoding / 请求头冲突")
            self.close_connection = True
            return False
        return True

    # ---- routes

    def do_OPTIONS(self) -> None:  # CORS preflight, for YASGUI on an origin named with --cors-origin
        if not self.cors_headers():
            self.send_error_text(HTTPStatus.FORBIDDEN,
                                 "cross-origin requests are not allowed from this origin; "
                                 "start `kg serve` with --cors-origin ORIGIN / 不允许跨域访问")
            return
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
            self.send_error_text(HTTPStatus.LENGTH_REQUIRED, "Content-Length is required (no chunked bodies)")
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
            self.send_error_text(HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                                 f"request body of {length} bytes is over the {self.max_body}-byte limit / 请求体过大",
                                 {"Connection": "close"})
            self.wfile.flush()
            self._discard(min(length, DRAIN_LIMIT))  # so the client can finish sending and read the 413
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
        deadline = time.monotonic() + DRAIN_SECONDS
        try:
            while length > 0 and time.monotonic() < deadline:
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
            # the worker checks the query (guard.py), runs it, and picks the format for its form
            answer = self.pool.query(text, params.get("format", [""])[0], self.headers.get("Accept", ""))
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
                timeout: float = DEFAULT_TIMEOUT, max_rows: int = DEFAULT_ROW_CAP,
                max_body: int = DEFAULT_MAX_BODY, quiet: bool = False, max_memory: int | None = DEFAULT_MAX_MEMORY,
                allow_hosts: tuple[str, ...] = (), cors_origins: tuple[str, ...] = ()) -> tuple[SparqlServer, WorkerPool]:
    """A ready server (not yet serving) and its worker pool; the caller closes both."""
    pool = WorkerPool(graph, size=workers, timeout=timeout, row_cap=max_rows, max_memory=max_memory)
    page = load_page().replace("__SAVED_QUERIES__", saved_queries_json()).encode("utf-8")
    handler = type("Handler", (SparqlHandler,), {
        "pool": pool, "max_body": max_body, "page": page, "quiet": quiet,
        "hosts": allowed_hosts(host, allow_hosts), "cors_origins": frozenset(cors_origins)})
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
        server, pool = make_server(args.graph, args.host, args.port, args.workers, args.timeout, args.max_rows,
                                   args.max_body, max_memory=args.max_memory << 20,
                                   allow_hosts=tuple(args.allow_host), cors_origins=tuple(args.cors_origin))
    except GraphLoadError as error:
        print(f"kg serve: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"kg serve: cannot listen on {args.host}:{args.port}: {error.strerror or error}", file=sys.stderr)
        return 2
    host, port = server.server_address[:2]
    print(f"kg serve: {pool.triples} triples from {args.graph}; SPARQL endpoint http://{host}:{port}/sparql , "
          f"query page http://{host}:{port}/ (Ctrl-C to stop / 按 Ctrl-C 停止)", file=sys.stderr, flush=True)
    if args.host in ("0.0.0.0", "::", "") and not args.allow_host:
        print("kg serve: listening on every interface, but only Host names 127.0.0.1, localhost and [::1] are "
              "answered; add --allow-host NAME for the name or address clients use", file=sys.stderr, flush=True)

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
