"""Draw observations at random from an export, each with its evidence sentence, for a
precision check by reading (docs/observations-sample.md).

    PYTHONPATH=src .venv/bin/python -m kg build tests/gold/wide -o OUT --no-cache
    PYTHONPATH=src .venv/bin/python -m kg export --graph OUT/graph.ttl --format csv -o CSV
    python scripts/sample_observations.py CSV/observations.csv [--n 60] [--seed 7]

Prints a Markdown table: number, subject, indicator, year, kind, scope, value, document,
sentence (the part around the figure). The rows are sorted by id before the draw, so a
seed draws the same rows from the same export.
"""
from __future__ import annotations

import argparse
import csv
import random
import sys


def window(sentence: str, value: str, width: int) -> str:
    """The part of a long sentence around the first place the figure's value is written."""
    if len(sentence) <= width:
        return sentence
    at = sentence.find(value)
    start = max(0, min((at if at >= 0 else 0) - width // 2, len(sentence) - width))
    return ("…" if start else "") + sentence[start:start + width] + ("…" if start + width < len(sentence) else "")


def written(value: str) -> str:
    """The value as a text would write it: 2840.0 -> 2840, -4.7 -> 4.7 (the sign is a word)."""
    plain = value.lstrip("-")
    return plain.rstrip("0").rstrip(".") if "." in plain else plain


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", help="observations.csv written by `kg export --format csv`")
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--width", type=int, default=90, help="characters of the sentence shown")
    args = parser.parse_args()
    with open(args.csv, encoding="utf-8-sig", newline="") as handle:
        rows = sorted(csv.DictReader(handle), key=lambda r: r["id"])
    print(f"{len(rows)} observations; {args.n} drawn with seed {args.seed}", file=sys.stderr)
    random.Random(args.seed).shuffle(rows)
    print("| # | subject | indicator | year | kind | scope | value | doc | sentence (excerpt) | verdict |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for number, row in enumerate(rows[:args.n], 1):
        # a sentence may run over a line a heading left open: show the line with the value
        lines = [line.strip() for line in row["evidence"].split("\n") if line.strip()] or [""]
        sentence = next((line for line in lines if written(row["value"]) in line), lines[0]).replace("|", "｜")
        scope = " ".join(p for p in (row["period"], row["period_label"], row["growth_base"] and "vs " + row["growth_base"]) if p)
        shown = window(sentence, written(row["value"]), args.width)
        value = f"{row['value']}{row['unit']}"
        print(f"| {number} | {row['subject_label']} | {row['indicator']} | {row['year']} | {row['kind']} | {scope} | "
              f"{value} | {row['documents'].split(';')[0]} | {shown} | |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
