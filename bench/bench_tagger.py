"""What the learned tagger adds to a build: `kg build --no-cache` with and without it.

    .venv/bin/python bench/bench_tagger.py [--repeat N] [INPUT ...]

Both sides run as fresh processes in the same run (wall clock, median of N, default
inputs seeds/): baseline `kg build INPUT --no-cache --no-tagger`, then the same with the
tagger. Prints seconds and the ratio with / without.

Measured December 2026 on the 2-core machine under load 5 (README.md), against the same
script at 1d5da76 in the same run: seeds 3.77 s -> 4.02 s, ratio 1.06 (1.19 before; below
300,000 characters both tag with numpy, `crf.COMPILED_FROM`); the x10 corpus of
bench_scale.py 10.6 s -> 13.0 s, ratio 1.23 (1.63 before: the tagger's loops compiled).
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def timed(args: list[str]) -> float:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    started = time.perf_counter()
    subprocess.run([sys.executable, "-m", "kg", "build", *args], check=True, env=env, cwd=ROOT,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", default=[str(ROOT / "seeds")])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kg-bench-") as out:
        common = [*args.inputs, "-o", out, "--no-cache", "-q"]
        without, with_ = [], []
        for _ in range(args.repeat):  # interleaved, so a busy machine weighs on both sides
            without.append(timed([*common, "--no-tagger"]))
            with_.append(timed(common))
    base, tagged = statistics.median(without), statistics.median(with_)
    print(f"kg build --no-cache --no-tagger: {base:.2f}s; with the tagger: {tagged:.2f}s; "
          f"ratio {tagged / base:.2f} (median of {args.repeat})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
