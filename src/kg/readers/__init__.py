"""Format readers: one small function per file kind, `bytes -> Extracted`.

`READERS` maps a lower-case suffix to its reader. A reader raises `ReadError` with a one-line
problem (the caller adds the file name); it never returns empty text.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date


class ReadError(Exception):
    """The file's content cannot be turned into text; the message is one line."""


@dataclass
class Extracted:
    """What a reader got out of a file: the text and any metadata the format carries."""

    text: str
    media_type: str
    encoding: str = ""
    title: str = ""
    date: date | None = None
    source: str = ""
    notes: list[str] = field(default_factory=list)  # non-fatal problems, one line each


Reader = Callable[[bytes], Extracted]


def _registry() -> dict[str, Reader]:
    from .docx import read_docx
    from .html import read_html
    from .pdf import read_pdf
    from .text import read_markdown, read_text

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
