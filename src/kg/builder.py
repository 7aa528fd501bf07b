"""`kg build`: read inputs, run the pipeline, resolve, and write the outputs.

Problems with single files are reported one line each and the build goes on; the exit
status is non-zero only when no document could be read (or with --strict, on any problem).
Every output is written atomically, so a failed or killed build leaves the last good one.
"""
from __future__ import annotations

import argparse
import contextlib
import dataclasses
import gc
import multiprocessing
import operator
import os
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from multiprocessing.reduction import ForkingPickler
from pathlib import Path
from typing import TYPE_CHECKING

from rdflib import Graph
from rdflib.namespace import RDF, RDFS
from tqdm import tqdm

from kg.publish.atomic import write_atomic
from kg.cache import DEFAULT_DIR as CACHE_DIR
from kg.cache import ExtractionCache, extractor_fingerprint
from kg.doc import Doc, Figure, Mention, Milestone, Relation, Sentence, Token
from kg.graph.rdf import base_problem, build_triples
from kg.graph.triples import Lit, Triples
from kg.ingest.files import DEFAULT_LIMITS, MAX_FILE_BYTES, MAX_TEXT_CHARS, MB, Limits, discover, load_documents
from kg.graph.namespace import KG, KGR
from kg.pipeline import process
from kg.extract import lexicon
from kg.extract.roles import role_cues
from kg.extract.recognize import crf, tagger
from kg.extract.connectivity import connectivity
from kg.extract.resolve import Entity, Resolution, break_containment_cycles, keep_nearest_containers, link_operators
from kg.graph.turtle import iter_turtle, serialize_triples

if TYPE_CHECKING:
    from kg.graph.validate import Report

HELP = "build the graph from files and folders / 从文档构建知识图谱"


@dataclass
class BuildResult:
    """A build in memory: the documents (compact unless built with keep_text), the resolved
    entities, and the graph as compact triples; `.graph` is the same as an rdflib Graph,
    made on first use (the CLI never makes it)."""

    docs: list[Doc]
    entities: list[Entity]
    triples: Triples
    problems: list[str] = field(default_factory=list)
    _graph: Graph | None = field(default=None, repr=False, compare=False)

    @property
    def graph(self) -> Graph:
        if self._graph is None:
            self._graph = self.triples.to_rdflib()
        return self._graph

    def observations(self) -> list[ObservationRecord]:
        """The kg:Observation nodes the graph holds (a figure read in several documents is
        one), in IRI order."""
        return observation_records(self.triples)


@dataclass(frozen=True)
class ObservationRecord:
    """One kg:Observation as plain values."""

    iri: str
    subject: str  # the entity's IRI
    subject_label: str
    indicator: str
    value: Decimal
    unit: str
    year: int
    kind: str  # "Actual", "Target" or "Estimate"
    documents: tuple[str, ...]  # file names, sorted
    period: str = "FullYear"  # FullYear, PartOfYear, FiveYearPeriod, CumulativeTotal, YearlyAverage


def observation_records(triples: Triples) -> list[ObservationRecord]:
    kg = str(KG)

    def lexical(node: str, name: str) -> str:
        value = triples.value(node, kg + name)
        return value.lexical if isinstance(value, Lit) else (value or "")

    records = []
    for node in triples.subjects_of_type(kg + "Observation", str(RDF.type)):
        subject = lexical(node, "subject")
        label = triples.value(subject, str(RDFS.label))
        files = (triples.value(str(d), kg + "fileName") for d in triples.objects(node, kg + "mentionedIn"))
        records.append(ObservationRecord(
            node, subject, label.lexical if isinstance(label, Lit) else "", lexical(node, "indicator"),
            Decimal(lexical(node, "value")), lexical(node, "unit"), int(lexical(node, "year")),
            lexical(node, "observationKind")[len(kg):], tuple(sorted(f.lexical for f in files if isinstance(f, Lit))),
            (lexical(node, "period") or kg + "FullYear")[len(kg):]))
    return records


