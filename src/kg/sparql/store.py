"""The query store: a built graph loaded into pyoxigraph, safe SPARQL execution, result formats.

Why pyoxigraph: `bench/bench_query.py` measures it against rdflib's default in-memory store
and oxrdflib on every saved query; it is the fastest by a wide margin (see docs/querying.md).
rdflib stays the graph API for the rest of `kg`; this module only answers queries.

Safety (the endpoint may be exposed): a query is checked *before* execution. Updates, SERVICE,
LOAD and dataset clauses (FROM / FROM NAMED) are refused, because rdflib follows SERVICE,
FROM <url> and LOAD, and pyoxigraph follows SERVICE with no switch to stop it. Neither engine
has a timeout, so `WorkerPool` runs queries in child processes that can be killed.
"""
from __future__ import annotations

import csv
import io
import json
import multiprocessing
import os
import queue
import re
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox

from kg.graph.namespace import PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
DEFAULT_GRAPH = Path("output") / "graph.ttl"
DEFAULT_ROW_CAP = 10_000
DEFAULT_TIMEOUT = 10.0

# ---------------------------------------------------------------------------------------------
# Errors: each carries the HTTP status the endpoint answers with and a one-line message.


class QueryError(Exception):
    """A query that cannot be answered; `status` is the HTTP status to answer with."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class QueryRefused(QueryError):
    """Not allowed on a read-only, no-outbound-request endpoint."""

    status = 403


class QuerySyntaxError(QueryError):
    """Malformed SPARQL; `line` and `column` are 1-based when known."""

    status = 400

    def __init__(self, message: str, line: int | None = None, column: int | None = None, source: str = "") -> None:
        super().__init__(message)
        self.line, self.column, self.source = line, column, source

    def pointer(self) -> str:
        """The offending line with a caret under the column, for terminals."""
        if not self.line or not self.source:
            return ""
        lines = self.source.splitlines() or [""]
        text = lines[self.line - 1] if self.line <= len(lines) else ""
        col = max(1, self.column or 1)
        pad = "".join("\t" if ch == "\t" else ("  " if _wide(ch) else " ") for ch in text[: col - 1])
        return f"{text}\n{pad}^"


class QueryTooLarge(QueryError):
    """The answer has more rows (or triples) than the cap allows."""

    status = 422


class QueryTimeout(QueryError):
    """The query ran past the time limit and its worker was killed."""

    status = 503


class ServerBusy(QueryError):
    """No worker became free in time."""

    status = 503


class GraphLoadError(Exception):
    """The graph file is missing or not valid Turtle (message names the file)."""


# ---------------------------------------------------------------------------------------------
# Safety checks, before any engine sees the query.

# Words that only occur in SPARQL Update, plus the query features that make requests.
UPDATE_KEYWORDS = frozenset({"INSERT", "DELETE", "LOAD", "CLEAR", "DROP", "CREATE", "ADD", "MOVE", "COPY", "WITH"})
OUTBOUND_KEYWORDS = {"SERVICE": "SERVICE", "FROM": "FROM / FROM NAMED"}
QUERY_FORMS = ("SELECT", "ASK", "CONSTRUCT", "DESCRIBE")

_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*(?:'''|$)
              |\"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\"|$)
              |'(?:[^'\\\n]|\\.)*'?
              |"(?:[^"\\\n]|\\.)*"?)
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<word>[?$@]?[^\s{}()\[\];,<>"'=!&|+*/^?$@\#]+)
  | (?P<other>.)
    """,
    re.VERBOSE | re.DOTALL,
)
_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


def _bare_words(text: str) -> list[str]:
    """Upper-cased keywords outside comments, strings and IRIs.

    Variables (?x $x), language tags (@zh), prefixed names (kg:x) and blank nodes (_:b) are
    not keywords, so `?from` or `kg:service` never trip the check.
    """
    words = []
    for match in _TOKEN.finditer(text):
        word = match.group("word")
        if not word or word[0] in "?$@" or ":" in word:
            continue
        words.append(word.rstrip(".").upper())
    return words


def _decode_codepoints(text: str) -> str:
    return _CODEPOINT.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), text)


