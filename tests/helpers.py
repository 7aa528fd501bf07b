"""Small helpers shared by the pipeline tests."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from kg.doc import Doc
from kg.pipeline import process


def run_text(text: str, file_name: str = "sample.txt") -> Doc:
    """Run every per-document stage on a piece of text."""
    return process(Doc(path=file_name, file_name=file_name, raw=text))


def labels(doc: Doc, type_: str | None = None) -> set[str]:
    return {m.label for m in doc.mentions if type_ is None or m.type == type_}


def located_pairs(doc: Doc) -> set[tuple[str, str]]:
    """(child, parent) labels of the document's kg:locatedIn relations."""
    return {(r.subject.label, r.object.label) for r in doc.relations if r.predicate == "locatedIn"}


def oxigraph_binary() -> str:
    """The `oxigraph` server the test extras install beside this Python."""
    found = Path(sys.executable).parent / "oxigraph"
    return str(found) if found.exists() else shutil.which("oxigraph") or "oxigraph"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def oxigraph_server(folder: Path, persistent: bool = False) -> Iterator[str]:
    """A real `oxigraph serve` on a free loopback port (its store in `folder` when
    `persistent`, else in memory; its log in folder/server.log); yields its base URL."""
    port = free_port()
    command = [oxigraph_binary(), "serve", "--bind", f"127.0.0.1:{port}"]
    if persistent:
        command[2:2] = ["--location", str(folder / "data")]
    log = folder / "server.log"
    with open(log, "wb") as handle:
        process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT)
    try:
        for _ in range(300):  # wait for the port, at most ~30 s
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                if process.poll() is not None:
                    pytest.fail(f"oxigraph exited: {log.read_text(errors='replace')}")
                time.sleep(0.1)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def http_server_in_thread(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """A loopback HTTP server answering with `handler` in a thread; yields its base URL."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
