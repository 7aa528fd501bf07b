"""Query worker processes: the only dependable time and memory limits are a process that can
be killed.

Each worker loads the graph once and answers one query at a time: it checks the query
(`guard`), runs it (`store`) and serialises the answer (`results`), so the parse, the run and
the writing all count against the time limit. Once loaded, a worker seals itself: it can open
no new file or socket, so even a query that got past the guard cannot make it connect out. While a worker runs a query the parent watches
its resident memory; past the limit it is killed like a query past the time limit, the client
is told which limit was hit, and a fresh worker takes its place in the background.
"""
from __future__ import annotations

import multiprocessing
import os
import queue
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from kg.sparql.errors import ERRORS, GraphLoadError, QueryError, QueryOutOfMemory, QueryTimeout, ServerBusy
from kg.sparql.results import choose_format, serialize
from kg.sparql.store import DEFAULT_ROW_CAP, DEFAULT_TIMEOUT, execute, load_store

DEFAULT_MAX_MEMORY = 1024 * 1024 * 1024  # bytes of resident memory a worker may use, graph included
WATCH_INTERVAL = 0.02  # seconds between two looks at a busy worker's memory
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def rss_bytes(pid: int) -> int | None:
    """Resident memory of process `pid` (Linux /proc); None where it cannot be read."""
    try:
        fields = Path(f"/proc/{pid}/statm").read_text().split()
    except OSError:
        return None
    return int(fields[1]) * PAGE_SIZE


# Run once in each worker before it is sealed (see `seal_worker`), so every module and code
# path a query needs is loaded while files can still be opened.
WARM_UP = (
    "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1",
    "ASK { ?s ?p ?o }",
    "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 1",
    "DESCRIBE ?s WHERE { ?s ?p ?o } LIMIT 1",
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",  # refused: the refusal's path
    "SELECT * FROM <http://127.0.0.1:9/> WHERE { ?s ?p ?o }",
    "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
    "SELECT ?x WHERE { ?x ?y",  # a syntax error, as pyoxigraph words it
    "SELECT * WHERE { ?s undeclared:p ?o }",
    "SELECT * WHERE { ?s ?p ?o } ; x",  # one only rdflib's account covers
    "SELECT * WHERE " + "{ " * 300 + "} " * 300,
)


def _warm_up(store) -> None:
    for text in WARM_UP:
        try:
            result = execute(store, text, 1)
            for fmt in ("json", "xml", "csv", "tsv", "turtle", "ntriples", "jsonld", "rdfxml"):
                serialize(result, fmt)
        except QueryError as error:
            _ = error.message
    choose_format("SELECT", "", "text/csv;q=0.5, */*")


def seal_worker() -> bool:
    """Make this process unable to open any new file or socket; True if it could be done.

    Defence in depth behind `guard`: even a query that slipped past the checks cannot make
    pyoxigraph connect anywhere, because creating the socket fails (EMFILE). Every free file
    descriptor number below the highest one in use is filled with /dev/null, and the limit on
    descriptors is lowered to that highest number plus one, for good (soft and hard limit).
    Linux and other systems with /proc/self/fd and RLIMIT_NOFILE only.
    """
    try:
        import resource

        in_use = [int(name) for name in os.listdir("/proc/self/fd")]
    except (ImportError, OSError):
        return False
    highest = max(in_use)
    fillers = []
    while True:
        fd = os.open(os.devnull, os.O_RDONLY)
        if fd > highest:
            os.close(fd)
            break
        fillers.append(fd)  # kept open: a free slot below the limit would let a socket in
    try:
        resource.setrlimit(resource.RLIMIT_NOFILE, (highest + 1, highest + 1))
    except (ValueError, OSError):
        return False
    return True


def _worker_main(graph_path: str, conn) -> None:  # runs in the child process
    try:
        store = load_store(graph_path)
        _warm_up(store)
        seal_worker()
        conn.send(("ready", len(store)))
    except GraphLoadError as error:
        conn.send(("error", str(error)))
        return
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        if request is None:
            return
        text, format_param, accept, row_cap = request
        try:
            result = execute(store, text, row_cap)
            body, media = serialize(result, choose_format(result.form, format_param, accept))
            conn.send(("ok", result.form, media, body))
        except QueryError as error:
            conn.send(("fail", type(error).__name__, error.message))
        except MemoryError:
            conn.send(("fail", "QueryOutOfMemory", "the query needs more memory than this server allows / 查询内存超限"))
        except Exception as error:  # a bug must not kill the worker silently
            conn.send(("fail", "QueryError", f"internal error: {type(error).__name__}: {error}"))


