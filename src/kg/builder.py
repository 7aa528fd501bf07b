"""`kg build`: read inputs, run the pipeline, resolve, and write the outputs.

Problems with single files are reported one line each and the build goes on; the exit
status is non-zero only when no document could be read (or with --strict, on any problem).
Every output is written atomically, so a failed or killed build leaves the last good one.
"""
from __future__ import annotations

import argparse
import multiprocessing
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph

from kg.publish.atomic import write_atomic
from kg.cache import DEFAULT_DIR as CACHE_DIR
from kg.cache import ExtractionCache, extractor_fingerprint
from kg.doc import Doc
from kg.graph.rdf import base_problem, build_graph
from kg.ingest.files import DEFAULT_LIMITS, MAX_FILE_BYTES, MAX_TEXT_CHARS, MB, Limits, discover, load_documents
from kg.graph.namespace import KGR
from kg.pipeline import process
from kg.extract.recognize import tagger
from kg.extract.connectivity import connectivity
from kg.extract.resolve import Entity, link_operators, resolve
from kg.graph.turtle import serialize_turtle

if TYPE_CHECKING:
    from kg.graph.validate import Report

HELP = "build the graph from files and folders / 从文档构建知识图谱"


@dataclass
class BuildResult:
    docs: list[Doc]
    entities: list[Entity]
    graph: Graph
    problems: list[str] = field(default_factory=list)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("inputs", nargs="*", default=["seeds"], help="files and folders (default: seeds/)")
    parser.add_argument("-o", "--output", default="output", help="output folder (default: output/)")
    parser.add_argument("--base", default=str(KGR), help="namespace for resources (default: %(default)s)")
    parser.add_argument("--strict", action="store_true", help="fail on any unreadable input")
    parser.add_argument("--no-validate", action="store_true", help="skip the SHACL check")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress or summary")
    parser.add_argument("--cache", default=None, metavar="DIR",
                        help=f"extraction cache folder (default: {CACHE_DIR}/ beside the output folder)")
    parser.add_argument("--no-cache", action="store_true", help="extract every document afresh")
    parser.add_argument("--max-file-mb", type=_positive, default=MAX_FILE_BYTES // MB, metavar="MB",
                        help="refuse any input file larger than this (default: %(default)s)")
    parser.add_argument("--max-chars", type=_positive, default=MAX_TEXT_CHARS, metavar="N",
                        help="refuse a document whose text is longer than this (default: %(default)s)")
    add_tagger_arguments(parser)


def _positive(value: str) -> int:
    number = int(value)
    if number <= 0:
        raise argparse.ArgumentTypeError(f"must be a positive number, not {value}")
    return number


def add_tagger_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--no-tagger", action="store_true",
                        help="recognise names by the rules alone, without the learned tagger")
    parser.add_argument("--tagger-model", default=None, metavar="FILE",
                        help="tagger model to use (default: the shipped one; see `kg train`)")


def configure_tagger(args: argparse.Namespace) -> str | None:
    """Apply --no-tagger/--tagger-model; returns a one-line problem, or None."""
    model = getattr(args, "tagger_model", None)
    if model is not None and not Path(model).is_file():
        return f"{model}: no such tagger model file / 找不到模型文件"
    tagger.configure(enabled=not getattr(args, "no_tagger", False), model=model or tagger.MODEL)
    return None


def cache_fingerprint() -> str:
    """The extractor's fingerprint and the tagger's settings: a build with the tagger off
    never reads what a build with it on stored."""
    import hashlib

    return hashlib.sha256(f"{extractor_fingerprint()}|{tagger.fingerprint()}".encode()).hexdigest()[:20]


