"""`kg eval`: build, then score against gold files (metric: shared/gold/GUIDELINES.md).

Per document, then micro-averaged: typed and untyped entity precision/recall/F1 by label
(aliases of gold entities accepted, `ignore` items left out), `locatedIn` pairs, and
observation recall (subject, year and kind equal, value within 0.5%).
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from kg.builder import BuildResult, build
from kg.extract.resolve import normalize_name

HELP = "build and score against gold annotations / 评测"
DEFAULT_GOLD = "tests/gold/seeds"  # copied from ../shared/gold by scripts/sync_gold.sh
CONTAINMENT = ("locatedIn", "partOf")


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "Counts") -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocScore:
    document: str
    typed: Counts = field(default_factory=Counts)
    untyped: Counts = field(default_factory=Counts)
    located: Counts = field(default_factory=Counts)
    observations: Counts = field(default_factory=Counts)  # tp / fn only: recall
    false_positives: list[str] = field(default_factory=list)
    false_negatives: list[str] = field(default_factory=list)
    missed_observations: list[str] = field(default_factory=list)


@dataclass
class SystemDoc:
    """What the build says about one document, in the scorer's terms."""

    entities: list[tuple[str, str]]  # (normalised label, core type)
    located_in: set[tuple[str, str]]
    observations: list[tuple[str, int, str, Decimal]]  # (subject label, year, kind, value)


def _match_entities(system: list[tuple[str, str]], gold: list[dict], ignore: set[str], typed: bool) -> tuple[Counts, list[str], list[str], dict[str, int]]:
    """Greedy one-to-one matching of system labels to gold names/aliases."""
    index: dict[str, list[int]] = {}
    for i, entity in enumerate(gold):
        for name in {entity["name"], *entity.get("aliases", [])}:
            index.setdefault(normalize_name(name), []).append(i)
    matched: set[int] = set()
    counts = Counts()
    fps: list[str] = []
    label_to_gold: dict[str, int] = {}
    for label, type_ in sorted(set(system)):
        if label in ignore:
            continue
        hit = None
        for i in index.get(label, []):
            entity = gold[i]
            type_ok = not typed or type_ in (entity["type"], entity.get("alt_type"))
            if i not in matched and type_ok:
                hit = i
                break
        if hit is None:
            counts.fp += 1
            fps.append(f"{label}/{type_}")
        else:
            matched.add(hit)
            counts.tp += 1
            label_to_gold[label] = hit
    fns = [f"{g['name']}/{g['type']}" for i, g in enumerate(gold) if i not in matched]
    counts.fn = len(fns)
    return counts, fps, fns, label_to_gold


def _gold_index(gold: list[dict]) -> dict[str, set[int]]:
    index: dict[str, set[int]] = {}
    for i, entity in enumerate(gold):
        for name in {entity["name"], *entity.get("aliases", [])}:
            index.setdefault(normalize_name(name), set()).add(i)
    return index


def score_document(system: SystemDoc, gold_doc: dict) -> DocScore:
    gold = gold_doc["entities"]
    ignore = {normalize_name(n) for n in gold_doc.get("ignore", [])}
    score = DocScore(gold_doc["document"])
    score.typed, score.false_positives, score.false_negatives, _ = _match_entities(system.entities, gold, ignore, True)
    score.untyped, _, _, _ = _match_entities(system.entities, gold, ignore, False)

    index = _gold_index(gold)
    gold_pairs = set()
    for child, parent in gold_doc.get("located_in", []):
        for c in index.get(normalize_name(child), ()):
            for p in index.get(normalize_name(parent), ()):
                gold_pairs.add((c, p))
    gold_pair_count = len({(normalize_name(c), normalize_name(p)) for c, p in gold_doc.get("located_in", [])})
    found_pairs: set[tuple[int, int]] = set()
    for child, parent in sorted(system.located_in):
        pairs = {(c, p) for c in index.get(child, ()) for p in index.get(parent, ())} & gold_pairs
        pair = next(iter(sorted(pairs - found_pairs)), None)
        if pair is None:
            score.located.fp += 1
        else:
            found_pairs.add(pair)
            score.located.tp += 1
    score.located.fn = gold_pair_count - score.located.tp

    for obs in gold_doc.get("observations", []):
        subjects = index.get(normalize_name(obs["subject"]), set()) | {normalize_name(obs["subject"])}
        value = Decimal(str(obs["value"]))
        found = False
        for label, year, kind, sys_value in system.observations:
            same_subject = label in subjects or bool(index.get(label, set()) & subjects)
            close = abs(sys_value - value) <= abs(value) * Decimal("0.005")
            if same_subject and year == obs["year"] and kind == obs["kind"] and close:
                found = True
                break
        if found:
            score.observations.tp += 1
        else:
            score.observations.fn += 1
            score.missed_observations.append(f"{obs['subject']} {obs['indicator']} {obs['year']} {obs['value']}{obs['unit']} {obs['kind']}")
    return score


