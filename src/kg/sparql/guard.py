r"""Deciding whether a query may run: on the parsed query, never on its text.

A read-only endpoint that makes no outbound requests must refuse SPARQL Update, SERVICE,
LOAD and dataset clauses (FROM / FROM NAMED): pyoxigraph follows SERVICE with no switch to
stop it, and rdflib follows SERVICE, FROM <url> and LOAD. A keyword filter on the text was
wrong twice (`?o.SERVICE`, and an IRI holding U+00A0 followed by `#` that the filter took for
the start of a comment), so the query is parsed with rdflib's SPARQL 1.1 parser (which
expands \u escapes first, as the grammar requires) and the parse tree is searched for the
forbidden nodes wherever they sit: subqueries, OPTIONAL, MINUS, FILTER EXISTS, UNION.

Anything the parser does not accept is refused: a query that rdflib cannot read is never
handed to pyoxigraph. The two parsers do not always read a text alike, though: pyoxigraph
ends a comment at a lone carriage return where rdflib does not, and rdflib expands \u escapes
inside strings before parsing where pyoxigraph does not, so `"a\u005C") SERVICE <…> …` is a
string to rdflib and a SERVICE to pyoxigraph (tests/test_security.py has both). So the engine
that runs the query is asked too, without running anything: pyoxigraph parses the text with a
character appended that is valid nowhere (so it always fails and never evaluates), and again
with every `service` spelled `servicx`. If the text parses and the respelt one does not,
pyoxigraph reads a SERVICE keyword somewhere, and the query is refused. SERVICE is the only
thing in a query that makes pyoxigraph send a request.

Cost: rdflib's parser is pure Python, 20-70 ms for a saved query and about a second for a
query of 1,000 triple patterns (`bench/bench_guard.py`, numbers in docs/security.md); it runs
in the query worker, under the query's time limit, and a text checked once is remembered.
Its time and recursion grow with nesting, so a query nested more than MAX_DEPTH levels is
refused at once, and the parse runs on a thread with a large stack and a raised recursion
limit.
"""
from __future__ import annotations

import re
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from typing import TypeVar

import pyoxigraph as ox
from pyparsing import ParseBaseException
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate
from rdflib.plugins.sparql.parserutils import CompValue

from kg.sparql.errors import QueryError, QueryRefused, QuerySyntaxError

QUERY_FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}
# rdflib's names for the operations of SPARQL Update, as the keyword a user wrote
UPDATE_OPERATIONS = {
    "Load": "LOAD", "Clear": "CLEAR", "Drop": "DROP", "Create": "CREATE", "Add": "ADD", "Move": "MOVE",
    "Copy": "COPY", "InsertData": "INSERT DATA", "DeleteData": "DELETE DATA", "DeleteWhere": "DELETE WHERE",
    "Modify": "DELETE/INSERT",
}
OUTBOUND = {"ServiceGraphPattern": "SERVICE", "DatasetClause": "FROM / FROM NAMED"}
OUTBOUND_REFUSED = ("{what} is not allowed: queries run only against the loaded graph, "
                    "without outbound requests / 不允许访问外部数据源")
SERVICE_REFUSED = OUTBOUND_REFUSED.format(what="SERVICE")

# rdflib's parser takes some 4 ms a level of nesting (bench/bench_guard.py), so a deeper
# query is refused at once rather than after seconds of parsing; real queries nest a few levels.
MAX_DEPTH = 200
# A nested query recurses in the parser about a dozen frames a level: this limit allows some
# 4,000 levels, on a thread whose stack is large enough for it (only touched pages are used).
RECURSION_LIMIT = 50_000
STACK_BYTES = 256 * 1024 * 1024
LARGE_STACK_THREAD = "kg-large-stack"

T = TypeVar("T")

# The same text always gets the same decision; the query page, dashboards and saved queries
# send the same texts again and again, and parsing is the costly part (see the module doc).
# Only texts allowed to run are kept (a refusal is parsed again: refusals are cheap to repeat).
DECISIONS_KEPT = 256
_DECISIONS: OrderedDict[str, str] = OrderedDict()
_DECISIONS_LOCK = threading.Lock()


