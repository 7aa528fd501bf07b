"""Small helpers shared by the pipeline tests."""
from __future__ import annotations

import shutil
import socket
import sys
from pathlib import Path

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


def oxigraph_binary() -> str:
    """The `oxigraph` server the test extras install beside this Python."""
    found = Path(sys.executable).parent / "oxigraph"
    return str(found) if found.exists() else shutil.which("oxigraph") or "oxigraph"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
