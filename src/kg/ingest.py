"""Ingest: find input files, read them and decode them into `Doc`s.

Every problem with one file becomes an `IngestError` naming the file; the caller reports
it and carries on with the other files.
"""
from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from .doc import Doc, DocMeta

TEXT_SUFFIXES = {".txt", ".md"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES


class IngestError(Exception):
    """A file that could not be read; the message is one line naming the problem."""

    def __init__(self, path: str, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


@dataclass
class Skipped:
    path: str
    reason: str


def discover(inputs: list[str]) -> tuple[list[Path], list[Skipped]]:
    """Expand files and folders into a sorted list of candidate files."""
    found: list[Path] = []
    skipped: list[Skipped] = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for root, _dirs, files in os.walk(path):
                for name in files:
                    found.append(Path(root) / name)
        elif path.exists():
            found.append(path)
        else:
            skipped.append(Skipped(str(path), "no such file or folder / 文件不存在"))
    keep = []
    for path in sorted(set(found), key=lambda p: str(p)):
        if path.suffix.lower() in SUPPORTED_SUFFIXES:
            keep.append(path)
        else:
            skipped.append(Skipped(str(path), f"unsupported file type {path.suffix or '(none)'} / 不支持的文件类型"))
    return keep, skipped


def decode(data: bytes, path: str) -> tuple[str, str]:
    """Decode bytes to text; returns (text, encoding)."""
    if not data.strip():
        raise IngestError(path, "empty file / 空文件")
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        raise IngestError(path, f"cannot decode as UTF-8 at byte {exc.start}") from None


def read_document(path: Path) -> Doc:
    """Read one file into a `Doc` with its raw text and basic metadata."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise IngestError(str(path), f"cannot read: {exc.strerror or exc}") from None
    text, encoding = decode(data, str(path))
    meta = DocMeta(encoding=encoding, sha256=hashlib.sha256(data).hexdigest())
    return Doc(path=str(path), file_name=path.name, raw=text, meta=meta)
