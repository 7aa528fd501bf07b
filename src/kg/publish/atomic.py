"""Atomic file output: a reader (or a killed build) never sees a half-written file."""
from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

_UMASK = os.umask(0o022)  # read the process umask (and put it back)
os.umask(_UMASK)


def write_atomic(path: str | os.PathLike, data: str | bytes | Iterable[str] | Iterable[bytes],
                 encoding: str = "utf-8") -> None:
    """Write to a temporary file beside `path`, fsync it, then rename over `path`. `data`
    may be pieces of text (or of bytes), written as they come (a large file is never one
    string)."""
    target = Path(path)
    if isinstance(data, (str, bytes)):
        chunks: Iterable[bytes] = [data.encode(encoding) if isinstance(data, str) else data]
    else:
        chunks = (piece if isinstance(piece, bytes) else piece.encode(encoding) for piece in data)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _naming(exc, target) from None
    try:
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; outputs are for others to read
        with os.fdopen(fd, "wb") as handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException as exc:
        if os.path.exists(tmp):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise _naming(exc, target) from None
        raise


def _naming(exc: OSError, target: Path) -> OSError:
    """The same OS error (ENOSPC, EACCES …) naming the file the caller asked for, not a
    temporary one or none (a failed write() names no file), so it can be shown in one line."""
    return OSError(exc.errno, exc.strerror or str(exc), str(target))
