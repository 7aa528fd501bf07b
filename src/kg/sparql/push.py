"""`kg push`: load a built graph into a running SPARQL store over the Graph Store Protocol.

    kg push --to http://localhost:7878/store
    kg push --to http://localhost:3030/kg/data --graph output/graph.ttl --graph-name https://example.org/graphs/kg

SPARQL 1.1 Graph Store HTTP Protocol (https://www.w3.org/TR/sparql11-http-rdf-update/): an
HTTP PUT of the graph's Turtle (or N-Triples) to the store's graph-store endpoint, with
`?default` for the default graph or `?graph=IRI` for a named one. PUT *replaces* the graph in
one request, so readers of the store see the old graph or the new one, never a mix, and
pushing twice leaves one copy. Oxigraph server (`/store`), Apache Jena Fuseki (`/DATASET/data`),
GraphDB (`/repositories/REPO/rdf-graphs/service`) and Virtuoso (`/sparql-graph-crud`) all speak
it. The file is streamed as it is on disk: what is pushed is byte for byte what was built.
"""
from __future__ import annotations

import argparse
import sys
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from kg.sparql.store import DEFAULT_GRAPH

HELP = "load a built graph into a running SPARQL store (Graph Store Protocol) / 推送到 SPARQL 服务"

# file suffix -> media type the Graph Store Protocol names for it
MEDIA_TYPES = {".ttl": "text/turtle", ".nt": "application/n-triples"}
DEFAULT_TIMEOUT = 300.0


class PushError(Exception):
    """A push that did not happen; the message is one line for the user."""


@dataclass(frozen=True)
class PushResult:
    url: str  # the URL the graph was put to, with ?default or ?graph=
    status: int
    size: int  # bytes sent


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--to", required=True, metavar="URL",
                        help="the store's Graph Store Protocol endpoint, e.g. http://localhost:7878/store (Oxigraph) "
                             "or http://localhost:3030/DATASET/data (Fuseki)")
    parser.add_argument("--graph", default=str(DEFAULT_GRAPH), help="graph file, .ttl or .nt (default: %(default)s)")
    parser.add_argument("--graph-name", metavar="IRI",
                        help="replace this named graph (default: the store's default graph)")
    parser.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT,
                        help="seconds to wait for the store (default: %(default)s)")


def target_url(endpoint: str, graph_name: str | None) -> str:
    """`endpoint` with the Graph Store Protocol's graph selector added: ?default or ?graph=IRI."""
    parts = urllib.parse.urlsplit(endpoint)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise PushError(f"--to {endpoint!r}: expected an http:// or https:// URL")
    if graph_name is not None:
        iri = urllib.parse.urlsplit(graph_name)
        if not iri.scheme or any(ch in graph_name for ch in ' <>"{}|^`\\'):
            raise PushError(f"--graph-name {graph_name!r}: expected an absolute IRI")
        selector = "graph=" + urllib.parse.quote(graph_name, safe="")
    else:
        selector = "default"
    query = f"{parts.query}&{selector}" if parts.query else selector
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def first_line(body: bytes) -> str:
    """The first non-empty line of a server's answer, short enough for one terminal line."""
    for line in body.decode("utf-8", errors="replace").splitlines():
        line = line.strip()
        if line:
            return line[:200]
    return ""


def push(graph: Path, endpoint: str, graph_name: str | None = None, timeout: float = DEFAULT_TIMEOUT) -> PushResult:
    """PUT `graph` to the store at `endpoint`, replacing the default graph or `graph_name`."""
    media = MEDIA_TYPES.get(graph.suffix.lower())
    if media is None:
        raise PushError(f"{graph}: expected a .ttl or .nt graph file (kg build writes graph.ttl)")
    url = target_url(endpoint, graph_name)
    try:
        size = graph.stat().st_size
        body = graph.open("rb")
    except OSError:
        raise PushError(f"{graph}: graph file not found; run `kg build` first / 找不到图谱文件") from None
    request = urllib.request.Request(url, data=body, method="PUT",
                                     headers={"Content-Type": f"{media}; charset=utf-8", "Content-Length": str(size)})
    try:
        with body, urllib.request.urlopen(request, timeout=timeout) as response:
            response.read()
            return PushResult(url, response.status, size)
    except urllib.error.HTTPError as error:
        detail = first_line(error.read())
        raise PushError(f"{url} answered {error.code} {error.reason}" + (f": {detail}" if detail else "")) from None
    except urllib.error.URLError as error:
        reason = getattr(error.reason, "strerror", None) or error.reason
        raise PushError(f"cannot reach {url}: {reason}") from None
    except (TimeoutError, OSError) as error:
        raise PushError(f"cannot reach {url}: {error.strerror or error}") from None


def run(args: argparse.Namespace) -> int:
    try:
        result = push(Path(args.graph), args.to, args.graph_name, args.timeout)
    except PushError as error:
        print(f"kg push: {error}", file=sys.stderr)
        return 2
    where = f"named graph <{args.graph_name}>" if args.graph_name else "the default graph"
    print(f"kg push: {args.graph} ({result.size} bytes) replaced {where} at {result.url} (HTTP {result.status})",
          file=sys.stderr)
    return 0
