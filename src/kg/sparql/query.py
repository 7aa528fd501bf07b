"""`kg query`: run a SPARQL query (a saved name, a .rq file or a string) against a built graph.

    kg query parks-in-district --param district=花溪区
    kg query queries/documents.rq --format csv
    kg query 'SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }' --graph output/graph.ttl
    kg query --list
"""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable
from pathlib import Path

from kg.graph.namespace import PREFIXES
from kg.sparql import results, saved
from kg.sparql.errors import GraphLoadError, QueryError, QuerySyntaxError, is_wide
from kg.sparql.store import DEFAULT_GRAPH, QueryResult, execute, load_store

HELP = "run a SPARQL query against a built graph / 查询"

TEXT_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_ONLY_FORMATS = ("turtle", "ntriples", "jsonld")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", nargs="?", help="a saved query name (see --list), a .rq file, or SPARQL text")
    parser.add_argument("--graph", default=str(DEFAULT_GRAPH), help="graph file (default: %(default)s)")
    parser.add_argument("--format", default="table", choices=TEXT_FORMATS + GRAPH_ONLY_FORMATS,
                        help="output format (default: table); CONSTRUCT/DESCRIBE also take turtle, ntriples, jsonld")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="set a saved query's parameter, e.g. --param district=花溪区 (repeatable)")
    parser.add_argument("--list", action="store_true", help="list the saved queries with their questions / 列出预置查询")
    parser.add_argument("--max-width", type=int, default=60, metavar="N",
                        help="table cells longer than N columns are cut (0: never; default: %(default)s)")


def fail(message: str) -> int:
    print(f"kg query: {message}", file=sys.stderr)
    return 2


def resolve_query_text(arg: str) -> tuple[str, tuple[saved.QueryParam, ...], str]:
    """(SPARQL text, declared params, where it came from) for a name, a file path or a query string."""
    path = Path(arg)
    if arg.endswith(".rq") or (len(arg) < 255 and "\n" not in arg and path.is_file()):
        if not path.is_file():
            raise QueryError(f"{arg}: no such query file / 找不到查询文件")
        query = saved.parse_saved_query(path)
        return query.text, query.params, str(path)
    if "{" not in arg and " " not in arg.strip():
        query = saved.find_saved_query(arg)
        if query is None:
            raise QueryError(f"{arg}: no saved query of that name (see `kg query --list`) / 没有这个预置查询")
        return query.text, query.params, str(query.path)
    return arg, (), "<query>"


def parse_params(pairs: list[str]) -> dict[str, str]:
    values = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param {pair!r}: expected NAME=VALUE / 参数格式应为 名称=值")
        values[name.strip().lstrip("?")] = value
    return values


def list_saved() -> str:
    lines = []
    for query in saved.saved_queries():
        lines.append(query.name)
        lines.append(f"    {query.question_zh}")
        lines.append(f"    {query.question_en}")
        for param in query.params:
            lines.append(f"    --param {param.name}=…  {param.description} (default {param.default})")
    return "\n".join(lines) + ("\n" if lines else "")


def display_width(text: str) -> int:
    """Terminal columns `text` takes: CJK characters count two."""
    return sum(2 if is_wide(ch) else 1 for ch in text)


def shorten_iri(iri: str, prefixes: Iterable[tuple[str, str]] | None = None) -> str:
    for prefix, namespace in prefixes if prefixes is not None else ((p, str(n)) for p, n in PREFIXES.items()):
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


def cell_text(term: object | None) -> str:
    """A term for humans: prefixed IRIs, bare literal values."""
    if term is None:
        return ""
    if hasattr(term, "datatype"):  # literal
        return term.value
    text = results.term_text(term)
    return shorten_iri(text) if not text.startswith("_:") else text


def clip(text: str, max_width: int) -> str:
    text = " ".join(text.split())  # sentences may hold newlines
    if max_width <= 0 or display_width(text) <= max_width:
        return text
    out, width = [], 0
    for ch in text:
        w = display_width(ch)
        if width + w > max_width - 1:
            break
        out.append(ch)
        width += w
    return "".join(out) + "…"


def render_table(header: list[str], rows: list[list[str]], max_width: int) -> str:
    """An aligned table; widths count CJK characters as two columns."""
    cells = [[clip(c, max_width) for c in row] for row in rows]
    head = [clip(h, max_width) for h in header]
    widths = [display_width(h) for h in head]
    for row in cells:
        widths = [max(w, display_width(c)) for w, c in zip(widths, row)]

    def line(values: list[str]) -> str:
        return "  ".join(v + " " * (w - display_width(v)) for v, w in zip(values, widths)).rstrip()

    out = [line(head), "  ".join("-" * w for w in widths)]
    out += [line(row) for row in cells]
    return "\n".join(out) + "\n"


def format_result(result: QueryResult, fmt: str, max_width: int = 60) -> str:
    if result.form == "ASK":
        if fmt == "table":
            return ("true" if result.boolean else "false") + "\n"
        body, _ = results.serialize(result, fmt if fmt in results.SOLUTION_FORMATS else "json")
        return body.decode("utf-8").rstrip("\n") + "\n"
    if result.form in ("CONSTRUCT", "DESCRIBE"):
        if fmt in ("turtle", "ntriples", "jsonld", "json", "xml"):
            graph_fmt = {"json": "jsonld", "xml": "rdfxml"}.get(fmt, fmt)
            return results.serialize(result, graph_fmt)[0].decode("utf-8")
        header = ["subject", "predicate", "object"]
        rows = [[cell_text(t.subject), cell_text(t.predicate), cell_text(t.object)] for t in result.triples]
        if fmt == "table":
            return render_table(header, rows, max_width)
        return results.serialize(
            QueryResult("SELECT", variables=header, rows=[(t.subject, t.predicate, t.object) for t in result.triples]), fmt
        )[0].decode("utf-8")
    if fmt in GRAPH_ONLY_FORMATS:
        raise QueryError(f"--format {fmt} is for CONSTRUCT and DESCRIBE; use table, csv, tsv, json or xml")
    if fmt == "table":
        rows = [[cell_text(t) for t in row] for row in result.rows]
        table = render_table(result.variables, rows, max_width)
        return table + f"({len(result.rows)} rows / 行)\n"
    body, _ = results.serialize(result, fmt)
    text = body.decode("utf-8")
    if fmt == "json":  # pretty on the command line; the endpoint sends it compact
        text = json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"
    return text


def run(args: argparse.Namespace) -> int:
    if args.list:
        sys.stdout.write(list_saved())
        return 0
    if not args.query:
        return fail("give a query (a saved name, a .rq file or SPARQL text), or --list / 请给出查询")
    try:
        text, declared, origin = resolve_query_text(args.query)
        params = parse_params(args.param)
        if params:
            text = saved.apply_params(text, params, declared)
        store = load_store(args.graph)
        result = execute(store, text, row_cap=None)
        output = format_result(result, args.format, args.max_width)
    except QuerySyntaxError as error:
        pointer = error.pointer()
        print(f"kg query: {origin}: {error.message}", file=sys.stderr)
        if pointer:
            print(pointer, file=sys.stderr)
        return 2
    except QueryError as error:
        return fail(error.message)
    except GraphLoadError as error:
        return fail(str(error))
    except OSError as error:
        return fail(f"{args.query}: {error.strerror or error}")
    sys.stdout.write(output)
    return 0
