"""The lists under gunicorn (issues 15 and 18): the public list at page 1 and page 1,000, the
internal list at page 1 and page 1,000, and the warm ``/statistics`` page, for a baseline
checkout (``--baseline``, default ``main``) and this one, in the same run, on an existing loaded
database (``flask demo load --incidents 100000 --seed 1``; a SQLite file or a PostgreSQL URL).

Both versions are served at once (2 processes each, with the threads of ``gunicorn.conf.py``
as deployed, or sync workers with ``--threads 0``) and each
scenario is measured on the baseline then on this checkout, back to back, by ``bench/loadgen.py``
in its own process. The machine may be shared: beside req/s and latency, CPU ms per request of
the gunicorn processes (and of PostgreSQL) are printed, which load from others inflates less.

Public answers are kept per process for a data version (``tracker.core.http_cache``): a list
page asked again is answered from memory. ``built`` scenarios add a parameter the list ignores
(``&n=<i>``, 20,000 values), so that every answer is built; ``repeat`` ones send one URL.

  .venv/bin/python bench/lists.py --database-url sqlite:////path/copy-of-100k.sqlite3
  .venv/bin/python bench/lists.py --database-url postgresql://postgres@127.0.0.1:5432/tracker_100k

A SQLite file gets a bench account and token written into it: use a copy. The encryption key
file the data was sealed with is given by ``ENCRYPTION_KEY_FILE`` (default: this checkout's).
A PostgreSQL database is given a VACUUM ANALYZE first (planner statistics, as autovacuum keeps
them; ``--no-analyze`` measures it as it is), and *db* CPU is that of its own backends only.
"""

import argparse
import contextlib
import io
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
from argparse import Namespace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import api  # noqa: E402

REPO = api.REPO
TARGET_RPS = 300.0
TARGET_STATISTICS_MS = 20.0
N = api.PATHS_PER_SCENARIO


def scenarios(deep: int) -> list[tuple[str, str, list[str], int]]:
    """(name, who: public | staff, paths, connections)."""
    public, internal = "/api/public/v1/incidents", "/api/v1/incidents"
    return [
        ("public page 1 repeat", "public", [f"{public}?page=1"], 8),
        ("public page 1 built", "public", [f"{public}?page=1&n={i}" for i in range(N)], 8),
        (f"public page {deep} repeat", "public", [f"{public}?page={deep}"], 8),
        (f"public page {deep} built", "public", [f"{public}?page={deep}&n={i}" for i in range(N)], 8),
        ("internal page 1", "staff", [f"{internal}?page=1&page_size=50"], 8),
        (f"internal page {deep}", "staff", [f"{internal}?page={deep}&page_size=50"], 8),
        ("statistics warm (1 conn)", "public", ["/statistics"], 1),
    ]


def baseline_tree(ref: str, into: Path) -> Path:
    """``ref`` of this repository as files (``git archive``), with this checkout's gazetteer index
    (instance/geo: built once, slow) so the baseline does not build its own while measured."""
    tree = into / "baseline"
    tree.mkdir()
    archive = subprocess.run(
        ["git", "archive", "--format=tar", ref], cwd=REPO, check=True, capture_output=True
    )
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(tree, filter="data")
    if (REPO / "instance" / "geo").is_dir():
        shutil.copytree(REPO / "instance" / "geo", tree / "instance" / "geo", dirs_exist_ok=True)
    translations = REPO / "tracker" / "translations"
    for compiled in translations.rglob("*.mo"):  # compiled catalogues are not committed
        target = tree / compiled.relative_to(REPO)
        if target.parent.is_dir():
            shutil.copy2(compiled, target)
    return tree


