"""PDF with a text layer (pypdf). Scanned PDFs have none and are refused: no OCR here.

Running page headers/footers that are only a page number (`- 3 -`, `第3页`, `3/12`) are
dropped. A line as wide as the page's full lines wraps inside a paragraph and ends with a
single line break; any other line ends its paragraph and gets a blank line after it, so
normalisation joins exactly the wrapped lines.
"""
from __future__ import annotations

import io
import re

from kg.ingest.readers.base import Extracted, ReadError

_PAGE_NUMBER = re.compile(r"^\s*(?:[-—–]\s*\d+\s*[-—–]|第\s*\d+\s*页(?:\s*[/,，]?\s*共\s*\d+\s*页)?|\d+\s*/\s*\d+|\d+)\s*$")


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


def read_pdf(data: bytes) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ReadError("PDF is password-protected / PDF已加密")
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
