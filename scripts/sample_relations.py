"""Draw relations at random from a build, each with its evidence sentence, for a precision
check by reading (docs/relations-sample.md).

    PYTHONPATH=src .venv/bin/python scripts/sample_relations.py [INPUT ...] [--n 60] [--seed 16]

Prints a Markdown table: number, relation, subject, object, document, rule, sentence.
"""
from __future__ import annotations

import argparse
import random
import sys

from kg.builder import build


def window(sentence: str, names: tuple[str, ...], width: int) -> str:
    """The part of a long sentence around the first of `names` it contains."""
    if len(sentence) <= width:
        return sentence
    at = next((sentence.find(n) for n in names if n in sentence), 0)
    start = max(0, min(at - width // 2, len(sentence) - width))
    return ("…" if start else "") + sentence[start:start + width] + ("…" if start + width < len(sentence) else "")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", nargs="*", default=["seeds"])
    parser.add_argument("--n", type=int, default=60)
    parser.add_argument("--seed", type=int, default=16)
    parser.add_argument("--width", type=int, default=90, help="characters of the sentence shown")
    args = parser.parse_args()
    result = build(args.inputs)
    rows = []
    for doc in sorted(result.docs, key=lambda d: d.doc_id):
        for rel in doc.relations:
            if rel.subject.key and rel.object.key:
                sentence = doc.sentences[rel.sentence].text.strip().replace("\n", " ").replace("|", "｜")
                rows.append((rel.predicate, rel.subject.label, rel.object.label, doc.file_name, rel.rule, sentence))
    print(f"{len(rows)} relations; {args.n} drawn with seed {args.seed}", file=sys.stderr)
    random.Random(args.seed).shuffle(rows)
    print("| # | relation | subject | object | document | rule | sentence |")
    print("|---|---|---|---|---|---|---|")
    for number, (predicate, subject, obj, file_name, rule, sentence) in enumerate(rows[:args.n], 1):
        shown = window(sentence, (obj, subject), args.width)
        print(f"| {number} | kg:{predicate} | {subject} | {obj} | {file_name[:3]} | {rule} | {shown} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
