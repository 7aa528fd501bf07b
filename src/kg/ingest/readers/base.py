"""What every reader returns and raises; the readers and their callers share these."""
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
