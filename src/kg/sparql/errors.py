"""Errors of the query side: each carries the HTTP status the endpoint answers with and a
one-line message that `kg query` prints as is."""
from __future__ import annotations

import unicodedata


class QueryError(Exception):
    """A query that cannot be answered; `status` is the HTTP status to answer with."""

    status = 400

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class QueryRefused(QueryError):
    """Not allowed on a read-only, no-outbound-request endpoint."""

    status = 403


class QuerySyntaxError(QueryError):
    """Malformed SPARQL; `line` and `column` are 1-based when known."""

    status = 400

    def __init__(self, message: str, line: int | None = None, column: int | None = None, source: str = "") -> None:
        super().__init__(message)
        self.line, self.column, self.source = line, column, source

    def pointer(self) -> str:
        """The offending line with a caret under the column, for terminals."""
        if not self.line or not self.source:
            return ""
        lines = self.source.splitlines() or [""]
        text = lines[self.line - 1] if self.line <= len(lines) else ""
        col = max(1, self.column or 1)
        pad = "".join("\t" if ch == "\t" else ("  " if is_wide(ch) else " ") for ch in text[: col - 1])
        return f"{text}\n{pad}^"


class QueryTooLarge(QueryError):
    """The answer has more rows (or triples) than the cap allows."""

    status = 422


class QueryTimeout(QueryError):
    """The query ran past the time limit and its worker was killed."""

    status = 503


class QueryOutOfMemory(QueryError):
    """The query's worker grew past the memory limit and was killed."""

    status = 503


class ServerBusy(QueryError):
    """No worker became free in time."""

    status = 503


class GraphLoadError(Exception):
    """The graph file is missing or not valid Turtle (message names the file)."""


# by name, so a worker process can send an error's class over a pipe as a string
ERRORS: dict[str, type[QueryError]] = {
    cls.__name__: cls
    for cls in (QueryError, QueryRefused, QuerySyntaxError, QueryTooLarge, QueryTimeout, QueryOutOfMemory, ServerBusy)
}


def is_wide(ch: str) -> bool:
    """A character that takes two terminal columns (CJK)."""
    return unicodedata.east_asian_width(ch) in ("W", "F")
