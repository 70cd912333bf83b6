"""Benchmark of the yearly report: one year with 10,000 and with 100,000 incidents, each language.

For each size: a fresh SQLite database in a temporary directory, ``flask db upgrade``,
``flask demo load --incidents N --seed 1``, then every incident (with its victims' status
events) is moved into YEAR by whole years, so that the year holds all N incidents. Then, for
each language, a fresh process builds the report as ``flask report annual`` does and prints
the time for the statistics and for the PDF, the CPU time of the build (a steadier figure than
wall time on a shared machine), the peak RSS of that process, the page count and the file size.

Targets (issue 6): <= 5 s for 10,000 incidents, <= 30 s and <= 500 MB peak RSS for 100,000.

Run from the repository root: ``.venv/bin/python bench/report.py`` (``--sizes 10000`` for a
quicker run, ``--edition internal`` for the internal edition, ``--keep`` to keep the databases).
"""

import argparse
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
YEAR = 2024
TARGETS = {10_000: (5.0, None), 100_000: (30.0, 500.0)}  # seconds, peak RSS MB
APP_ENV_VARS = ("DATABASE_URL", "SECRET_KEY", "REDIS_URL", "SESSION_COOKIE_SECURE", "ORGANISATION_NAME",
                "BABEL_DEFAULT_LOCALE", "FLASK_DEBUG", "FLASK_RUN_FROM_CLI")  # fmt: skip


def log(message: str = "") -> None:
    print(message, flush=True)


def env(database_url: str) -> dict:
    variables = {k: v for k, v in os.environ.items() if k not in APP_ENV_VARS}
    variables.update(DATABASE_URL=database_url, SECRET_KEY="tracker-bench-secret-key", FLASK_APP="app.py")
    return variables


