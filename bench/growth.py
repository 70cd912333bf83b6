"""Growth of the main costs with the size of the registry: 10,000, 100,000 and 1,000,000 incidents.

For each size, a SQLite demo database in the folder given by ``--data`` (``demo-<N>.sqlite3``,
made by ``flask db upgrade`` and ``flask demo load --incidents N --seed 1`` when missing, reused
when present; the load's figures are kept beside it in ``demo-<N>.json``). Then, each in a fresh
process (so that its peak RSS is its own), on a fresh prepared folder and downloads folder:

- map cold build: ``prepared.rebuild`` from nothing (the map, the filter form's common sets, every
  year's statistics), as the ``prepared.rebuild`` job does; then the newest published case is
  unpublished and published again through the incident writer (the database keeps its data; its
  audit trail grows) and the rebuild that follows is timed (only that year's statistics again);
- report build: the public edition in Arabic of YEAR through ``builds.render``, as
  ``flask report annual`` does (the same path as ``bench/report.py``);
- full public downloads: ``downloads.build_full`` (CSV, XLSX, GeoJSON, JSON), the CSV's share
  timed from its progress;
- requests, in one process with the Flask test client (no server, no network): the public map
  page (HTML bytes; its scripts and styles do not depend on the data) and the cluster JSON of the
  whole map (cold: the first in the process, then p50), the public list API at page 1 and a deep
  page (page 1,000, or the middle of the list when it is shorter) with a parameter the list
  ignores varied so every answer is built, the internal list API at the same pages (a viewer's
  token, created in the database once), ``/statistics`` warm, and the full public CSV download
  (the prepared file, read whole).

The table gives every figure per size and its growth 10k->100k and 100k->1M beside the limit:
n log n for builds and sizes of whole-registry files (12.5x, then 12x), and 1.2x for what a visitor
waits for or receives (issues 15 and 18: within 20 % of the 100,000 figures). Wall times are
given with CPU times (the steadier figure on a shared machine), and the load average at each step.

Run from the repository root:
    .venv/bin/python bench/growth.py --data DIR [--sizes 10000,100000,1000000] [--repeat 20]
A size whose database is not there yet is loaded first (1,000,000: minutes); ``--no-load`` skips
such a size instead.
"""

import argparse
import json
import math
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
YEAR = 2024
LANG = "ar"
PAGE_SIZE = 50
DEEP_PAGE = 1000
APP_ENV_VARS = ("DATABASE_URL", "SECRET_KEY", "REDIS_URL", "SESSION_COOKIE_SECURE", "ORGANISATION_NAME",
                "BABEL_DEFAULT_LOCALE", "FLASK_DEBUG", "FLASK_RUN_FROM_CLI", "MAP_TILE_URL", "PREPARED_FOLDER",
                "PREPARED_DATA", "DOWNLOADS_DIR", "WEB_CONCURRENCY")  # fmt: skip
BENCH_EMAIL = "growth-bench@bench.local"


def log(message: str = "") -> None:
    print(message, flush=True)


def load_average() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def env(database_url: str, work: Path) -> dict:
    variables = {k: v for k, v in os.environ.items() if k not in APP_ENV_VARS}
    variables.update(DATABASE_URL=database_url, SECRET_KEY="tracker-bench-secret-key", FLASK_APP="app.py",
                     PREPARED_FOLDER=str(work / "prepared"), DOWNLOADS_DIR=str(work / "downloads"),
                     MAP_TILE_URL="")  # fmt: skip
    return variables


def run_measured(args: list[str], variables: dict) -> dict:
    """Run a child of this script: its wall seconds (with the start of the app) and the figures it
    prints as its last JSON line (its own time, CPU and peak RSS)."""
    started = time.perf_counter()
    proc = subprocess.run(args, cwd=REPO, env=variables, capture_output=True, text=True)
    wall, out = time.perf_counter() - started, proc.stdout
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(args[-3:])} failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    lines = [line for line in out.strip().splitlines() if line.startswith("{")]
    figures = json.loads(lines[-1]) if lines else {}
    return {"wall_s": wall, **figures}


