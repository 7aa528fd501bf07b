"""Speed of the writers and of validation, against baselines measured in the same run.

    .venv/bin/python bench/bench_export.py [GRAPH.ttl] [--copies N]

GRAPH defaults to output/graph.ttl (run `kg build` first). `--copies N` also measures a graph
made of N renamed copies of it, to show how time grows with size. Prints seconds and ratios:
our deterministic writers against rdflib's own serializers (which are not deterministic),
validation against parsing the same graph, and pyshacl's import against rdflib's.
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

from rdflib import Graph, URIRef

from kg.publish.export import export_text, read_graph
from kg.graph.turtle import graph_base
from kg.graph.validate import validate_graph


def timed(action, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - started)
    return best


def import_seconds(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    runs = [float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
            for _ in range(3)]
    return min(runs)


def copies(graph: Graph, n: int) -> Graph:
    base = graph_base(graph)
    big = Graph(bind_namespaces="none")
    for prefix, namespace in graph.namespaces():
        big.bind(prefix, namespace)
    for i in range(n):
        def move(term, i=i):
            return URIRef(f"{base}c{i}/{str(term)[len(base):]}") if isinstance(term, URIRef) and str(term).startswith(base) else term
        for s, p, o in graph:
            big.add((move(s), move(p), move(o)))
    return big


def report(graph: Graph, name: str) -> None:
    print(f"\n== {name}: {len(graph)} triples")
    for fmt, rdflib_name in (("ttl", "turtle"), ("nt", "nt"), ("jsonld", "json-ld"), ("trig", None)):
        ours = timed(lambda: export_text(graph, fmt))
        if rdflib_name:
            theirs = timed(lambda: graph.serialize(format=rdflib_name))
            print(f"{fmt:7} ours {ours:6.3f}s  rdflib {theirs:6.3f}s  ratio ours/rdflib {ours / theirs:5.2f}")
        else:
            print(f"{fmt:7} ours {ours:6.3f}s")
    text = export_text(graph, "ttl")
    parse = timed(lambda: Graph().parse(data=text, format="turtle"), repeat=1)
    check = timed(lambda: validate_graph(graph), repeat=1)
    print(f"validate {check:6.3f}s  parse Turtle {parse:6.3f}s  ratio validate/parse {check / parse:5.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("graph", nargs="?", default="output/graph.ttl")
    parser.add_argument("--copies", type=int, default=5)
    args = parser.parse_args()
    graph = read_graph(Path(args.graph))
    rdflib_import, shacl_import = import_seconds("rdflib"), import_seconds("pyshacl")
    print(f"import rdflib {rdflib_import:.3f}s  import pyshacl {shacl_import:.3f}s  ratio {shacl_import / rdflib_import:.2f}")
    report(graph, args.graph)
    if args.copies > 1:
        report(copies(graph, args.copies), f"{args.copies} copies")


if __name__ == "__main__":
    main()
