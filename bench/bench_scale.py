"""A whole province's documents: the build of x1, x10 and x100 seed corpora against the
segmenters on the same text, in the same run.

    .venv/bin/python bench/bench_scale.py [--scales 1,10,100] [--workers N] [--src DIR] [--repeat N]

Each corpus holds every seed `scale` times; copy k of a document has its lines rotated by k
(after the first three, which carry the title and date) and its name prefixed with k, so
the texts are distinct and no cache could hit. For each corpus, as fresh processes:
- `kg build CORPUS -o TMP --no-cache -q` (everything a user's build does, validation too);
- `jieba.lcut` and `rjieba.tag` of every file's text (import and dictionary load included).
Prints seconds, MB/s, the peak memory of the whole process tree and the ratio build /
jieba.lcut; also the CPU seconds (user + system) of each command's whole process tree and
their ratio, which a machine shared with other work disturbs less than wall time (the
build's workers compete for the cores, plain segmentation uses one). Tree memory is
polled every 50 ms over the process and all its children, as the sum of PSS (proportional
set size: a page shared by n processes counts 1/n in each, so forked workers sharing the
lexicons are not counted n times; what the tree really holds) and, for comparison, the
sum of RSS (counts shared pages once per process).

Each command runs twice: once timed and not watched, once watched for memory. Reading PSS
walks every page table of every process in the tree: about 20 ms of CPU per poll at x100
(4.6 CPU s over one build, measured with this script's own polling), taken from the two
cores the build's workers use while jieba.lcut leaves one idle. Timing the watched run made
the x100 build look 3 s slower than it is (21.1 s watched, 17.4-18.0 s not, same code).
`--src` runs the build from another checkout's `src/` (e.g. the main branch) for a baseline;
`--repeat N` takes the median time of N timed runs of each command.

Measured December 2026 on the 2-core machine while other engineers' jobs ran (load 4 to
6), build / jieba.lcut wall (CPU): x1 2.57 (2.60), x10 4.71 (4.00), x100 4.41 (4.54),
770 MB PSS; the run right after it with `--src` at 5c18dea (before the tagger scored
documents with numpy): x1 3.41 (3.10), x10 5.73 (6.18), x100 9.39 (8.26). README.md has
the table. A second round, under load 5 to 7: x100 4.82 (4.33) against 3.00 (4.16) with
`--src` at its branch point 68c59cd, 75 CPU s each: too loaded to tell them apart (README).
The speed round (issue 12, outputs byte-identical), at its start (load about 1): x1 3.78
(2.88), x10 4.26 (3.79), x100 3.29 (4.50), 66.9 CPU s, 799 MB PSS; at its end (load 4 to 7):
x1 2.94 (2.71), x10 2.94 (3.09), x100 4.71 (4.25), 62.8 CPU s, 730 MB PSS. The CPU ratio is
the one to read under such load; the stages after segmentation took 3.6 CPU s over the x10
documents against 4.1 to 4.5 s before (same run, one process); whole x100 builds one after
the other under load 5: 67.9 CPU s at 6a6104c, 63.2 at the end of the round. Quiet (load
about 2), once every branch of that round was merged (fcd6041): x1 2.12 (2.80), x10 2.37
(3.77), x100 2.42 (4.10): 32.0 s against lcut's 13.2 s, 54.2 CPU s, 742 MB PSS; the same
command at the round's start, quiet: x100 2.94 (4.90), 37.1 s, 61.7 CPU s, 778 MB.
The rules-and-tail round (issue 12 again, everything but the tagger, outputs byte-identical;
branch rules-speed), under load 4 to 6, so CPU is the number to read: `--scales 100 --src`
at its branch point 1d5da76: 108.0 s, 62.5 CPU s, lcut 18.5 s: 5.85 (3.97); at its end:
66.9 s, 60.7 CPU s, lcut 19.4 s: 3.44 (4.00); a second pair, load 5: 130.5 s, 65.0 CPU s
against 88.7 s, 58.7 CPU s (the wall times are the load's, not the code's). Steadier, each once in one run under load 4.5: x100 tree CPU 59.8 -> 54.0 s (main
process 6.9 -> 5.8, of it the serial tail after extraction 3.3 -> 2.4); x10 with one
worker, three runs each, 6.9-7.0 -> 6.4-6.8 CPU s; per stage over the x10 documents with
the tagger off (best of 5): normalize 0.207 -> 0.148, the rules 1.195 -> 0.934, roles
0.348 -> 0.303, figures 0.368 -> 0.354 CPU s (segmentation and containment unchanged).
The tagger compiled (numba, outputs byte-identical), quiet (load 0.3 to 1.7): x100 2.02
(3.29), 30.4 s against lcut's 15.0 s, 49.2 CPU s, 859 MB PSS; right after with `--src` at
1d5da76: 2.76 (4.60), 39.7 s against 14.4 s, 65.8 CPU s, 739 MB.
The shapes check's queries merged per property shape, its targets one row per node and its
process ending without freeing the store (branch tail2, the check's CPU on x100's graph
2.9-3.2 -> 2.3-2.6 s), load 1.5 to 2.7: x100 2.23 (3.10), 32.3 s against lcut's 14.5 s,
42.9 CPU s; right after with `--src` at 8e767cb: 2.53 (3.20), 36.2 s against 14.3 s, 42.8
CPU s (the difference in wall time is more the load's than the tail's 0.3 to 0.6 s; README).
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
KEPT_LINES = 3  # title, source and date lines stay on top so metadata is read as usual

SEGMENT = """
import sys, logging
from pathlib import Path
texts = [p.read_text(encoding='utf-8') for p in sorted(Path(sys.argv[2]).glob('*.txt'))]
if sys.argv[1] == 'jieba.lcut':
    import jieba
    jieba.setLogLevel(logging.WARNING)
    for text in texts:
        jieba.lcut(text)
