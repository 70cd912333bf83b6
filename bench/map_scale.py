"""Does the public map's page hold at ten times the data? Two databases served side by side.

Issue 15's target: at 1,000,000 published incidents the public map page's time and bytes stay
within 20 % of the 100,000 figures. Measured one after the other (``bench/map.py`` on each
database), the two figures come from different minutes of a shared machine, and a first visit's
time varies by more than 20 % from one minute to the next on its own. Here both databases are
served at once, each by its own gunicorn (as ``gunicorn.conf.py`` configures it, its own prepared
folder), and the loads alternate between them (small then large, large then small), so each pair
meets the same machine:

  cold             a just-started server's first page (both servers restarted for each sample)
  first visit      a fresh browser profile each, nothing cached
  returning        one profile per database, its first load not counted

For each: the median and quartiles of the time to painted clusters (measured in the page, as in
``bench/map.py``), bytes transferred, the median of where the time went (the page's first byte,
its last byte, DOMContentLoaded, the map data's response), and the ratio large / small of the
medians, with the median of the pairs' own ratios beside it.

The databases are SQLite files with published incidents, e.g. those ``bench/map.py --database``
made; one that is missing is made here the same way (``flask db upgrade``, ``flask demo load
--incidents N --seed 1``, every incident published and not confidential; N from
``--small-incidents`` and ``--large-incidents``, 100,000 and 1,000,000: the large one takes about
25 minutes). Nothing in them is changed but cancelled left-over jobs. The public data of each is prepared first (``flask public prepare``, timed), into
``--prepared DIR/small`` and ``DIR/large`` when given and reused when they are there (preparing
1,000,000 incidents takes minutes).

  .venv/bin/python bench/map_scale.py --small d100000.sqlite3 --large d1000000.sqlite3 --samples 15
"""

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bench.map import (
    CHROMIUM,
    CHROMIUM_ARGS,
    HOST,
    cancel_jobs,
    flask,
    free_port,
    gunicorn,
    log,
    measure,
    new_context,
    publish_all,
)

TARGET_GROWTH = 1.2
SELECTOR = "#public-map-app[data-state=ready] .map-marker"
KINDS = ("cold", "first visit", "returning")


def count_public(path: Path) -> int:
    import sqlite3

    with sqlite3.connect(path) as db:
        return db.execute("SELECT count(*) FROM incidents WHERE workflow_status = 'published' "
                          "AND NOT is_confidential").fetchone()[0]  # fmt: skip


def prepare(name: str, url: str, folder: Path) -> None:
    if folder.exists():
        log(f"{name}: prepared data reused from {folder}")
        return
    started, cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
    flask(["public", "prepare"], url, prepared=str(folder))
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu_s = used.ru_utime + used.ru_stime - cpu.ru_utime - cpu.ru_stime
    log(f"{name}: public data prepared in {time.perf_counter() - started:.1f} s (CPU {cpu_s:.1f} s)")


class Site:
    """One database served by its own gunicorn."""

    def __init__(self, name: str, database: Path, prepared: Path):
        self.name, self.database, self.prepared = name, database, prepared
        self.url = f"sqlite:///{database}"
        self.port = free_port()
        self.page = f"http://{HOST}:{self.port}/?lang=en"
        self.server = None
        self.samples = {kind: [] for kind in KINDS}  # (seconds, bytes, phases)

    def start(self) -> None:
        self.server = gunicorn(self.url, self.port, prepared=str(self.prepared))

    def stop(self) -> None:
        if self.server:
            self.server.terminate()
            try:
                self.server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.server.kill()
                self.server.wait(timeout=30)
            self.server = None

    def load(self, browser, kind: str, context=None) -> None:
        phases = []
        seconds, size = measure(browser, self.page, SELECTOR, context, phases)
        self.samples[kind].append((seconds, size, phases[0]))


def quartiles(values: list[float]) -> tuple[float, float, float]:
    if len(values) < 2:
        return values[0], values[0], values[0]
    q1, q2, q3 = statistics.quantiles(values, n=4, method="inclusive")
    return q1, q2, q3


