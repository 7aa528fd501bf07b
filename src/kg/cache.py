"""Extraction cache: a processed `Doc` per file content, so a rebuild only reads new files.

Key: sha256 of (file name, file content); the name is in the key because the document id
and a date in the name feed extraction. Everything is stored under a fingerprint of the
extractor — the source of the `kg` package, its data files and the versions of the
libraries that read and segment text — so any change to them starts a fresh cache.
Resolution runs across documents and is never cached: a cached build resolves exactly the
documents a clean build would, and writes the same graph.

Entries are pickles written atomically; a damaged or unreadable entry is a miss. The cache
folder is trusted like the code itself (unpickling runs code): keep it private.
"""
from __future__ import annotations

import hashlib
import pickle
import shutil
import sys
from dataclasses import dataclass
from functools import lru_cache
from importlib import metadata as importlib_metadata
from pathlib import Path

from kg.publish.atomic import write_atomic
from kg.doc import Doc

DEFAULT_DIR = ".kgcache"
LIBRARIES = ["jieba", "rjieba", "opencc-python-reimplemented", "pypinyin", "charset-normalizer",
             "selectolax", "python-docx", "pypdf", "pyahocorasick", "python-crfsuite"]
PICKLE_PROTOCOL = 5


@lru_cache(maxsize=1)
def extractor_fingerprint() -> str:
    """A digest of everything that can change what extraction produces."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    digest.update(f"python {sys.version_info[:2]}".encode())
    for name in LIBRARIES:
        try:
            version = importlib_metadata.version(name)
        except importlib_metadata.PackageNotFoundError:
            version = "-"
        digest.update(f"{name}={version}\n".encode())
    files = sorted(p for p in package.rglob("*") if p.is_file() and p.suffix not in (".pyc",)
                   and "__pycache__" not in p.parts and "templates" not in p.parts)
    for path in files:
        digest.update(str(path.relative_to(package)).encode() + b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:20]


def content_key(file_name: str, sha256: str) -> str:
    return hashlib.sha256(f"{file_name}\0{sha256}".encode()).hexdigest()


@dataclass
class CacheStats:
    hits: int = 0
    misses: int = 0


class ExtractionCache:
    """Processed documents on disk, one pickle per (file name, content)."""

    def __init__(self, root: str | Path, fingerprint: str | None = None) -> None:
        self.root = Path(root)
        self.fingerprint = fingerprint or extractor_fingerprint()
        self.folder = self.root / self.fingerprint
        self.stats = CacheStats()
        self._pruned = False

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.pickle"

    def get(self, doc: Doc) -> Doc | None:
        """The processed form of `doc` (same name and content), or None."""
        path = self._path(content_key(doc.file_name, doc.meta.sha256))
        try:
            with open(path, "rb") as handle:
                cached = pickle.load(handle)
        except FileNotFoundError:
            self.stats.misses += 1
            return None
        except Exception:  # a damaged entry (killed write, disk error) is only a miss
            self.stats.misses += 1
            return None
        if not isinstance(cached, Doc) or cached.meta.sha256 != doc.meta.sha256:
            self.stats.misses += 1
            return None
        cached.path = doc.path  # the same content may have moved
        self.stats.hits += 1
        return cached

    def put(self, doc: Doc) -> None:
        """Store a processed document; call before resolution changes its mentions."""
        if not self._pruned:
            self._prune_other_versions()
        try:
            write_atomic(self._path(content_key(doc.file_name, doc.meta.sha256)),
                         pickle.dumps(doc, protocol=PICKLE_PROTOCOL))
        except OSError:
            pass  # a read-only or full disk makes the cache useless, not the build wrong

    def _prune_other_versions(self) -> None:
        """Entries made by another extractor version can never be hit again."""
        self._pruned = True
        if not self.root.is_dir():
            return
        for child in self.root.iterdir():
            if child.is_dir() and child.name != self.fingerprint and len(child.name) == len(self.fingerprint):
                shutil.rmtree(child, ignore_errors=True)
