"""Helpers shared by the benchmarks (each `bench_*.py` runs as a script from this folder)."""
from __future__ import annotations

import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seed_graph_path(given: str | None) -> Path:
    """The graph to measure: `given`, else output/graph.ttl, else a fresh build of seeds/."""
    if given:
        return Path(given)
    built = ROOT / "output" / "graph.ttl"
    if built.is_file():
        return built
    from kg.builder import build, write_outputs

    outdir = Path(tempfile.mkdtemp(prefix="kg-bench-"))
    write_outputs(build([str(ROOT / "seeds")]), outdir)
    return outdir / "graph.ttl"
