"""The extraction pipeline: a registry of per-document stages run in order.

Like spaCy's pipeline, each stage is a small function `Doc -> Doc` with one job; the list
`PIPELINE` says their order. Resolution works across documents and runs after them.
"""
from __future__ import annotations

from collections.abc import Callable

from kg.doc import Doc
from kg.extract.figures import extract_figures
from kg.ingest.metadata import read_metadata
from kg.ingest.normalize import normalize
from kg.extract.recognize import recognize
from kg.extract.relate import relate
from kg.extract.roles import roles
from kg.extract.events import extract_milestones
from kg.extract.segment import segment

Stage = Callable[[Doc], Doc]

PIPELINE: list[tuple[str, Stage]] = [
    ("normalize", normalize),
    ("metadata", read_metadata),
    ("segment", segment),
    ("recognize", recognize),
    ("relate", relate),
    ("roles", roles),
    ("milestones", extract_milestones),
    ("figures", extract_figures),
]


def process(doc: Doc) -> Doc:
    """Run every per-document stage on `doc`."""
    for _name, stage in PIPELINE:
        doc = stage(doc)
    return doc
