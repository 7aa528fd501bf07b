"""The whole build of the seeds against jieba segmenting the same text, in the same run.

    .venv/bin/python bench/bench_build.py [--repeat N] [INPUT ...]

Both sides are timed as a user meets them, as fresh processes (wall clock, median of N):
- baseline: `python -c "import jieba; jieba.lcut(<every input's text>)"`;
- build: `kg build INPUT -o <tmp> --no-cache` (read, extract, resolve, write graph.ttl,
  graph.html, GraphML, GEXF, and validate), and the same with `--no-validate`.
Prints seconds and the ratio build / segmentation. The goal of issue 2 is a ratio <= 3.
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

SEGMENT = """
import sys, jieba, logging
jieba.setLogLevel(logging.WARNING)
from pathlib import Path
files = [p for arg in sys.argv[1:] for p in (sorted(Path(arg).rglob('*.txt')) if Path(arg).is_dir() else [Path(arg)])]
for path in files:
    jieba.lcut(path.read_text(encoding='utf-8'))
"""


def wall(command: list[str], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        subprocess.run(command, check=True, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", default=["seeds"])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        baseline = wall([sys.executable, "-c", SEGMENT, *args.inputs], args.repeat)
        kg = [sys.executable, "-m", "kg", "build", *args.inputs, "-o", str(Path(tmp) / "out"), "--no-cache", "-q"]
        full = wall(kg, args.repeat)
        no_validate = wall(kg + ["--no-validate"], args.repeat)
    print(f"jieba segmentation (baseline)   {baseline:6.2f} s")
    print(f"kg build                         {full:6.2f} s   ratio {full / baseline:5.2f}")
    print(f"kg build --no-validate           {no_validate:6.2f} s   ratio {no_validate / baseline:5.2f}")


if __name__ == "__main__":
    main()
