"""Benchmark of the internal JSON API (/api/v1/incidents) under gunicorn, on SQLite and PostgreSQL.

For each backend: build a fresh database, migrate it, load the demo data set
(``flask demo load --incidents N --seed 1``), create a viewer account and an API token,
start gunicorn (2 workers on 127.0.0.1), then drive it from a separate process
(bench/loadgen.py: keep-alive connections, fixed concurrency, fixed duration) through
these scenarios:

  list country+year       GET /api/v1/incidents?country=C&year=Y&page_size=50
  list violation+country  GET /api/v1/incidents?violation_type=V&country=C&page_size=50
  detail                  GET /api/v1/incidents/<random existing id>

and print requests/s, p50/p90/p99 latency, errors, CPU use, and the verdict against the
target for the list endpoint (>= 300 req/s and p99 <= 100 ms). See bench/README.md.

Run from the repository root: ``make bench`` (or ``.venv/bin/python bench/api.py --help``).
Everything it starts is stopped at the end; the PostgreSQL database it creates is dropped.
"""

import argparse
import contextlib
import http.client
import json
import math
import os
import platform
import random
import secrets
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LOADGEN = REPO / "bench" / "loadgen.py"
RESULTS_DIR = REPO / "bench" / "results"
HOST = "127.0.0.1"
BENCH_SECRET_KEY = "tracker-bench-secret-key-not-for-production"
BENCH_ROLE = "viewer"
DEFAULT_PG_URL = "postgresql://postgres@127.0.0.1:5432/postgres"
PG_BENCH_DB = "tracker_bench"
# Environment variables the app reads (tracker/config.py ENV_KEYS): never inherited, so the
# bench measures the same configuration wherever it runs.
APP_ENV_VARS = ("DATABASE_URL", "SECRET_KEY", "REDIS_URL", "SESSION_COOKIE_SECURE", "ORGANISATION_NAME",
                "BABEL_DEFAULT_LOCALE", "FLASK_DEBUG", "FLASK_RUN_FROM_CLI")  # fmt: skip
WORKERS = 2
PATHS_PER_SCENARIO = 20_000

TARGET_RPS = 300.0
TARGET_P99_MS = 100.0
OTHER_CPU_WARNING_PCT = 15.0  # CPU (% of one core) used by unrelated processes that makes a run suspect
QUIET_PCT = 10.0  # machine CPU (% of one core) under which a scenario may start


class BackendUnavailableError(Exception):
    """The backend cannot be benchmarked here (PostgreSQL unreachable): skip it."""


class StepFailedError(Exception):
    """A preparation step (migrate, load, user...) failed: the backend is reported as failed."""


# --- small helpers ---------------------------------------------------------------------------


