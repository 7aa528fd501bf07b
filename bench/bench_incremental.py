"""Incremental rebuild after adding one document, against a clean build, in the same run.

    .venv/bin/python bench/bench_incremental.py [--repeat N]

Steps, on a scratch copy of seeds/ with a fresh cache folder:
  1. clean build of all seeds, no cache                     (baseline)
  2. cold cached build of all seeds but the largest          (fills the cache)
  3. add the largest seed, cached rebuild                    (the incremental case)
  4. the extraction time of that one document alone          (what step 3 should cost)
Also the command line end to end (`python -m kg build`, imports included) for 1 and 3.
Prints seconds and ratios; checks that the incremental graph equals the clean one.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kg.builder import build, extract, read_inputs  # noqa: E402
from kg.graph.turtle import serialize_turtle  # noqa: E402


def timed(func) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    started = time.perf_counter()
    value = func()
    return time.perf_counter() - started, value


def cli_seconds(corpus: Path, out: Path, cache: Path | None) -> float:
    command = [sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "--no-validate", "-q"]
    command += ["--cache", str(cache)] if cache else ["--no-cache"]
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement; the median is shown")
    args = parser.parse_args()
    seeds = sorted((ROOT / "seeds").glob("*.txt"), key=lambda p: p.stat().st_size)
    added = seeds[-1]
    build([str(seeds[0])])  # warm up: dictionaries, imports
    rows: dict[str, list[float]] = {k: [] for k in ("clean", "cold", "incremental", "one document", "cli clean", "cli incremental")}
    identical = True
    for _ in range(args.repeat):
        with tempfile.TemporaryDirectory() as scratch:
            work = Path(scratch)
            corpus, cache = work / "corpus", work / "cache"
            corpus.mkdir()
            for seed in seeds[:-1]:
                shutil.copy(seed, corpus / seed.name)
            shutil.copy(added, work / added.name)
            seconds, clean_all = timed(lambda: build([str(ROOT / "seeds")]))
            rows["clean"].append(seconds)
            rows["cold"].append(timed(lambda: build([str(corpus)], cache_dir=cache))[0])
            shutil.copy(added, corpus / added.name)
            seconds, incremental = timed(lambda: build([str(corpus)], cache_dir=cache))
            rows["incremental"].append(seconds)
            identical &= serialize_turtle(incremental.graph) == serialize_turtle(clean_all.graph)
            docs, _ = read_inputs([str(work / added.name)])
            rows["one document"].append(timed(lambda: extract(docs))[0])
            rows["cli clean"].append(cli_seconds(corpus, work / "out-clean", None))
            (corpus / added.name).unlink()
            cli_cache = work / "cli-cache"  # its own cache: the one above already holds every seed
            cli_seconds(corpus, work / "out-inc", cli_cache)
            shutil.copy(added, corpus / added.name)
            rows["cli incremental"].append(cli_seconds(corpus, work / "out-inc", cli_cache))
    median = {k: statistics.median(v) for k, v in rows.items()}
    print(f"corpus: {len(seeds)} seeds, adding {added.name} ({added.stat().st_size // 1024} KB); median of {args.repeat}")
    for name, value in median.items():
        print(f"  {name:<16} {value:7.3f} s")
    print(f"incremental / clean build          {median['incremental'] / median['clean']:.2f}x")
    print(f"incremental / one document's extraction {median['incremental'] / median['one document']:.2f}x")
    print(f"cli incremental / cli clean        {median['cli incremental'] / median['cli clean']:.2f}x")
    print(f"incremental graph identical to clean build: {identical}")
    return 0 if identical else 1


if __name__ == "__main__":
    sys.exit(main())