class Progress:
    """A one-line progress bar on a terminal; silent otherwise."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.done = total, 0
        self.enabled = enabled and sys.stderr.isatty()

    def step(self, label: str) -> None:
        self.done += 1
        if self.enabled:
            width = 30
            filled = width * self.done // max(self.total, 1)
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {self.done}/{self.total} {label[:40]:<40}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\n")


def read_inputs(inputs: list[str], limits: Limits = DEFAULT_LIMITS) -> tuple[list[Doc], list[str]]:
    """Read every input file; returns the documents and one message per problem."""
    paths, skipped = discover(inputs)
    docs, problems = load_documents(paths, limits)
    return docs, [f"{s.path}: {s.reason}" for s in skipped] + problems


def extract(docs: list[Doc], progress: Progress | None = None, cache: ExtractionCache | None = None) -> list[Doc]:
    """Run the per-document pipeline, reusing cached results for unchanged files."""
    done = []
    for doc in docs:
        cached = cache.get(doc) if cache else None
        if cached is None:
            cached = process(doc)
            if cache:
                cache.put(cached)
        done.append(cached)
        if progress:
            progress.step(doc.file_name)
    return done


def build(inputs: list[str], base: str = str(KGR), quiet: bool = True,
          cache_dir: str | Path | None = None, limits: Limits = DEFAULT_LIMITS) -> BuildResult:
    """Read, extract and resolve: the graph of `inputs`, nothing written (but the cache)."""
    docs, problems = read_inputs(inputs, limits)
    progress = Progress(len(docs), not quiet)
    docs = extract(docs, progress, ExtractionCache(cache_dir, cache_fingerprint()) if cache_dir else None)
    progress.close()
    entities = resolve(docs)
    link_operators(entities)
    return BuildResult(docs, entities, build_graph(docs, entities, base), problems)


def turtle_text(result: BuildResult) -> str:
    """The Turtle that `kg build` writes to graph.ttl for `result`."""
    return serialize_turtle(result.graph)


def write_outputs(result: BuildResult, outdir: Path) -> list[Path]:
    """graph.ttl and graph.html (and the Gephi/Cytoscape files), replacing `outdir` as a set."""
    from kg.publish import page as viz
    from kg.publish.outputs import publish

    def write(folder: Path) -> list[Path]:
        ttl = folder / "graph.ttl"
        write_atomic(ttl, turtle_text(result))
        return [ttl, *viz.write_build_outputs(result.graph, folder)]

    return publish(Path(outdir), write)


def output_name(exc: OSError, outdir: Path) -> str:
    """The output file an OS error is about, as the user named the folder: files are
    written in a staging folder beside `outdir` (`.output.staging-PID/graph.ttl`)."""
    if not exc.filename:
        return str(outdir)
    failed = Path(os.fsdecode(exc.filename))
    if failed.parent.name.startswith(f".{outdir.name}."):
        return str(outdir / failed.name)
    return str(failed)


def start_validation(graph: Graph) -> Callable[[], Report]:
    """Validate in a forked process while the outputs are written, so the build's largest
    step runs on the second core; returns a function that waits for the report. Where
    fork is unavailable (or the child dies), validation runs inline."""
    from kg.graph.validate import validate_graph

    try:
        context = multiprocessing.get_context("fork")
    except ValueError:
        report = validate_graph(graph)
        return lambda: report
    receiver, sender = context.Pipe(duplex=False)
    # The forked child sees the graph as it is in memory: nothing is pickled on the way in.
    process = context.Process(target=lambda: sender.send(validate_graph(graph)), daemon=True)
    process.start()
    sender.close()

    def wait() -> Report:
        try:
            return receiver.recv()
        except EOFError:
            return validate_graph(graph)
        finally:
            process.join()

    return wait


def summary(result: BuildResult, seconds: float) -> str:
    types = Counter(e.type for e in result.entities)
    relations = sum(len(d.relations) for d in result.docs)
    figures = sum(len(d.figures) for d in result.docs)
    by_type = ", ".join(f"{t} {n}" for t, n in sorted(types.items()))
    return (f"{len(result.docs)} documents, {len(result.entities)} entities ({by_type}), "
            f"{relations} links, {figures} figures, {len(result.graph)} triples in {seconds:.1f}s\n"
            + connectivity(result.docs, result.entities).line())


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    if (problem := base_problem(args.base)) is not None:
        print(f"kg build: --base {args.base!r}: {problem} / 命名空间无效", file=sys.stderr)
        return 2
    if (problem := configure_tagger(args)) is not None:
        print(f"kg build: {problem}", file=sys.stderr)
        return 2
    cache_dir = None if args.no_cache else (args.cache or Path(args.output).absolute().parent / CACHE_DIR)
    limits = Limits(max_file_bytes=args.max_file_mb * MB, max_text_chars=args.max_chars)
    result = build(args.inputs, args.base, quiet=args.quiet, cache_dir=cache_dir, limits=limits)
    for problem in result.problems:
        print(f"kg build: {problem}", file=sys.stderr)
    if not result.docs:
        print("kg build: no document could be read / 没有可读取的文档", file=sys.stderr)
        return 1
    outdir = Path(args.output)
    validation = None if args.no_validate else start_validation(result.graph)
    try:
        written = write_outputs(result, outdir)
    except OSError as exc:  # a full disk, a read-only folder: the previous output is kept
        print(f"kg build: {output_name(exc, outdir)}: cannot write: {exc.strerror or exc} / 无法写入输出", file=sys.stderr)
        return 1
    status = 0
    if validation is not None:
        report = validation()
        if not args.quiet:
            print(report.summary_line(), file=sys.stderr)
        if not report.conforms:
            status = 1
    if not args.quiet:
        print(summary(result, time.perf_counter() - started), file=sys.stderr)
        print("wrote " + ", ".join(str(p) for p in written), file=sys.stderr)
    if args.strict and result.problems:
        return 1
    return status
