"""Word `.docx`: paragraphs and table rows in document order (python-docx)."""
from __future__ import annotations

import io
import zipfile

from kg.ingest.readers.base import Extracted, ReadError
from kg.ingest.readers.zipguard import check_zip

MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _body_lines(document) -> list[str]:  # type: ignore[no-untyped-def]
    """One line per paragraph; one line per table row, cells separated by a tab."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = cell.text.strip()
                    if not cells or cells[-1] != text:  # merged cells repeat their text
                        cells.append(text)
                lines.append("\t".join(cells))
    return lines


def read_docx(data: bytes) -> Extracted:
    import docx

    check_zip(data)  # before python-docx inflates anything
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ReadError(f"not a valid Word .docx file ({type(exc).__name__}) / 不是有效的docx文件") from None
    except Exception as exc:  # python-docx raises many kinds on damaged packages
        raise ReadError(f"damaged Word .docx file ({type(exc).__name__}) / docx文件已损坏") from None
    text = "\n\n".join(line for line in _body_lines(document) if line.strip())
    if not text.strip():
        raise ReadError("Word document has no text / docx没有文字")
    props = document.core_properties
    # core_properties.created is when the file was made, not when the text was published
    return Extracted(text=text + "\n", media_type=MEDIA_TYPE, encoding="",
                     title=(props.title or "").strip(), date=None, source="")