def log(message: str = "") -> None:
    print(message, flush=True)


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an already sorted list (q in 0..100)."""
    if not sorted_values:
        return float("nan")
    rank = max(1, math.ceil(q / 100.0 * len(sorted_values)))
    return sorted_values[rank - 1]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def sqlalchemy_url(url: str) -> str:
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def app_env(database_url: str) -> dict:
    env = {k: v for k, v in os.environ.items() if k not in APP_ENV_VARS}
    env.update(
        DATABASE_URL=database_url, SECRET_KEY=BENCH_SECRET_KEY, FLASK_APP="app.py", PYTHONUNBUFFERED="1"
    )
    return env


def tail(text: str, lines: int = 8) -> str:
    return "\n".join((text or "").rstrip().splitlines()[-lines:])


def run_flask(
    args: list[str], database_url: str, *, timeout: float, stdin: str | None = None, show_stderr: bool = False
) -> str:
    """``flask ARGS`` in the repository with the bench environment; returns stdout."""
    command = [sys.executable, "-m", "flask", *args]
    try:
        proc = subprocess.run(
            command, cwd=REPO, env=app_env(database_url), input=stdin, text=True, timeout=timeout,
            stdout=subprocess.PIPE, stderr=None if show_stderr else subprocess.PIPE,
        )  # fmt: skip
    except subprocess.TimeoutExpired as exc:
        raise StepFailedError(f"`flask {' '.join(args)}` did not finish within {timeout:.0f} s") from exc
    if proc.returncode != 0:
        detail = tail(proc.stderr or "") if not show_stderr else "(see its output above)"
        raise StepFailedError(f"`flask {' '.join(args)}` exited with {proc.returncode}:\n{detail}")
    return proc.stdout


# --- machine and versions ----------------------------------------------------------------------


def machine_info() -> dict:
    import psutil

    cpu_model = platform.processor() or "?"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break

    def version(dist):
        try:
            return metadata.version(dist)
        except metadata.PackageNotFoundError:
            return "?"

    commit = (
        subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True
        ).stdout.strip()
        or "?"
    )
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=REPO, capture_output=True, text=True
    ).stdout.strip()
    return {
        "logical_cores": os.cpu_count(),
        "physical_cores": psutil.cpu_count(logical=False),
        "cpu_model": cpu_model,
        "memory_gb": round(psutil.virtual_memory().total / 2**30, 1),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "python_implementation": platform.python_implementation(),
        "sqlite": sqlite3.sqlite_version,
        "gunicorn": version("gunicorn"),
        "flask": version("flask"),
        "sqlalchemy": version("sqlalchemy"),
        "psycopg": version("psycopg"),
        "git_commit": commit + ("+local-changes" if dirty else ""),
    }


# --- databases ---------------------------------------------------------------------------------


@contextlib.contextmanager
def sqlite_database(keep: bool):
    directory = tempfile.mkdtemp(prefix="tracker-bench-")
    try:
        yield f"sqlite:///{directory}/bench.sqlite3", {"file": f"{directory}/bench.sqlite3"}
    finally:
        if keep:
            log(f"  kept {directory}")
        else:
            shutil.rmtree(directory, ignore_errors=True)


def _pg_admin(admin_url: str):
    import psycopg

    try:
        return psycopg.connect(admin_url, autocommit=True, connect_timeout=5)
    except psycopg.Error as exc:
        raise BackendUnavailableError(f"PostgreSQL unreachable at {admin_url}: {str(exc).strip()}") from exc


def _pg_drop(admin, name: str) -> None:
    import psycopg

    try:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    except psycopg.errors.SyntaxError:  # PostgreSQL < 13
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')


@contextlib.contextmanager
def postgres_database(admin_url: str, name: str, keep: bool):
    from sqlalchemy.engine import make_url

    with _pg_admin(admin_url) as admin:
        server_version = admin.execute("SHOW server_version").fetchone()[0]
        _pg_drop(admin, name)
        admin.execute(f'CREATE DATABASE "{name}"')
    url = make_url(admin_url).set(database=name).render_as_string(hide_password=False)
    info = {"server_version": server_version, "database": name}
    try:
        yield url, info
    finally:
        if keep:
            log(f"  kept database {name}")
        else:
            with contextlib.suppress(BackendUnavailableError), _pg_admin(admin_url) as admin:
                _pg_drop(admin, name)


def describe_dataset(database_url: str) -> dict:
    """What is in the database: ids, (country, year) and (violation root, country) combinations."""
    import sqlalchemy as sa

    engine = sa.create_engine(sqlalchemy_url(database_url))
    try:
        with engine.connect() as conn:
            ids = [row[0] for row in conn.execute(sa.text("SELECT id FROM incidents"))]
            by_country_year = Counter(
                (country, str(day)[:4])
                for country, day in conn.execute(sa.text("SELECT country, date_start FROM incidents"))
            )
            by_violation_country = Counter(
                (code.split(".")[0], country)
                for code, country in conn.execute(
                    sa.text(
                        "SELECT DISTINCT v.code, i.country FROM incident_violations v "
                        "JOIN incidents i ON i.id = v.incident_id"
                    )
                )
            )
    finally:
        engine.dispose()
    return {"ids": ids, "country_year": by_country_year, "violation_country": by_violation_country}


def analyze_postgres(database_url: str) -> float:
    """VACUUM ANALYZE after the bulk load, as autovacuum would soon do in production."""
    import psycopg

    started = time.perf_counter()
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE")
    return time.perf_counter() - started


# --- scenarios ---------------------------------------------------------------------------------


@dataclass
class Scenario:
    name: str
    kind: str  # "list" has the target; "detail" is reported only
    description: str
    paths: list[str] = field(default_factory=list)


def build_scenarios(dataset: dict, selected: list[str], seed: int) -> list[Scenario]:
    rng = random.Random(seed)
    country_years = sorted(dataset["country_year"])
    violation_countries = sorted(dataset["violation_country"])
    ids = dataset["ids"]
    scenarios = {
        "list-cy": Scenario(
            "list country+year", "list",
            f"country=C&year=Y&page_size=50, (C, Y) uniform over the {len(country_years)} pairs in the data",
            [f"/api/v1/incidents?country={c}&year={y}&page_size=50"
             for c, y in (rng.choice(country_years) for _ in range(PATHS_PER_SCENARIO))],
        ),
        "list-vc": Scenario(
            "list violation+country", "list",
            f"violation_type=V&country=C&page_size=50, V a top-level code, (V, C) uniform over the "
            f"{len(violation_countries)} pairs in the data",
            [f"/api/v1/incidents?violation_type={v}&country={c}&page_size=50"
             for v, c in (rng.choice(violation_countries) for _ in range(PATHS_PER_SCENARIO))],
        ),
        "detail": Scenario(
            "detail", "detail", f"/api/v1/incidents/<id>, id uniform over the {len(ids)} incidents",
            [f"/api/v1/incidents/{rng.choice(ids)}" for _ in range(PATHS_PER_SCENARIO)],
        ),
    }  # fmt: skip
    return [scenarios[key] for key in selected]


# --- gunicorn ----------------------------------------------------------------------------------


@dataclass
class ServerConfig:
    worker_class: str  # sync | gthread
    threads: int = 1

    @property
    def label(self) -> str:
        return "sync" if self.worker_class == "sync" else f"gthread x{self.threads}"

    def command(self, port: int) -> list[str]:
        command = [
            sys.executable,
            "-m",
            "gunicorn",
            "--workers",
            str(WORKERS),
            "--bind",
            f"{HOST}:{port}",
            "--worker-class",
            self.worker_class,
        ]
        if self.worker_class == "gthread":
            command += ["--threads", str(self.threads)]
        return [*command, "--no-control-socket", "--log-level", "warning", "app:app"]


def parse_servers(text: str) -> list[ServerConfig]:
    configs = []
    for item in filter(None, (part.strip() for part in text.split(","))):
        kind, _, threads = item.partition(":")
        if kind == "sync" and not threads:
            configs.append(ServerConfig("sync"))
        elif kind == "gthread":
            configs.append(ServerConfig("gthread", int(threads or 4)))
        else:
            raise argparse.ArgumentTypeError(f"unknown server config {item!r} (use sync or gthread:N)")
    return configs


def http_get(port: int, path: str, token: str | None = None, timeout: float = 10.0):
    conn = http.client.HTTPConnection(HOST, port, timeout=timeout)
    try:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        conn.request("GET", path, headers=headers)
        response = conn.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        conn.close()


@contextlib.contextmanager
def gunicorn(
    database_url: str, config: ServerConfig, log_dir: str, ready_timeout: float = 60.0,
    cwd: Path = REPO, extra_env: dict | None = None,
):  # fmt: skip
    """gunicorn serving the app of ``cwd`` (another checkout: a baseline), with ``extra_env``."""
    port = free_port()
    command = config.command(port)
    log_path = Path(log_dir) / f"gunicorn-{config.worker_class}-{port}.log"
    with open(log_path, "w") as log_file:
        proc = subprocess.Popen(
            command,
            cwd=cwd,
            env={**app_env(database_url), **(extra_env or {})},
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    try:
        deadline = time.monotonic() + ready_timeout
        while True:
            if proc.poll() is not None:
                raise StepFailedError(
                    f"gunicorn exited with {proc.returncode}:\n{tail(log_path.read_text())}"
                )
            with contextlib.suppress(OSError, http.client.HTTPException):
                if http_get(port, "/healthz", timeout=2.0)[0] == 200:
                    break
            if time.monotonic() > deadline:
                raise StepFailedError(
                    f"gunicorn did not answer /healthz within {ready_timeout:.0f} s:\n"
                    f"{tail(log_path.read_text())}"
                )
            time.sleep(0.2)
        yield proc, port, " ".join(["gunicorn", *command[3:]])
    finally:
        stop_process_group(proc)
        problems = [
            line
            for line in log_path.read_text().splitlines()
            if "Traceback" in line or "[ERROR]" in line or "[CRITICAL]" in line
        ]
        if problems:
            log(f"  gunicorn log ({log_path.name}) has {len(problems)} error lines, e.g.:")
            for line in problems[:5]:
                log(f"    {line}")


def stop_process_group(proc: subprocess.Popen, grace: float = 10.0) -> None:
    """SIGTERM the whole process group (master and workers), then SIGKILL if needed."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            proc.wait(grace)
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)  # workers left behind, if any
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(5)


