"""Zip bombs: refuse a zipped file (Word .docx) whose directory promises too much, before
anything is inflated.

A 1 MB .docx can declare a 1 GiB `word/document.xml`; python-docx would inflate it and
lxml build a tree many times that size (issue 13: 5.3 GB and four minutes for 315 MB).
The zip's central directory states every member's compressed and uncompressed size, and
Python's `zipfile` never inflates a member past its stated size (it stops there and the
CRC check fails), so checking the directory bounds everything read after it.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from kg.ingest.readers.base import ReadError

MB = 1024 * 1024


@dataclass(frozen=True)
class ZipLimits:
    # A 300-page report's document.xml is 5-10 MB; python-docx parses every XML part into
    # an lxml tree several times its size (60 MB of XML peaked at 440 MB and ran for
    # half a minute), so XML is what bounds memory and time.
    max_xml_bytes: int = 24 * MB
    # Images are stored (or barely compressed) and never inflated into a tree.
    max_total_bytes: int = 256 * MB
    max_members: int = 10_000
    # Office XML compresses 5-20x; a repeated run of markup 1000x. The ratio is checked only
    # on members large enough to matter, so a tiny part of blank padding is no bomb.
    max_ratio: float = 100.0
    ratio_floor_bytes: int = 1 * MB


DEFAULT_LIMITS = ZipLimits()


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels"))


def check_zip(data: bytes, limits: ZipLimits = DEFAULT_LIMITS) -> None:
    """Raise `ReadError` (one line) when the zip's directory declares a bomb; a file that is
    not a zip at all is left for the reader to report."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return
    if len(members) > limits.max_members:
        raise ReadError(f"zip holds {len(members)} parts (limit {limits.max_members}); refused as a zip bomb / 压缩包条目过多")
    for member in members:
        if member.file_size < limits.ratio_floor_bytes:
            continue
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > limits.max_ratio:
            raise ReadError(f"{member.filename} expands {ratio:.0f}x ({member.compress_size / MB:.1f} MB to "
                            f"{member.file_size / MB:.0f} MB; limit {limits.max_ratio:.0f}x); refused as a zip bomb / 疑似压缩炸弹")
    total = sum(m.file_size for m in members)
    xml = sum(m.file_size for m in members if _is_xml(m.filename))
    if total > limits.max_total_bytes:
        raise ReadError(f"expands to {total / MB:.0f} MB (limit {limits.max_total_bytes // MB} MB); "
                        f"refused as a zip bomb / 解压后过大")
    if xml > limits.max_xml_bytes:
        raise ReadError(f"XML parts expand to {xml / MB:.0f} MB (limit {limits.max_xml_bytes // MB} MB); "
                        f"refused as a zip bomb / 解压后过大")