def turtle_text(result: BuildResult) -> str:
    """graph.ttl of a build, as text (the bytes `kg build` writes, decoded)."""
    return serialize_triples(result.triples)


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
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help="processes extracting documents (default: every core)")
    parser.add_argument("--cluster", default=None, metavar="ADDRESS",
                        help="extract on the workers of this Dask scheduler (tcp://host:8786); "
                             "resolve and write here")
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


def default_workers() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


class _ProgressBar(tqdm):
    # No monitoring thread: tqdm starts one with a process's first bar, even a disabled one,
    # and it outlives the bar; the build forks to write graph.ttl only while no other
    # thread runs (`_beside`).
    monitor_interval = 0


def progress_bar(total: int, enabled: bool) -> tqdm:
    """A progress bar on a terminal (tqdm); silent when stderr is a file or a pipe."""
    return _ProgressBar(total=total, unit="doc", file=sys.stderr, leave=False, dynamic_ncols=True,
                        disable=not (enabled and sys.stderr.isatty()))


def read_inputs(inputs: list[str], limits: Limits = DEFAULT_LIMITS) -> tuple[list[Doc], list[str]]:
    """Read every input file; returns the documents and one message per problem."""
    paths, skipped = discover(inputs)
    docs, problems = load_documents(paths, limits)
    return docs, [f"{s.path}: {s.reason}" for s in skipped] + problems


def compact(doc: Doc) -> Doc:
    """`doc` without what only extraction reads: the normalised text, its tokens and the
    offset table (together several times the file's size). Sentences keep their raw-text
    spans and no text, so evidence is still cut from `doc.raw`; mentions, relations and
    figures stay as they are."""
    sentences = []
    for sentence in doc.sentences:
        start, end = doc.raw_span(sentence.start, sentence.end)
        sentences.append(Sentence(sentence.index, start, end, ""))
    # replace() keeps every other field (milestones, and whatever a new stage adds)
    return dataclasses.replace(doc, text="", offsets=[], tokens=[], sentences=sentences)


@dataclass
class _Job:
    """What a worker needs besides the document: where to cache, whether to compact."""

    cache: ExtractionCache | None
    keep_text: bool
    # this process's tagger settings (--no-tagger, --tagger-model): a spawned or remote
    # worker starts with the defaults
    tagger_settings: tagger.Settings = dataclasses.field(default_factory=lambda: dataclasses.replace(tagger.SETTINGS))
    # whether the tagger's loops run compiled (numba): only for builds large enough to
    # repay loading it (crf.COMPILED_FROM); the outputs are the same either way
    compiled: bool = True


_job: _Job | None = None  # set in each worker process by _start_worker


def _by_fields(cls: type) -> Callable[[object], tuple]:
    """A pickle reducer that writes a dataclass record as its class and its fields' values
    (rebuilt by calling the class)."""
    values = operator.attrgetter(*(f.name for f in dataclasses.fields(cls)))
    return lambda record: (cls, values(record))


# The records of an extracted document, as the workers send them back: by default a slotted
# dataclass pickles through Python-level __getstate__/__setstate__ and the others as a
# dict of fields; as a tuple of values both ends take less than half the time (on the x100
# corpus 0.45 -> 0.23 CPU s in the workers, 0.41 -> 0.30 s in the parent, which unpickles
# while the workers extract) and the pickles are a quarter smaller. (multiprocessing's own
# pickler only: the cache's files keep the default form.)
for _record in (Sentence, Token, Mention, Relation, Figure, Milestone):
    ForkingPickler.register(_record, _by_fields(_record))


# A document's extraction makes ~10^5 short-lived objects, few of them cyclic: collect the
# youngest generation less often (about 3% of a worker's time at the default 700). The
# parent, receiving the extracted documents, makes as many (unpickling them took half the
# time at the default).
EXTRACTION_GC = (50_000, 20, 100)