# --- CPU accounting during the measured window ---------------------------------------------------


class CpuSampler:
    """CPU seconds used by the gunicorn processes, PostgreSQL and the machine.

    ``with_postgres``: True counts every PostgreSQL process; a database name counts only the
    backends serving that database (their process title names it), so other work on a shared
    server is *other*, not *db*. Processes that come and go between the two snapshots are
    counted through their parent (children times), so with True PostgreSQL parallel query
    workers are part of *db*.
    """

    def __init__(self, server_pid: int, with_postgres: bool | str):
        import psutil

        self.psutil = psutil
        self.server_pid = server_pid
        self.with_postgres = with_postgres
        self.start = None

    def _serves_database(self, process) -> bool:
        if self.with_postgres is True:
            return True
        try:  # "postgres: 15/main: USER DATABASE HOST(PORT) STATE"
            words = " ".join(process.cmdline()).split()
        except self.psutil.Error:
            return False
        return len(words) > 3 and words[3] == self.with_postgres

    def _processes(self):
        psutil = self.psutil
        try:
            master = psutil.Process(self.server_pid)
            server = [master, *master.children(recursive=True)]
        except psutil.NoSuchProcess:
            server = []
        db = []
        if self.with_postgres:
            db = [p for p in psutil.process_iter(["name"])
                  if (p.info["name"] or "").startswith("postgres") and self._serves_database(p)]  # fmt: skip
        return server, db

    def _cpu(self, processes) -> dict:
        # Children times too: short-lived processes (PostgreSQL parallel workers) start and end
        # between two snapshots; their CPU shows up in their parent's children times once reaped.
        seconds = {}
        for p in processes:
            with contextlib.suppress(self.psutil.Error):
                t = p.cpu_times()
                seconds[p.pid] = t.user + t.system + t.children_user + t.children_system
        return seconds

    def snapshot(self):
        server, db = self._processes()
        times = self.psutil.cpu_times()
        busy = sum(
            getattr(times, name, 0.0) for name in ("user", "nice", "system", "irq", "softirq", "steal")
        )
        return {
            "server": self._cpu(server),
            "db": self._cpu(db),
            "machine_busy": busy,
            "wall": time.perf_counter(),
        }

    @staticmethod
    def _delta(before: dict, after: dict) -> float:
        # processes that appeared meanwhile count from zero; vanished ones are ignored
        return sum(after[pid] - before.get(pid, 0.0) for pid in after)

    def usage(self, before, after, client_cpu_s: float) -> dict:
        wall = after["wall"] - before["wall"]
        cores = os.cpu_count() or 1

        def pct(seconds):
            return round(100.0 * seconds / wall, 1) if wall > 0 else float("nan")

        server = pct(self._delta(before["server"], after["server"]))
        db = pct(self._delta(before["db"], after["db"])) if self.with_postgres else None
        client = pct(client_cpu_s)
        busy = pct(after["machine_busy"] - before["machine_busy"])
        return {
            "server_pct": server,
            "db_pct": db,
            "client_pct": client,
            # anything else running on the machine meanwhile: noise in the figures if large
            "other_pct": round(max(0.0, busy - server - (db or 0.0) - client), 1),
            "machine_pct": round(busy / cores, 1),
        }