def on_large_stack(function: Callable[..., T], *args: object) -> T:
    """`function(*args)` on a thread with a large stack and a raised recursion limit.

    Deeply nested queries recurse in rdflib's parser and in pyoxigraph's; on the default
    stack the first raises RecursionError early and the second kills the process.
    """
    if sys.getrecursionlimit() < RECURSION_LIMIT:
        sys.setrecursionlimit(RECURSION_LIMIT)
    if threading.current_thread().name == LARGE_STACK_THREAD:  # already on one
        return function(*args)
    outcome: dict[str, object] = {}

    def target() -> None:
        try:
            outcome["value"] = function(*args)
        except BaseException as error:  # handed to the caller's thread
            outcome["error"] = _without_frames(error)

    previous = threading.stack_size(STACK_BYTES)
    try:
        thread = threading.Thread(target=target, name=LARGE_STACK_THREAD)
        thread.start()
    finally:
        threading.stack_size(previous)
    thread.join()
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return outcome["value"]  # type: ignore[return-value]


def _without_frames(error: BaseException) -> BaseException:
    """`error` with its tracebacks (and its context's) dropped here.

    pyoxigraph's result iterators may only be freed on the thread that made them; a
    traceback would carry them, in its frames' locals, to the caller's thread.
    """
    seen: set[int] = set()
    item: BaseException | None = error
    while item is not None and id(item) not in seen:
        seen.add(id(item))
        item.__traceback__ = None
        item = item.__cause__ or item.__context__
    return error


def nodes(tree: object) -> Iterator[CompValue]:
    """Every CompValue (rdflib's parse-tree node) in `tree`, depth first, without recursion."""
    stack = [tree]
    while stack:
        item = stack.pop()
        if isinstance(item, CompValue):
            yield item
            stack.extend(item.values())
        elif isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)) or type(item).__name__ == "ParseResults":
            stack.extend(item)


def check_query(text: str) -> str:
    """Refuse what a read-only endpoint must not run; returns the query form (SELECT, ...).

    Raises QueryRefused for updates and outbound requests (SERVICE, LOAD, FROM), and
    QuerySyntaxError (or QueryError for a query nested too deeply) when the query does not
    parse: what cannot be parsed cannot be shown safe.
    """
    form = _DECISIONS.get(text)
    if form is None:
        form = on_large_stack(_check, text)
        with _DECISIONS_LOCK:
            _DECISIONS[text] = form
            while len(_DECISIONS) > DECISIONS_KEPT:
                _DECISIONS.popitem(last=False)
    return form


def nesting_depth(text: str) -> int:
    """The deepest nesting of `{` and `(` in `text`, brackets in strings and comments included
    (an over-count can only refuse a query, never let one through)."""
    depth = deepest = 0
    for ch in text:
        if ch in "{(":
            depth += 1
            deepest = max(deepest, depth)
        elif ch in "})":
            depth = max(0, depth - 1)
    return deepest


def _check(text: str) -> str:
    if nesting_depth(text) > MAX_DEPTH:
        raise QueryError(f"the query is nested too deeply (more than {MAX_DEPTH} levels of {{ }} and ( )) / 查询嵌套过深")
    try:
        tree = parseQuery(text)
    except RecursionError:
        raise QueryError("the query is nested too deeply to be checked / 查询嵌套过深") from None
    except ParseBaseException as error:
        _refuse_update(text)
        raise _engine_syntax_error(text) or _syntax_error(error, text) from None
    except Exception as error:  # rdflib raises plain Exception for an undeclared prefix, ValueError for bad terms
        _refuse_update(text)
        raise _engine_syntax_error(text) or _other_error(error, text) from None
    if _engine_reads_service(text):
        raise QueryRefused(SERVICE_REFUSED)
    form = None
    for node in nodes(tree):
        if node.name in OUTBOUND:
            raise QueryRefused(OUTBOUND_REFUSED.format(what=OUTBOUND[node.name]))
        form = form or QUERY_FORMS.get(node.name)
    if form is None:
        raise QuerySyntaxError("not a SPARQL query: expected SELECT, ASK, CONSTRUCT or DESCRIBE / 不是 SPARQL 查询")
    return form


def _refuse_update(text: str) -> None:
    """Name the operation when the text is SPARQL Update, so the refusal says why."""
    try:
        tree = parseUpdate(text)
    except RecursionError:
        raise QueryError("the query is nested too deeply to be checked / 查询嵌套过深") from None
    except Exception:
        return
    operations = [UPDATE_OPERATIONS[node.name] for node in nodes(tree) if node.name in UPDATE_OPERATIONS]
    if operations:
        raise QueryRefused(
            f"SPARQL Update ({operations[-1]}) is not allowed: this endpoint is read-only / 只读服务，不接受更新操作"
        )


# Appended to a query so that pyoxigraph's parser always fails and never evaluates: a backtick
# is allowed nowhere in SPARQL outside strings and comments (the newline ends a comment, and
# an unterminated string fails anyway). An error before it is the query's own error.
NEVER_VALID = "\n`"
_LOCATION = re.compile(r"error at (\d+):(\d+):?\s*(.*)", re.DOTALL)


