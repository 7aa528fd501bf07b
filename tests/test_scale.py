"""A build that scales: documents extracted in parallel, the same graph however many
processes extract them, a summary that counts what the graph holds."""
from __future__ import annotations

import subprocess
import sys

from kg.builder import build, write_outputs

from conftest import ROOT, SEEDS

OUTPUT_FILES = ("graph.ttl", "graph.html", "graph.graphml", "graph.gexf")


def test_parallel_compact_build_writes_the_serial_files(seed_output, tmp_path):
    parallel = build([str(SEEDS)], workers=2, keep_text=False)
    assert all(doc.tokens == [] and doc.text == "" for doc in parallel.docs)  # text dropped once extracted
    out = tmp_path / "parallel"
    write_outputs(parallel, out)
    for name in OUTPUT_FILES:
        assert (out / name).read_bytes() == (seed_output / name).read_bytes(), name


def test_cli_summary_counts_what_the_graph_holds(tmp_path):
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "kg", "build", str(SEEDS), "-o", str(out), "--no-cache",
                             "--workers", "2", "--no-validate"],
                            capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    text = (out / "graph.ttl").read_text(encoding="utf-8")
    observations = text.count("\n<Observation/")
    statements = text.count("\n<Statement/")
    assert f"{statements} relations, {observations} observations" in result.stderr


def _link(predicate: str, child: str, parent: str, rule: str):
    from kg.doc import Mention, Relation

    return Relation(predicate, Mention(child, child, "AdministrativeArea", key=f"AdministrativeArea|{child}"),
                    Mention(parent, parent, "AdministrativeArea", key=f"AdministrativeArea|{parent}"), 0, rule)


def test_containment_cycle_loses_its_weakest_link_whatever_the_document_order():
    from kg.doc import Doc
    from kg.extract.resolve import break_containment_cycles

    def docs():
        # 北京 大兴区 read backwards by a phrase (twice), the division table says the reverse;
        # 大兴区 in 北京市 in 中国 in 大兴区 closes a longer circle the same way.
        return [Doc("a.txt", "a.txt", "", relations=[_link("locatedIn", "北京市", "大兴区", "located-phrase"),
                                                     _link("locatedIn", "北京市", "大兴区", "located-phrase")]),
                Doc("b.txt", "b.txt", "", relations=[_link("locatedIn", "大兴区", "北京市", "table"),
                                                     _link("locatedIn", "某镇", "大兴区", "table"),
                                                     _link("partOf", "大兴区", "某镇", "adjacent")])]

    forward, backward = docs(), docs()[::-1]
    expected = [("AdministrativeArea|北京市", "locatedIn", "AdministrativeArea|大兴区"),
                ("AdministrativeArea|大兴区", "partOf", "AdministrativeArea|某镇")]
    assert break_containment_cycles(forward) == expected
    assert break_containment_cycles(backward) == expected
    kept = {(r.subject.label, r.object.label) for d in forward for r in d.relations}
    assert kept == {("大兴区", "北京市"), ("某镇", "大兴区")}


def test_gold_wide_builds_without_a_containment_cycle(tmp_path):
    corpus = tmp_path / "wide"
    corpus.mkdir()
    for text in sorted((ROOT / "tests" / "gold" / "wide").glob("*.txt")):
        (corpus / text.name).write_bytes(text.read_bytes())
    result = subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(tmp_path / "out"),
                             "--no-cache", "-q"], capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr  # validation checks kg:locatedIn+ has no cycle


def test_build_network_is_the_network_read_back_from_graph_ttl(seed_build, seed_ttl):
    """`kg viz` and `kg export` read graph.ttl; the build writes its page from its own
    records. Both must show the same nodes, edges, names, evidence and figures."""
    from kg.graph.read import read_graph
    from kg.publish.network import network_from_triples, read_network

    from_build = network_from_triples(seed_build.triples)
    assert from_build == read_network(read_graph(seed_ttl))
    assert len(from_build.entities) == len(seed_build.entities) and from_build.links


def test_turtle_text_is_the_written_file_and_the_rdflib_graph(seed_build, seed_ttl):
    from kg.builder import turtle_text
    from kg.graph.turtle import serialize_turtle

    text = turtle_text(seed_build)
    assert text == seed_ttl.read_text(encoding="utf-8")
    assert serialize_turtle(seed_build.graph) == text


def test_compact_literals_keep_the_figure_as_written():
    from decimal import Decimal

    from kg.graph.triples import decimal

    assert decimal(Decimal("8")).lexical == "8" and decimal(Decimal("8.0")).lexical == "8.0"


def test_build_on_a_dask_cluster_writes_the_local_graph(seed_ttl, tmp_path):
    """Two real worker processes of a local Dask cluster extract the seeds; the CLI
    resolves and writes on the client."""
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        out = tmp_path / "out"
        result = subprocess.run([sys.executable, "-m", "kg", "build", str(SEEDS), "-o", str(out), "--no-cache",
                                 "--cluster", cluster.scheduler_address, "-q"],
                                capture_output=True, text=True, cwd=ROOT, timeout=600)
        assert result.returncode == 0, result.stderr
        # every seed was extracted on the cluster (dask names tasks after the function)
        done = cluster.scheduler.task_prefixes["extract_one"].state_counts
        assert done["memory"] == len(list(SEEDS.glob("*.txt")))
    assert (out / "graph.ttl").read_bytes() == seed_ttl.read_bytes()


def test_unreachable_cluster_is_one_line_naming_it(tmp_path):
    result = subprocess.run([sys.executable, "-m", "kg", "build", str(SEEDS), "-o", str(tmp_path / "out"),
                             "--no-cache", "--cluster", "tcp://127.0.0.1:9"],
                            capture_output=True, text=True, cwd=ROOT, timeout=600,
                            env={**__import__("os").environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "2s"})
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].startswith("kg build: --cluster tcp://127.0.0.1:9")


def test_python_api_gives_entities_and_observations_as_records(seed_build, seed_ttl):
    observations = seed_build.observations()
    assert len(observations) == seed_ttl.read_text(encoding="utf-8").count("\n<Observation/")
    assert all(o.subject_label and o.kind in ("Actual", "Target", "Estimate") and o.documents for o in observations)
    assert {o.period for o in observations} >= {"FullYear", "FiveYearPeriod"}
    assert any(o.subject_label == "花溪区" for o in observations)
    labels = {e.label for e in seed_build.entities}
    assert {o.subject_label for o in observations} <= labels