# --- one measurement ---------------------------------------------------------------------------


def sample_request(port: int, token: str, path: str) -> str:
    status, headers, body = http_get(port, path, token)
    text = f"GET {path} -> {status}, {len(body) / 1024:.1f} KB"
    if status == 200 and "X-Total-Count" in headers:
        text += f", X-Total-Count {headers['X-Total-Count']}, {len(json.loads(body))} items"
    return text


def run_scenario(
    scenario: Scenario, port: int, token: str, server_pid: int, work_dir: str, args, with_postgres: bool | str
) -> dict:
    paths_file = Path(work_dir) / "paths.json"
    paths_file.write_text(json.dumps(scenario.paths))
    out_file = Path(work_dir) / "loadgen-report.json"
    out_file.unlink(missing_ok=True)
    command = [
        sys.executable,
        str(LOADGEN),
        "--port",
        str(port),
        "--paths-file",
        str(paths_file),
        "--connections",
        str(args.connections),
        "--duration",
        str(args.duration),
        "--warmup",
        str(args.warmup),
        "--out",
        str(out_file),
    ]
    env = {**os.environ, "BENCH_TOKEN": token}
    sampler = CpuSampler(server_pid, with_postgres)
    limit = args.warmup + args.duration + 60
    proc = subprocess.Popen(command, cwd=REPO, env=env, stdout=subprocess.PIPE, text=True)
    watchdog = threading.Timer(limit, proc.kill)  # the loadgen bounds itself; this is a backstop
    watchdog.start()
    before = after = None
    try:
        for line in proc.stdout:
            if line.strip() == "measure-start":
                before = sampler.snapshot()
            elif line.strip() == "measure-end":
                after = sampler.snapshot()
        returncode = proc.wait()
    finally:
        watchdog.cancel()
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if returncode != 0 or not out_file.exists():
        raise StepFailedError(f"the load generator failed (exit {returncode})")
    report = json.loads(out_file.read_text())

    latencies = sorted(report["latencies_ms"])
    ok = sum(
        count for status, count in report["statuses"].items() if status.isdigit() and 200 <= int(status) < 300
    )
    errors = sum(report["statuses"].values()) - ok + report["stuck_threads"]
    result = {
        "scenario": scenario.name,
        "kind": scenario.kind,
        "requests": len(latencies),
        "rps": len(latencies) / args.duration,
        "p50_ms": percentile(latencies, 50),
        "p90_ms": percentile(latencies, 90),
        "p99_ms": percentile(latencies, 99),
        "max_ms": latencies[-1] if latencies else float("nan"),
        "mean_ms": sum(latencies) / len(latencies) if latencies else float("nan"),
        "errors": errors,
        "statuses": report["statuses"],
        "error_samples": report["error_samples"],
        "connects": report["connects"],
        "requests_sent_total": report["requests_sent_total"],
        "stale_retries": report["stale_retries"],
        "avg_response_kb": report["bytes"] / len(latencies) / 1024 if latencies else 0.0,
        "cpu": sampler.usage(before, after, report["client_cpu_s"]) if before and after else {},
    }
    cpu = result["cpu"]
    if cpu and latencies:  # CPU time per response: efficiency, independent of the concurrency
        seconds_per_pct = args.duration / 100.0 / len(latencies) * 1000.0  # ms per request per 1% of a core
        result["app_cpu_ms_per_request"] = round(cpu["server_pct"] * seconds_per_pct, 2)
        if cpu.get("db_pct") is not None:
            result["db_cpu_ms_per_request"] = round(cpu["db_pct"] * seconds_per_pct, 2)
    if not latencies:
        result["errors"] = max(result["errors"], 1)
    return result