def check_query(text: str) -> str:
    """Refuse what a read-only endpoint must not run; returns the query form (SELECT, ...).

    Raises QueryRefused for updates and outbound requests, QuerySyntaxError when no query
    form is found. The check is deliberately conservative: it looks at the text as written
    and with \\u escapes decoded, and refuses if either shows a forbidden keyword.
    """
    variants = [_bare_words(text)]
    if "\\u" in text or "\\U" in text:
        variants.append(_bare_words(_decode_codepoints(text)))
    for words in variants:
        for word in words:
            if word in UPDATE_KEYWORDS:
                raise QueryRefused(f"SPARQL Update ({word}) is not allowed: this endpoint is read-only / 只读服务，不接受更新操作")
            if word in OUTBOUND_KEYWORDS:
                raise QueryRefused(
                    f"{OUTBOUND_KEYWORDS[word]} is not allowed: queries run only against the loaded graph, "
                    "without outbound requests / 不允许访问外部数据源"
                )
    form = next((w for w in variants[0] if w in QUERY_FORMS), None)
    if form is None:
        raise QuerySyntaxError("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE / 不是 SPARQL 查询")
    return form


_LOCATION = re.compile(r"error at (\d+):(\d+):?\s*(.*)", re.DOTALL)


def syntax_error(error: SyntaxError, source: str) -> QuerySyntaxError:
    """Turn pyoxigraph's parser message into a short one that names line and column."""
    text = str(error)
    match = _LOCATION.search(text)
    if not match:
        return QuerySyntaxError(f"syntax error: {text.splitlines()[0] if text else 'invalid query'}", source=source)
    line, column, detail = int(match.group(1)), int(match.group(2)), match.group(3)
    # pyoxigraph lists every acceptable character class; keep the readable alternatives.
    detail = re.sub(r"\s+", " ", detail)
    detail = re.sub(r"\[[^\]]*\]", "", detail)
    detail = re.sub(r"(,\s*)+", ", ", detail).strip(" ,")
    if len(detail) > 120:
        detail = detail[:117] + "..."
    return QuerySyntaxError(f"syntax error at line {line}, column {column}: {detail}", line, column, source)


# ---------------------------------------------------------------------------------------------
# Loading: once per process, keyed by the file's identity so a rebuilt graph is reloaded.

_STORES: dict[str, tuple[tuple[int, int], ox.Store]] = {}
_STORES_LOCK = threading.Lock()


def load_store(path: str | os.PathLike) -> ox.Store:
    """The graph at `path` (Turtle, N-Triples, ...) loaded into an in-memory pyoxigraph store.

    Cached per process: a second call with an unchanged file returns the same store.
    """
    graph_path = Path(path)
    try:
        stat = graph_path.stat()
    except OSError:
        raise GraphLoadError(f"{graph_path}: graph file not found; run `kg build` first / 找不到图谱文件") from None
    key, identity = str(graph_path.resolve()), (stat.st_mtime_ns, stat.st_size)
    with _STORES_LOCK:
        cached = _STORES.get(key)
        if cached and cached[0] == identity:
            return cached[1]
        fmt = ox.RdfFormat.from_extension(graph_path.suffix.lstrip(".")) or ox.RdfFormat.TURTLE
        store = ox.Store()
        try:
            store.bulk_load(path=str(graph_path), format=fmt)
        except (SyntaxError, ValueError, OSError) as error:
            first = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise GraphLoadError(f"{graph_path}: cannot load graph: {first}") from None
        _STORES[key] = (identity, store)
        return store


# ---------------------------------------------------------------------------------------------
# Execution and results.


@dataclass
class QueryResult:
    """The materialised answer of one query (bounded by the row cap)."""

    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[object | None, ...]] = field(default_factory=list)  # SELECT
    triples: list[ox.Triple] = field(default_factory=list)  # CONSTRUCT / DESCRIBE
    boolean: bool | None = None  # ASK

    @property
    def size(self) -> int:
        return len(self.rows) if self.form == "SELECT" else len(self.triples)


