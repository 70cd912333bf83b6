"""Benchmark: a large web import runs as a job and never blocks the web processes.

Starts the app as deployed (gunicorn with gunicorn.conf.py; without --redis-url the jobs run in the
job process the web processes start, with it in one `flask worker`) on a fresh database, logs in, and
measures the latency of a public page (the public API's first page) for a while without any job
(the baseline), then during a web import of N rows (default 100,000; the synthetic file of
bench/import.py): upload, dry-run job, confirm, import job. Prints the latency percentiles of both
phases, the errors seen, and the rows/s of the dry run and of the import (job start to job end).

  .venv/bin/python bench/jobs.py [--rows N]                           # SQLite, local runner
  .venv/bin/python bench/jobs.py --database-url postgresql://... --redis-url redis://...
"""

import argparse
import importlib.util
import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime
from pathlib import Path

import requests

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ADMIN, PASSWORD = "bench@jobs.example", "a long enough bench password"
CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')
PUBLIC = "/api/public/v1/incidents?page_size=20"


def _make_csv(rows: int) -> bytes:
    spec = importlib.util.spec_from_file_location("bench_import", REPO / "bench" / "import.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make_csv(rows)


def _flask(env, *args, stdin=None) -> str:
    done = subprocess.run([str(BIN / "flask"), *args], cwd=REPO, env=env, input=stdin, capture_output=True,
                          text=True, timeout=600)  # fmt: skip
    if done.returncode:
        raise SystemExit(done.stderr)
    return done.stdout


class Sampler(threading.Thread):
    """GETs the public page one after the other, recording latencies and errors."""

    def __init__(self, base: str):
        super().__init__(daemon=True)
        self.base, self.stopped, self.times, self.errors = base, threading.Event(), [], 0

    def run(self):
        session = requests.Session()
        while not self.stopped.is_set():
            started = time.perf_counter()
            try:
                ok = session.get(self.base + PUBLIC, timeout=30).status_code == 200
            except requests.RequestException:
                ok = False
            self.times.append(time.perf_counter() - started)
            self.errors += not ok
            time.sleep(0.05)

    def summary(self) -> str:
        ms = sorted(1000 * t for t in self.times) or [0.0]
        p99 = ms[min(len(ms) - 1, int(0.99 * len(ms)))]
        return (f"{len(ms)} requests, p50 {statistics.median(ms):.0f} ms, p99 {p99:.0f} ms, max {ms[-1]:.0f} ms, "
                f"{self.errors} errors")  # fmt: skip


def _follow(session, base, job_id) -> dict:
    while True:
        state = session.get(f"{base}/jobs/{job_id}.json").json()
        if state["finished"]:
            return state
        time.sleep(0.5)


def _seconds(env, job_id) -> float:
    """The job's own start-to-end time, from its record."""
    code = ("from tracker import create_app;from tracker.jobs.models import Job;from tracker.extensions import db\n"
            f"a=create_app()\nwith a.app_context():\n j=db.session.get(Job,{job_id});"
            "print((j.finished_at-j.started_at).total_seconds())")  # fmt: skip
    return float(subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True,
                                check=True).stdout.strip())  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--redis-url", default=None)
    parser.add_argument("--baseline-seconds", type=float, default=10.0)
    args = parser.parse_args()
    workdir = Path(tempfile.mkdtemp(prefix="bench-jobs-"))
    url = args.database_url or f"sqlite:///{workdir / 'bench.sqlite3'}"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "bench-jobs", "FLASK_APP": "app.py",
           "ENCRYPTION_KEYS": "b1:G9C356d9udRx203Pxd1pZZ9BtoZ7pG1VpsqEj8_Xhkw=", "PORT": str(port),
           "HOST": "127.0.0.1", "WEB_CONCURRENCY": "2", "IMPORT_MAX_ROWS": str(max(args.rows, 200_000)),
           # one client asks all the time: measured, not refused by the per-address limit
           "PUBLIC_API_RATE_LIMIT": "100000 per minute"}  # fmt: skip
    env.pop("REDIS_URL", None)
    if args.redis_url:
        env["REDIS_URL"] = args.redis_url
    data = _make_csv(args.rows)
    _flask(env, "db", "upgrade")
    _flask(
        env, "users", "create", "--email", ADMIN, "--role", "admin", "--password-stdin", stdin=PASSWORD + "\n"
    )
    processes = [subprocess.Popen([str(BIN / "gunicorn"), "-c", "gunicorn.conf.py", "app:app"], cwd=REPO, env=env,
                                  stderr=subprocess.DEVNULL)]  # fmt: skip
    if args.redis_url:
        processes.append(
            subprocess.Popen([str(BIN / "flask"), "worker"], cwd=REPO, env=env, stdout=subprocess.DEVNULL)
        )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                if requests.get(base + "/readyz", timeout=10).status_code == 200:
                    break
            except requests.RequestException:
                pass
            time.sleep(0.3)
        session = requests.Session()
        token = CSRF.search(session.get(base + "/auth/login").text).group(1)
        session.post(base + "/auth/login", data={"email": ADMIN, "password": PASSWORD, "csrf_token": token})
        baseline = Sampler(base)
        baseline.start()
        time.sleep(args.baseline_seconds)
        baseline.stopped.set()
        baseline.join()
        during = Sampler(base)
        during.start()
        token = CSRF.search(session.get(base + "/transfer/import").text).group(1)
        started = time.perf_counter()
        posted = session.post(base + "/transfer/import", data={"csrf_token": token},
                              files={"file": ("bench.csv", data, "text/csv")}, allow_redirects=False)  # fmt: skip
        upload_s = time.perf_counter() - started
        check_id = int(re.search(r"job=(\d+)", posted.headers["Location"]).group(1))
        check = _follow(session, base, check_id)
        page = session.get(f"{base}/transfer/import?job={check_id}").text
        hidden = page.split('name="token" type="hidden" value="')[1].split('"')[0]
        confirmed = session.post(base + "/transfer/import/confirm", data={"csrf_token": token, "token": hidden},
                                 allow_redirects=False)  # fmt: skip
        import_id = int(confirmed.headers["Location"].rstrip("/").rsplit("/", 1)[1])
        result = _follow(session, base, import_id)
        during.stopped.set()
        during.join()
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=60)
    check_s, import_s = _seconds(env, check_id), _seconds(env, import_id)
    backend = "PostgreSQL + Redis (1 flask worker)" if args.redis_url else "SQLite, local job process"
    print(f"{datetime.now():%Y-%m-%d %H:%M} · {args.rows:,} rows · {backend} · gunicorn 2 gthread workers")
    print(f"upload request:           {upload_s:.2f} s (the request only stores the file)")
    print(f"dry-run job:              {check['state']}, {check_s:.1f} s, {args.rows / check_s:,.0f} rows/s")
    print(f"import job (check+write): {result['state']}, {import_s:.1f} s, {args.rows / import_s:,.0f} rows/s "
          f"(target >= 2,000)")  # fmt: skip
    print(f"public page, no job:      {baseline.summary()}")
    print(f"public page, during jobs: {during.summary()}")


if __name__ == "__main__":
    main()