def machine_busy_pct(interval: float = 2.0) -> float:
    """CPU use of the whole machine over ``interval`` seconds, in % of one core."""
    import psutil

    return psutil.cpu_percent(interval=interval) * (os.cpu_count() or 1)


def wait_until_quiet(max_wait: float) -> None:
    """Between scenarios the server is idle: wait (bounded) until other processes calm down."""
    started = time.monotonic()
    busy = machine_busy_pct()
    while busy > QUIET_PCT and time.monotonic() - started < max_wait:
        busy = machine_busy_pct()
    waited = time.monotonic() - started
    if busy > QUIET_PCT:
        log(f"    machine still busy ({busy:.0f}% of a core) after {waited:.0f} s: measuring anyway")
    elif waited > 5:
        log(f"    waited {waited:.0f} s for other processes to calm down")


def measure(scenario: Scenario, port: int, token: str, server_pid: int, work_dir: str, args, with_postgres):
    """run_scenario, repeated (up to --noisy-retries times) while other processes disturb it."""
    best = None
    for attempt in range(1 + args.noisy_retries):
        wait_until_quiet(args.quiet_wait)
        result = run_scenario(scenario, port, token, server_pid, work_dir, args, with_postgres)
        result["attempt"] = attempt + 1
        other = (result.get("cpu") or {}).get("other_pct", 0.0)
        if best is None or other < (best.get("cpu") or {}).get("other_pct", 0.0):
            best = result
        if other <= OTHER_CPU_WARNING_PCT or result["errors"]:
            break
        retry = attempt < args.noisy_retries
        log(
            f"    other processes used {other:.0f}% of a core during the measurement (noisy machine)"
            + ("; measuring again" if retry else "; keeping the quietest attempt")
        )
    return best


def detail_line(result: dict) -> str:
    parts = [
        f"{result['requests']} requests measured",
        f"mean {result['mean_ms']:.1f} ms, max {result['max_ms']:.1f} ms",
        f"{result['avg_response_kb']:.1f} KB/response",
    ]
    if "app_cpu_ms_per_request" in result:
        cpu = f"CPU per request {result['app_cpu_ms_per_request']:.2f} ms app"
        if "db_cpu_ms_per_request" in result:
            cpu += f" + {result['db_cpu_ms_per_request']:.2f} ms db"
        parts.append(cpu)
    keep_alive = result["connects"] <= result["requests_sent_total"] / 2
    parts.append(
        f"{result['connects']} TCP connections for {result['requests_sent_total']} requests sent "
        + ("(keep-alive)" if keep_alive else "(the server closes each connection: no keep-alive)")
    )
    return ", ".join(parts)