else:
    import rjieba
    for text in texts:
        rjieba.tag(text)
"""


@dataclass
class Run:
    seconds: float
    peak_mb: float  # sum of PSS
    peak_rss_mb: float  # sum of RSS
    status: int
    cpu: float = 0.0  # user + system seconds of the whole process tree


def make_corpus(scale: int, folder: Path) -> int:
    """Write `scale` rotated copies of every seed into `folder`; returns the bytes written."""
    folder.mkdir(parents=True)
    size = 0
    for seed in sorted((ROOT / "seeds").glob("*.txt")):
        lines = seed.read_text(encoding="utf-8").splitlines()
        head, body = lines[:KEPT_LINES], lines[KEPT_LINES:]
        for k in range(scale):
            shift = k % max(len(body), 1)
            text = "\n".join(head + body[shift:] + body[:shift]) + "\n"
            target = folder / f"{k:04d}{seed.name}"
            target.write_text(text, encoding="utf-8")
            size += len(text.encode("utf-8"))
    return size


def tree_memory(process: psutil.Process) -> tuple[int, int]:
    """(sum of PSS, sum of RSS) over `process` and its descendants, in bytes."""
    pss = rss = 0
    for member in [process, *process.children(recursive=True)]:
        try:
            info = member.memory_full_info()
        except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
            continue
        rss += info.rss
        pss += getattr(info, "pss", info.rss)  # PSS where the platform reports it (Linux)
    return pss, rss


def timed(command: list[str], env: dict[str, str] | None = None) -> Run:
    """Wall time, tree CPU and exit status of `command`, output discarded; not watched."""
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, stderr = child.communicate()
    seconds = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # (every waited-for descendant: workers, checker)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if child.returncode != 0:
        tail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        print(f"  (exit {child.returncode}: {tail[0] if tail else ''})", file=sys.stderr)
    return Run(seconds, 0.0, 0.0, child.returncode, cpu)


def peak_memory(command: list[str], env: dict[str, str] | None = None) -> tuple[float, float]:
    """Peak (sum of PSS, sum of RSS) of `command`'s process tree in MB, polled every 50 ms."""
    child = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    process, peak, peak_rss = psutil.Process(child.pid), 0, 0
    while child.poll() is None:
        try:
            pss, rss = tree_memory(process)
        except psutil.NoSuchProcess:
            break
        peak, peak_rss = max(peak, pss), max(peak_rss, rss)
        time.sleep(0.05)
    child.wait()
    return peak / 2**20, peak_rss / 2**20


def repeated(command: list[str], times: int, env: dict[str, str] | None = None, watch: bool = False) -> Run:
    """The median time and CPU of `times` timed runs; with `watch`, the peak memory of one
    more run, watched."""
    runs = [timed(command, env) for _ in range(max(times, 1))]
    peak, peak_rss = peak_memory(command, env) if watch else (0.0, 0.0)
    return Run(statistics.median(r.seconds for r in runs), peak, peak_rss, max(r.status for r in runs),
               statistics.median(r.cpu for r in runs))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", default="1,10,100", help="corpus sizes as multiples of the seeds")
    parser.add_argument("--workers", type=int, default=None, help="passed to kg build --workers")
    parser.add_argument("--src", default=str(ROOT / "src"), help="the kg source to build with")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each command (median time)")
    parser.add_argument("--no-tagger", action="store_true", help="passed to kg build: the rules alone")
    args = parser.parse_args()
    env = dict(os.environ, PYTHONPATH=str(Path(args.src).resolve()))
    print(f"{'corpus':>7} {'MB':>6} | {'kg build':>9} {'CPU s':>6} {'MB/s':>5} {'PSS MB':>7} {'RSS MB':>7} {'exit':>4} | "
          f"{'jieba.lcut':>10} {'CPU s':>6} {'rjieba.tag':>10} | build/lcut  (CPU)")
    work = Path(tempfile.mkdtemp(prefix="kg-bench-scale-"))
    try:
        for scale in (int(s) for s in args.scales.split(",")):
            corpus = work / f"x{scale}"
            megabytes = make_corpus(scale, corpus) / 1e6
            command = [sys.executable, "-m", "kg", "build", str(corpus), "-o", str(work / f"out{scale}"),
                       "--no-cache", "-q"]
            if args.workers is not None:
                command += ["--workers", str(args.workers)]
            if args.no_tagger:
                command.append("--no-tagger")
            build = repeated(command, args.repeat, env, watch=True)
            lcut = repeated([sys.executable, "-c", SEGMENT, "jieba.lcut", str(corpus)], args.repeat)
            tag = repeated([sys.executable, "-c", SEGMENT, "rjieba.tag", str(corpus)], args.repeat)
            print(f"{'x' + str(scale):>7} {megabytes:6.2f} | {build.seconds:8.1f}s {build.cpu:6.1f} {megabytes / build.seconds:5.2f} "
                  f"{build.peak_mb:7.0f} {build.peak_rss_mb:7.0f} {build.status:>4} | {lcut.seconds:9.1f}s {lcut.cpu:6.1f} "
                  f"{tag.seconds:9.1f}s | {build.seconds / lcut.seconds:5.2f}  ({build.cpu / lcut.cpu:5.2f})", flush=True)
            shutil.rmtree(corpus)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
