"""Load test of the public side: 64 concurrent visitors for 60 s on the map page, the statistics
page, the public API's list and the map's cluster data, against gunicorn as configured by
``gunicorn.conf.py`` (gthread, 2 worker processes), tiles off, nothing but 127.0.0.1.

The database is an existing one (``--database-url``; build it once with ``flask db upgrade`` and
``flask demo load --incidents 100000 --seed 1``, then publish what should be public): loading
100,000 incidents takes longer than the test. The prepared public data is built first
(``flask public prepare``, timed), then gunicorn is started and ``bench/loadgen.py`` drives it
(each visitor one keep-alive connection, requests back to back, the URL picked at random among
the four kinds, with a few pages, zooms and views of each). Printed: requests/s, latency
percentiles, errors, per URL kind and in total, with the targets of issue 15 (0 errors,
p99 <= 250 ms, >= 10x the throughput measured before the change: ``--baseline`` req/s).

    .venv/bin/python bench/public.py --database-url sqlite:////path/to/100k.sqlite3
"""

import argparse
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"
TARGET_P99_MS, TARGET_RATIO = 250.0, 10.0
APP_ENV_VARS = ("DATABASE_URL", "SECRET_KEY", "REDIS_URL", "SESSION_COOKIE_SECURE", "FLASK_DEBUG",
                "FLASK_RUN_FROM_CLI", "MAP_TILE_URL", "PREPARED_FOLDER", "WEB_CONCURRENCY")  # fmt: skip


def log(message: str = "") -> None:
    print(message, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def app_env(args, folder: Path) -> dict:
    variables = {k: v for k, v in os.environ.items() if k not in APP_ENV_VARS}
    variables.update(DATABASE_URL=args.database_url, SECRET_KEY="tracker-bench-secret-key", FLASK_APP="app.py",
                     MAP_TILE_URL="off", PUBLIC_API_RATE_LIMIT="100000000 per minute",
                     WEB_CONCURRENCY=str(args.workers))  # fmt: skip
    if args.redis_url:
        variables.update(REDIS_URL=args.redis_url, PREPARED_KEY_PREFIX=f"bench-{os.getpid()}")
    else:
        variables["PREPARED_FOLDER"] = str(args.prepared_folder or folder / "prepared")
    return variables


def server_cpu_seconds(pid: int) -> float:
    """CPU time (user + system) of gunicorn's master and workers so far."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(stat.parent.name) == pid or int(fields[1]) == pid:  # fields[1]: parent pid
            total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def paths() -> list[str]:
    """The four kinds of public request, a few variants of each (what many visitors ask)."""
    kinds = {
        "map page": ["/"],
        "statistics": ["/statistics"],
        "public API list": [f"/api/public/v1/incidents?page={p}" for p in range(1, 6)],
        "map data": [f"/api/public/v1/map?bbox={b}&zoom={z}" for b, z in
                     (("-180,-90,180,90", 4), ("-180,-90,180,90", 3), ("30,10,60,35", 5), ("40,12,50,20", 6),
                      ("-20,10,60,40", 4))],
    }  # fmt: skip
    return kinds


def start_gunicorn(env: dict, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py", "-b", f"{HOST}:{port}", "app:app"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
    )  # fmt: skip
    for _ in range(1200):
        try:
            urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=2)
            return process
        except OSError:
            time.sleep(0.1)
    os.killpg(process.pid, signal.SIGTERM)
    raise SystemExit("gunicorn did not start")


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] if ordered else float("nan")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", required=True)
    parser.add_argument("--redis-url", default=None, help="prepared data in Redis (else a folder)")
    parser.add_argument(
        "--prepared-folder",
        type=Path,
        default=None,
        help="keep the prepared data here and reuse it (built only if missing)",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--warmup", type=float, default=5.0)
    parser.add_argument(
        "--baseline",
        type=float,
        default=46.0,
        help="req/s before the change (issue 15: 46 req/s, 64 visitors, 2 sync workers)",
    )
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="tracker-bench-public-"))
    env = app_env(args, folder)
    started = time.perf_counter()
    reuse = ["--if-missing"] if args.prepared_folder else []
    subprocess.run([sys.executable, "-m", "flask", "public", "prepare", *reuse], cwd=REPO, env=env, check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip
    log(f"prepared public data built in {time.perf_counter() - started:.1f} s")
    kinds = paths()
    every = [p for group in kinds.values() for p in group]
    # each kind equally often, whatever its number of variants
    weighted = [p for group in kinds.values() for p in group * (len(every) // len(group))]
    (folder / "paths.json").write_text(json.dumps(weighted))
    port = free_port()
    server = start_gunicorn(env, port)
    try:
        for path in every:
            with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=120) as response:
                log(f"  {response.status} {len(response.read()):>8} B  {path}")
        out = folder / "report.json"
        cpu = server_cpu_seconds(server.pid)
        subprocess.run([sys.executable, str(REPO / "bench" / "loadgen.py"), "--port", str(port), "--paths-file",
                        str(folder / "paths.json"), "--connections", str(args.connections), "--duration",
                        str(args.duration), "--warmup", str(args.warmup), "--out", str(out)],
                       check=True, stdout=subprocess.DEVNULL)  # fmt: skip
        report = json.loads(out.read_text())
        cpu = server_cpu_seconds(server.pid) - cpu  # warm-up included: an upper bound
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)
    latencies = report["latencies_ms"]
    ok = sum(n for s, n in report["statuses"].items() if s.isdigit() and 200 <= int(s) < 300)
    errors = sum(report["statuses"].values()) - ok
    rate = len(latencies) / args.duration
    p50, p90, p99 = (percentile(latencies, f) for f in (0.5, 0.9, 0.99))
    log(f"\n{args.connections} visitors, {args.duration:.0f} s, {args.workers} gunicorn gthread workers, "
        f"{args.database_url.split(':')[0]}, prepared data in {'Redis' if args.redis_url else 'a folder'}; "
        f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")  # fmt: skip
    log(f"  {rate:8.1f} req/s   p50 {p50:6.1f} ms   p90 {p90:6.1f} ms   p99 {p99:6.1f} ms   "
        f"mean {statistics.fmean(latencies):6.1f} ms   errors {errors}   statuses {report['statuses']}")  # fmt: skip
    sent = report["requests_sent_total"]
    per_request = cpu / sent * 1000 if sent else float("nan")
    log(f"  server CPU {per_request:.2f} ms per request (all {sent} requests sent, warm-up included): "
        f"{os.cpu_count() * 1000 / per_request:.0f} req/s would fill {os.cpu_count()} idle cores")  # fmt: skip
    if report["error_samples"]:
        log(f"  error samples: {report['error_samples'][:3]}")
    ratio = rate / args.baseline
    met = errors == 0 and p99 <= TARGET_P99_MS and ratio >= TARGET_RATIO
    log(f"  throughput {ratio:.1f}x the baseline of {args.baseline:g} req/s")
    log(
        f"target (0 errors, p99 <= {TARGET_P99_MS:.0f} ms, >= {TARGET_RATIO:.0f}x): {'MET' if met else 'NOT met'}"
    )
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
