"""PDF with a text layer (pypdf). Scanned PDFs have none and are refused: no OCR here.

Running page headers/footers that are only a page number (`- 3 -`, `第3页`, `3/12`) are
dropped. A line as wide as the page's full lines wraps inside a paragraph and ends with a
single line break; any other line ends its paragraph and gets a blank line after it, so
normalisation joins exactly the wrapped lines.
"""
from __future__ import annotations

import contextlib
import io
import logging
import re
import warnings
from collections.abc import Iterator

from kg.ingest.readers.base import Extracted, ReadError

_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[/,，]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d+)\s*$")


# Every page's text is extracted before the document's character limit can be checked:
# a report runs to a few hundred pages, and 2,000 pages hold far more than the limit.
MAX_PAGES = 2000
FULL_LINE = 0.85  # a line at least this share of the page's widest line is wrapped


def display_width(line: str) -> int:
    """Width in half-width cells: a Chinese character or full-width mark counts 2."""
    return sum(2 if ord(c) > 0x2E7F else 1 for c in line.strip())


def paragraphs_from_lines(lines: list[str]) -> str:
    """Rejoin a page's lines into paragraphs: full-width lines continue, others end one."""
    lines = [line.rstrip() for line in lines if line.strip() and not _PAGE_NUMBER.match(line)]
    if not lines:
        return ""
    widest = max(display_width(line) for line in lines)
    out: list[str] = []
    for line in lines:
        out.append(line)
        wrapped = len(lines) >= 3 and display_width(line) >= FULL_LINE * widest
        out.append("\n" if wrapped else "\n\n")
    return "".join(out)


def _page_text(page) -> str:  # type: ignore[no-untyped-def]
    return paragraphs_from_lines((page.extract_text() or "").splitlines())


class _Collect(logging.Handler):
    """Keeps pypdf's log messages, which would otherwise reach the terminal bare."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.levelno >= logging.WARNING:
            self.messages.append(record.getMessage())


@contextlib.contextmanager
def pypdf_messages() -> Iterator[list[str]]:
    """Collect what pypdf logs or warns while reading one file, for `pdf_note`."""
    logger = logging.getLogger("pypdf")
    handler = _Collect()
    propagate = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            yield handler.messages
    finally:
        logger.removeHandler(handler)
        logger.propagate = propagate
        handler.messages.extend(str(w.message) for w in caught)


def pdf_note(messages: list[str]) -> list[str]:
    """At most one note per file: the first distinct message and how many there were (a
    damaged PDF can log thousands)."""
    distinct = list(dict.fromkeys(" ".join(m.split()) for m in messages if m.strip()))
    if not distinct:
        return []
    more = f" (and {len(distinct) - 1} more)" if len(distinct) > 1 else ""
    return [f"PDF reader warning: {distinct[0][:200]}{more} / PDF读取警告"]


def read_pdf(data: bytes) -> Extracted:
    with pypdf_messages() as messages:
        extracted = _read_pdf(data)
    extracted.notes.extend(pdf_note(messages))
    return extracted


def _read_pdf(data: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("PDF is password-protected / PDF已加密")
        if len(reader.pages) > MAX_PAGES:
            raise ReadError(f"PDF has {len(reader.pages)} pages (limit {MAX_PAGES}) / PDF页数过多")
        pages = [_page_text(page) for page in reader.pages]
        info = reader.metadata or {}
    except ReadError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ReadError(f"damaged PDF ({type(exc).__name__}) / PDF文件已损坏") from None
    except Exception as exc:  # pypdf raises many kinds on hostile files
        raise ReadError(f"damaged PDF ({type(exc).__name__}) / PDF文件已损坏") from None
    text = "".join(page for page in pages if page.strip())
    if not text.strip():
        raise ReadError("PDF has no text layer (scanned?); OCR is not supported / PDF无文字层")
    title = str(info.get("/Title") or "").strip()
    title = "" if title.lower() in ("untitled", "无标题") else title
    return Extracted(text=text + "\n", media_type="application/pdf", encoding="",
                     title=title[:200], date=None, source="")