def warm(port: int, token: str, paths: list[str]) -> None:
    """First requests (prepared data, gazetteer, caches) before anything is measured."""
    for path in paths:
        for _ in range(3):
            with contextlib.suppress(OSError):
                api.http_get(port, path, token, timeout=300.0)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--database-url", required=True, help="an existing database, loaded and migrated")
    parser.add_argument("--baseline", default="main", help="git ref measured as the baseline [main]")
    parser.add_argument("--no-baseline", action="store_true", help="measure this checkout only")
    parser.add_argument("--deep", type=int, default=1000, help="the deep page [1000]")
    parser.add_argument("--duration", type=float, default=10.0, help="measured seconds per scenario [10]")
    parser.add_argument("--warmup", type=float, default=2.0, help="unmeasured seconds before each [2]")
    parser.add_argument(
        "--threads",
        type=int,
        default=4,
        help="gthread threads per process, as gunicorn.conf.py deploys them; 0: sync workers [4]",
    )
    parser.add_argument("--only", help="comma-separated words: run the scenarios whose name has one")
    parser.add_argument("--no-analyze", action="store_true",
                        help="PostgreSQL: measure without VACUUM ANALYZE first (planner statistics as they are)")  # fmt: skip
    args = parser.parse_args()
    backend = "postgresql" if args.database_url.startswith("postgres") else "sqlite"
    key_file = os.environ.get("ENCRYPTION_KEY_FILE") or str(REPO / "instance" / "encryption.key")
    _email, token = api.create_token(args.database_url)
    database = args.database_url.rsplit("/", 1)[-1].split("?")[0]
    if backend == "postgresql" and not args.no_analyze:
        api.log(f"VACUUM ANALYZE {database}: {api.analyze_postgres(args.database_url):.0f} s")
    chosen = scenarios(args.deep)
    if args.only:
        words = args.only.split(",")
        chosen = [s for s in chosen if any(w in s[0] for w in words)]
    machine = api.machine_info()
    server = api.ServerConfig("gthread", args.threads) if args.threads else api.ServerConfig("sync")
    api.log(f"{backend}: {args.database_url.rsplit('/', 1)[-1]}; {machine['logical_cores']} cores, "
            f"{machine['cpu_model']}; gunicorn {api.WORKERS} processes ({server.label}) per version; "
            f"{args.warmup:g} s warm-up + {args.duration:g} s measured per scenario; commit {machine['git_commit']}")  # fmt: skip
    work = Path(tempfile.mkdtemp(prefix="tracker-lists-"))
    results = []
    try:
        versions = [("new", REPO)]
        if not args.no_baseline:
            versions.insert(0, (f"base:{args.baseline}", baseline_tree(args.baseline, work)))
        with contextlib.ExitStack() as stack:
            servers = {}
            for label, tree in versions:
                env = {"ENCRYPTION_KEY_FILE": key_file, "PUBLIC_API_RATE_LIMIT": "100000000 per minute",
                       "MAP_TILE_URL": "off", "PREPARED_FOLDER": str(work / f"prepared-{label}")}  # fmt: skip
                proc, port, _command = stack.enter_context(
                    api.gunicorn(args.database_url, server, str(work), 120.0, cwd=tree, extra_env=env)
                )  # fmt: skip
                servers[label] = (proc, port)
                warm(port, token, [paths[0] for _name, _who, paths, _c in chosen])
            for name, who, paths, connections in chosen:
                for label, (proc, port) in servers.items():
                    scenario = api.Scenario(name, "list", name, paths)
                    run_args = Namespace(connections=connections, duration=args.duration, warmup=args.warmup)
                    status, _headers, body = api.http_get(port, paths[0], token if who == "staff" else None)
                    result = api.run_scenario(scenario, port, token if who == "staff" else "", proc.pid, str(work),
                                              run_args, database if backend == "postgresql" else False)  # fmt: skip
                    result.update(version=label, sample=f"{status}, {len(body) / 1024:.0f} KB")
                    results.append(result)
                    api.log(row(result))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    api.log()
    api.log(HEADER)
    for result in results:
        api.log(row(result))
    api.log(f"targets: >= {TARGET_RPS:.0f} req/s on the lists; warm /statistics <= {TARGET_STATISTICS_MS:.0f} ms "
            f"(p50 with one connection). cpu ms: CPU of the gunicorn processes (+ the PostgreSQL backends of the database) per request.")  # fmt: skip
    return 1 if any(r["errors"] for r in results) else 0


HEADER = (f"{'scenario':<27}{'version':<12}{'req/s':>8}{'p50 ms':>8}{'p99 ms':>8}{'errors':>7}"
          f"{'cpu ms/req app+db':>19}{'other cpu%':>11}  sample")  # fmt: skip


def row(result: dict) -> str:
    cpu = f"{result.get('app_cpu_ms_per_request', float('nan')):.2f}"
    if "db_cpu_ms_per_request" in result:
        cpu += f"+{result['db_cpu_ms_per_request']:.2f}"
    other = (result.get("cpu") or {}).get("other_pct", float("nan"))
    return (f"{result['scenario']:<27}{result['version']:<12}{result['rps']:8.1f}{result['p50_ms']:8.1f}"
            f"{result['p99_ms']:8.1f}{result['errors']:7d}{cpu:>19}{other:11.0f}  {result['sample']}")  # fmt: skip


if __name__ == "__main__":
    sys.exit(main())
