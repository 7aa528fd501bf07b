"""PLACEHOLDER until issue 4 lands: writes a bare page so `kg build` produces graph.html."""
from __future__ import annotations

import html
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import RDFS

from .atomic import write_atomic


def write_build_outputs(graph: Graph, outdir: Path) -> list[Path]:
    path = outdir / "graph.html"
    items = sorted(str(o) for o in graph.objects(None, RDFS.label))
    body = "".join(f"<li>{html.escape(i)}</li>" for i in items)
    write_atomic(path, f"<!doctype html><meta charset='utf-8'><ul>{body}</ul>")
    return [path]