def verdict(result: dict) -> tuple[str, str]:
    if result["kind"] != "list":
        return "-", "(no target)"
    target = f">={TARGET_RPS:.0f} req/s, p99<={TARGET_P99_MS:.0f} ms"
    if result["errors"]:
        return "INVALID", target
    misses = []
    if result["rps"] < TARGET_RPS:
        misses.append("req/s")
    if not result["p99_ms"] <= TARGET_P99_MS:
        misses.append("p99")
    return ("MET" if not misses else "MISSED (" + ", ".join(misses) + ")"), target


def format_row(result: dict) -> str:
    status, target = verdict(result)
    cpu = result.get("cpu") or {}

    def pct(key):
        value = cpu.get(key)
        return "-" if value is None else f"{value:.0f}"

    cpu_text = f"{pct('server_pct')}/{pct('db_pct')}/{pct('client_pct')}/{pct('other_pct')}"
    return (
        f"{result['backend']:<10} {result['server']:<11} {result['scenario']:<23} "
        f"{result['rps']:>7.1f} {result['p50_ms']:>7.1f} {result['p90_ms']:>7.1f} {result['p99_ms']:>7.1f} "
        f"{result['errors']:>6}  {cpu_text:<25} {target:<30} {status}"
    )


TABLE_HEADER = (
    f"{'backend':<10} {'server':<11} {'scenario':<23} {'req/s':>7} {'p50 ms':>7} {'p90 ms':>7} "
    f"{'p99 ms':>7} {'errors':>6}  {'cpu% app/db/client/other':<25} {'target':<30} verdict"
)


# --- one backend -------------------------------------------------------------------------------


def prepare_database(database_url: str, backend: str, args) -> dict:
    """Migrate and load the demo data (and VACUUM ANALYZE on PostgreSQL); returns the timings."""
    info = {}
    started = time.perf_counter()
    run_flask(["db", "upgrade"], database_url, timeout=600)
    info["migrate_s"] = time.perf_counter() - started
    log(f"  migrated in {info['migrate_s']:.1f} s")

    log(
        f"  loading {args.incidents:,} demo incidents (flask demo load --incidents {args.incidents} "
        f"--seed 1) ..."
    )
    started = time.perf_counter()
    output = run_flask(
        ["demo", "load", "--incidents", str(args.incidents), "--seed", "1"],
        database_url,
        timeout=args.load_timeout,
        show_stderr=sys.stderr.isatty(),
    )
    info["load_s"] = time.perf_counter() - started
    log(
        f"  {tail(output, 1).strip() or 'loaded'}  [{info['load_s']:.1f} s, "
        f"{args.incidents / info['load_s']:.0f} incidents/s]"
    )

    if backend == "postgresql":
        info["vacuum_analyze_s"] = analyze_postgres(database_url)
        log(f"  VACUUM ANALYZE in {info['vacuum_analyze_s']:.1f} s")
    return info


def create_token(database_url: str) -> tuple[str, str]:
    """A new viewer account (unique e-mail, so an existing database can be reused) and its token."""
    email = f"bench-{secrets.token_hex(4)}@bench.local"
    password = secrets.token_urlsafe(24)
    run_flask(
        ["users", "create", "--email", email, "--role", BENCH_ROLE, "--name", "Bench", "--password-stdin"],
        database_url,
        timeout=120,
        stdin=password + "\n",
    )
    output = run_flask(["users", "token", email, "--name", "bench"], database_url, timeout=120)
    token = tail(output, 1).strip()
    if not token or " " in token:
        raise StepFailedError(f"could not read the token from `flask users token`: {output!r}")
    return email, token


def bench_backend(backend: str, database_url: str, db_info: dict, args, work_dir: str, prepare: bool) -> dict:
    outcome = {"backend": backend, "database": db_info, "runs": []}
    if prepare:
        outcome.update(prepare_database(database_url, backend, args))
    email, token = create_token(database_url)
    log(f"  {BENCH_ROLE} account {email} and API token created")
    dataset = describe_dataset(database_url)
    outcome["incidents"] = len(dataset["ids"])
    if not dataset["ids"]:
        raise StepFailedError("the database has no incidents")
    scenarios = build_scenarios(dataset, args.scenarios, args.seed)

    for config in args.servers:
        with gunicorn(database_url, config, work_dir) as (proc, port, command_line):
            log(f"  server: {command_line}  (pid {proc.pid})")
            for scenario in scenarios:
                log(f"  - {scenario.name}: {scenario.description}")
                log(f"    e.g. {sample_request(port, token, scenario.paths[0])}")
                result = measure(scenario, port, token, proc.pid, work_dir, args, backend == "postgresql")
                result.update(backend=backend, server=config.label, gunicorn=command_line)
                outcome["runs"].append(result)
                log("    " + format_row(result))
                log("    " + detail_line(result))
                if result["errors"]:
                    log(
                        f"    ERRORS: {result['errors']} non-2xx/failed requests, statuses {result['statuses']}"
                    )
                    for sample in result["error_samples"]:
                        log(f"      {sample['status']} {sample['path']}: {sample['body'][:200]!r}")
    return outcome


