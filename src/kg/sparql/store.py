"""The query store: a built graph loaded into pyoxigraph, and queries executed against it.

Why pyoxigraph: `bench/bench_query.py` measures it against rdflib's default in-memory store
and oxrdflib on every saved query; it is the fastest by a wide margin (see docs/querying.md).
rdflib stays the graph API for the rest of `kg`; this module only answers queries.

Every query passes `guard.check_query` (parsed, refused if it would write or reach outside)
before pyoxigraph sees it. Neither engine has a timeout or memory limit, so `pool.WorkerPool`
runs queries in child processes that can be killed.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.sparql.errors import GraphLoadError, QueryError, QueryTooLarge
from kg.sparql.guard import check_query, on_large_stack, pyoxigraph_syntax_error

DEFAULT_GRAPH = Path("output") / "graph.ttl"
DEFAULT_ROW_CAP = 10_000
DEFAULT_TIMEOUT = 10.0

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
# Execution.


@dataclass
class QueryResult:
    """The materialised answer of one query (bounded by the row cap).

    For SELECT, `tsv` holds the solutions as pyoxigraph wrote them in SPARQL TSV; the result
    formats are made from it by pyoxigraph's own serialisers (see `results.py`).
    """

    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    variables: list[str] = field(default_factory=list)
    rows: list[tuple[object | None, ...]] = field(default_factory=list)  # SELECT
    triples: list[ox.Triple] = field(default_factory=list)  # CONSTRUCT / DESCRIBE
    boolean: bool | None = None  # ASK
    tsv: bytes | None = None  # SELECT: the solutions in SPARQL TSV, header line first

    @property
    def size(self) -> int:
        return len(self.rows) if self.form == "SELECT" else len(self.triples)


def execute(store: ox.Store, text: str, row_cap: int | None = DEFAULT_ROW_CAP) -> QueryResult:
    """Check and run one query; at most `row_cap` rows or triples (None: no cap).

    Runs on a large stack: a deeply nested query recurses in the parsers (see guard.py).
    """
    return on_large_stack(_execute, store, text, row_cap)


def _execute(store: ox.Store, text: str, row_cap: int | None) -> QueryResult:
    form = check_query(text)
    try:
        answer = store.query(text)
    except SyntaxError as error:
        raise pyoxigraph_syntax_error(str(error), text) from None
    except OSError as error:  # evaluation errors surface as OSError in pyoxigraph
        raise QueryError(f"query failed: {str(error).splitlines()[0]}") from None
    try:
        return _materialise(answer, form, row_cap)
    except OSError as error:
        raise QueryError(f"query failed: {str(error).splitlines()[0]}") from None
    finally:
        del answer  # pyoxigraph's iterators may only be freed on the thread that made them


def _materialise(answer: object, form: str, row_cap: int | None) -> QueryResult:
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ASK", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        names = [v.value for v in answer.variables]
        rows, tsv = _solution_rows(answer, len(names), row_cap)
        return QueryResult("SELECT", variables=names, rows=rows, tsv=tsv)
    triples = []
    for triple in answer:  # type: ignore[attr-defined]
        if row_cap is not None and len(triples) >= row_cap:
            raise QueryTooLarge(_too_large(row_cap, "triples"))
        triples.append(triple)
    return QueryResult("DESCRIBE" if form == "DESCRIBE" else "CONSTRUCT", triples=triples)


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


def _solution_rows(answer: ox.QuerySolutions, width: int,
                   row_cap: int | None) -> tuple[list[tuple[object | None, ...]], bytes | None]:
    """Every solution as a tuple of terms (None where unbound), and the solutions as TSV bytes.

    Asking pyoxigraph for each cell (`solution[i]`) makes a new Python term per cell, about a
    microsecond each: on a 10,000-row answer that is a fifth of the query's time. Instead the
    solutions are written as SPARQL TSV by pyoxigraph itself (streamed, stopped as soon as the
    cap is passed), and each distinct cell is parsed back once, so equal terms are one object.
    TSV writes every term in N-Triples syntax with tabs and newlines escaped, so a line is a
    row and a tab separates cells; the round trip gives back equal terms (tests check it).
    QueryTooLarge past `row_cap`.
    """
    if width == 0:  # no columns: TSV lines would be empty either way; count solutions instead
        rows: list[tuple[object | None, ...]] = []
        for _ in answer:
            if row_cap is not None and len(rows) >= row_cap:
                raise QueryTooLarge(_too_large(row_cap, "rows"))
            rows.append(())
        return rows, None
    sink = _TsvSink(row_cap)
    try:
        answer.serialize(sink, ox.QueryResultsFormat.TSV)
    except _RowsTooMany:
        raise QueryTooLarge(_too_large(row_cap or 0, "rows")) from None
    tsv = b"".join(sink.chunks)
    lines = tsv.decode("utf-8").split("\n")
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
    return [tuple(map(term, row)) for row in cells], tsv


def _too_large(cap: int, what: str) -> str:
    return f"the answer has more than {cap} {what}; add LIMIT or narrow the query / 结果超过 {cap} 行，请加 LIMIT"
