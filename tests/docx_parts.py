"""Real .docx parts for hostile inputs, shared by tests/test_hostile_inputs.py and
bench/bench_hostile.py: a one-paragraph document python-docx writes supplies every package
part; the callers replace word/document.xml with a body of repeated paragraphs."""
from __future__ import annotations

import io

PARAGRAPH = "<w:p><w:r><w:t>贵阳市花溪区推进数字经济产业园建设</w:t></w:r></w:p>".encode()
BODY_HEAD = (b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document '
             b'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>')
BODY_TAIL = b"</w:body></w:document>"


def small_docx() -> bytes:
    """A real one-paragraph .docx made by python-docx: the package parts a bomb reuses."""
    import docx

    document = docx.Document()
    document.add_paragraph("贵阳市花溪区召开工作会议。")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
