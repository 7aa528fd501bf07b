"""A build that scales: documents extracted in parallel, the same graph however many
processes extract them, a summary that counts what the graph holds."""
from __future__ import annotations

import subprocess
import sys

from kg.builder import build, write_outputs

from conftest import ROOT, SEEDS

OUTPUT_FILES = ("graph.ttl", "graph.html", "graph.graphml", "graph.gexf")


def test_parallel_compact_build_writes_the_serial_files(seed_output, tmp_path):
    parallel = build([str(SEEDS)], workers=2, keep_text=False)
    assert all(doc.tokens == [] and doc.text == "" for doc in parallel.docs)  # text dropped once extracted
    out = tmp_path / "parallel"
    write_outputs(parallel, out)
    for name in OUTPUT_FILES:
        assert (out / name).read_bytes() == (seed_output / name).read_bytes(), name


def test_cli_summary_counts_what_the_graph_holds(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "kg", "build", str(SEEDS), "-o", str(out), "--no-cache",
                             "--workers", "2", "--no-validate"],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    text = (out / "graph.ttl").read_text(encoding="utf-8")
    observations = text.count("\n<Observation/")
    statements = text.count("\n<Statement/")
    assert f"{statements} relations, {observations} observations" in result.stderr
