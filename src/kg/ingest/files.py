"""Ingest: find input files, read them and decode them into `Doc`s.

Every problem with one file becomes an `IngestError` (or a note) naming the file; the
caller reports it on one line and carries on with the other files.

- `discover` walks folders recursively, follows symlinks but never in a loop, reads each
  real file once, skips hidden entries, and notes files of a kind we cannot read.
- `read_bytes` refuses what is not a regular readable file or is too large, before reading
  (`Limits`: 50 MB a file, 20 MB a page; plain text 4 bytes per allowed character).
- `parse_bytes` hands the bytes to the reader registered for the suffix (`kg.readers`).
"""
from __future__ import annotations

import errno
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from kg.doc import Doc, DocMeta
from kg.ingest.readers import READERS, ReadError

SUPPORTED_SUFFIXES = frozenset(READERS)
TEXT_SUFFIXES = frozenset(s for s in READERS if s in (".txt", ".md", ".text", ".markdown"))
MB = 1024 * 1024
# Any one input: a government report is well under 1 MB; .docx and .pdf carry images.
MAX_FILE_BYTES = 50 * MB
# Text after extraction, whatever the format. The largest report we have seen holds 18,000
# characters (a five-year plan runs to about 100,000). Extraction is linear but not fast:
# on the shared test machine 350,000 characters of one line took 12 s and 1.75 million
# took 35 s at 500 MB, so 200,000 keeps the worst accepted file under 10 s.
MAX_TEXT_CHARS = 200_000
# No encoding we read takes more than 4 bytes a character, so a plain text file larger
# than this holds more characters than the limit: refused before decoding it.
BYTES_PER_CHAR_MAX = 4
# A saved page is mostly markup, so its bytes say little about its text; lexbor's tree of
# a page is several times its size.
MAX_HTML_BYTES = 20 * MB


@dataclass(frozen=True)
class Limits:
    """How much of one input file we read (`kg build --max-file-mb`, `--max-chars`)."""

    max_file_bytes: int = MAX_FILE_BYTES
    max_text_chars: int = MAX_TEXT_CHARS

    def bytes_for(self, path: Path) -> int:
        """The byte limit for `path`: plain text is also bounded by the character limit."""
        suffix = path.suffix.lower()
        if suffix in TEXT_SUFFIXES:
            return min(self.max_file_bytes, BYTES_PER_CHAR_MAX * self.max_text_chars)
        if "htm" in suffix:
            return min(self.max_file_bytes, MAX_HTML_BYTES)
        return self.max_file_bytes


DEFAULT_LIMITS = Limits()


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


@dataclass
class Loaded:
    """A document read from a file, with the non-fatal problems met while reading it."""

    doc: Doc
    notes: list[str] = field(default_factory=list)


def _walk(root: Path, found: list[Path], skipped: list[Skipped]) -> None:
    """Depth-first walk following symlinks; a folder already on the path is a loop."""
    stack: list[tuple[Path, frozenset[str]]] = [(root, frozenset({os.path.realpath(root)}))]
    while stack:
        folder, ancestors = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            skipped.append(Skipped(str(folder), f"cannot list folder: {exc.strerror or exc} / 无法读取目录"))
            continue
        subfolders: list[tuple[Path, frozenset[str]]] = []
        for entry in entries:
            if entry.name.startswith("."):
                continue  # hidden files and folders (.git, .kgcache, .DS_Store)
            path = Path(entry.path)
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError as exc:
                skipped.append(Skipped(str(path), _stat_problem(exc)))
                continue
            if is_dir:
                real = os.path.realpath(path)
                if real in ancestors:
                    skipped.append(Skipped(str(path), "symlink loop, not followed / 符号链接循环"))
                    continue
                subfolders.append((path, ancestors | {real}))
            elif entry.is_symlink() and not os.path.exists(path):
                skipped.append(Skipped(str(path), _broken_link_problem(path)))
            else:
                found.append(path)
        stack.extend(reversed(subfolders))


