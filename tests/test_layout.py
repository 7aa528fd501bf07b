"""The package's layout follows the data's path, and no module imports in a circle.

Stages, in order: ingest -> extract (segment, recognize, relate, figures, resolve) ->
graph -> publish; the SPARQL side reads built graphs and stands beside publish. A module
may import its own stage and the stages before it, never a later one. Top-level modules
(`cli`, `builder`, `pipeline`, `evaluate`, the Python API) wire stages together.
"""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "kg"

# rank of each stage; a module may import modules of an equal or lower rank
STAGE_RANK = {
    "kg.doc": 0,
    "kg.ingest": 1,
    "kg.extract": 2, "kg.extract.lexicon": 2, "kg.extract.numbers": 2,
    "kg.extract.segment": 3,
    "kg.extract.recognize": 4,
    "kg.extract.relate": 5, "kg.extract.roles": 5, "kg.extract.events": 5,
    "kg.extract.figures": 6,
    "kg.extract.resolve": 7, "kg.extract.connectivity": 7,
    "kg.graph": 8,
    "kg.publish": 9,
    "kg.sparql": 9,
}


def module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def rank(module: str) -> int | None:
    """The stage rank of `module`, from its longest stage prefix; None for top-level wiring."""
    best = None
    for prefix, value in STAGE_RANK.items():
        if (module == prefix or module.startswith(prefix + ".")) and (best is None or len(prefix) > len(best[0])):
            best = (prefix, value)
    return best[1] if best else None


def imports(path: Path) -> set[str]:
    """Every `kg` module imported anywhere in the file (lazy imports inside functions too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("kg"):
            found.add(node.module)
            for alias in node.names:  # `from kg.extract import lexicon` imports a module
                if (PACKAGE.parent / (node.module + "." + alias.name).replace(".", "/")).with_suffix(".py").exists():
                    found.add(f"{node.module}.{alias.name}")
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("kg")}
    return found


def import_graph() -> nx.DiGraph:
    graph = nx.DiGraph()
    for path in sorted(PACKAGE.rglob("*.py")):
        source = module_name(path)
        graph.add_node(source)
        for target in imports(path):
            # a package may import its own parts (a registry); the parts importing it back is a circle
            if target != "kg" and target != source:
                graph.add_edge(source, target)
    return graph


def test_no_module_imports_in_a_circle():
    cycles = list(nx.simple_cycles(import_graph()))
    assert not cycles, f"import cycles: {cycles}"


def test_no_stage_imports_a_later_stage():
    late = []
    for source, target in import_graph().edges:
        source_rank, target_rank = rank(source), rank(target)
        if source_rank is not None and target_rank is not None and target_rank > source_rank:
            late.append(f"{source} -> {target}")
    assert not late, "stages importing later stages: " + ", ".join(sorted(late))


def test_every_module_belongs_to_a_stage_or_is_top_level_wiring():
    top_level = {"kg", "kg.__main__", "kg.cli", "kg.builder", "kg.pipeline", "kg.evaluate", "kg.cache", "kg.api",
                 "kg.train"}
    loose = sorted(m for m in import_graph().nodes if m.startswith("kg") and rank(m) is None and m not in top_level)
    assert not loose, f"modules outside the stage folders: {loose}"


def test_the_checker_sees_a_circle_and_a_late_import(tmp_path):
    # the checks above would pass vacuously if the walk found no edges
    graph = import_graph()
    assert graph.has_edge("kg.extract.figures", "kg.extract.relate")
    assert rank("kg.extract.recognize.base") == 4 and rank("kg.builder") is None
