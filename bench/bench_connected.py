"""How connected the graph is: the share of parks, projects and organisations (and of all
entities) with at least one relation to another entity, on the seed build and on a build
of the gold-wide texts.

    .venv/bin/python bench/bench_connected.py [INPUT ...]

Each input is built twice in the same run: with the full pipeline, and as a baseline
without the `roles` stage (the who-does-what relations of issue 16), so the ratio shows
what that stage adds. Goal (issue 16): at least 60% of parks, projects and organisations.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kg import pipeline  # noqa: E402
from kg.builder import build  # noqa: E402
from kg.extract.connectivity import Connectivity, connectivity  # noqa: E402

DEFAULT_INPUTS = [str(ROOT / "seeds"), str(ROOT / "tests" / "gold" / "wide")]


def measure(inputs: list[str]) -> Connectivity:
    result = build(inputs)
    return connectivity(result.docs, result.entities)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", default=DEFAULT_INPUTS, help="folders or files, each built on its own")
    args = parser.parse_args()
    without_roles = [(name, stage) for name, stage in pipeline.PIPELINE if name != "roles"]
    print(f"{'input':<24}{'core linked':>13}{'core share':>12}{'all share':>11}{'baseline core':>15}{'ratio':>7}")
    for item in args.inputs:
        full = measure([item])
        with mock.patch.object(pipeline, "PIPELINE", without_roles):
            base = measure([item])
        ratio = f"{full.core_share / base.core_share:.2f}" if base.core_share else "-"
        print(f"{Path(item).name:<24}{f'{full.core_connected}/{full.core}':>13}{full.core_share:>12.0%}"
              f"{full.share:>11.0%}{base.core_share:>15.0%}{ratio:>7}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