def system_view(result: BuildResult) -> dict[str, SystemDoc]:
    """Per document file name: the entities, locatedIn pairs and observations read from it."""
    views: dict[str, SystemDoc] = {}
    label_of = {e.key: normalize_name(e.label) for e in result.entities}
    for doc in result.docs:
        keys = {m.key for m in doc.mentions}
        entities = [(label_of[e.key], e.type) for e in result.entities if e.key in keys]
        # The gold's located_in holds containment by areas and by parks (a firm in a
        # park), which the graph says with kg:locatedIn and kg:partOf.
        located = {(label_of[r.subject.key], label_of[r.object.key]) for r in doc.relations
                   if r.predicate in CONTAINMENT and r.subject.key != r.object.key}
        observations = [(label_of[f.subject.key], f.year, f.kind.lower(), f.value) for f in doc.figures if f.subject]
        views[doc.file_name] = SystemDoc(entities, located, observations)
    return views


def evaluate(result: BuildResult, gold_dir: Path) -> list[DocScore]:
    views = system_view(result)
    scores = []
    for gold_file in sorted(gold_dir.glob("*.json")):
        gold_doc = json.loads(gold_file.read_text(encoding="utf-8"))
        view = views.get(gold_doc["document"])
        if view is None:
            continue
        scores.append(score_document(view, gold_doc))
    return scores


def totals(scores: list[DocScore]) -> dict[str, Counts]:
    sums = {"typed": Counts(), "untyped": Counts(), "located": Counts(), "observations": Counts()}
    for score in scores:
        for name, counts in sums.items():
            counts.add(getattr(score, name))
    return sums


def format_table(scores: list[DocScore]) -> str:
    header = f"{'document':<28} {'typed P/R/F1':>18} {'untyped F1':>10} {'locatedIn F1':>12} {'obs recall':>10}"
    lines = [header, "-" * len(header)]
    for s in scores:
        lines.append(f"{s.document:<28} {s.typed.precision:5.2f} {s.typed.recall:5.2f} {s.typed.f1:5.2f}"
                     f" {s.untyped.f1:10.2f} {s.located.f1:12.2f} {s.observations.recall:10.2f}")
    t = totals(scores)
    lines.append("-" * len(header))
    lines.append(summary_line(t))
    return "\n".join(lines)


def summary_line(t: dict[str, Counts]) -> str:
    return (f"typed entity F1 {t['typed'].f1:.3f} (P {t['typed'].precision:.3f} R {t['typed'].recall:.3f}); "
            f"untyped entity F1 {t['untyped'].f1:.3f}; locatedIn F1 {t['located'].f1:.3f}; "
            f"observation recall {t['observations'].recall:.3f}")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="*", default=["seeds"], help="files and folders (default: seeds/)")
    parser.add_argument("--gold", default=DEFAULT_GOLD, help="folder of gold JSON files (default: %(default)s)")
    parser.add_argument("--errors", action="store_true", help="list false positives and negatives per document")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")


def run(args: argparse.Namespace) -> int:
    gold_dir = Path(args.gold)
    if not gold_dir.is_dir():
        print(f"kg eval: {gold_dir}: no such folder of gold files / 找不到标注目录", file=sys.stderr)
        return 2
    result = build(args.inputs)
    scores = evaluate(result, gold_dir)
    if not scores:
        print(f"kg eval: no gold file in {gold_dir} matches an input document", file=sys.stderr)
        return 2
    if args.json:
        t = totals(scores)
        print(json.dumps({name: {"precision": c.precision, "recall": c.recall, "f1": c.f1} for name, c in t.items()}, indent=2))
        return 0
    print(format_table(scores))
    if args.errors:
        for s in scores:
            print(f"\n== {s.document}")
            print("FP:", " | ".join(s.false_positives))
            print("FN:", " | ".join(s.false_negatives))
            print("missed figures:", " | ".join(s.missed_observations))
    return 0