def execute(store: ox.Store, text: str, row_cap: int | None = DEFAULT_ROW_CAP) -> QueryResult:
    """Check and run one query; at most `row_cap` rows or triples (None: no cap)."""
    form = check_query(text)
    try:
        answer = store.query(text)
    except SyntaxError as error:
        raise syntax_error(error, text) from None
    except OSError as error:  # evaluation errors surface as OSError in pyoxigraph
        raise QueryError(f"query failed: {str(error).splitlines()[0]}") from None
    try:
        if isinstance(answer, ox.QueryBoolean):
            return QueryResult("ASK", boolean=bool(answer))
        if isinstance(answer, ox.QuerySolutions):
            names = [v.value for v in answer.variables]
            return QueryResult("SELECT", variables=names, rows=_solution_rows(answer, len(names), row_cap))
        triples = []
        for triple in answer:
            if row_cap is not None and len(triples) >= row_cap:
                raise QueryTooLarge(_too_large(row_cap, "triples"))
            triples.append(triple)
        return QueryResult("DESCRIBE" if form == "DESCRIBE" else "CONSTRUCT", triples=triples)
    except OSError as error:
        raise QueryError(f"query failed: {str(error).splitlines()[0]}") from None


class _RowsTooMany(Exception):
    """Raised inside pyoxigraph's serializer to stop it once the row cap is passed."""


class _TsvSink:
    """A binary writer for `QuerySolutions.serialize` that counts lines and stops past the cap."""

    def __init__(self, row_cap: int | None) -> None:
        self.chunks: list[bytes] = []
        self.lines = 0
        self.max_lines = None if row_cap is None else row_cap + 1  # the header line, then one per row

    def write(self, data) -> int:
        chunk = bytes(data)
        self.chunks.append(chunk)
        if self.max_lines is not None:
            self.lines += chunk.count(b"\n")
            if self.lines > self.max_lines:
                raise _RowsTooMany
        return len(chunk)

    def flush(self) -> None:
        pass


def _solution_rows(answer: ox.QuerySolutions, width: int, row_cap: int | None) -> list[tuple[object | None, ...]]:
    """Every solution as a tuple of terms (None where unbound); QueryTooLarge past `row_cap`.

    Asking pyoxigraph for each cell (`solution[i]`) makes a new Python term per cell, about a
    microsecond each: on a 10,000-row answer that is a fifth of the query's time. Instead the
    solutions are written as SPARQL TSV by pyoxigraph itself (streamed, stopped as soon as the
    cap is passed), and each distinct cell is parsed back once, so equal terms are one object.
    TSV writes every term in N-Triples syntax with tabs and newlines escaped, so a line is a
    row and a tab separates cells; the round trip gives back equal terms (tests check it).
    """
    if width == 0:  # no columns: TSV lines would be empty either way; count solutions instead
        rows = []
        for _ in answer:
            if row_cap is not None and len(rows) >= row_cap:
                raise QueryTooLarge(_too_large(row_cap, "rows"))
            rows.append(())
        return rows
    sink = _TsvSink(row_cap)
    try:
        answer.serialize(sink, ox.QueryResultsFormat.TSV)
    except _RowsTooMany:
        raise QueryTooLarge(_too_large(row_cap or 0, "rows")) from None
    lines = b"".join(sink.chunks).decode("utf-8").split("\n")
    del lines[0]  # the header: ?name per column, in the order of `answer.variables`
    if lines and lines[-1] == "":
        lines.pop()  # after the last line's newline
    cells = [line.split("\t") for line in lines]
    distinct: set[str] = set()
    for row in cells:
        distinct.update(row)
    distinct.discard("")  # an unbound cell
    terms: dict[str, object | None] = {"": None}
    if distinct:
        tokens = list(distinct)
        parsed = ox.parse_query_results(("?t\n" + "\n".join(tokens) + "\n").encode("utf-8"), ox.QueryResultsFormat.TSV)
        terms.update(zip(tokens, (solution[0] for solution in parsed)))
    term = terms.__getitem__
    return [tuple(map(term, row)) for row in cells]


def _too_large(cap: int, what: str) -> str:
    return f"the answer has more than {cap} {what}; add LIMIT or narrow the query / 结果超过 {cap} 行，请加 LIMIT"


