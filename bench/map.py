"""Benchmark of the public map with 100,000 published incidents, in headless Chromium.

One run: a fresh SQLite database in a temporary directory, ``flask db upgrade``,
``flask demo load --incidents N --seed 1``, then every incident is made published and not
confidential (so the map has N public incidents); ``--database PATH`` keeps that database in
PATH and reuses it next time (loading 100,000 incidents takes minutes). For each checkout the
public data is prepared (``flask public prepare``, timed) right before it is served, with no job
left over from the checkout before, then the app is served by gunicorn as ``gunicorn.conf.py``
configures it (gthread, 2 workers) on 127.0.0.1 (tiles off: nothing leaves the machine). Two pages
are measured:

  ours   /  (folium map object; clusters for the current view fetched from
            /api/public/v1/map, clustered on the server)
  stock  a folium page with ``FastMarkerCluster`` embedding every public point (the same
         coarsened points), served as a static file with Leaflet and Leaflet.markercluster

For each: time from navigation start until cluster markers are on screen (recorded in the page:
the first change of the document after which they exist, then two animation frames), and bytes
transferred (encoded body and headers of every response, from the browser's network events). Our
page is measured on a cold worker (the first page a just-started server serves), warm as first
visits (a fresh browser profile each, nothing cached: the median of several) and as a returning
visitor (one profile whose first load is not counted: the median of the next ones), right after a
publish (an incident is unpublished and published again through the incident writer; first
visits while the rebuild it asks for is queued or running in the local job process: the median of
up to --runs, the first at once), and once that rebuild is done. The stock page: first visits and
a returning visitor, and the ratios.

Targets (issue 15): our page <= 1.0 s cold and right after a publish, <= 0.5 s warm (a returning
visitor), <= 0.7 MB, >= 1.5x faster than the stock page.

Run from the repository root: ``.venv/bin/python bench/map.py`` (``--incidents 10000`` for a
quicker run, ``--keep`` to keep the temporary folder, ``--runs 5``). ``--baseline DIR``: another
checkout of the app (e.g. ``git worktree add /tmp/before main``) measured the same way in the same
run, on the same database with a prepared folder of its own, before this one: the figures of a
change, before and after, under the same machine load. A republish that fails (the baseline's
own bugs) is reported, and the run goes on.
"""

import argparse
import functools
import http.server
import json
import os
import resource
import shutil
import socket
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
HOST = "127.0.0.1"
TARGET_SECONDS, TARGET_WARM_SECONDS, TARGET_BYTES, TARGET_RATIO = 1.0, 0.5, 700_000, 1.5
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]  # fmt: skip
APP_ENV_VARS = ("DATABASE_URL", "SECRET_KEY", "REDIS_URL", "SESSION_COOKIE_SECURE", "ORGANISATION_NAME",
                "BABEL_DEFAULT_LOCALE", "FLASK_DEBUG", "FLASK_RUN_FROM_CLI", "MAP_TILE_URL", "PREPARED_FOLDER",
                "WEB_CONCURRENCY")  # fmt: skip
# Unpublish one incident and publish it again through the incident writer (each commit asks for
# a rebuild of the prepared data; the process waits for them before it exits).
REPUBLISH = """
from tracker import create_app
from tracker.audit.operations import Actor
from tracker.cases import operations
from tracker.cases.models import Incident
from tracker.extensions import db
app = create_app()
with app.app_context():
    incident = db.session.scalars(db.select(Incident).where(Incident.workflow_status == "published")
                                  .order_by(Incident.id.desc()).limit(1)).one()
    actor = Actor(None, "system", "system:bench")
    operations.transition_incident(incident, "verified", actor)
    db.session.commit()
    operations.transition_incident(incident, "published", actor)
    db.session.commit()
    print("committed", flush=True)
"""
# Painted, timed inside the page (a round trip to Playwright's process takes tens to hundreds of
# milliseconds on a busy machine, which no visitor waits for): the first time the selector matches
# after a change of the document, two animation frames later (the browser has drawn the markers).
# performance.now() counts from navigation start.
PAINTED_JS = """(selector) => new MutationObserver((changes, observer) => {
  if (window.__painted || !document.querySelector(selector)) { return; }
  observer.disconnect();
  window.__painted = -1;
  requestAnimationFrame(() => requestAnimationFrame(() => { window.__painted = performance.now(); }));
}).observe(document, {subtree: true, childList: true, attributes: true})"""


