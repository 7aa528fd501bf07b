"""Count the relation errors of a build against a gold folder by class, for choosing what
to fix in `extract/roles/` (issue 16).

    PYTHONPATH=src .venv/bin/python scripts/relation_errors.py tests/gold/wide [--list CLASS]
    PYTHONPATH=src .venv/bin/python scripts/relation_errors.py tests/gold/seeds --inputs seeds

Missed gold relations, by gold kind: `end` (an end is not among the system's entities of
the document) or `no-rule` (both ends are, no relation links them). False system
relations, by the rule that read them: `wrong-end` (an end is no gold entity of the
document) or `wrong-link` (both ends are gold entities the gold does not relate).
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from kg.builder import build, turtle_text
from kg.evaluate import _gold_index, _label_for_document, _score_pairs, load_graph, system_view
from kg.extract.resolve import normalize_name


def rules_by_pair(result: object) -> dict[str, dict[tuple[str, str], str]]:
    """Per document, (subject label, object label) of each relation -> `predicate/rule`,
    labels as the resolved entities print them."""
    labels = {e.key: normalize_name(e.label) for e in result.entities}
    out: dict[str, dict[tuple[str, str], str]] = {}
    for doc in result.docs:
        pairs = out.setdefault(doc.file_name, {})
        for rel in doc.relations:
            s, o = labels.get(rel.subject.key), labels.get(rel.object.key)
            if s and o:
                pairs.setdefault((s, o), f"{rel.predicate}/{rel.rule}")
                pairs.setdefault((o, s), f"{rel.predicate}/{rel.rule}")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--list", default="", help="print the items of classes whose name contains this")
    parser.add_argument("--inputs", nargs="*", help="what to build (default: the gold folder, which holds the texts)")
    args = parser.parse_args()
    result = build(args.inputs or [str(args.folder)])
    views = system_view(load_graph(turtle_text(result)))
    rules = rules_by_pair(result)
    classes: Counter[str] = Counter()
    items: dict[str, list[str]] = {}
    for gold_file in sorted(args.folder.glob("*.json")):
        gold = json.loads(gold_file.read_text(encoding="utf-8"))
        view = views.get(gold["document"])
        if view is None or "relations" not in gold:
            continue
        index = _gold_index(gold["entities"])
        as_named = {e.label: _label_for_document(e, index) for e in view.entities}
        present = {i for label in as_named.values() for i in index.get(label, ())}
        related = {(as_named.get(c, c), as_named.get(p, p)) for c, p in view.relations}
        _, missed, false = _score_pairs(related, gold["relations"], index, symmetric=True)
        kinds = {f"{r[0]} → {r[-1]}": r[1] for r in gold["relations"]}
        for text in missed:
            s, o = text.split(" → ")
            have = [bool(index.get(normalize_name(n), set()) & present) for n in (s, o)]
            why = "no-rule" if all(have) else "end"
            name = f"missed {kinds.get(text, '?')} {why}"
            classes[name] += 1
            items.setdefault(name, []).append(f"{gold['document']}: {text}")
        false_set = set(false)
        for s_label, o_label in sorted(related):
            if f"{s_label} → {o_label}" not in false_set:
                rule = rules.get(gold["document"], {}).get((s_label, o_label), "?")
                classes[f"true {rule}"] += 1
                items.setdefault(f"true {rule}", []).append(f"{gold['document']}: {s_label} → {o_label}")
        for text in false:
            s, o = text.split(" → ")
            why = "wrong-link" if s in index and o in index else "wrong-end"
            rule = rules.get(gold["document"], {}).get((s, o), "?")
            name = f"false {why} {rule}"
            classes[name] += 1
            items.setdefault(name, []).append(f"{gold['document']}: {text}")
    for name, count in sorted(classes.items(), key=lambda kv: (kv[0].split()[0], -kv[1], kv[0])):
        print(f"{count:5d}  {name}")
        if args.list and args.list in name:
            for item in items[name]:
                print(f"         {item}")
    totals = Counter(name.split()[0] + " " + name.split()[-1 if name.startswith("missed") else 1]
                     for name in classes.elements() if not name.startswith("true"))
    print(dict(sorted(totals.items())), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
