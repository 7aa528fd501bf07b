"""Cross-validation of the recogniser by document: rules alone, tagger alone, both.

    PYTHONPATH=src .venv/bin/python bench/bench_cv.py [--folds 5] [--thresholds 0.5]

The documents of both gold sets (seeds and gold-wide) go to folds by a hash of their gold
file's name (deterministic). For each fold a model is trained on the other folds' gold
(`kg train`'s code and parameters) and the fold's documents are built and scored as
`kg eval` scores them (per gold set, so resolution sees the same documents it would),
with:
- rules: the tagger turned off (`kg build --no-tagger`);
- tagger: the rule recognisers turned off, the tagger's spans only;
- both: the rules, then the tagger's spans that overlap no rule mention;
- both+TYPE: the tagger adds spans of one type only, to choose the types it adds;
- both (shipped types): the tagger adds the types `tagger.ADDED_TYPES` names.
Prints typed and untyped entity F1 (P/R) per setting over all folds, and per gold set.
The shipped model is trained on all gold; this measures what unseen documents get.
"""
from __future__ import annotations

import argparse
import hashlib
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from kg.builder import build  # noqa: E402
from kg.evaluate import Counts, DocScore, evaluate, totals  # noqa: E402
from kg.extract.recognize import RECOGNIZERS  # noqa: E402
from kg.extract.recognize import tagger  # noqa: E402
from kg.train import Example, make_example, train_model  # noqa: E402

GOLD_SETS = (("seeds", ROOT / "tests/gold/seeds", ROOT / "seeds"), ("gold-wide", ROOT / "tests/gold/wide", ROOT / "tests/gold/wide"))


def fold_of(gold_file: Path, folds: int) -> int:
    return int(hashlib.sha256(gold_file.name.encode("utf-8")).hexdigest()[:8], 16) % folds


def run_setting(name: str, test: dict[str, list[Path]], model: Path, types: tuple[str, ...],
                threshold: float) -> dict[str, list[DocScore]]:
    """Build and score each gold set's test documents under one setting."""
    saved = dict(RECOGNIZERS)
    if name == "tagger":
        RECOGNIZERS.clear()
    tagger.configure(enabled=name != "rules", model=model, types=types, min_confidence=threshold)
    try:
        scores: dict[str, list[DocScore]] = {}
        for set_name, gold_dir, _texts in GOLD_SETS:
            if test[set_name]:
                scores[set_name] = evaluate(build([str(p) for p in test[set_name]]), gold_dir)
        return scores
    finally:
        RECOGNIZERS.update(saved)


def line(label: str, t: dict[str, Counts]) -> str:
    typed, untyped = t["typed"], t["untyped"]
    return (f"{label:<26} typed F1 {typed.f1:.3f} (P {typed.precision:.3f} R {typed.recall:.3f})  "
            f"untyped F1 {untyped.f1:.3f}  locatedIn F1 {t['located'].f1:.3f}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--thresholds", default=str(tagger.SETTINGS.min_confidence),
                        help="comma-separated least span confidences to try for `both` (default: the shipped one)")
    parser.add_argument("--no-per-type", action="store_true", help="skip the both+TYPE settings")
    parser.add_argument("--param", action="append", default=[], metavar="NAME=VALUE",
                        help="a CRFsuite training parameter other than kg train's (e.g. c1=0.1), repeatable")
    parser.add_argument("--models", default=None, metavar="DIR",
                        help="keep the fold models here, and reuse those already there (same gold, same code)")
    args = parser.parse_args()
    thresholds = [float(t) for t in args.thresholds.split(",")]
    params = {name: int(value) if value.isdigit() else float(value) for name, _, value in (p.partition("=") for p in args.param)}
    started = time.perf_counter()
    examples: dict[str, tuple[int, Example, Path, str]] = {}
    for set_name, gold_dir, texts in GOLD_SETS:
        for gold_file in sorted(gold_dir.glob("*.json")):
            example = make_example(gold_file, [texts])
            text = next(p for p in (gold_dir / (gold_file.stem + ".txt"), texts / (gold_file.stem + ".txt")) if p.is_file())
            examples[gold_file.name] = (fold_of(gold_file, args.folds), example, text, set_name)
    print(f"{len(examples)} documents read in {time.perf_counter() - started:.0f}s; fold sizes "
          + ", ".join(str(sum(1 for f, *_ in examples.values() if f == k)) for k in range(args.folds)), flush=True)
    settings = [("rules", tagger.CORE_TYPES, thresholds[0]), ("tagger", tagger.CORE_TYPES, thresholds[0])]
    settings += [("both", tagger.CORE_TYPES, t) for t in thresholds]
    shipped = tuple(t for t in tagger.CORE_TYPES if t in tagger.ADDED_TYPES)
    if shipped != tagger.CORE_TYPES:
        settings.append(("shipped", shipped, thresholds[0]))
    if not args.no_per_type:
        settings += [("both", (type_,), thresholds[0]) for type_ in tagger.CORE_TYPES]
    results: dict[tuple, dict[str, list[DocScore]]] = defaultdict(lambda: defaultdict(list))
    workdir = Path(args.models) if args.models else Path(tempfile.mkdtemp(prefix="kg-cv-"))
    for k in range(args.folds):
        model = workdir / f"fold{k}.crfsuite"
        if not (args.models and model.is_file()):
            train_model([e for f, e, *_ in examples.values() if f != k], model, params)
        test: dict[str, list[Path]] = defaultdict(list)
        for fold, _example, text, set_name in examples.values():
            if fold == k:
                test[set_name].append(text)
        for name, types, threshold in settings:
            for set_name, scores in run_setting(name, test, model, types, threshold).items():
                results[(name, types, threshold)][set_name] += scores
        print(f"fold {k} done at {time.perf_counter() - started:.0f}s", flush=True)
    tagger.configure(enabled=True, model=tagger.MODEL)
    print(f"\n{args.folds}-fold cross-validation by document ({len(examples)} documents)")
    for (name, types, threshold), by_set in results.items():
        label = name if len(types) > 1 else f"{name}+{types[0]}"
        label = "both (shipped types)" if name == "shipped" else label
        label += f" @{threshold}" if name != "rules" else ""
        every = [s for scores in by_set.values() for s in scores]
        print(line(label, totals(every)))
        for set_name, scores in by_set.items():
            print(line(f"  {set_name}", totals(scores)))
    rules = totals([s for scores in results[("rules", tagger.CORE_TYPES, thresholds[0])].values() for s in scores])
    kept = [types[0] for (name, types, _t), by_set in results.items() if name == "both" and len(types) == 1
            and totals([s for scores in by_set.values() for s in scores])["typed"].f1 > rules["typed"].f1]
    if not args.no_per_type:
        print("types where rules+tagger beat rules alone: " + (", ".join(kept) or "none"))
    print(f"total {time.perf_counter() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