def _stat_problem(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop / 符号链接循环"
    return f"cannot read: {exc.strerror or exc} / 无法读取"


def _broken_link_problem(path: Path) -> str:
    try:
        os.stat(path)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symlink loop / 符号链接循环"
    return "broken symlink / 符号链接指向不存在的文件"


def discover(inputs: list[str]) -> tuple[list[Path], list[Skipped]]:
    """Expand files and folders into a sorted list of readable candidates, once per real file."""
    found: list[Path] = []
    skipped: list[Skipped] = []
    for item in inputs:
        path = Path(item)
        try:
            os.stat(path)
        except OSError as exc:
            if exc.errno == errno.ENOENT and not path.is_symlink():
                skipped.append(Skipped(str(path), "no such file or folder / 文件不存在"))
            elif exc.errno == errno.ENOENT:
                skipped.append(Skipped(str(path), "broken symlink / 符号链接指向不存在的文件"))
            else:
                skipped.append(Skipped(str(path), _stat_problem(exc)))
            continue
        if path.is_dir():
            _walk(path, found, skipped)
        else:
            found.append(path)
    seen_real: dict[str, Path] = {}
    # the file itself before any symlink to it, so the document keeps its own name
    for path in sorted(set(found), key=lambda p: (p.is_symlink(), str(p))):
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            skipped.append(Skipped(str(path), f"unsupported file type {path.suffix or '(none)'}, skipped / 不支持的文件类型"))
            continue
        real = os.path.realpath(path)
        if real not in seen_real:  # else the same file reached twice (a symlink, a folder given twice)
            seen_real[real] = path
    skipped.sort(key=lambda s: s.path)
    return sorted(seen_real.values(), key=str), skipped


def _size(size: int) -> str:
    if size < MB:
        return f"{size / 1024:.0f} KB"
    return f"{size / MB:.1f} MB" if size % MB else f"{size // MB} MB"


def read_bytes(path: Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The file's bytes, after checking it is a regular file of a sane size."""
    try:
        info = os.stat(path)
    except OSError as exc:
        raise IngestError(str(path), _stat_problem(exc)) from None
    if not stat.S_ISREG(info.st_mode):
        raise IngestError(str(path), "not a regular file (device, pipe or socket) / 不是普通文件")
    limit = limits.bytes_for(path)
    if info.st_size > limit:
        raise IngestError(str(path), f"too large ({_size(info.st_size)}; limit {_size(limit)}, see --max-file-mb "
                                     f"and --max-chars) / 文件过大")
    try:
        with open(path, "rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise IngestError(str(path), f"cannot read: {exc.strerror or exc} / 无法读取") from None
    if len(data) > limit:  # grew while we looked
        raise IngestError(str(path), f"too large (over {_size(limit)}) / 文件过大")
    return data


def parse_bytes(path: Path, data: bytes, limits: Limits = DEFAULT_LIMITS) -> Loaded:
    """Turn a file's bytes into a `Doc` with its raw text and what the format says about it."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise IngestError(str(path), f"unsupported file type {path.suffix or '(none)'} / 不支持的文件类型")
    if not data.strip():
        raise IngestError(str(path), "empty file / 空文件")
    try:
        extracted = reader(data)
    except ReadError as exc:
        raise IngestError(str(path), str(exc)) from None
    except RecursionError:
        raise IngestError(str(path), "structure too deeply nested to read / 文件结构嵌套过深") from None
    text = extracted.text
    if len(text) > limits.max_text_chars:
        raise IngestError(str(path), f"text too long ({len(text):,} characters; limit {limits.max_text_chars:,}, "
                                     f"see --max-chars) / 文本过长")
    meta = DocMeta(title=extracted.title, date=extracted.date, source=extracted.source,
                   media_type=extracted.media_type, encoding=extracted.encoding,
                   sha256=hashlib.sha256(data).hexdigest())
    doc = Doc(path=str(path), file_name=path.name, raw=text, meta=meta)
    return Loaded(doc, [f"{path}: {note}" for note in extracted.notes])


def load_document(path: Path, limits: Limits = DEFAULT_LIMITS) -> Loaded:
    return parse_bytes(path, read_bytes(path, limits), limits)


def read_document(path: Path) -> Doc:
    """Read one file into a `Doc` with its raw text and basic metadata."""
    return load_document(path).doc


def load_documents(paths: list[Path], limits: Limits = DEFAULT_LIMITS) -> tuple[list[Doc], list[str]]:
    """Read every file; returns the documents and one message per problem.

    Two files with the same content, or with the same document id (file name without
    suffix, which names the document in the graph), are read once: the first in order.
    """
    docs: list[Doc] = []
    problems: list[str] = []
    by_sha: dict[str, str] = {}
    by_id: dict[str, str] = {}
    for path in paths:
        try:
            loaded = load_document(path, limits)
        except IngestError as error:
            problems.append(str(error))
            continue
        doc = loaded.doc
        if doc.meta.sha256 in by_sha:
            problems.append(f"{path}: same content as {by_sha[doc.meta.sha256]}, skipped / 与已读文件内容相同")
            continue
        if doc.doc_id in by_id:
            problems.append(f"{path}: document id {doc.doc_id!r} already used by {by_id[doc.doc_id]}; "
                            f"rename one of them / 文档名重复")
            continue
        by_sha[doc.meta.sha256] = by_id[doc.doc_id] = str(path)
        problems.extend(loaded.notes)
        docs.append(doc)
    return docs, problems