def _start_worker(job: _Job) -> None:
    global _job
    _job = job
    gc.set_threshold(*EXTRACTION_GC)


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """The collector's thresholds for extraction (`EXTRACTION_GC`) while the block runs."""
    before = gc.get_threshold()
    gc.set_threshold(*EXTRACTION_GC)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _extract_one(doc: Doc, job: _Job | None = None) -> Doc:
    """Extract one document not found in the cache (in a worker or inline)."""
    job = job or _job
    assert job is not None
    wanted = job.tagger_settings  # (a remote worker without the model file uses its own shipped one)
    tagger.configure(wanted.enabled, wanted.model if wanted.model.is_file() else tagger.MODEL,
                     wanted.types, wanted.min_confidence)
    crf.use_compiled(job.compiled)
    done = process(doc)
    if job.cache:
        job.cache.put(done)
    return done if job.keep_text else compact(done)


def warm_up() -> None:
    """Load the lexicons and the tagger once, before worker processes are forked from this
    one, so each worker starts with them in (shared) memory instead of loading its own."""
    process(Doc(path="", file_name="warm-up.txt", raw="贵阳市花溪区经济开发区2024年地区生产总值增长5%。"))
    lexicon.load_all()  # the tables the short text above does not reach
    role_cues(), lexicon.milestone_cues()
    # Objects loaded so far live as long as the process: the collector need not scan them
    # again (NOTES.md measured it at 9% of a build), and forked workers keep sharing them.
    gc.freeze()


def _on_cluster(misses: list[Doc], job: _Job, address: str) -> Iterator[Doc]:
    """The extracted form of each of `misses`, in their order, from the Dask workers of the
    scheduler at `address`. Resolution and writing stay here, on the client: they need
    every document at once and are a small part of the work. The cache is this machine's
    folder, so workers return whole documents when there is one and the client stores
    (and compacts) them."""
    from distributed import Client

    remote = _Job(cache=None, keep_text=job.keep_text or job.cache is not None, compiled=job.compiled)
    with Client(address, set_as_default=False) as client:
        futures = client.map(_extract_one, misses, job=remote, pure=False)
        for future in futures:  # in input order, whichever finishes first
            doc = future.result()
            future.release()
            if job.cache:
                job.cache.put(doc)
            yield doc if job.keep_text else compact(doc)


def _extracted(misses: list[Doc], job: _Job, workers: int, cluster: str | None = None) -> Iterator[Doc]:
    """The extracted form of each of `misses`, in their order, from `workers` processes
    (or from a Dask cluster)."""
    job.compiled = sum(len(doc.raw) for doc in misses) >= crf.COMPILED_FROM
    crf.use_compiled(job.compiled)  # (before warm_up, so that forked workers start with the kernels loaded)
    if cluster and misses:
        yield from _on_cluster(misses, job, cluster)
        return
    if workers <= 1 or len(misses) <= 1:
        for doc in misses:
            yield _extract_one(doc, job)
        return
    warm_up()
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if "fork" in methods else "spawn")
    with context.Pool(min(workers, len(misses)), initializer=_start_worker, initargs=(job,)) as pool:
        # imap keeps input order, so the merged result is the serial one, byte for byte
        yield from pool.imap(_extract_one, misses, chunksize=1)


def extract(docs: list[Doc], progress: tqdm | None = None, cache: ExtractionCache | None = None,
            workers: int = 1, keep_text: bool = True, cluster: str | None = None,
            on_done: Callable[[Doc], None] | None = None) -> list[Doc]:
    """Run the per-document pipeline, reusing cached results for unchanged files; with
    `workers` > 1 the documents not in the cache are extracted in a process pool, with
    `cluster` (a Dask scheduler address) on that cluster's workers. Without
    `keep_text`, each document is compacted once extracted (see `compact`). `on_done` is
    called with each extracted document, in order, as soon as it and those before it are
    done (while the workers go on with the next ones)."""
    with _fewer_collections():
        found: list[Doc | None] = []
        for doc in docs:
            cached = cache.get(doc) if cache else None
            found.append(cached if cached is None or keep_text else compact(cached))
            if cached is not None and progress:
                progress.update(1)
        misses = [doc for doc, hit in zip(docs, found) if hit is None]
        fresh = _extracted(misses, _Job(cache, keep_text), workers, cluster)
        done = []
        for hit in found:
            if hit is None:
                hit = next(fresh)
                if progress:
                    progress.update(1)
            done.append(hit)
            if on_done is not None:
                on_done(hit)
    return done


