"""How connected the graph is: the share of parks, projects and organisations (and of all
entities) with at least one relation to another entity, on the seed build and on a build
of the gold-wide texts.

    .venv/bin/python bench/bench_connected.py [INPUT ...]

Each input is built twice in the same run: with the full pipeline, and as a baseline
without the `roles` stage (the who-does-what relations of issue 16), so the ratio shows
what that stage adds. Goal (issue 16): at least 60% of parks, projects and organisations.
The last column is the same share in the gold annotations of those texts (parks, projects
and organisations named as an end of a `located_in` pair or a relation, names pooled over
the files): what a build that found exactly the gold's entities and links would reach.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kg import pipeline  # noqa: E402
from kg.builder import build  # noqa: E402
from kg.extract.connectivity import LINKED_KINDS, Connectivity, connectivity  # noqa: E402

DEFAULT_INPUTS = [str(ROOT / "seeds"), str(ROOT / "tests" / "gold" / "wide")]


def gold_folder(item: str) -> Path | None:
    """The gold annotations of an input: its own JSON files (gold-wide keeps them beside the
    texts), or tests/gold/seeds for the seed folder."""
    path = Path(item)
    if any(path.glob("*.json")):
        return path
    seeds_gold = ROOT / "tests" / "gold" / "seeds"
    return seeds_gold if path.resolve() == (ROOT / "seeds").resolve() else None


def gold_share(folder: Path) -> float:
    """Share of the gold's parks, projects and organisations that a gold pair links."""
    core: set[str] = set()
    linked: set[str] = set()
    for file in sorted(folder.glob("*.json")):
        gold = json.loads(file.read_text(encoding="utf-8"))
        core.update(e["name"] for e in gold.get("entities", []) if e["type"] in LINKED_KINDS)
        for pair in [*gold.get("located_in", []), *gold.get("relations", [])]:
            if pair[0] != pair[-1]:
                linked.update((pair[0], pair[-1]))
    return len(core & linked) / len(core) if core else 0.0


def measure(inputs: list[str]) -> Connectivity:
    result = build(inputs)
    return connectivity(result.docs, result.entities)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", default=DEFAULT_INPUTS, help="folders or files, each built on its own")
    args = parser.parse_args()
    without_roles = [(name, stage) for name, stage in pipeline.PIPELINE if name != "roles"]
    print(f"{'input':<24}{'core linked':>13}{'core share':>12}{'all share':>11}{'baseline core':>15}{'ratio':>7}{'gold':>7}")
    for item in args.inputs:
        full = measure([item])
        with mock.patch.object(pipeline, "PIPELINE", without_roles):
            base = measure([item])
        ratio = f"{full.core_share / base.core_share:.2f}" if base.core_share else "-"
        gold = gold_folder(item)
        gold_column = f"{gold_share(gold):.0%}" if gold else "-"
        print(f"{Path(item).name:<24}{f'{full.core_connected}/{full.core}':>13}{full.core_share:>12.0%}"
              f"{full.share:>11.0%}{base.core_share:>15.0%}{ratio:>7}{gold_column:>7}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