# --- main --------------------------------------------------------------------------------------


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--incidents", type=int, default=100_000, help="demo incidents to load [100000]")
    parser.add_argument(
        "--backends",
        default="sqlite,postgresql",
        help="comma-separated: sqlite, postgresql [sqlite,postgresql]",
    )
    parser.add_argument(
        "--servers",
        type=parse_servers,
        default="sync",
        help="gunicorn configurations to measure, comma-separated: sync, gthread:N "
        "(N threads per worker) [sync]",
    )
    parser.add_argument(
        "--scenarios",
        default="list-cy,list-vc,detail",
        help="comma-separated: list-cy, list-vc, detail [all]",
    )
    parser.add_argument("--connections", type=int, default=8, help="concurrent connections [8]")
    parser.add_argument("--duration", type=float, default=15.0, help="measured seconds per scenario [15]")
    parser.add_argument("--warmup", type=float, default=3.0, help="unmeasured seconds before each [3]")
    parser.add_argument("--seed", type=int, default=1, help="seed for the request mix [1]")
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=60.0,
        help="before each scenario, wait up to this many seconds for the machine to be idle [60]",
    )
    parser.add_argument(
        "--noisy-retries",
        type=int,
        default=2,
        help=f"measure a scenario again (up to this many times) when other processes used more than "
        f"{OTHER_CPU_WARNING_PCT:.0f}%% of a core meanwhile [2]",
    )
    parser.add_argument(
        "--load-timeout",
        type=float,
        default=3600.0,
        help="give up on `flask demo load` after this many seconds [3600]",
    )
    parser.add_argument(
        "--pg-url",
        default=DEFAULT_PG_URL,
        help=f"PostgreSQL maintenance database to create {PG_BENCH_DB} from [{DEFAULT_PG_URL}]",
    )
    parser.add_argument(
        "--database-url",
        help="benchmark this existing, already loaded database instead (one backend; it is "
        "not migrated, loaded or dropped, but a bench account and token are added)",
    )
    parser.add_argument("--keep", action="store_true", help="keep the databases built (for profiling)")
    parser.add_argument("--json", help="write the results here [bench/results/api-<time>.json]")
    parser.add_argument("--no-json", action="store_true", help="do not write a JSON file")
    args = parser.parse_args(argv)
    if isinstance(args.servers, str):
        args.servers = parse_servers(args.servers)
    args.backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    args.scenarios = [s.strip() for s in args.scenarios.split(",") if s.strip()]
    for backend in args.backends:
        if backend not in ("sqlite", "postgresql"):
            parser.error(f"unknown backend {backend!r}")
    for scenario in args.scenarios:
        if scenario not in ("list-cy", "list-vc", "detail"):
            parser.error(f"unknown scenario {scenario!r}")
    if args.incidents < 1 or args.connections < 1 or args.duration <= 0 or args.warmup < 0:
        parser.error("--incidents, --connections and --duration must be positive")
    return args


def _terminate(signum, _frame):
    raise KeyboardInterrupt(f"signal {signum}")  # unwinds through the finally blocks


