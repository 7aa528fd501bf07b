"""Shared fixtures: the seed build is made once per test session and reused."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
GOLD = ROOT.parent / "shared" / "gold"


@pytest.fixture(scope="session")
def seed_build():
    """The in-memory result of building the seeds (kg.build.BuildResult)."""
    from kg.build import build

    return build([str(SEEDS)])


@pytest.fixture(scope="session")
def seed_output(tmp_path_factory, seed_build) -> Path:
    """A folder holding the outputs `kg build seeds/` writes (graph.ttl, graph.html, ...)."""
    from kg.build import write_outputs

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