class _Worker:
    def __init__(self, graph_path: str, context) -> None:
        self.conn, child = context.Pipe()
        self.process = context.Process(target=_worker_main, args=(graph_path, child), daemon=True)
        self.process.start()
        child.close()

    def wait_ready(self, timeout: float) -> int:
        if not self.conn.poll(timeout):
            self.kill()
            raise GraphLoadError("query worker did not start in time")
        try:
            status, detail = self.conn.recv()
        except (EOFError, OSError):
            self.kill()
            raise GraphLoadError(f"query worker stopped while loading the graph (exit code {self.process.exitcode})") from None
        if status != "ready":
            self.kill()
            raise GraphLoadError(detail)
        return int(detail)

    def rss(self) -> int | None:
        return rss_bytes(self.process.pid) if self.process.pid else None

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join(timeout=5)
        self.conn.close()


@dataclass
class Answer:
    form: str
    media_type: str
    body: bytes


class WorkerPool:
    """`size` worker processes, each holding the graph; a query past `timeout` seconds or past
    `max_memory` bytes of worker memory gets its worker killed.

    A killed or crashed worker is replaced in the background, so the others keep serving.
    """

    def __init__(self, graph_path: str | os.PathLike, size: int = 2, timeout: float = DEFAULT_TIMEOUT,
                 row_cap: int = DEFAULT_ROW_CAP, start_timeout: float = 300.0,
                 max_memory: int | None = DEFAULT_MAX_MEMORY) -> None:
        self.graph_path = str(graph_path)
        self.timeout, self.row_cap, self.start_timeout = timeout, row_cap, start_timeout
        self.max_memory = max_memory
        self._context = multiprocessing.get_context("spawn")  # never fork a threaded server
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._closed = False
        self.triples = 0
        self.loaded_memory = 0  # resident memory of a worker holding the graph, before any query
        workers = [_Worker(self.graph_path, self._context) for _ in range(max(1, size))]
        try:
            for worker in workers:  # start all, then wait: loading happens in parallel
                self.triples = worker.wait_ready(self.start_timeout)
                self.loaded_memory = max(self.loaded_memory, worker.rss() or 0)
            if max_memory is not None and self.loaded_memory > max_memory * 3 // 4:
                raise GraphLoadError(
                    f"{self.graph_path}: a query worker needs {self.loaded_memory >> 20} MB with the graph loaded; "
                    f"the memory limit of {max_memory >> 20} MB leaves too little for queries (raise --max-memory)"
                )
        except GraphLoadError:
            for worker in workers:
                worker.kill()
            raise
        for worker in workers:
            self._idle.put(worker)

    def _replace(self) -> None:
        def start() -> None:
            try:
                worker = _Worker(self.graph_path, self._context)
                worker.wait_ready(self.start_timeout)
            except GraphLoadError:
                return
            if self._closed:
                worker.kill()
            else:
                self._idle.put(worker)

        threading.Thread(target=start, daemon=True, name="kg-worker-restart").start()

    def _stop(self, worker: _Worker, error: QueryError) -> QueryError:
        worker.kill()
        self._replace()
        return error

    def _wait(self, worker: _Worker, deadline: float) -> None:
        """Until `worker` has a reply; kills it past the deadline or the memory limit."""
        while not worker.conn.poll(WATCH_INTERVAL):
            if self.max_memory is not None and (worker.rss() or 0) > self.max_memory:
                raise self._stop(worker, QueryOutOfMemory(
                    f"the query needed more than the {self.max_memory >> 20} MB memory limit and was stopped; "
                    "add LIMIT or narrow the query / 查询内存超限，已停止"))
            if time.monotonic() > deadline:
                raise self._stop(worker, QueryTimeout(
                    f"the query ran longer than the {self.timeout:g} s limit and was stopped / 查询超时（{self.timeout:g} 秒）"))

    def query(self, text: str, fmt: str = "json", accept: str = "") -> Answer:
        """Run `text` on a free worker; the answer in `fmt` (a format name or `?format=` value)
        when it suits the query form, else in the format the Accept header `accept` asks for."""
        deadline = time.monotonic() + self.timeout
        try:
            worker = self._idle.get(timeout=self.timeout)
        except queue.Empty:
            raise ServerBusy("all query workers are busy; try again / 服务繁忙，请稍后再试") from None
        try:
            worker.conn.send((text, fmt, accept, self.row_cap))
            self._wait(worker, deadline)
            reply = worker.conn.recv()
        except (EOFError, OSError):
            raise self._stop(worker, QueryError("the query worker stopped unexpectedly / 查询进程意外退出")) from None
        self._idle.put(worker)
        if reply[0] == "ok":
            return Answer(reply[1], reply[2], reply[3])
        raise ERRORS.get(reply[1], QueryError)(reply[2])

    def close(self) -> None:
        self._closed = True
        while True:
            try:
                worker = self._idle.get_nowait()
            except queue.Empty:
                break
            try:
                worker.conn.send(None)
            except OSError:
                pass
            worker.kill()