def report(small: Site, large: Site) -> bool:
    ok = True
    log(f"{'':24}{'median s':>9}{'q1-q3 s':>13}{'MB':>6}   where the time went (median ms)")
    for kind in KINDS:
        for site in (small, large):
            runs = site.samples[kind]
            q1, q2, q3 = quartiles([r[0] for r in runs])
            size = statistics.median(r[1] for r in runs)
            names = runs[0][2].keys()
            where = ", ".join(f"{n} {statistics.median(r[2][n] or 0 for r in runs):.0f}" for n in names)
            log(f"{site.name + ' ' + kind:24}{q2:9.2f}{q1:7.2f}-{q3:<5.2f}{size / 1e6:6.2f}   {where}")
        time_ratio = statistics.median(r[0] for r in large.samples[kind]) / statistics.median(
            r[0] for r in small.samples[kind]
        )
        pairs = statistics.median(
            b[0] / a[0] for a, b in zip(small.samples[kind], large.samples[kind], strict=True)
        )
        small_b, large_b = (statistics.median(r[1] for r in site.samples[kind]) for site in (small, large))
        size_ratio = large_b / small_b if small_b else (1.0 if not large_b else float("inf"))  # 0: all cached
        within = time_ratio <= TARGET_GROWTH and size_ratio <= TARGET_GROWTH
        ok = ok and within
        log(f"{'ratio ' + kind:24}time {time_ratio:.2f}x (median of the pairs {pairs:.2f}x), bytes "
            f"{size_ratio:.2f}x: {'within' if within else 'NOT within'} {TARGET_GROWTH - 1:.0%}")  # fmt: skip
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--small", type=Path, required=True, help="SQLite file, e.g. 100,000 published incidents"
    )
    parser.add_argument(
        "--large", type=Path, required=True, help="SQLite file, e.g. 1,000,000 published incidents"
    )
    parser.add_argument(
        "--small-incidents", type=int, default=100_000, help="demo incidents if --small is made"
    )
    parser.add_argument(
        "--large-incidents", type=int, default=1_000_000, help="demo incidents if --large is made"
    )
    parser.add_argument(
        "--samples", type=int, default=15, help="first visits and returning loads per database"
    )
    parser.add_argument(
        "--cold", type=int, default=5, help="cold samples per database (a server restart each)"
    )
    parser.add_argument(
        "--prepared", type=Path, default=None, help="folder of the prepared data, reused if there"
    )
    args = parser.parse_args()
    if args.samples < 2 or args.cold < 1:
        parser.error("--samples must be at least 2 and --cold at least 1")
    if not os.path.exists(CHROMIUM):
        raise SystemExit("Chromium is needed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    prepared = (
        args.prepared.resolve() if args.prepared else Path(tempfile.mkdtemp(prefix="tracker-bench-scale-"))
    )
    small = Site("small", args.small.resolve(), prepared / "small")
    large = Site("large", args.large.resolve(), prepared / "large")
    for site, incidents in ((small, args.small_incidents), (large, args.large_incidents)):
        if not site.database.exists():
            log(f"{site.name}: building {incidents:,} demo incidents in {site.database} ...")
            site.database.parent.mkdir(parents=True, exist_ok=True)
            scratch = tempfile.mkdtemp(prefix="tracker-bench-load-")  # the load's jobs write here, not there
            flask(["db", "upgrade"], site.url, prepared=scratch)
            flask(
                ["demo", "load", "--incidents", str(incidents), "--seed", "1"],
                site.url,
                prepared=str(site.prepared),
            )
            publish_all(site.database)
            shutil.rmtree(scratch, ignore_errors=True)
        cancel_jobs(site.database)
        log(f"{site.name}: {site.database.name}, {count_public(site.database):,} public incidents")
        prepare(site.name, site.url, site.prepared)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for number in range(args.cold):
                pair = (small, large) if number % 2 == 0 else (large, small)
                for site in pair:
                    site.start()
                for site in pair:
                    site.load(browser, "cold")
                for site in pair:
                    site.stop()
            for site in (small, large):
                site.start()
            for number in range(args.samples):
                for site in (small, large) if number % 2 == 0 else (large, small):
                    site.load(browser, "first visit")
            contexts = {site.name: new_context(browser) for site in (small, large)}
            for site in (small, large):
                measure(browser, site.page, SELECTOR, contexts[site.name])  # fills its cache, not counted
            for number in range(args.samples):
                for site in (small, large) if number % 2 == 0 else (large, small):
                    site.load(browser, "returning", contexts[site.name])
            browser.close()
    finally:
        for site in (small, large):
            site.stop()
    ok = report(small, large)
    log(f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    log(f"target (large within {TARGET_GROWTH - 1:.0%} of small, time and bytes, every kind): "
        f"{'met' if ok else 'NOT met'}")  # fmt: skip
    if not args.prepared:
        shutil.rmtree(prepared, ignore_errors=True)


if __name__ == "__main__":
    main()
