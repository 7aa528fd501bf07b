"""Small helpers shared by the pipeline tests."""
from __future__ import annotations

from kg.doc import Doc
from kg.pipeline import process


def run_text(text: str, file_name: str = "sample.txt") -> Doc:
    """Run every per-document stage on a piece of text."""
    return process(Doc(path=file_name, file_name=file_name, raw=text))


def labels(doc: Doc, type_: str | None = None) -> set[str]:
    return {m.label for m in doc.mentions if type_ is None or m.type == type_}