def own_figures(started: float, started_cpu: float, **extra) -> None:
    import resource

    print(json.dumps({"in_wall_s": time.perf_counter() - started, "cpu_s": time.process_time() - started_cpu,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                      "loadavg": load_average(), **extra}))  # fmt: skip


# --- the database ------------------------------------------------------------------------------


def ensure_database(data: Path, size: int, may_load: bool) -> tuple[Path, dict] | None:
    path, sidecar = data / f"demo-{size}.sqlite3", data / f"demo-{size}.json"
    if path.exists():
        return path, (json.loads(sidecar.read_text()) if sidecar.exists() else {})
    if not may_load:
        return None
    partial = data / f"demo-{size}.partial.sqlite3"
    for leftover in data.glob(f"demo-{size}.partial.sqlite3*"):
        leftover.unlink()
    variables = env(f"sqlite:///{partial}", data / f"work-{size}")
    subprocess.run([sys.executable, "-m", "flask", "db", "upgrade"], cwd=REPO, env=variables, check=True,
                   capture_output=True)  # fmt: skip
    log(f"  loading {size:,} demo incidents (load average {load_average()}) ...")
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "flask", "demo", "load", "--incidents", str(size), "--seed", "1"],
                            cwd=REPO, env=variables, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    _pid, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"flask demo load --incidents {size} failed")
    figures = {"load_s": wall, "load_cpu_s": usage.ru_utime + usage.ru_stime, "load_rss_mb": usage.ru_maxrss / 1024,
               "load_loadavg": load_average(), "loaded_at": time.strftime("%Y-%m-%d %H:%M")}  # fmt: skip
    connection = sqlite3.connect(partial)  # fold the journal into the file before renaming it
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    connection.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{partial}{suffix}").unlink(missing_ok=True)
    partial.rename(path)
    sidecar.write_text(json.dumps(figures))
    return path, figures


# --- children: one build each, or the requests --------------------------------------------------


def _app():
    sys.path.insert(0, str(REPO))
    from tracker import create_app

    return create_app({"RATELIMIT_ENABLED": False})


def child_prepare() -> None:
    app = _app()
    import sqlalchemy as sa

    from tracker.audit.operations import Actor
    from tracker.cases import operations
    from tracker.cases.models import Incident
    from tracker.extensions import db
    from tracker.maps import prepared

    with app.app_context():
        marks = {}
        started, started_cpu = time.perf_counter(), time.process_time()

        def progress(_fraction, step):
            marks[step] = time.perf_counter() - started  # the last report of each step: when it ended

        prepared.rebuild(progress)
        cold = {"cold_s": time.perf_counter() - started, "cold_cpu_s": time.process_time() - started_cpu,
                "map_s": marks.get("map"), "filters_s": marks.get("map filters"),
                "years": len(prepared.current().years)}  # fmt: skip
        # then a change to the newest published case (unpublished and published again through the
        # incident writer) and the rebuild it asks for: only its year's statistics are computed again
        incident = db.session.scalars(sa.select(Incident).where(Incident.workflow_status == "published")
                                      .order_by(Incident.date_start.desc(), Incident.id.desc()).limit(1)).one()  # fmt: skip
        actor = Actor(None, "system", "system:bench")
        for status in ("verified", "published"):
            operations.transition_incident(incident, status, actor)
            db.session.commit()
        again, again_cpu = time.perf_counter(), time.process_time()
        prepared.rebuild()
        own_figures(started, started_cpu, **cold, after_change_s=time.perf_counter() - again,
                    after_change_cpu_s=time.process_time() - again_cpu, changed_year=incident.date_start.year)  # fmt: skip


