"""Document metadata read from the text: title, date and source.

The date anchors relative years (今年, 去年) in figures. Sources, in order: `发布时间:
2025-01-26`, a dated line such as `(2025年1月12日在…会议上)`, a date in the file name.
"""
from __future__ import annotations

import re
from datetime import date

from .doc import Doc

_PUBLISHED = re.compile(r"(?:发布时间|发布日期|时间|日期)\s*[:：]\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
_DATED = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_FILE_DATE = re.compile(r"(20\d\d)[-_.]?(\d\d)[-_.]?(\d\d)")
_SOURCE = re.compile(r"来源\s*[:：]\s*([^\s|｜]{2,20})")


def _safe_date(year: str, month: str, day: str) -> date | None:
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def find_date(doc: Doc) -> date | None:
    head = doc.text[:600]
    for pattern in (_PUBLISHED, _DATED):
        match = pattern.search(head)
        if match and (found := _safe_date(*match.groups())):
            return found
    match = _FILE_DATE.search(doc.file_name)
    return _safe_date(*match.groups()) if match else None


def find_title(doc: Doc) -> str:
    for line in doc.text.splitlines():
        line = line.strip().lstrip("#").strip()
        if len(line) >= 4:
            return line[:120]
    return doc.file_name


def read_metadata(doc: Doc) -> Doc:
    doc.meta.title = doc.meta.title or find_title(doc)
    doc.meta.date = doc.meta.date or find_date(doc)
    if not doc.meta.source and (match := _SOURCE.search(doc.text[:600])):
        doc.meta.source = match.group(1)
    return doc