def log(message: str = "") -> None:
    print(message, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


PREPARED = {}  # checkout -> PREPARED_FOLDER of this run


def app_env(database_url: str, tree: Path = REPO, prepared: str | None = None) -> dict:
    variables = {k: v for k, v in os.environ.items() if k not in APP_ENV_VARS}
    variables.update(DATABASE_URL=database_url, SECRET_KEY="tracker-bench-secret-key", FLASK_APP="app.py",
                     MAP_TILE_URL="off", PUBLIC_API_RATE_LIMIT="100000 per minute", WEB_CONCURRENCY="2",
                     PREPARED_FOLDER=prepared or PREPARED[tree])  # fmt: skip
    return variables


def flask(args: list[str], database_url: str, tree: Path = REPO, prepared: str | None = None) -> None:
    subprocess.run([sys.executable, "-m", "flask", *args], cwd=tree, env=app_env(database_url, tree, prepared), check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


def cancel_jobs(path: Path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("UPDATE jobs SET state = 'cancelled' WHERE state IN ('queued', 'running')")


def rebuilding(path: Path) -> bool:
    """Whether a rebuild of the prepared data is queued or running."""
    with sqlite3.connect(path) as db:
        return bool(db.execute("SELECT count(*) FROM jobs WHERE kind = 'prepared.rebuild' "
                               "AND state IN ('queued', 'running')").fetchone()[0])  # fmt: skip


def wait_for_rebuild(path: Path, timeout: float = 1800) -> float:
    """Seconds until no rebuild of the prepared data is queued or running."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout and rebuilding(path):
        time.sleep(1)
    return time.perf_counter() - started


def publish_all(path: Path) -> int:
    with sqlite3.connect(path) as db:
        db.execute("UPDATE incidents SET workflow_status = 'published', is_confidential = 0")
        return db.execute("SELECT count(*) FROM incidents").fetchone()[0]


def stock_page(database_url: str, folder: Path) -> int:
    """The folium FastMarkerCluster page with every public point, and its JS/CSS, in ``folder``."""
    import folium
    import xstatic.pkg.leaflet
    import xstatic.pkg.leaflet_markercluster
    from folium.plugins import FastMarkerCluster

    os.environ.update(app_env(database_url))
    from tracker import create_app
    from tracker.maps import index

    app = create_app()
    with app.app_context():
        base = index.base()  # the same public, coarsened points as our page
        points = list(zip(base.lat.tolist(), base.lon.tolist(), strict=True))
    shutil.copytree(xstatic.pkg.leaflet.BASE_DIR, folder / "leaflet")
    shutil.copytree(xstatic.pkg.leaflet_markercluster.BASE_DIR, folder / "markercluster")
    m = folium.Map(location=(24.0, 42.0), zoom_start=4, tiles=None, maxZoom=18)
    m.default_js = [("leaflet", "leaflet/leaflet.js")]
    m.default_css = [("leaflet_css", "leaflet/leaflet.css")]
    # The default callback draws Font Awesome markers (a CDN plugin): Leaflet's own marker instead.
    callback = "function (row) { return L.marker(new L.LatLng(row[0], row[1])); }"
    cluster = FastMarkerCluster(points, callback=callback)
    cluster.default_js = [("markerclusterjs", "markercluster/leaflet.markercluster.js")]
    cluster.default_css = [("markerclustercss", "markercluster/MarkerCluster.css"),
                           ("markerclusterdefaultcss", "markercluster/MarkerCluster.Default.css")]  # fmt: skip
    cluster.add_to(m)
    m.save(str(folder / "stock.html"))
    return len(points)


def serve_folder(folder: Path) -> tuple[http.server.ThreadingHTTPServer, int]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer((HOST, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


def gunicorn(
    database_url: str, port: int, tree: Path = REPO, prepared: str | None = None
) -> subprocess.Popen:
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-c", "gunicorn.conf.py", "-b", f"{HOST}:{port}",
         "app:app"], cwd=tree, env=app_env(database_url, tree, prepared), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=1)
            return process
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def new_context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    return context


# Where a load's time went, from the page's Navigation and Resource Timing (milliseconds from
# navigation start): the page's first byte and last byte, DOMContentLoaded, the map data's response.
PHASES_JS = """() => {
  const n = performance.getEntriesByType("navigation")[0];
  const data = performance.getEntriesByType("resource").filter((r) => r.name.includes("/api/public/v1/map"));
  return {"first byte": n.responseStart, "page loaded": n.responseEnd, "DOM ready": n.domContentLoadedEventEnd,
          "map data": data.length ? data[0].responseEnd : null};
}"""


def measure(browser, url: str, selector: str, context=None, phases: list | None = None) -> tuple[float, int]:
    """One load of ``url``: seconds to painted ``selector``, bytes transferred. In a fresh browser
    profile (a first visit: nothing cached), or in ``context`` (a returning visitor: the browser's
    cache as the earlier loads in it left it). With ``phases``, appends where the time went."""
    own = context is None
    context = context or new_context(browser)
    page = context.new_page()
    page.add_init_script(f"({PAINTED_JS})({json.dumps(selector)})")
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    received = []
    cdp.on("Network.loadingFinished", lambda event: received.append(event["encodedDataLength"]))
    page.goto(url, wait_until="commit", timeout=120_000)
    page.wait_for_function("() => window.__painted > 0", timeout=120_000, polling=100)
    painted = page.evaluate("() => window.__painted")
    if phases is not None:
        phases.append(page.evaluate(PHASES_JS))
    page.wait_for_load_state("load", timeout=120_000)
    time.sleep(0.3)  # let late responses report their size
    cdp.detach()
    page.close()
    if own:
        context.close()
    return painted / 1000.0, sum(received)


def returning(browser, url: str, selector: str, runs: int) -> tuple[float, float]:
    """A returning visitor: one profile, a first load (fills its cache, not counted), then ``runs``
    loads; the median."""
    context = new_context(browser)
    measure(browser, url, selector, context)
    found = median_of([measure(browser, url, selector, context) for _ in range(runs)])
    context.close()
    return found


def median_of(runs: list[tuple[float, int]]) -> tuple[float, float]:
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument(
        "--database",
        type=Path,
        default=None,
        help="SQLite file: made (N published incidents) if missing, reused if present",
    )
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--baseline", type=Path, default=None, help="another checkout, measured first")
    args = parser.parse_args()
    if not os.path.exists(CHROMIUM):
        raise SystemExit("Chromium is needed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="tracker-bench-map-"))
    database = args.database.resolve() if args.database else folder / "bench.sqlite3"
    url = f"sqlite:///{database}"
    trees = {"ours": REPO}
    if args.baseline:
        trees = {"before": args.baseline.resolve(), "ours": REPO}
    for number, tree in enumerate(trees.values()):
        PREPARED[tree] = str(folder / f"prepared-{number}")
    ours_selector = "#public-map-app[data-state=ready] .map-marker"
    try:
        if not database.exists():
            log(f"building {args.incidents:,} demo incidents ...")
            flask(["db", "upgrade"], url)
            flask(["demo", "load", "--incidents", str(args.incidents), "--seed", "1"], url)
        published = publish_all(database)
        started = time.perf_counter()
        points = stock_page(url, folder)
        log(f"{points:,} with a public point; stock page built in {time.perf_counter() - started:.1f} s "
            f"({(folder / 'stock.html').stat().st_size / 1e6:.1f} MB HTML)")  # fmt: skip
        port = free_port()
        static_server, static_port = serve_folder(folder)
        ours_url = f"http://{HOST}:{port}/?lang=en"
        all_results = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for tree_name, tree in trees.items():
                all_results[tree_name] = results = {}
                # Each checkout starts from data prepared for the database as it is now, with no job
                # left over from the one before (its republish): nothing rebuilds behind its figures.
                cancel_jobs(database)
                started, cpu = time.perf_counter(), resource.getrusage(resource.RUSAGE_CHILDREN)
                flask(["public", "prepare"], url, tree)
                used = resource.getrusage(resource.RUSAGE_CHILDREN)
                log(f"{published:,} published incidents; public data prepared ({tree_name}) in "
                    f"{time.perf_counter() - started:.1f} s, CPU {used.ru_utime + used.ru_stime - cpu.ru_utime - cpu.ru_stime:.1f} s")  # fmt: skip
                server = gunicorn(url, port, tree)
                try:
                    # a just-started server's first page, then warm: first visits (a fresh browser
                    # profile each) and a returning visitor (the browser's cache of its first visit)
                    results["cold"] = measure(browser, ours_url, ours_selector)
                    results["warm, first visit"] = median_of(
                        [measure(browser, ours_url, ours_selector) for _ in range(args.runs)]
                    )
                    results["warm, returning"] = returning(browser, ours_url, ours_selector, args.runs)
                    publisher = subprocess.Popen([sys.executable, "-c", REPUBLISH], cwd=tree, env=app_env(url, tree),
                                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)  # fmt: skip
                    if publisher.stdout.readline().strip() != "committed":
                        publisher.wait(timeout=1800)
                        error = publisher.stderr.read().strip().splitlines() or ["(no message)"]
                        log(f"{tree_name}: the republish failed: {error[-1]}")
                        continue
                    publisher.wait(timeout=60)
                    # the rebuild it asked for is queued or running now (the local job process):
                    # first visits while it is (the first one at once), the median
                    during = [measure(browser, ours_url, ours_selector)]
                    while len(during) < args.runs and rebuilding(database):
                        during.append(measure(browser, ours_url, ours_selector))
                    results["after publish"] = median_of(during)
                    log(f"{tree_name}: {len(during)} first visits right after the publish, the rebuild "
                        f"{'still running' if rebuilding(database) else 'done'} after the last")  # fmt: skip
                    waited = wait_for_rebuild(database)
                    results["switched in"] = measure(browser, ours_url, ours_selector)
                    log(f"{tree_name}: the rebuild after the publish took {waited:.0f} s")
                finally:
                    server.terminate()
                    try:
                        server.wait(timeout=30)
                    except subprocess.TimeoutExpired:  # a worker finishing a rebuild the probe started
                        server.kill()
                        server.wait(timeout=30)
            stock_url = f"http://{HOST}:{static_port}/stock.html"
            stock = {
                "warm, first visit": median_of(
                    [measure(browser, stock_url, ".marker-cluster") for _ in range(args.runs)]
                ),
                "warm, returning": returning(browser, stock_url, ".marker-cluster", args.runs),
            }
            browser.close()
        static_server.shutdown()
        for tree_name, results in all_results.items():
            for name, (seconds, size) in results.items():
                log(
                    f"{tree_name + ' ' + name:28} painted clusters in {seconds:.2f} s, transferred {size / 1e6:.2f} MB"
                )
        for name, (seconds, size) in stock.items():
            log(f"{'stock ' + name:28} painted clusters in {seconds:.2f} s, transferred {size / 1e6:.2f} MB")
        log(f"machine load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        results = all_results["ours"]
        ratios = {}
        for name in stock:
            (ours_s, ours_b), (stock_s, stock_b) = results[name], stock[name]
            ratios[name] = stock_s / ours_s
            fewer = (
                f"{stock_b / ours_b:.1f}x fewer bytes"
                if ours_b
                else "no bytes (all from the browser's cache)"
            )
            log(f"ratio  ours ({name}) is {stock_s / ours_s:.1f}x faster than stock and transfers {fewer}")
        # warm: a returning visitor's page (what most visits to a map are); the first visit is shown too
        slowest = max(results.get(k, (float("inf"),))[0] for k in ("cold", "after publish", "switched in"))
        warm_s = results["warm, returning"][0]
        ok = (slowest <= TARGET_SECONDS and warm_s <= TARGET_WARM_SECONDS and min(ratios.values()) >= TARGET_RATIO
              and max(r[1] for r in results.values()) <= TARGET_BYTES)  # fmt: skip
        log(f"target (cold and after a publish <= {TARGET_SECONDS:.1f} s, warm returning <= {TARGET_WARM_SECONDS:.1f} s, "
            f"<= {TARGET_BYTES / 1e6:.1f} MB, >= {TARGET_RATIO}x stock first and returning): {'met' if ok else 'NOT met'}")  # fmt: skip
    finally:
        if args.keep:
            log(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