def build(inputs: list[str], base: str = str(KGR), quiet: bool = True,
          cache_dir: str | Path | None = None, workers: int = 1, keep_text: bool = True,
          cluster: str | None = None, limits: Limits = DEFAULT_LIMITS) -> BuildResult:
    """Read, extract and resolve: the graph of `inputs`, nothing written (but the cache).

    `workers` processes extract documents (the result does not depend on their number);
    `keep_text=False` drops each document's text and tokens once extracted, so memory
    grows with what the graph holds rather than with the corpus (what `kg build` does).
    `cluster` is the address of a Dask scheduler whose workers extract the documents.
    """
    docs, problems = read_inputs(inputs, limits)
    # each document's mentions are keyed and filed as it arrives, while the workers extract
    # the next ones: that part of resolution is then off the build's serial tail
    resolution = Resolution()
    with progress_bar(len(docs), not quiet) as progress:
        docs = extract(docs, progress, ExtractionCache(cache_dir, cache_fingerprint()) if cache_dir else None, workers,
                       keep_text, cluster, on_done=resolution.add)
    # The documents live until the build ends: the collector need not scan them again while
    # resolution and the writers allocate (NOTES.md: the collector took 9% of a build).
    gc.freeze()
    entities = resolution.finish(docs)
    link_operators(entities)
    break_containment_cycles(docs)
    keep_nearest_containers(docs)
    return BuildResult(docs, entities, build_triples(docs, entities, base), problems)


def write_outputs(result: BuildResult, outdir: Path) -> list[Path]:
    """graph.ttl and graph.html (and the Gephi/Cytoscape files), replacing `outdir` as a set."""
    return write_and_check(result, outdir, check=False)[0]


def write_and_check(result: BuildResult, outdir: Path, check: bool = True) -> tuple[list[Path], Report | None]:
    """write_outputs, and with `check` the graph checked against the shapes on its records
    (kg.graph.conform); returns the written paths and the report (None without `check`).
    graph.ttl is written and the graph checked in a forked copy of this process, on another
    core, while this one writes the page and the network files (on the x100 corpus about
    1.6 and 1.0 CPU s)."""
    from kg.graph.conform import check_triples
    from kg.publish.outputs import publish

    report: list[Report] = []

    def turtle_and_check(ttl: Path) -> Report | None:
        write_atomic(ttl, (piece.encode("utf-8") for piece in iter_turtle(result.triples)))
        return check_triples(result.triples) if check else None

    def others(folder: Path) -> list[Path]:
        # (imported here, once the other process has started: the page's modules, jinja2
        # and networkx, take a quarter of a second to import)
        from kg.publish import page as viz
        from kg.publish.network import network_from_triples

        return viz.write_build_outputs(network_from_triples(result.triples), folder)

    def write(folder: Path) -> list[Path]:
        ttl = folder / "graph.ttl"
        done = _beside(lambda: turtle_and_check(ttl))
        try:
            written = [ttl, *others(folder)]
        finally:
            checked = done()  # (graph.ttl complete, or its error raised, before publishing)
        if checked is not None:
            report.append(checked)
        return written

    written = publish(Path(outdir), write)
    return written, (report[0] if report else None)


def _beside(work: Callable[[], object]) -> Callable[[], object]:
    """Start `work` in a forked copy of this process, so that it runs on another core while
    this one goes on; returns a function that waits for it and returns what it returned
    (or raises what it raised). Where there is no fork, or threads run here (a fork copies
    none of them, and could copy a lock one of them holds), `work` runs here and now."""
    import pickle
    import threading

    if not hasattr(os, "fork") or threading.active_count() > 1:
        value = work()
        return lambda: value
    # The graph lives until the build ends: freezing it keeps the child's collector from
    # writing to (and so copying) the pages the two processes share.
    gc.freeze()
    reader, writer = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: run, send back the outcome, end without cleaning up
        os.close(reader)
        status = 0
        try:
            outcome = (True, work())
        except BaseException as error:  # (sent back, raised in the parent)
            outcome, status = (False, error), 1
        try:
            with os.fdopen(writer, "wb") as pipe:
                pickle.dump(outcome, pipe)
        finally:
            os._exit(status)
    os.close(writer)

    def wait() -> object:
        with os.fdopen(reader, "rb") as pipe:
            data = pipe.read()
        _, status = os.waitpid(pid, 0)
        if not data:
            raise OSError(f"the process writing graph.ttl ended without an answer (status {status})")
        ok, value = pickle.loads(data)
        if not ok:
            raise value
        return value

    return wait


