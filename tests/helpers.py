"""Small helpers shared by the pipeline tests."""
from __future__ import annotations

from kg.doc import Doc
from kg.pipeline import process


def run_text(text: str, file_name: str = "sample.txt") -> Doc:
    """Run every per-document stage on a piece of text."""
    return process(Doc(path=file_name, file_name=file_name, raw=text))


def labels(doc: Doc, type_: str | None = None) -> set[str]:
    return {m.label for m in doc.mentions if type_ is None or m.type == type_}


def located_pairs(doc: Doc) -> set[tuple[str, str]]:
    """(child, parent) labels of the document's kg:locatedIn relations."""
    return {(r.subject.label, r.object.label) for r in doc.relations if r.predicate == "locatedIn"}
