"""Nothing lost: a killed build leaves the previous output, and a cached rebuild gives the
graph of a clean build while extracting only the new document."""
from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT, SEEDS
from kg import builder as build_module
from kg.builder import build
from kg.cache import ExtractionCache
from kg.publish.outputs import publish, recover
from kg.graph.turtle import serialize_turtle

SMALL = ["001_83d66f3eea1a55a4.txt", "003_e80842d3a7c05aba.txt"]  # the two shortest seeds
OUTPUT_FILES = ("graph.ttl", "graph.html")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {name: (folder / name).read_bytes() for name in OUTPUT_FILES}


def test_cached_rebuild_after_adding_a_document_equals_a_clean_build(seed_build, tmp_path, monkeypatch):
    clean = serialize_turtle(seed_build.graph)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    seeds = sorted(SEEDS.glob("*.txt"))
    for seed in seeds[:-1]:
        shutil.copy(seed, corpus / seed.name)
    cache = tmp_path / "cache"
    build([str(corpus)], cache_dir=cache)
    shutil.copy(seeds[-1], corpus / seeds[-1].name)

    extracted: list[str] = []
    real_process = build_module.process
    monkeypatch.setattr(build_module, "process", lambda doc: extracted.append(doc.file_name) or real_process(doc))
    result = build([str(corpus)], cache_dir=cache)
    assert extracted == [seeds[-1].name]  # only the new document is extracted
    assert serialize_turtle(result.graph) == clean

    extracted.clear()
    again = build([str(corpus)], cache_dir=cache)
    assert extracted == []
    assert serialize_turtle(again.graph) == clean


def test_changed_content_or_extractor_misses_the_cache(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / SMALL[0], corpus / SMALL[0])
    docs, _ = build_module.read_inputs([str(corpus)])
    cache = ExtractionCache(tmp_path / "cache", fingerprint="a" * 20)
    build_module.extract(docs, cache=cache)
    assert cache.get(docs[0]) is not None
    assert ExtractionCache(tmp_path / "cache", fingerprint="b" * 20).get(docs[0]) is None
    (corpus / SMALL[0]).write_text("花溪区召开会议。", encoding="utf-8")
    changed, _ = build_module.read_inputs([str(corpus)])
    assert cache.get(changed[0]) is None


def test_damaged_cache_entry_is_a_miss_not_an_error(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / SMALL[0], corpus / SMALL[0])
    first = build([str(corpus)], cache_dir=tmp_path / "cache")
    for entry in (tmp_path / "cache").rglob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    second = build([str(corpus)], cache_dir=tmp_path / "cache")
    assert serialize_turtle(second.graph) == serialize_turtle(first.graph)


def _write_then_hang(target: str, ready) -> None:  # runs in a child process
    def write(folder: Path) -> list[Path]:
        (folder / "graph.ttl").write_text("half of a new graph", encoding="utf-8")
        ready.set()
        time.sleep(60)  # killed here, halfway through writing the outputs
        return []

    publish(Path(target), write)


def test_kill_during_writing_leaves_the_previous_output(seed_output, tmp_path):
    out = tmp_path / "output"
    shutil.copytree(seed_output, out)
    before = snapshot(out)
    context = multiprocessing.get_context("fork")
    ready = context.Event()
    child = context.Process(target=_write_then_hang, args=(str(out), ready))
    child.start()
    assert ready.wait(30)
    os.kill(child.pid, signal.SIGKILL)
    child.join()
    assert snapshot(out) == before
    leftovers = [p.name for p in tmp_path.iterdir() if p.name.startswith(".output.")]
    assert leftovers  # the staging folder of the killed build
    recover(out)  # what the next build does first
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".output.")]
    assert snapshot(out) == before


def test_interrupted_swap_is_restored_by_the_next_build(seed_output, tmp_path):
    """Where the folders cannot be exchanged in one call, a kill between the two renames
    leaves the old set aside; the next build puts it back before anything else."""
    out = tmp_path / "output"
    shutil.copytree(seed_output, out)
    before = snapshot(out)
    aside = tmp_path / ".output.previous-999999999"  # a build with that pid died mid-swap
    os.rename(out, aside)
    recover(out)
    assert snapshot(out) == before and not aside.exists()


def test_new_build_keeps_files_it_does_not_write(seed_output, tmp_path):
    out = tmp_path / "output"
    shutil.copytree(seed_output, out)
    (out / "focus.html").write_text("<p>kg viz page</p>", encoding="utf-8")
    publish(out, lambda folder: [*(folder / n for n in OUTPUT_FILES if (folder / n).write_text("new") or True)])
    assert (out / "graph.ttl").read_text() == "new"
    assert (out / "focus.html").read_text(encoding="utf-8") == "<p>kg viz page</p>"


@pytest.mark.parametrize("moment", ["while reading", "while writing outputs"])
def test_killing_kg_build_at_any_moment_leaves_a_whole_output(tmp_path, moment):
    """The command line, killed while it runs: output/ is the old set or the new set, never a mix."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEEDS / SMALL[0], corpus / SMALL[0])
    out = tmp_path / "output"
    command = [sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "--no-validate", "-q", "--no-cache"]
    subprocess.run(command, check=True, cwd=ROOT)
    old = snapshot(out)
    shutil.copy(SEEDS / SMALL[1], corpus / SMALL[1])
    process = subprocess.Popen(command, cwd=ROOT)
    staging = tmp_path / f".output.staging-{process.pid}"
    started, deadline = time.monotonic(), time.monotonic() + 120
    while process.poll() is None and time.monotonic() < deadline:
        if moment == "while writing outputs" and staging.exists():
            break
        if moment == "while reading" and time.monotonic() - started >= 0.3:
            break
        time.sleep(0.001)
    process.send_signal(signal.SIGKILL)
    process.wait()
    now = snapshot(out)
    subprocess.run(command, check=True, cwd=ROOT)  # the next build recovers and completes
    new = snapshot(out)
    assert new != old
    assert now in (old, new)
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".output.")]