# Result formats: name -> (media type, applies to graphs?)
SOLUTION_FORMATS: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
GRAPH_FORMATS: dict[str, tuple[str, ox.RdfFormat]] = {
    "turtle": ("text/turtle", ox.RdfFormat.TURTLE),
    "ntriples": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "rdfxml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
}


def term_json(term: object) -> dict[str, str]:
    """One RDF term in the SPARQL 1.1 Query Results JSON format."""
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": str(term)}  # RDF-star; not produced by our graphs


def term_text(term: object | None) -> str:
    """A term as plain text (the CSV results format): IRIs and lexical forms, no markup."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if hasattr(term, "value") else str(term)


def term_ntriples(term: object | None) -> str:
    """A term in N-Triples syntax (the TSV results format)."""
    return "" if term is None else str(term)


def _xml_term(term: object) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{xml_escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{xml_escape(term.value)}</bnode>"
    if isinstance(term, ox.Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{xml_escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return f"<literal datatype={quoteattr(term.datatype.value)}>{xml_escape(term.value)}</literal>"
        return f"<literal>{xml_escape(term.value)}</literal>"
    return f"<literal>{xml_escape(str(term))}</literal>"


def serialize(result: QueryResult, fmt: str) -> tuple[bytes, str]:
    """Bytes and media type of `result` in format `fmt` (see SOLUTION_FORMATS / GRAPH_FORMATS)."""
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        media, rdf_format = GRAPH_FORMATS.get(fmt, GRAPH_FORMATS["turtle"])
        prefixes = {p: str(ns) for p, ns in PREFIXES.items()} if rdf_format in (ox.RdfFormat.TURTLE,) else None
        body = ox.serialize(result.triples, format=rdf_format, prefixes=prefixes) if result.triples or rdf_format != ox.RdfFormat.JSON_LD else b"[]"
        charset = "" if fmt == "rdfxml" else "; charset=utf-8"
        return body, media + charset
    media = SOLUTION_FORMATS.get(fmt, SOLUTION_FORMATS["json"])
    if fmt == "xml":
        body = _solutions_xml(result)
    elif fmt in ("csv", "tsv"):
        body = _solutions_delimited(result, fmt)
    else:
        body = _solutions_json(result)
    return body.encode("utf-8"), media + "; charset=utf-8"


def _solutions_json(result: QueryResult) -> str:
    if result.form == "ASK":
        return json.dumps({"head": {}, "boolean": bool(result.boolean)}, ensure_ascii=False)
    bindings = [
        {name: term_json(term) for name, term in zip(result.variables, row) if term is not None} for row in result.rows
    ]
    return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}}, ensure_ascii=False)


def _solutions_xml(result: QueryResult) -> str:
    out = ['<?xml version="1.0"?>', '<sparql xmlns="http://www.w3.org/2005/sparql-results#">']
    if result.form == "ASK":
        out += ["<head/>", f"<boolean>{'true' if result.boolean else 'false'}</boolean>", "</sparql>"]
        return "\n".join(out) + "\n"
    out.append("<head>" + "".join(f"<variable name={quoteattr(v)}/>" for v in result.variables) + "</head>")
    out.append("<results>")
    for row in result.rows:
        cells = "".join(
            f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>" for v, t in zip(result.variables, row) if t is not None
        )
        out.append(f"<result>{cells}</result>")
    out += ["</results>", "</sparql>"]
    return "\n".join(out) + "\n"


def _solutions_delimited(result: QueryResult, fmt: str) -> str:
    if result.form == "ASK":
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in result.variables)]
        lines += ["\t".join(term_ntriples(t) for t in row) for row in result.rows]
        return "\n".join(lines) + "\n"
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(result.variables)
    writer.writerows([term_text(t) for t in row] for row in result.rows)
    return buffer.getvalue()


# ---------------------------------------------------------------------------------------------
# Saved queries (queries/*.rq) and their parameters.


@dataclass(frozen=True)
class QueryParam:
    """A parameter declared as `# param: name = description` and defaulted by `VALUES ?name { … }`."""

    name: str
    description: str
    default: str  # as written in the query, e.g. "花溪区"@zh or 2025


@dataclass(frozen=True)
class SavedQuery:
    name: str
    path: Path
    question_zh: str
    question_en: str
    params: tuple[QueryParam, ...]
    text: str


_HEADER = re.compile(r"^#\s*(问题|Question|param)\s*[:：]\s*(.*)$")


def _values_clause(name: str) -> re.Pattern[str]:
    return re.compile(r"VALUES\s+\?" + re.escape(name) + r"\s*\{\s*([^{}]*?)\s*\}")


def parse_saved_query(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    zh = en = ""
    params = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if not match:
            continue
        kind, value = match.group(1), match.group(2).strip()
        if kind == "问题":
            zh = value
        elif kind == "Question":
            en = value
        else:
            name, _, description = value.partition("=")
            name = name.strip()
            default = _values_clause(name).search(text)
            params.append(QueryParam(name, description.strip(), default.group(1) if default else ""))
    return SavedQuery(path.stem, path, zh, en, tuple(params), text)


def queries_dir() -> Path:
    """Where saved queries live: $KG_QUERIES, ./queries, or the repository's queries/."""
    env = os.environ.get("KG_QUERIES")
    if env:
        return Path(env)
    local = Path("queries")
    if local.is_dir():
        return local
    return Path(__file__).resolve().parents[3] / "queries"


