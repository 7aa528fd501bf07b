"""Run every benchmark in this folder, one after the other: `.venv/bin/python bench/run.py [NAME ...]`.

Each `bench_*.py` measures against a baseline in the same run and prints its own ratios;
NAME (e.g. `build`, `query`) picks some of them. Run `kg build` first: several read
`output/graph.ttl`.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(names: list[str]) -> int:
    scripts = sorted(HERE.glob("bench_*.py"))
    if names:
        scripts = [s for s in scripts if s.stem.removeprefix("bench_") in names]
    failed = 0
    for script in scripts:
        print(f"\n=== {script.name}", flush=True)
        failed += subprocess.run([sys.executable, str(script)], cwd=HERE.parent).returncode != 0
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