def main(argv=None) -> int:
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _terminate)
    machine = machine_info()
    started_at = datetime.now(UTC)
    log("Press-freedom tracker: API benchmark")
    log(
        f"machine: {machine['logical_cores']} logical cores ({machine['physical_cores']} physical), "
        f"{machine['cpu_model']}, {machine['memory_gb']} GB RAM, {machine['platform']}"
    )
    log(
        f"python {machine['python']} ({machine['python_implementation']}), sqlite {machine['sqlite']}, "
        f"gunicorn {machine['gunicorn']}, flask {machine['flask']}, sqlalchemy {machine['sqlalchemy']}, "
        f"psycopg {machine['psycopg']}, commit {machine['git_commit']}"
    )
    log(
        f"gunicorn: {WORKERS} workers on {HOST}, "
        + ", ".join(
            f"{c.label} (-k {c.worker_class}"
            + (f" --threads {c.threads})" if c.worker_class == "gthread" else ")")
            for c in args.servers
        )
        + ", no --preload, default timeouts"
    )
    log(
        f"load: separate process (bench/loadgen.py), {args.connections} connections (HTTP/1.1, kept alive "
        f"if the server allows), "
        f"{args.warmup:g} s warm-up + {args.duration:g} s measured per scenario, closed loop, "
        f"{BENCH_ROLE} bearer token"
    )
    log(f"target (list scenarios): >= {TARGET_RPS:.0f} req/s and p99 <= {TARGET_P99_MS:.0f} ms")

    outcomes, notes, failed = [], [], False
    work_dir = tempfile.mkdtemp(prefix="tracker-bench-run-")
    try:
        if args.database_url:
            backend = "postgresql" if args.database_url.startswith("postgres") else "sqlite"
            targets = [(backend, contextlib.nullcontext((args.database_url, {"existing": True})), False)]
        else:
            targets = []
            for backend in args.backends:
                if backend == "sqlite":
                    targets.append((backend, sqlite_database(args.keep), True))
                else:
                    targets.append((backend, postgres_database(args.pg_url, PG_BENCH_DB, args.keep), True))
        for backend, database, prepare in targets:
            log()
            log(f"== {backend}")
            try:
                with database as (database_url, db_info):
                    if backend == "postgresql" and "server_version" in db_info:
                        log(
                            f"  PostgreSQL {db_info['server_version']}, database {db_info['database']} "
                            f"(dropped first if it existed{'' if args.keep else ', and at the end'})"
                        )
                    elif backend == "sqlite" and "file" in db_info:
                        log(f"  SQLite file {db_info['file']} (WAL, as the app configures it)")
                    outcomes.append(bench_backend(backend, database_url, db_info, args, work_dir, prepare))
            except BackendUnavailableError as exc:
                log(f"  skipped: {exc}")
                notes.append(f"{backend}: skipped: {exc}")
            except StepFailedError as exc:
                failed = True
                log(f"  FAILED: {exc}")
                lines = str(exc).strip().splitlines()
                notes.append(
                    f"{backend}: FAILED: {lines[0]}" + (f" ... {lines[-1].strip()}" if len(lines) > 1 else "")
                )
    except KeyboardInterrupt:
        log("\ninterrupted: everything started has been stopped")
        return 130
    finally:
        shutil.rmtree(work_dir, ignore_errors=True)

    runs = [run for outcome in outcomes for run in outcome["runs"]]
    log()
    log(f"== results ({args.connections} connections, {args.duration:g} s measured per scenario)")
    log(
        f"cpu%: share of one core used during the measured window by the gunicorn processes (app), "
        f"PostgreSQL (db), the load generator (client) and everything else (other); "
        f"{os.cpu_count()} cores = {100 * (os.cpu_count() or 1)}%"
    )
    for outcome in outcomes:
        timings = []
        if "load_s" in outcome:
            timings.append(
                f"demo load {outcome['load_s']:.1f} s ({outcome['incidents']:,} incidents, "
                f"{outcome['incidents'] / outcome['load_s']:.0f}/s)"
            )
        if "migrate_s" in outcome:
            timings.append(f"migrate {outcome['migrate_s']:.1f} s")
        if "vacuum_analyze_s" in outcome:
            timings.append(f"VACUUM ANALYZE {outcome['vacuum_analyze_s']:.1f} s")
        log(f"{outcome['backend']}: " + ("; ".join(timings) or f"{outcome['incidents']:,} incidents"))
    for note in notes:
        log(note)
    if runs:
        log(TABLE_HEADER)
        log("-" * len(TABLE_HEADER))
        for run in runs:
            log(format_row(run))
    else:
        log("no measurements")
    noisy = [run for run in runs if (run.get("cpu") or {}).get("other_pct", 0) > OTHER_CPU_WARNING_PCT]
    if noisy:
        log(
            f"WARNING: in {len(noisy)} run(s) other processes used more than {OTHER_CPU_WARNING_PCT:.0f}% of a "
            f"core (column 'other'): those figures understate what the app can do; rerun on a quiet machine."
        )
    invalid = [run for run in runs if run["errors"]]
    if invalid:
        failed = True
        log(f"{len(invalid)} run(s) had errors: those figures are not valid measurements.")

    if runs and not args.no_json:
        path = Path(args.json) if args.json else RESULTS_DIR / f"api-{started_at:%Y%m%d-%H%M%S}.json"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps({
            "started_at": started_at.isoformat(), "machine": machine,
            "settings": {"incidents": args.incidents, "connections": args.connections, "duration_s": args.duration,
                         "warmup_s": args.warmup, "workers": WORKERS, "seed": args.seed,
                         "target": {"rps": TARGET_RPS, "p99_ms": TARGET_P99_MS}},
            "backends": outcomes, "notes": notes,
        }, indent=2, default=str))  # fmt: skip
        log(f"results written to {path.relative_to(REPO) if path.is_relative_to(REPO) else path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
