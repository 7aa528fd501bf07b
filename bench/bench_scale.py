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

The build runs twice: timed and not watched, then watched for memory (the segmenters are
only timed). Reading PSS walks every page table of every process in the tree: about 20 ms
of CPU per poll at x100 (4.6 CPU s over one build, measured with this script's own
polling), taken from the two cores the build's workers use while jieba.lcut leaves one
idle. Timing the watched run made
the x100 build look 3 s slower than it is (21.1 s watched, 17.4-18.0 s not, same code).
`--src` runs the build from another checkout's `src/` (e.g. the main branch) for a baseline;
`--repeat N` takes the median time of N timed runs of each command.

Measured December 2026 on the 2-core machine, quiet, `--repeat 3`: x1 1.70 (2.24), x10 1.63
(2.50), x100 1.33 (2.44): 17.0 s against lcut's 12.8 s, 31.2 CPU s, 768 MB PSS. Earlier
measurements, round by round, are in docs/performance-history.md (the ones before this
script timed unwatched runs read about 3 s high at x100).
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