_SERVICE_WORD = re.compile("service", re.IGNORECASE)  # Unicode folding: also ſervice, as a parser might


def _engine_error_position(text: str) -> str:
    """Where pyoxigraph's parser fails on `text` (it always fails: see NEVER_VALID)."""
    try:
        ox.Store().query(text)
    except SyntaxError as error:
        match = _LOCATION.search(str(error))
        return match.group(0)[:40] if match else str(error)[:200]
    raise QueryRefused("the query could not be checked / 无法检查该查询")  # cannot happen: never run it


def _engine_accepts(text: str) -> bool:
    """Whether pyoxigraph's parser accepts `text`, found without running it: the error moves
    with the appended invalid character only when everything before it parsed."""
    return _engine_error_position(text + NEVER_VALID) != _engine_error_position(text + "\n" + NEVER_VALID)


def _engine_reads_service(text: str) -> bool:
    """Whether pyoxigraph reads a SERVICE keyword in `text`: the text parses, and no longer
    does once every `service` (in strings, IRIs and names too) is spelt `servicx`."""
    if not _SERVICE_WORD.search(text) or not _engine_accepts(text):
        return False
    return not _engine_accepts(_SERVICE_WORD.sub("servicx", text))


def _engine_syntax_error(text: str) -> QuerySyntaxError | None:
    """pyoxigraph's own account of a syntax error in `text` (it points at the exact column).

    The query is parsed with NEVER_VALID appended, so pyoxigraph always stops at a syntax error
    and runs nothing. None when the only error is the appended one: pyoxigraph would accept
    the query although rdflib did not, and rdflib's account is given instead.
    """
    try:
        ox.Store().query(text + NEVER_VALID)
    except SyntaxError as error:
        message = str(error)
    else:  # cannot happen; refuse rather than guess
        return None
    lines = text.split("\n")
    error = pyoxigraph_syntax_error(message, text)
    if error.line and (error.line > len(lines) or (error.line == len(lines) and (error.column or 0) > len(lines[-1]) + 1)):
        return None  # the appended text: the query itself parses in pyoxigraph
    return error


def pyoxigraph_syntax_error(message: str, source: str) -> QuerySyntaxError:
    """pyoxigraph's parser message made short, naming line and column."""
    match = _LOCATION.search(message)
    if not match:
        return QuerySyntaxError(f"syntax error: {message.splitlines()[0] if message else 'invalid query'}", source=source)
    line, column, detail = int(match.group(1)), int(match.group(2)), match.group(3)
    # pyoxigraph lists every acceptable character class; keep the readable alternatives.
    detail = re.sub(r"\s+", " ", detail)
    detail = re.sub(r"\[[^\]]*\]", "", detail)
    detail = re.sub(r"(,\s*)+", ", ", detail).strip(" ,")
    if len(detail) > 120:
        detail = detail[:117] + "..."
    return QuerySyntaxError(f"syntax error at line {line}, column {column}: {detail}", line, column, source)


def _syntax_error(error: ParseBaseException, source: str) -> QuerySyntaxError:
    line, column = error.lineno, error.col
    rest = error.line[column - 1 :].strip() if error.line else ""
    found = rest.split()[0] if rest else ""
    if not found:
        return QuerySyntaxError(f"syntax error at line {line}, column {column}: unexpected end of query",
                                line, column, source)
    detail = f"unexpected {found[:40]!r}"
    return QuerySyntaxError(f"the safety check cannot read this query: line {line}, column {column}: {detail}",
                            line, column, source)


_PREFIX = re.compile(r"Unknown namespace prefix : (\S+)")


def _other_error(error: Exception, source: str) -> QuerySyntaxError:
    message = str(error).splitlines()[0] if str(error) else type(error).__name__
    match = _PREFIX.search(message)
    if match:
        prefix = match.group(1)
        where = re.search(r"(?<![\w:?$])" + re.escape(prefix) + ":", source)
        if where:
            line = source.count("\n", 0, where.start()) + 1
            column = where.start() - (source.rfind("\n", 0, where.start()) + 1) + 1
            return QuerySyntaxError(f"undeclared prefix {prefix}: at line {line}, column {column}; add PREFIX {prefix}: <…>",
                                    line, column, source)
        return QuerySyntaxError(f"undeclared prefix {prefix}:; add PREFIX {prefix}: <…>", source=source)
    return QuerySyntaxError(f"the safety check cannot read this query: {message}", source=source)
