"""What checking a query costs: `guard.check_query` (rdflib's parser, plus pyoxigraph's parser
asked about SERVICE) against running the same query on pyoxigraph, measured in the same run.

    .venv/bin/python bench/bench_guard.py [--graph output/graph.ttl] [--rounds 5]

Prints, per saved query, the median time of the check (of a text not seen before) and of the
run on pyoxigraph (with its rows materialised, as `store.execute` does) and their ratio, and
the total for texts the worker has already checked (remembered); then the check alone on
queries of 100 and 1,000 triple patterns and nested 100 and 200 levels deep (the most the
guard allows), where rdflib's parser grows costly.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from common import seed_graph_path  # noqa: E402
from kg.sparql import guard, saved, store  # noqa: E402


def median_ms(function: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--graph", help="graph file (default: output/graph.ttl, else a fresh seed build)")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    path = seed_graph_path(args.graph)
    oxstore = store.load_store(path)
    guard.check_query("ASK { ?s ?p ?o }")  # warm: rdflib builds its grammar on first use
    print(f"graph: {path} ({len(oxstore)} triples); median of {args.rounds} rounds")
    print(f"{'query':36} {'check ms':>9} {'run ms':>9} {'check/run':>10}")
    checks, runs = [], []
    cached = []
    for query in saved.saved_queries(ROOT / "queries"):
        # uncached: what a text never seen before costs (the worker remembers texts it checked)
        check = median_ms(lambda: guard.on_large_stack(guard._check, query.text), args.rounds)
        cached.append(median_ms(lambda: guard.check_query(query.text), args.rounds))
        form = guard.check_query(query.text)
        run = median_ms(lambda: store._materialise(oxstore.query(query.text), form, None), args.rounds)
        checks.append(check)
        runs.append(run)
        print(f"{query.name:36} {check:9.1f} {run:9.1f} {check / run:10.2f}")
    print(f"{'total':36} {sum(checks):9.1f} {sum(runs):9.1f} {sum(checks) / sum(runs):10.2f}")
    print(f"{'total, texts already checked':36} {sum(cached):9.1f} {sum(runs):9.1f} {sum(cached) / sum(runs):10.2f}")
    print()
    generated = {
        "100 triple patterns": "SELECT * WHERE { " + " . ".join(f"?x <urn:p{i}> ?y{i}" for i in range(100)) + " }",
        "1,000 triple patterns": "SELECT * WHERE { " + " . ".join(f"?x <urn:p{i}> ?y{i}" for i in range(1000)) + " }",
        "100-deep nesting": "SELECT * WHERE " + "{ " * 100 + "?s ?p ?o " + "} " * 100,
        "200-deep nesting (the most allowed)": "SELECT * WHERE " + "{ " * 200 + "?s ?p ?o " + "} " * 200,
    }
    for name, text in generated.items():
        print(f"{name:36} {median_ms(lambda: guard.on_large_stack(guard._check, text), max(1, args.rounds // 2)):9.1f} ms "
              f"({len(text)} characters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