def saved_queries(directory: Path | None = None) -> list[SavedQuery]:
    folder = directory or queries_dir()
    return [parse_saved_query(p) for p in sorted(folder.glob("*.rq"))] if folder.is_dir() else []


def find_saved_query(name: str, directory: Path | None = None) -> SavedQuery | None:
    folder = directory or queries_dir()
    path = folder / f"{name.removesuffix('.rq')}.rq"
    return parse_saved_query(path) if path.is_file() else None


_INTEGER = re.compile(r"[+-]?\d+")
_DECIMAL = re.compile(r"[+-]?(\d+\.\d*|\.\d+|\d+)")
_IRI_CHARS = re.compile(r'[^<>"{}|^`\\\s]+')


def sparql_literal(value: str, like: str) -> str:
    """`value` written as a SPARQL term of the same kind as the default `like`.

    Strings keep the default's language tag or datatype; numbers must parse as numbers.
    The result is a single, properly escaped term, so a value cannot change the query.
    """
    if any(ord(ch) < 0x20 for ch in value) or "\\" in value:
        raise QueryError("parameter values may not contain control characters or backslashes / 参数值含非法字符")
    like = like.strip()
    if like.startswith(("\"", "'")):
        quote = like[0]
        end = like.rfind(quote)
        suffix = like[end + 1 :] if end > 0 else ""
        return '"' + value.replace('"', '\\"') + '"' + suffix
    if like.startswith("<"):
        if not _IRI_CHARS.fullmatch(value):
            raise QueryError(f"not an IRI: {value!r}")
        return f"<{value}>"
    if _INTEGER.fullmatch(like):
        if not _INTEGER.fullmatch(value.strip()):
            raise QueryError(f"expected an integer, got {value!r} / 需要整数")
        return str(int(value))
    if _DECIMAL.fullmatch(like):
        try:
            return str(Decimal(value.strip()))
        except InvalidOperation:
            raise QueryError(f"expected a number, got {value!r} / 需要数字") from None
    return '"' + value.replace('"', '\\"') + '"'


def apply_params(text: str, values: dict[str, str], declared: Sequence[QueryParam] = ()) -> str:
    """Replace the default in `VALUES ?name { … }` by each given value, safely written."""
    for name, value in values.items():
        if declared and name not in {p.name for p in declared}:
            known = ", ".join(p.name for p in declared) or "none"
            raise QueryError(f"unknown parameter {name!r}; this query takes: {known} / 未知参数")
        pattern = _values_clause(name)
        match = pattern.search(text)
        if not match:
            raise QueryError(f"unknown parameter {name!r}: the query has no `VALUES ?{name} {{ … }}` / 未知参数")
        term = sparql_literal(value, match.group(1))
        text = text[: match.start()] + f"VALUES ?{name} {{ {term} }}" + text[match.end() :]
    return text


# ---------------------------------------------------------------------------------------------
# Worker processes: the only dependable time limit is a process that can be killed.