def output_name(exc: OSError, outdir: Path) -> str:
    """The output file an OS error is about, as the user named the folder: files are
    written in a staging folder beside `outdir` (`.output.staging-PID/graph.ttl`)."""
    if not exc.filename:
        return str(outdir)
    failed = Path(os.fsdecode(exc.filename))
    if failed.parent.name.startswith(f".{outdir.name}."):
        return str(outdir / failed.name)
    return str(failed)


def summary(result: BuildResult, seconds: float) -> str:
    """What the graph holds: relations are the distinct kg: links between entities (one
    rdf:Statement each), observations the kg:Observation nodes (figures read twice are one)."""
    types = Counter(e.type for e in result.entities)
    graph = result.triples
    relations = len(graph.subjects_of_type(str(RDF.Statement), str(RDF.type)))
    observations = len(graph.subjects_of_type(str(KG.Observation), str(RDF.type)))
    by_type = ", ".join(f"{t} {n}" for t, n in sorted(types.items()))
    return (f"{len(result.docs)} documents, {len(result.entities)} entities ({by_type}), "
            f"{relations} relations, {observations} observations, {len(graph)} triples in {seconds:.1f}s\n"
            + connectivity(result.docs, result.entities).line())


def run(args: argparse.Namespace) -> int:
    started = time.perf_counter()
    # (resolution and the writers make as many short-lived objects as extraction: the
    # network for the page took a fifth less time so)
    gc.set_threshold(*EXTRACTION_GC)
    if (problem := base_problem(args.base)) is not None:
        print(f"kg build: --base {args.base!r}: {problem} / 命名空间无效", file=sys.stderr)
        return 2
    if (problem := configure_tagger(args)) is not None:
        print(f"kg build: {problem}", file=sys.stderr)
        return 2
    cache_dir = None if args.no_cache else (args.cache or Path(args.output).absolute().parent / CACHE_DIR)
    limits = Limits(max_file_bytes=args.max_file_mb * MB, max_text_chars=args.max_chars)
    workers = args.workers if args.workers is not None else default_workers()
    if workers < 1:
        print(f"kg build: --workers {workers}: needs at least 1 / 至少一个进程", file=sys.stderr)
        return 2
    if args.cluster:
        try:
            import distributed  # noqa: F401
        except ImportError:
            print("kg build: --cluster needs dask[distributed] (pip install 'dask[distributed]')", file=sys.stderr)
            return 2
    return _build_and_write(args, started, cache_dir, workers, limits)


def _build_and_write(args: argparse.Namespace, started: float, cache_dir: Path | None, workers: int,
                     limits: Limits) -> int:
    try:
        result = build(args.inputs, args.base, quiet=args.quiet, cache_dir=cache_dir, workers=workers,
                       keep_text=False, cluster=args.cluster, limits=limits)
    except OSError as error:
        if not args.cluster:
            raise
        # distributed raises OSError when the scheduler does not answer in time
        print(f"kg build: --cluster {args.cluster}: cannot reach the scheduler: {error}", file=sys.stderr)
        return 2
    for problem in result.problems:
        print(f"kg build: {problem}", file=sys.stderr)
    if not result.docs:
        print("kg build: no document could be read / 没有可读取的文档", file=sys.stderr)
        return 1
    outdir = Path(args.output)
    try:
        written, report = write_and_check(result, outdir, check=not args.no_validate)
    except OSError as exc:  # a full disk, a read-only folder: the previous output is kept
        print(f"kg build: {output_name(exc, outdir)}: cannot write: {exc.strerror or exc} / 无法写入输出", file=sys.stderr)
        return 1
    status = 0
    if report is not None:
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
