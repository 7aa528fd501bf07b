"""Hostile inputs: small files that used to take minutes or gigabytes (issue 13, item 4).

    .venv/bin/python bench/bench_hostile.py [--timeout S] [--only NAME ...]

Each case is a temporary folder holding one normal seed file and the hostile input(s); it
runs `kg build FOLDER -o OUT --no-cache` in a fresh process and measures the wall time and
the peak memory of the whole process tree (psutil, polled every 20 ms, RSS summed over the
build and its validation child). It checks that the seed file was still read (its
kg:Document is in graph.ttl) and that every hostile file is named on exactly one stderr
line. The baseline, measured in the same run, is the seed file built alone; ratios are
against it. The goal: every case under 10 s and under 500 MB.
"""
from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the .docx parts the hostile-input tests use too

from docx_parts import BODY_HEAD, BODY_TAIL, PARAGRAPH, small_docx  # noqa: E402

SEED = ROOT / "seeds" / "000_ecb2e819d0fb75f5.txt"
MB = 1024 * 1024
LIMIT_SECONDS, LIMIT_MB = 10.0, 500.0


# --- the hostile inputs ----------------------------------------------------------------

def docx_bomb(path: Path, expanded_bytes: int) -> None:
    """A valid .docx whose word/document.xml inflates to `expanded_bytes` of paragraphs
    (streamed: the 1 GiB case is never held in memory)."""
    head, tail = BODY_HEAD, BODY_TAIL
    chunk = PARAGRAPH * (MB // len(PARAGRAPH))
    with zipfile.ZipFile(io.BytesIO(small_docx())) as source, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as bomb:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                bomb.writestr(info.filename, source.read(info.filename))
        with bomb.open("word/document.xml", "w", force_zip64=True) as member:
            member.write(head)
            written = len(head)
            while written < expanded_bytes:
                member.write(chunk)
                written += len(chunk)
            member.write(tail)


def long_line(path: Path, size: int) -> None:
    """`size` bytes of report text on one line with no punctuation at all."""
    text = SEED.read_text(encoding="utf-8")
    bare = "".join(c for c in text if c.isalnum())
    data = (bare * (size // len(bare.encode()) + 1)).encode()[:size]
    path.write_bytes(data.decode("utf-8", "ignore").encode())


def deep_html(path: Path, depth: int) -> None:
    """`depth` unclosed nested <div><span>s, each with a little text (the span made each
    container's text be recomputed; the div makes the parser search its open elements)."""
    path.write_text("<html><body>" + "<div><span>花" * depth + "</body></html>", encoding="utf-8")


def tiny_files(folder: Path, count: int) -> None:
    for i in range(count):
        (folder / f"tiny{i:05d}.txt").write_text(f"花溪区第{i}号通知。\n", encoding="utf-8")


def huge_file(path: Path, size: int) -> None:
    line = "贵阳市花溪区推进产业园建设。\n".encode()
    with open(path, "wb") as handle:
        for _ in range(size // (len(line) * 10_000) + 1):
            handle.write(line * 10_000)


@dataclass
class Case:
    name: str
    make: Callable[[Path], list[Path]]  # writes the hostile input(s) into the folder; returns what must be named
    named: bool = True  # is each hostile file named on one line (refused, or read with a note)?
    extra: tuple[str, ...] = ()  # more kg build options


def _one(maker: Callable[[Path], None], file_name: str) -> Callable[[Path], list[Path]]:
    def make(folder: Path) -> list[Path]:
        path = folder / file_name
        maker(path)
        return [path]
    return make


def _tiny(folder: Path) -> list[Path]:
    sub = folder / "tiny"
    sub.mkdir()
    tiny_files(sub, 5000)
    return []


CASES = [
    Case("docx bomb 315 MB", _one(lambda p: docx_bomb(p, 315 * MB), "bomb315.docx")),
    Case("docx bomb 1 GiB", _one(lambda p: docx_bomb(p, 1024 * MB), "bomb1g.docx")),
    Case("5 MB line, no punctuation", _one(lambda p: long_line(p, 5 * MB), "longline.txt")),
    # under the default 200,000-character limit: read, in time linear in its length
    Case("0.5 MB line (175k chars)", _one(lambda p: long_line(p, MB // 2), "line05m.txt"), named=False),
    Case("100,000 unclosed <div>s", _one(lambda p: deep_html(p, 100_000), "deep.html")),
    Case("5,000 tiny files", _tiny, named=False),
    # the same without the SHACL check, which is most of the time for 70,000 triples
    Case("5,000 tiny files, no SHACL", _tiny, named=False, extra=("--no-validate",)),
    Case("60 MB text file", _one(lambda p: huge_file(p, 60 * MB), "huge.txt")),
]


# --- measuring -------------------------------------------------------------------------

@dataclass
class Run:
    seconds: float
    peak_mb: float
    returncode: int
    stderr: str
    ttl: str


def _tree_memory(process: psutil.Process) -> int:
    """Memory of the build and its children: proportional set size (PSS), so the pages a
    forked validation child shares with its parent count once, not twice; RSS where the
    platform has no PSS."""
    total = 0
    for proc in [process, *process.children(recursive=True)]:
        try:
            info = proc.memory_full_info()
            total += getattr(info, "pss", info.rss)
        except psutil.Error:
            pass
    return total


def run_build(folder: Path, out: Path, timeout: float, extra: tuple[str, ...] = ()) -> Run:
    command = [sys.executable, "-m", "kg", "build", str(folder), "-o", str(out), "--no-cache", "-q", *extra]
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                             env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"})
    process, peak = psutil.Process(child.pid), 0
    stderr_chunks: list[bytes] = []
    while child.poll() is None:
        peak = max(peak, _tree_memory(process))
        if time.perf_counter() - started > timeout:
            child.kill()
            break
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    stderr_chunks.append(child.stderr.read() if child.stderr else b"")
    child.wait()
    ttl_path = out / "graph.ttl"
    ttl = ttl_path.read_text(encoding="utf-8") if ttl_path.exists() else ""
    return Run(seconds, peak / MB, child.returncode, b"".join(stderr_chunks).decode("utf-8", "replace"), ttl)


def check(run: Run, hostile: list[Path], named: bool) -> str:
    """What went wrong, or 'ok'."""
    problems = []
    if f"Document/{SEED.stem}" not in run.ttl:
        problems.append("seed not read")
    lines = run.stderr.splitlines()
    for path in hostile:
        hits = [line for line in lines if str(path) in line]
        if named and (len(hits) != 1 or not hits[0].startswith("kg build: ")):
            problems.append(f"{path.name} named on {len(hits)} lines")
    if "Traceback" in run.stderr:
        problems.append("traceback")
    if run.seconds > LIMIT_SECONDS:
        problems.append(f"over {LIMIT_SECONDS:.0f} s")
    if run.peak_mb > LIMIT_MB:
        problems.append(f"over {LIMIT_MB:.0f} MB")
    return "; ".join(problems) or "ok"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=120.0, help="kill a build after this many seconds")
    parser.add_argument("--only", nargs="*", default=[], help="run the cases whose name contains one of these")
    args = parser.parse_args()
    cases = [c for c in CASES if not args.only or any(o in c.name for o in args.only)]
    failed = 0
    with tempfile.TemporaryDirectory(prefix="kg-hostile-") as tmp:
        base_folder = Path(tmp) / "baseline"
        base_folder.mkdir()
        shutil.copy(SEED, base_folder)
        baseline = run_build(base_folder, Path(tmp) / "baseline-out", args.timeout)
        print(f"{'case':<28} {'input':>9} {'seconds':>8} {'x base':>7} {'peak MB':>8} {'x base':>7}  rc  check")
        print(f"{'seed file alone (baseline)':<28} {SEED.stat().st_size / MB:8.2f}M {baseline.seconds:8.2f} {1:7.2f} "
              f"{baseline.peak_mb:8.0f} {1:7.2f} {baseline.returncode:3d}  {check(baseline, [], False)}")
        for number, case in enumerate(cases):
            folder = Path(tmp) / f"case{number}"
            folder.mkdir()
            shutil.copy(SEED, folder)
            hostile = case.make(folder)
            size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) - SEED.stat().st_size
            run = run_build(folder, Path(tmp) / f"out{number}", args.timeout, case.extra)
            verdict = check(run, hostile, case.named)
            failed += verdict != "ok"
            print(f"{case.name:<28} {size / MB:8.2f}M {run.seconds:8.2f} {run.seconds / baseline.seconds:7.2f} "
                  f"{run.peak_mb:8.0f} {run.peak_mb / baseline.peak_mb:7.2f} {run.returncode:3d}  {verdict}", flush=True)
            for line in run.stderr.splitlines()[:3]:
                print(f"    {line[:150]}")
            shutil.rmtree(folder)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