def flask(args: list[str], database_url: str) -> None:
    subprocess.run([sys.executable, "-m", "flask", *args], cwd=REPO, env=env(database_url), check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip


def move_into_year(path: str, year: int) -> int:
    """Shift every incident (and its victims' status events) by whole years into ``year``."""
    with sqlite3.connect(path) as db:
        offsets = [row[0] for row in db.execute(
            "SELECT DISTINCT ? - CAST(strftime('%Y', date_start) AS INTEGER) FROM incidents", (year,))]  # fmt: skip
        for offset in offsets:
            shift = f"{offset:+d} years"
            ids = f"SELECT id FROM incidents WHERE CAST(strftime('%Y', date_start) AS INTEGER) = {year - offset}"
            db.execute(f"UPDATE status_events SET date = date(date, ?) WHERE victim_id IN "
                       f"(SELECT id FROM victims WHERE incident_id IN ({ids}))", (shift,))  # fmt: skip
            db.execute(f"UPDATE incidents SET date_start = date(date_start, ?), date_end = date(date_end, ?) "
                       f"WHERE id IN ({ids})", (shift, shift))  # fmt: skip
        return db.execute("SELECT count(*) FROM incidents WHERE strftime('%Y', date_start) = ?",
                          (str(year),)).fetchone()[0]  # fmt: skip


def child(database_url: str, lang: str, edition: str, out: str) -> None:
    """One build in this process; prints a JSON line with its figures."""
    import resource

    from pypdf import PdfReader

    os.environ.update(env(database_url))
    sys.path.insert(0, str(REPO))
    from reports import builds
    from reports.statistics import Scope, annex, compute
    from tracker import create_app

    app = create_app()
    with app.app_context():
        scope = Scope(YEAR, None, edition)
        marks = {}  # step -> (wall, CPU) when the build reached it

        def progress(_fraction, step):
            marks.setdefault(step, (time.perf_counter(), time.process_time()))

        start, start_cpu = time.perf_counter(), time.process_time()
        data = builds.render(scope, lang, app.config, progress)  # what `flask report annual` builds
        builds.atomic_write(Path(out), data)
        done, cpu = time.perf_counter(), time.process_time() - start_cpu
        queried, statistics_cpu = marks["pdf"][0], marks["pdf"][1] - start_cpu
        stats = compute(scope)  # the figures printed below (not timed)
        rows = annex(scope, app.config.get("REPORT_ANNEX_LIMIT", builds.ANNEX_LIMIT_DEFAULT))
    print(json.dumps({
        "statistics_s": queried - start, "pdf_s": done - queried, "total_s": done - start, "cpu_s": cpu,
        "statistics_cpu_s": statistics_cpu, "pdf_cpu_s": cpu - statistics_cpu,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "pages": len(PdfReader(out).pages), "size_kb": len(data) // 1024,
        "incidents": stats["totals"]["incidents"], "killed": len(stats["killings"]["rows"]),
        "held": len(stats["held_on_1_december"]["rows"]), "annex_rows": len(rows["rows"]),
    }))  # fmt: skip


def run_size(size: int, langs: list[str], edition: str, keep: bool) -> list[dict]:
    directory = tempfile.mkdtemp(prefix="tracker-report-bench-")
    path = f"{directory}/bench.sqlite3"
    url = f"sqlite:///{path}"
    results = []
    try:
        log(f"\n{size:,} incidents: migrating and loading demo data ...")
        started = time.perf_counter()
        flask(["db", "upgrade"], url)
        flask(["demo", "load", "--incidents", str(size), "--seed", "1"], url)
        in_year = move_into_year(path, YEAR)
        log(f"  loaded in {time.perf_counter() - started:.0f} s; {in_year:,} incidents in {YEAR}")
        for lang in langs:
            out = f"{directory}/report-{lang}.pdf"
            proc = subprocess.run([sys.executable, __file__, "--child", url, lang, edition, out], cwd=REPO,
                                  env=env(url), capture_output=True, text=True, check=True)  # fmt: skip
            figures = json.loads(proc.stdout.strip().splitlines()[-1]) | {"size": size, "lang": lang}
            results.append(figures)
            log(f"  {lang}: {figures['total_s']:.1f} s (statistics {figures['statistics_s']:.1f} s, "
                f"PDF {figures['pdf_s']:.1f} s; CPU {figures['cpu_s']:.1f} s = {figures['statistics_cpu_s']:.1f} + "
                f"{figures['pdf_cpu_s']:.1f} s), peak RSS {figures['peak_rss_mb']:.0f} MB, "
                f"{figures['pages']} pages, {figures['size_kb']:,} KiB")  # fmt: skip
    finally:
        if keep:
            log(f"  kept {directory}")
        else:
            shutil.rmtree(directory, ignore_errors=True)
    return results


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child(*sys.argv[2:6])
        return 0
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="10000,100000", help="comma-separated incident counts")
    parser.add_argument("--langs", default="ar,en")
    parser.add_argument("--edition", default="public", choices=("public", "internal"))
    parser.add_argument("--keep", action="store_true", help="keep the temporary databases and PDFs")
    args = parser.parse_args()
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        results += run_size(size, args.langs.split(","), args.edition, args.keep)
    log(f"\nYearly report, {args.edition} edition, year {YEAR} (SQLite, {os.cpu_count()} cores)")
    log(f"{'incidents':>10} {'lang':>4} {'total s':>8} {'stats s':>8} {'pdf s':>7} {'RSS MB':>7} {'pages':>6}"
        f" {'killed':>7} {'held':>6}  target")  # fmt: skip
    failed = False
    for r in results:
        seconds, rss = TARGETS.get(r["size"], (None, None))
        ok = (seconds is None or r["total_s"] <= seconds) and (rss is None or r["peak_rss_mb"] <= rss)
        failed |= not ok
        target = "" if seconds is None else f"<= {seconds:.0f} s" + (f", <= {rss:.0f} MB" if rss else "")
        log(f"{r['size']:>10,} {r['lang']:>4} {r['total_s']:>8.1f} {r['statistics_s']:>8.1f} {r['pdf_s']:>7.1f} "
            f"{r['peak_rss_mb']:>7.0f} {r['pages']:>6} {r['killed']:>7,} {r['held']:>6,}  "
            f"{target} {'ok' if ok else 'MISSED'}")  # fmt: skip
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