def child_report() -> None:
    app = _app()
    from reports import builds
    from reports.statistics import Scope

    with app.app_context():
        marks = {}
        started, started_cpu = time.perf_counter(), time.process_time()

        def progress(_fraction, step):
            marks.setdefault(step, time.perf_counter() - started)

        data = builds.render(Scope(YEAR, None, "public"), LANG, app.config, progress)
        own_figures(started, started_cpu, statistics_s=marks.get("pdf"), pdf_kb=len(data) // 1024)


def child_downloads() -> None:
    app = _app()
    from tracker.public import downloads

    with app.app_context():
        marks = {}
        started, started_cpu = time.perf_counter(), time.process_time()

        def progress(_done, _total, fmt):
            marks.setdefault(fmt, time.perf_counter() - started)

        build = downloads.build_full(progress)
        csv_s = marks.get("xlsx")  # the CSV is written first: it ends where the XLSX's progress begins
        path = downloads.path(downloads.ready(), "csv")
        own_figures(started, started_cpu, build=build, csv_s=csv_s, csv_mb=path.stat().st_size / 1e6)


def _timed(client, path: str, headers=None, times: int = 1, vary: bool = False) -> tuple[float, float, int]:
    """p50 wall ms, p50 CPU ms and bytes of ``times`` GETs (``vary``: a parameter the view ignores
    changes each time, so no kept answer is served)."""
    walls, cpus, size = [], [], 0
    for _i in range(times):
        url = f"{path}{'&' if '?' in path else '?'}bench={time.monotonic_ns()}" if vary else path
        started, started_cpu = time.perf_counter(), time.process_time()
        response = client.get(url, headers=headers or {})
        body = response.get_data()
        walls.append((time.perf_counter() - started) * 1000)
        cpus.append((time.process_time() - started_cpu) * 1000)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url}: {response.status_code} {body[:300]!r}")
        size = len(body)
    return statistics.median(walls), statistics.median(cpus), size


def _viewer_token() -> str:
    from tracker.audit.operations import Actor
    from tracker.auth import operations
    from tracker.auth.operations import user_by_email
    from tracker.core.transaction import transaction

    actor = Actor(None, "cli", "system:bench")
    with transaction():
        user = user_by_email(BENCH_EMAIL) or operations.create_user(BENCH_EMAIL, "Bench", "viewer",
                                                                    "bench-password-growth", actor)  # fmt: skip
        _row, token = operations.create_api_token(user, actor, "growth bench")
    return token


