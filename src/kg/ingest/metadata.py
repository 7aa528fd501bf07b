"""Document metadata read from the text: title, date and source.

The date anchors relative years (今年, 去年) in figures. What a format says (an HTML page's
`PubDate` meta tag, a Word title) comes first; then, from the normalised text's head:
`发布时间: 2025-01-26` (or 发布日期/日期/时间), a dated line such as
`(2025年1月12日在…会议上)` or, as reports print it without brackets, `——2024年2月21日在…`
and `2024年2月21日在…` opening a line, a bracketed date alone (`(2020年5月28日)`), a line that
is only a month (`2022年2月`, under a bulletin's issuer), a signature date in Chinese numerals (二〇二五年一月十二日);
last a date in the file name (`report_2025-01-12.txt`, `20250112.pdf`). An undated
text still says when it was written (2024年以来): that year anchors 今年 then.
"""
from __future__ import annotations

import re
from datetime import date

from kg.doc import Doc

HEAD = 800  # metadata sits in a document's first lines
_YMD = r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})"
_PUBLISHED = re.compile(r"(?:发布时间|发布日期|发文日期|成文日期|时间|日期)\s*[:：]?\s*" + _YMD)
_SPEECH = re.compile(r"(?:^|[(（—－-])\s*" + _YMD + r"\s*日?\s*[,，]?\s*(?:在|于|[^。\n]{2,20}人民代表大会)", re.MULTILINE)
_BRACKETED = re.compile(r"[(（]\s*" + _YMD + r"\s*日?\s*[)）]")
_DATE_ALONE = re.compile(r"^\W*" + _YMD + r"\s*日?\W*$", re.MULTILINE)
_MONTH_LINE = re.compile(r"^\W*(\d{4})\s*年\s*(\d{1,2})\s*月\W*$", re.MULTILINE)
_CN_DIGITS = "〇零一二三四五六七八九"
_CN_ZERO = "〇零○O"  # ○ (a circle) and O stand for 〇 in many typed datelines
_CN_DATE = re.compile(r"([〇零○O一二三四五六七八九]{4})年([一二三四五六七八九十]{1,3})月([一二三四五六七八九十]{1,3})日")
_FILE_DATE = re.compile(r"(?<![0-9A-Za-z])((?:19|20)\d\d)[-_.]?(\d\d)[-_.]?(\d\d)(?!\d)")
_SOURCE = re.compile(r"(?:来源|来自|稿源|信息来源|文章来源)\s*[:：]\s*([^\s|｜,，;；]{2,30})")
_TITLE_SKIP = re.compile(r"^(?:来源|发布时间|发布日期|日期|时间|作者|编辑|责任编辑|字号|浏览|点击)")


def safe_date(year: str | int, month: str | int, day: str | int) -> date | None:
    try:
        found = date(int(year), int(month), int(day))
    except ValueError:
        return None
    return found if 1949 <= found.year <= 2100 else None


def _cn_digit_value(char: str) -> int:
    return 0 if char in _CN_ZERO else _CN_DIGITS.index(char) - 1


def _cn_year(text: str) -> int:
    return int("".join(str(_cn_digit_value(c)) for c in text))


def date_from_text(text: str) -> date | None:
    head = text[:HEAD]
    for pattern in (_PUBLISHED, _SPEECH, _BRACKETED, _DATE_ALONE):
        for match in pattern.finditer(head):
            if found := safe_date(*match.groups()):
                return found
    for match in _MONTH_LINE.finditer(head):
        if found := safe_date(*match.groups(), 1):
            return found
    for match in _CN_DATE.finditer(text[:HEAD] + "\n" + text[-HEAD:]):
        year, month, day = match.groups()
        if found := safe_date(_cn_year(year), _cn_small(month), _cn_small(day)):
            return found
    return None


def _cn_small(text: str) -> int:
    """一..三十一 as an int."""
    if "十" not in text:
        return _cn_digit_value(text)
    tens, _, ones = text.partition("十")
    return (_cn_digit_value(tens) if tens else 1) * 10 + (_cn_digit_value(ones) if ones else 0)


def date_from_file_name(name: str) -> date | None:
    for match in _FILE_DATE.finditer(name):
        if found := safe_date(*match.groups()):
            return found
    return None


def find_date(doc: Doc) -> date | None:
    return date_from_text(doc.text) or date_from_file_name(doc.file_name)


def find_title(doc: Doc) -> str:
    for line in doc.text.splitlines():
        line = line.strip().lstrip("#").strip()
        if len(line) >= 4 and not _TITLE_SKIP.match(line):
            return line[:120]
    return doc.file_name


def find_source(doc: Doc) -> str:
    match = _SOURCE.search(doc.text[:HEAD])
    return match.group(1) if match else ""


# An undated document is written no earlier than the latest year it speaks of as past or
# present: 2024年以来 (since 2024), 截至2024年 (as of 2024), 2024年1—9月 (its first months).
_PRESENT_YEAR = re.compile(r"(20\d\d)年(?:以来|1[—\-~至到]\d{1,2}月|上半年|前三季度)|截至(20\d\d)年")


def year_from_text(text: str) -> int | None:
    """The year an undated text was written in, as its own words place it, or None."""
    years = [int(a or b) for a, b in _PRESENT_YEAR.findall(text)]
    return max(years) if years else None


# The frame of a bulletin or work report, from its title or header (the first lines):
# `2023年澄城县国民经济和社会发展统计公报` reports on 2023; `政府工作报告` / `…人民代表大会…会议上`
# mark a work report. Only the head is read: a body may quote another bulletin.
FRAME_HEAD = 300
_BULLETIN = re.compile(r"(20\d\d)年?[^。\n]{0,30}?统计公报")
_REPORT = re.compile(r"政\s*府\s*工\s*作\s*报\s*告|人民代表大会[^。\n]{0,12}会议上|向大会报告(?:政府)?工作")
# An undated text that opens on a year (2023年，面对…; 2023年是…) reports on that year.
_OPENING_YEAR = re.compile(r"(?:^|\n)\s*(20\d\d)年(?:[，,]|是|以来|全年)|^[^\n。]{0,30}?(20\d\d) ?年")


def genre_of(text: str) -> tuple[str, int | None]:
    """(genre, the year it reports on): ("bulletin", 2023) for a statistics bulletin,
    ("report", None) for a work report, ("", 2023) for another text that opens on a year."""
    head = text[:FRAME_HEAD]
    if match := _BULLETIN.search(head):
        return "bulletin", int(match.group(1))
    if _REPORT.search(head):
        return "report", None
    if match := _OPENING_YEAR.search(head):  # or, for a news text, the year its title names
        return "", int(match.group(1) or match.group(2))
    return "", None


def read_metadata(doc: Doc) -> Doc:
    doc.meta.title = doc.meta.title or find_title(doc)
    doc.meta.date = doc.meta.date or find_date(doc)
    doc.meta.year = doc.meta.date.year if doc.meta.date else year_from_text(doc.text)
    doc.meta.source = doc.meta.source or find_source(doc)
    doc.meta.genre, doc.meta.reported_year = genre_of(doc.text)
    return doc
