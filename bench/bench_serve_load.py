"""Load run against `kg serve` on loopback: N concurrent clients (default 8) for S seconds
(default 30), each cycling through the saved queries over a kept-alive HTTP connection.
Reports requests/s, p50/p95/max latency and failed requests, beside a baseline of one
client measured in the same run.

    .venv/bin/python bench/bench_serve_load.py [--graph output/graph.ttl] [--clients 8] [--seconds 30]
"""
from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from common import seed_graph_path  # noqa: E402
from kg.sparql import saved as kgsaved  # noqa: E402


@dataclass
class Tally:
    latencies_ms: list[float] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def client(port: int, paths: list[str], offset: int, stop_at: float, tally: Tally, lock: threading.Lock) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    i = offset
    while time.perf_counter() < stop_at:
        path = paths[i % len(paths)]
        i += 1
        t0 = time.perf_counter()
        try:
            connection.request("GET", path, headers={"Accept": "application/sparql-results+json"})
            response = connection.getresponse()
            body = response.read()
            ok = response.status == 200 and body.startswith(b"{")
            error = f"HTTP {response.status}: {body[:80]!r}"
        except (OSError, http.client.HTTPException) as exc:
            ok, error = False, f"{type(exc).__name__}: {exc}"
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        elapsed = (time.perf_counter() - t0) * 1000
        with lock:
            if ok:
                tally.latencies_ms.append(elapsed)
            else:
                tally.failures.append(error)
    connection.close()


def load(port: int, paths: list[str], clients: int, seconds: float) -> tuple[Tally, float]:
    tally, lock = Tally(), threading.Lock()
    started = time.perf_counter()
    stop_at = started + seconds
    threads = [threading.Thread(target=client, args=(port, paths, k * 3, stop_at, tally, lock)) for k in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally, time.perf_counter() - started


def report(label: str, tally: Tally, elapsed: float) -> float:
    lat = sorted(tally.latencies_ms)
    rate = len(lat) / elapsed
    p95 = lat[int(0.95 * (len(lat) - 1))] if lat else float("nan")
    print(f"{label:18} {len(lat):7d} ok {len(tally.failures):4d} failed {rate:9.1f} req/s  "
          f"p50 {statistics.median(lat) if lat else float('nan'):7.2f} ms  p95 {p95:7.2f} ms  max {lat[-1] if lat else float('nan'):8.2f} ms")
    for failure in sorted(set(tally.failures))[:5]:
        print(f"    failure: {failure}")
    return rate


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--graph")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--workers", type=int, default=2, help="kg serve --workers")
    args = parser.parse_args()

    graph = seed_graph_path(args.graph)
    port = free_port()
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--graph", str(graph), "--port", str(port),
                               "--workers", str(args.workers)], env=env, stderr=subprocess.PIPE, text=True)
    try:
        banner = server.stderr.readline()
        if "SPARQL endpoint" not in banner:
            print(f"kg serve did not start: {banner.strip()}", file=sys.stderr)
            return 1
        threading.Thread(target=server.stderr.read, daemon=True).start()  # drain the access log
        queries = kgsaved.saved_queries(ROOT / "queries")
        paths = ["/sparql?" + urllib.parse.urlencode({"query": q.text}) for q in queries]
        print(f"kg serve on 127.0.0.1:{port}, {args.workers} workers, graph {graph}; {len(paths)} saved queries in rotation")
        load(port, paths, 1, 2.0)  # warm-up
        base_tally, base_elapsed = load(port, paths, 1, min(10.0, args.seconds))
        base_rate = report("1 client", base_tally, base_elapsed)
        tally, elapsed = load(port, paths, args.clients, args.seconds)
        rate = report(f"{args.clients} clients", tally, elapsed)
        print(f"throughput {rate / base_rate:.2f}x the single-client baseline; failed requests: {len(tally.failures)}")
        return 1 if tally.failures else 0
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


if __name__ == "__main__":
    sys.exit(main())
