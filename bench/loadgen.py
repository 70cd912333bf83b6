"""Closed-loop HTTP load generator for bench/api.py (runs as its own process).

``CONNECTIONS`` threads each keep one HTTP/1.1 connection to 127.0.0.1:PORT (reopened
only when the server closes it) and send GET requests back to back, for WARMUP + DURATION
seconds. Only requests that complete inside the DURATION window are counted. The bearer
token comes from the BENCH_TOKEN environment variable (not the command line, which other
users can read).

Prints ``measure-start`` and ``measure-end`` on stdout at the edges of the window (so the
parent can sample CPU use of the server meanwhile) and writes a JSON report to --out:
every latency in ms, status counts, error samples, connects, bytes and client CPU time.

Standard library only.
"""

import argparse
import http.client
import json
import os
import random
import sys
import threading
import time

HOST = "127.0.0.1"  # never anything else: the bench only talks to the local machine
REQUEST_TIMEOUT = 10.0  # seconds; a stuck request is counted as an error, not waited for
MAX_ERROR_SAMPLES = 10
# The server may close an idle keep-alive connection just as we reuse it: retry once.
STALE_CONNECTION_ERRORS = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError)


class Worker(threading.Thread):
    def __init__(self, index, args, paths, headers, start_barrier, clock):
        super().__init__(name=f"loadgen-{index}", daemon=True)
        self.args = args
        self.paths = paths
        self.headers = headers
        self.start_barrier = start_barrier
        self.clock = clock  # dict: measure_from, measure_until (perf_counter values)
        self.rng = random.Random(f"{args.seed}-{index}")
        self.conn = None
        self.latencies = []  # ms, requests completed inside the window
        self.statuses = {}  # status (or exception name) -> count, inside the window
        self.error_samples = []
        self.connects = 0
        self.retries = 0
        self.bytes = 0
        self.sent = 0

    def _connect(self):
        self.conn = http.client.HTTPConnection(HOST, self.args.port, timeout=REQUEST_TIMEOUT)
        self.connects += 1

    def _close(self):
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def _get(self, path):
        """One request; returns (status, body). Reconnects and retries once on a stale connection."""
        for attempt in (1, 2):
            reused = self.conn is not None
            if not reused:
                self._connect()
            try:
                self.conn.request("GET", path, headers=self.headers)
                response = self.conn.getresponse()
                body = response.read()
            except STALE_CONNECTION_ERRORS:
                self._close()
                if reused and attempt == 1:
                    self.retries += 1
                    continue
                raise
            except Exception:
                self._close()
                raise
            if response.will_close:
                self._close()
            return response.status, body
        raise AssertionError("unreachable")

    def run(self):
        self.start_barrier.wait()
        measure_from, measure_until = self.clock["measure_from"], self.clock["measure_until"]
        while True:
            started = time.perf_counter()
            if started >= measure_until:
                break
            path = self.paths[self.rng.randrange(len(self.paths))]
            try:
                status, body = self._get(path)
                error_text = None if 200 <= status < 300 else body[:300].decode("utf-8", "replace")
            except Exception as exc:  # noqa: BLE001 - any failure is an error sample
                status, body, error_text = type(exc).__name__, b"", str(exc)[:300]
            finished = time.perf_counter()
            self.sent += 1
            if not (measure_from <= finished <= measure_until):
                continue
            self.latencies.append((finished - started) * 1000.0)
            self.statuses[str(status)] = self.statuses.get(str(status), 0) + 1
            self.bytes += len(body)
            if error_text is not None and len(self.error_samples) < MAX_ERROR_SAMPLES:
                self.error_samples.append({"status": str(status), "path": path, "body": error_text})
        self._close()


def parse_args(argv=None):
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--paths-file", required=True, help="JSON list of request paths, picked at random")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--duration", type=float, default=15.0, help="measured seconds")
    parser.add_argument("--warmup", type=float, default=3.0, help="unmeasured seconds before")
    parser.add_argument("--seed", default="1")
    parser.add_argument("--out", required=True, help="where to write the JSON report")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    with open(args.paths_file, encoding="utf-8") as f:
        paths = json.load(f)
    if not paths:
        sys.exit("loadgen: no paths to request")
    headers = {"Accept": "application/json", "User-Agent": "tracker-bench/1"}
    token = os.environ.get("BENCH_TOKEN")
    if token:
        headers["Authorization"] = f"Bearer {token}"

    clock = {}
    barrier = threading.Barrier(args.connections + 1)
    workers = [Worker(i, args, paths, headers, barrier, clock) for i in range(args.connections)]
    for worker in workers:
        worker.start()
    begin = time.perf_counter()
    clock["measure_from"] = begin + args.warmup
    clock["measure_until"] = begin + args.warmup + args.duration
    barrier.wait()

    time.sleep(max(0.0, clock["measure_from"] - time.perf_counter()))
    cpu_start = os.times()
    print("measure-start", flush=True)
    time.sleep(max(0.0, clock["measure_until"] - time.perf_counter()))
    cpu_end = os.times()
    print("measure-end", flush=True)
    for worker in workers:
        worker.join(REQUEST_TIMEOUT * 2 + 5)  # bounded: a request times out after REQUEST_TIMEOUT
    stuck = sum(worker.is_alive() for worker in workers)

    statuses = {}
    for worker in workers:
        for status, count in worker.statuses.items():
            statuses[status] = statuses.get(status, 0) + count
    report = {
        "connections": args.connections,
        "duration_s": args.duration,
        "warmup_s": args.warmup,
        "latencies_ms": [round(x, 3) for w in workers for x in w.latencies],
        "statuses": statuses,
        "error_samples": [s for w in workers for s in w.error_samples][:MAX_ERROR_SAMPLES],
        "requests_sent_total": sum(w.sent for w in workers),
        "connects": sum(w.connects for w in workers),
        "stale_retries": sum(w.retries for w in workers),
        "bytes": sum(w.bytes for w in workers),
        "client_cpu_s": (cpu_end.user - cpu_start.user) + (cpu_end.system - cpu_start.system),
        "stuck_threads": stuck,
    }
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(report, f)
    return 0


if __name__ == "__main__":
    sys.exit(main())
