"""Extraction quality on the seeds, scored as GUIDELINES.md says. Fails when it drops.

The floors are the scores measured when they were set (see README, "Quality"), less a
small margin for harmless churn; raise them as extraction improves.
"""
from __future__ import annotations

from kg.evaluate import evaluate, totals

from conftest import GOLD

FLOORS = {"typed": 0.90, "untyped": 0.90, "located": 0.74, "observations": 0.92}


def test_scores_against_gold_do_not_drop(seed_build):
    assert GOLD.is_dir(), f"the gold annotations are expected at {GOLD} (scripts/sync_gold.sh copies them)"
    scores = evaluate(seed_build, GOLD)
    assert len(scores) == 5
    t = totals(scores)
    measured = {"typed": t["typed"].f1, "untyped": t["untyped"].f1, "located": t["located"].f1,
                "observations": t["observations"].recall}
    low = {name: round(value, 3) for name, value in measured.items() if value < FLOORS[name]}
    assert not low, f"scores fell below their floors {FLOORS}: {low}"


def test_scorer_matches_aliases_and_ignores_ignored_items():
    from kg.evaluate import SystemDoc, score_document

    gold = {"document": "x.txt", "ignore": ["秀美花溪"], "located_in": [["燕楼镇", "花溪区"]], "observations": [],
            "entities": [{"name": "花溪区", "type": "AdministrativeArea", "aliases": ["花溪"]},
                         {"name": "燕楼镇", "type": "AdministrativeArea", "aliases": []}]}
    system = SystemDoc([("花溪", "AdministrativeArea"), ("燕楼镇", "Park"), ("秀美花溪", "Program")],
                       {("燕楼镇", "花溪")}, [])
    score = score_document(system, gold)
    assert (score.typed.tp, score.typed.fp, score.typed.fn) == (1, 1, 1)
    assert (score.untyped.tp, score.untyped.fp, score.untyped.fn) == (2, 0, 0)
    assert (score.located.tp, score.located.fp, score.located.fn) == (1, 0, 0)
