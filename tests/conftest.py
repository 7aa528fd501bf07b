"""Shared fixtures: the seed build is made once per test session and reused."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT / "tests" / "gold" / "seeds"  # scripts/sync_gold.sh refreshes it from ../shared/gold
GOLD_WIDE = ROOT / "tests" / "gold" / "wide"  # texts from 22 provinces beside their gold


@pytest.fixture(scope="session")
def seed_build():
    """The in-memory result of building the seeds (kg.builder.BuildResult)."""
    from kg.builder import build

    return build([str(SEEDS)])


@pytest.fixture(scope="session")
def seed_output(tmp_path_factory, seed_build) -> Path:
    """A folder holding the outputs `kg build seeds/` writes (graph.ttl, graph.html, ...)."""
    from kg.builder import write_outputs

    outdir = tmp_path_factory.mktemp("output")
    write_outputs(seed_build, outdir)
    return outdir


@pytest.fixture(scope="session")
def seed_ttl(seed_output) -> Path:
    return seed_output / "graph.ttl"


@pytest.fixture()
def corpus_dir(tmp_path) -> Path:
    """A scratch copy of the seeds that a test may modify."""
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS, target)
    return target
