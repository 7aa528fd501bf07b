"""Format readers: one small function per file kind, `bytes -> Extracted`.

`READERS` maps a lower-case suffix to its reader. A reader raises `ReadError` with a one-line
problem (the caller adds the file name); it never returns empty text.
"""
from __future__ import annotations

from kg.ingest.readers.base import Extracted, ReadError, Reader

__all__ = ["READERS", "Extracted", "ReadError", "Reader"]


def _registry() -> dict[str, Reader]:
    from kg.ingest.readers.docx import read_docx
    from kg.ingest.readers.html import read_html
    from kg.ingest.readers.pdf import read_pdf
    from kg.ingest.readers.text import read_markdown, read_text

    return {
        ".txt": read_text,
        ".text": read_text,
        ".md": read_markdown,
        ".markdown": read_markdown,
        ".html": read_html,
        ".htm": read_html,
        ".xhtml": read_html,
        ".shtml": read_html,
        ".docx": read_docx,
        ".pdf": read_pdf,
    }


READERS: dict[str, Reader] = _registry()