def _worker_main(graph_path: str, conn) -> None:  # runs in the child process
    try:
        store = load_store(graph_path)
        conn.send(("ready", len(store)))
    except GraphLoadError as error:
        conn.send(("error", str(error)))
        return
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        text, fmt, row_cap = request
        try:
            result = execute(store, text, row_cap)
            body, media = serialize(result, fmt)
            conn.send(("ok", result.form, media, body))
        except QueryError as error:
            conn.send(("fail", type(error).__name__, error.message))
        except Exception as error:  # a bug must not kill the worker silently
            conn.send(("fail", "QueryError", f"internal error: {type(error).__name__}: {error}"))


_ERRORS = {cls.__name__: cls for cls in (QueryError, QueryRefused, QuerySyntaxError, QueryTooLarge, QueryTimeout, ServerBusy)}


class _Worker:
    def __init__(self, graph_path: str, context) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(graph_path, child), daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> int:
        if not self.conn.poll(timeout):
            self.kill()
            raise GraphLoadError("query worker did not start in time")
        status, detail = self.conn.recv()
        if status != "ready":
            self.kill()
            raise GraphLoadError(detail)
        return int(detail)

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


@dataclass
class Answer:
    form: str
    media_type: str
    body: bytes


class WorkerPool:
    """`size` worker processes, each holding the graph; queries past `timeout` get their worker killed.

    A killed or crashed worker is replaced in the background, so the others keep serving.
    """

    def __init__(self, graph_path: str | os.PathLike, size: int = 2, timeout: float = DEFAULT_TIMEOUT,
                 row_cap: int = DEFAULT_ROW_CAP, start_timeout: float = 300.0) -> None:
        self.graph_path = str(graph_path)
        self.timeout, self.row_cap, self.start_timeout = timeout, row_cap, start_timeout
        self._context = multiprocessing.get_context("spawn")  # never fork a threaded server
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self.triples = 0
        workers = [_Worker(self.graph_path, self._context) for _ in range(max(1, size))]
        for worker in workers:  # start all, then wait: loading happens in parallel
            try:
                self.triples = worker.wait_ready(self.start_timeout)
            except GraphLoadError:
                for other in workers:
                    other.kill()
                raise
            self._idle.put(worker)

    def _replace(self) -> None:
        def start() -> None:
            try:
                worker = _Worker(self.graph_path, self._context)
                worker.wait_ready(self.start_timeout)
            except GraphLoadError:
                return
            if self._closed:
                worker.kill()
            else:
                self._idle.put(worker)

        threading.Thread(target=start, daemon=True, name="kg-worker-restart").start()

    def query(self, text: str, fmt: str = "json") -> Answer:
        check_query(text)  # cheap refusals never occupy a worker
        deadline = time.monotonic() + self.timeout
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise ServerBusy("all query workers are busy; try again / 服务繁忙，请稍后再试") from None
        remaining = max(0.05, deadline - time.monotonic())
        try:
            worker.conn.send((text, fmt, self.row_cap))
            if not worker.conn.poll(remaining):
                worker.kill()
                self._replace()
                raise QueryTimeout(
                    f"the query ran longer than the {self.timeout:g} s limit and was stopped / 查询超时（{self.timeout:g} 秒）"
                )
            reply = worker.conn.recv()
        except (EOFError, OSError, BrokenPipeError):
            worker.kill()
            self._replace()
            raise QueryError("the query worker stopped unexpectedly / 查询进程意外退出") from None
        self._idle.put(worker)
        if reply[0] == "ok":
            return Answer(reply[1], reply[2], reply[3])
        raise _ERRORS.get(reply[1], QueryError)(reply[2])

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                break
            try:
                worker.conn.send(None)
            except OSError:
                pass
            worker.kill()


# ---------------------------------------------------------------------------------------------
# Display helpers shared by `kg query` and the tests.


def _wide(ch: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(ch) in ("W", "F")


def display_width(text: str) -> int:
    """Terminal columns `text` takes: CJK characters count two."""
    return sum(2 if _wide(ch) else 1 for ch in text)


def shorten_iri(iri: str, prefixes: Iterable[tuple[str, str]] | None = None) -> str:
    for prefix, namespace in prefixes if prefixes is not None else ((p, str(n)) for p, n in PREFIXES.items()):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"
