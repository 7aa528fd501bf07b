"""PLACEHOLDER until issue 5 lands."""
from __future__ import annotations

from dataclasses import dataclass

from rdflib import Graph


@dataclass
class Report:
    conforms: bool
    text: str = ""

    def summary_line(self) -> str:
        return "validation: not yet implemented"


def validate_graph(graph: Graph) -> Report:
    return Report(True)