def child_requests(repeat: int) -> None:
    app = _app()
    from tracker.public import queries

    with app.app_context():
        token = _viewer_token()
        public = queries.count({})
    started, started_cpu = time.perf_counter(), time.process_time()
    client = app.test_client()
    staff = {"Authorization": f"Bearer {token}"}
    deep = max(2, min(DEEP_PAGE, public // PAGE_SIZE // 2))
    whole = "/api/public/v1/map?bbox=-180,-90,180,90&zoom=4"
    out = {"public": public, "deep_page": deep}
    out["cluster_cold"] = _timed(client, whole)  # the first: loads the prepared version in this process
    out["cluster"] = _timed(client, whole, times=repeat, vary=True)
    out["page"] = _timed(client, "/", times=max(3, repeat // 4))
    out["public_p1"] = _timed(client, f"/api/public/v1/incidents?page=1&page_size={PAGE_SIZE}", times=repeat,
                              vary=True)  # fmt: skip
    out["public_deep"] = _timed(client, f"/api/public/v1/incidents?page={deep}&page_size={PAGE_SIZE}",
                                times=repeat, vary=True)  # fmt: skip
    out["internal_p1"] = _timed(client, f"/api/v1/incidents?page=1&page_size={PAGE_SIZE}", staff, repeat)
    out["internal_deep"] = _timed(
        client, f"/api/v1/incidents?page={deep}&page_size={PAGE_SIZE}", staff, repeat
    )
    _timed(client, "/statistics")  # warm-up
    out["statistics"] = _timed(client, "/statistics", times=repeat)
    wall_ms, _cpu, size = _timed(client, "/api/public/v1/incidents.csv")
    out["csv_download_s"], out["csv_download_mb"] = wall_ms / 1000, size / 1e6
    own_figures(started, started_cpu, **out)


# --- the table ---------------------------------------------------------------------------------


def nlogn(a: int, b: int) -> float:
    return b * math.log(b) / (a * math.log(a))


# (label, key in a size's figures, format, limit kind: "nlogn" for builds, "flat" for what a visitor gets)
ROWS = (
    ("demo load s", "load_s", "{:.0f}", "nlogn"),
    ("  CPU s", "load_cpu_s", "{:.0f}", "nlogn"),
    ("  peak RSS MB", "load_rss_mb", "{:.0f}", "nlogn"),
    ("map cold build s", "prepare.cold_s", "{:.1f}", "nlogn"),
    ("  CPU s", "prepare.cold_cpu_s", "{:.1f}", "nlogn"),
    ("  map part s", "prepare.map_s", "{:.1f}", "nlogn"),
    ("  + filter sets s", "prepare.filters_s", "{:.1f}", "nlogn"),
    ("  peak RSS MB", "prepare.peak_rss_mb", "{:.0f}", "nlogn"),
    ("map rebuild after a change s", "prepare.after_change_s", "{:.1f}", "nlogn"),
    ("  CPU s", "prepare.after_change_cpu_s", "{:.1f}", "nlogn"),
    ("map page HTML KB", "requests.page.2", "{:.1f}", "flat", 1e-3),
    ("map page p50 ms", "requests.page.0", "{:.0f}", "flat"),
    ("cluster JSON KB", "requests.cluster.2", "{:.1f}", "flat", 1e-3),
    ("cluster JSON cold ms", "requests.cluster_cold.0", "{:.0f}", "flat"),
    ("cluster JSON p50 ms", "requests.cluster.0", "{:.1f}", "flat"),
    ("  CPU ms", "requests.cluster.1", "{:.1f}", "flat"),
    ("public list p1 p50 ms", "requests.public_p1.0", "{:.1f}", "flat"),
    ("  CPU ms", "requests.public_p1.1", "{:.1f}", "flat"),
    ("public list deep p50 ms", "requests.public_deep.0", "{:.1f}", "flat"),
    ("  CPU ms", "requests.public_deep.1", "{:.1f}", "flat"),
    ("internal list p1 p50 ms", "requests.internal_p1.0", "{:.1f}", "flat"),
    ("  CPU ms", "requests.internal_p1.1", "{:.1f}", "flat"),
    ("internal list deep p50 ms", "requests.internal_deep.0", "{:.1f}", "flat"),
    ("  CPU ms", "requests.internal_deep.1", "{:.1f}", "flat"),
    ("/statistics warm p50 ms", "requests.statistics.0", "{:.1f}", "flat"),
    ("  CPU ms", "requests.statistics.1", "{:.1f}", "flat"),
    ("report build s (ar public)", "report.in_wall_s", "{:.1f}", "nlogn"),
    ("  CPU s", "report.cpu_s", "{:.1f}", "nlogn"),
    ("  statistics part s", "report.statistics_s", "{:.1f}", "nlogn"),
    ("  peak RSS MB", "report.peak_rss_mb", "{:.0f}", "nlogn"),
    ("full downloads build s", "downloads.in_wall_s", "{:.0f}", "nlogn"),
    ("  CPU s", "downloads.cpu_s", "{:.0f}", "nlogn"),
    ("  CSV part s", "downloads.csv_s", "{:.1f}", "nlogn"),
    ("  peak RSS MB", "downloads.peak_rss_mb", "{:.0f}", "nlogn"),
    ("CSV file MB", "downloads.csv_mb", "{:.1f}", "nlogn"),
    ("CSV download s (whole file)", "requests.csv_download_s", "{:.2f}", "nlogn"),
    ("  MB received", "requests.csv_download_mb", "{:.1f}", "nlogn"),
)


def lookup(figures: dict, key: str):
    value = figures
    for part in key.split("."):
        if value is None:
            return None
        value = value[int(part)] if isinstance(value, list) else value.get(part)
    return value


def table(sizes: list[int], results: dict[int, dict]) -> list[str]:
    names = {10_000: "10k", 100_000: "100k", 1_000_000: "1M"}
    label = lambda n: names.get(n, f"{n:,}")  # noqa: E731
    header = f"{'':<28}" + "".join(f"{label(n):>10}" for n in sizes)
    pairs = list(zip(sizes, sizes[1:], strict=False))
    header += "".join(f"{label(a) + '->' + label(b):>14}{'limit':>7}" for a, b in pairs)
    lines = [header]
    for name, key, fmt, kind, *scale in ROWS:
        values = [lookup(results.get(n, {}), key) for n in sizes]
        values = [v * scale[0] if scale and v is not None else v for v in values]
        line = f"{name:<28}" + "".join(f"{fmt.format(v) if v is not None else '-':>10}" for v in values)
        for (a, b), (va, vb) in zip(pairs, zip(values, values[1:], strict=False), strict=True):
            limit = nlogn(a, b) if kind == "nlogn" else 1.2
            if va and vb is not None:
                ratio = vb / va
                line += f"{ratio:>13.2f}{'!' if ratio > limit else ' '}{limit:>6.1f}x"
            else:
                line += f"{'-':>14}{limit:>6.1f}x"
        lines.append(line)
    for n in sizes:
        found = results.get(n, {})
        steps = ", ".join(f"{step} {found[step]['loadavg']}" for step in ("prepare", "report", "downloads", "requests")
                          if step in found)  # fmt: skip
        lines.append(f"load average (1/5/15 min) at {label(n)}: demo load {found.get('load_loadavg', '-')} "
                     f"(loaded {found.get('loaded_at', '-')}); {steps or '-'}")  # fmt: skip
    return lines


def measure(size: int, path: Path, data: Path, repeat: int) -> dict:
    work = data / f"work-{size}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    variables = env(f"sqlite:///{path}", work)
    me = [sys.executable, str(Path(__file__).resolve())]
    out = {"loadavg": load_average()}
    for step in ("prepare", "report", "downloads", "requests"):  # requests last: the CSV is the built one
        log(f"  {step} (load average {load_average()}) ...")
        out[step] = run_measured([*me, "--child", step, "--repeat", str(repeat)], variables)
        log(f"    {out[step]['in_wall_s']:.1f} s, CPU {out[step]['cpu_s']:.1f} s, peak RSS "
            f"{out[step]['peak_rss_mb']:.0f} MB")  # fmt: skip
    return out


def _saved(path: Path) -> dict[int, dict]:
    return {int(k): v for k, v in json.loads(path.read_text()).items()} if path.exists() else {}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, help="folder of the demo databases (made if missing)")
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--repeat", type=int, default=20, help="requests per p50")
    parser.add_argument("--no-load", action="store_true", help="skip a size whose database is missing")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        {"prepare": child_prepare, "report": child_report, "downloads": child_downloads,
         "requests": lambda: child_requests(args.repeat)}[args.child]()  # fmt: skip
        return 0
    if args.data is None:
        parser.error("--data is required")
    args.data.mkdir(parents=True, exist_ok=True)
    sizes = [int(s) for s in args.sizes.split(",")]
    results: dict[int, dict] = {}
    saved = args.data / "growth-results.json"
    for size in sizes:
        log(f"\n{size:,} incidents (load average {load_average()})")
        found = ensure_database(args.data, size, not args.no_load)
        if found is None:
            log("  no database: skipped (--no-load)")
            continue
        path, load = found
        results[size] = {**load, **measure(size, path, args.data, args.repeat)}
        kept = _saved(saved)  # read again: another run (another size) may have written it meanwhile
        saved.write_text(json.dumps({**kept, **results}, indent=1))
    # the sizes not measured in this run, from earlier runs: one table for all
    earlier = {n: figures | {"earlier": True} for n, figures in _saved(saved).items() if n not in results}
    shown = sorted(results.keys() | earlier.keys())
    log(f"\nGrowth, SQLite, {os.cpu_count()} cores; '!' marks a growth above its limit (n log n for builds "
        f"and whole-registry files, 1.2x for what a visitor gets). Report: {YEAR}, {LANG}, public edition. On a "
        f"busy machine (load average above the cores) wall times stretch: compare the CPU rows.")  # fmt: skip
    for line in table(shown, {**earlier, **results}):
        log(line)
    if earlier:
        log(
            f"(figures of {', '.join(f'{n:,}' for n in sorted(earlier))} from an earlier run, kept in {saved.name})"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
