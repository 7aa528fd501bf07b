"""Replace an output folder as one unit: a killed build leaves the previous set of files.

All outputs are written into a staging folder beside the target (`.output.staging-PID`),
then the two folders are swapped with one `renameat2(RENAME_EXCHANGE)` call on Linux, so at
every moment `output/` is either the complete old set or the complete new set. Files in
the old folder that this build does not write (a page from `kg viz -o output/x.html`) are
hard-linked into the new one first, so nothing is lost. Where the exchange is not
supported, the old folder is renamed aside and the staging folder renamed into place; a
build killed between the two renames leaves `.output.previous-PID`, which the next build
puts back before anything else.
"""
from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
from collections.abc import Callable
from pathlib import Path

RENAME_EXCHANGE = 2
AT_FDCWD = -100
STAGING = "staging"
PREVIOUS = "previous"


def _sibling(target: Path, kind: str, pid: int | None = None) -> Path:
    return target.parent / f".{target.name}.{kind}-{os.getpid() if pid is None else pid}"


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _leftovers(target: Path, kind: str) -> list[tuple[Path, int]]:
    prefix = f".{target.name}.{kind}-"
    found = []
    if target.parent.is_dir():
        for child in sorted(target.parent.iterdir()):
            if child.name.startswith(prefix) and child.name[len(prefix):].isdigit():
                pid = int(child.name[len(prefix):])
                if pid != os.getpid() and not _pid_alive(pid):
                    found.append((child, pid))
    return found


def recover(target: Path) -> None:
    """Undo what a killed build left: restore a set-aside folder, delete stale staging."""
    if not target.exists():
        previous = _leftovers(target, PREVIOUS)
        if previous:
            os.rename(previous[-1][0], target)
    for kind in (STAGING, PREVIOUS):
        for leftover, _pid in _leftovers(target, kind):
            shutil.rmtree(leftover, ignore_errors=True)


def _exchange(a: Path, b: Path) -> bool:
    """Atomically swap two paths (Linux renameat2); False where unsupported."""
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, TypeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    result = renameat2(AT_FDCWD, os.fsencode(a), AT_FDCWD, os.fsencode(b), RENAME_EXCHANGE)
    return result == 0


def _carry_over(old: Path, new: Path) -> None:
    """Link files the new build did not write from the old folder into the new one."""
    for entry in sorted(old.iterdir()):
        destination = new / entry.name
        if destination.exists() or destination.is_symlink():
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.copytree(entry, destination, symlinks=True, copy_function=_link_or_copy)
        else:
            _link_or_copy(entry, destination)


def _link_or_copy(source: str | Path, destination: str | Path) -> None:
    try:
        os.link(source, destination, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, destination, follow_symlinks=False)


def _fsync_dir(path: Path) -> None:
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def publish(target: Path, write: Callable[[Path], list[Path]]) -> list[Path]:
    """Call `write(folder)` on a staging folder, then make it `target` in one step.

    Returns the written paths as they are after publishing (inside `target`).
    """
    target = Path(target)
    recover(target)
    staging = _sibling(target, STAGING)
    if staging.exists():
        shutil.rmtree(staging)
    staging.mkdir(parents=True)
    try:
        written = write(staging)
        for folder in sorted({p.parent for p in staging.rglob("*") if p.is_file()}):
            _fsync_dir(folder)
        if target.is_dir():
            _carry_over(target, staging)
            if _exchange(staging, target):
                _fsync_dir(target.parent)
                shutil.rmtree(staging, ignore_errors=True)  # now holds the old set
            else:
                previous = _sibling(target, PREVIOUS)
                os.rename(target, previous)
                os.rename(staging, target)
                _fsync_dir(target.parent)
                shutil.rmtree(previous, ignore_errors=True)
        else:
            if target.exists() or target.is_symlink():
                raise NotADirectoryError(f"{target}: exists and is not a folder")
            os.rename(staging, target)
            _fsync_dir(target.parent)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [target / Path(p).relative_to(staging) for p in written]
