"""Benchmark of the public map with 100,000 published incidents, in headless Chromium.

One run: a fresh SQLite database in a temporary directory, ``flask db upgrade``,
``flask demo load --incidents N --seed 1``, then every incident is made published and not
confidential (so the map has N public incidents). The app is served by gunicorn on 127.0.0.1
(tiles off: nothing leaves the machine). Two pages are measured, each in a fresh browser profile:

  ours   /  (folium map object; clusters for the current view fetched from
            /api/public/v1/map, clustered on the server)
  stock  a folium page with ``FastMarkerCluster`` embedding every public point (the same
         coarsened points), served as a static file with Leaflet and Leaflet.markercluster

For each: time from navigation start until cluster markers are on screen (two animation frames
after they appear), and bytes transferred (encoded body and headers of every response, from the
browser's network events). The median of several loads is printed with the ratio. Our server's
cluster index is built on the first request after a data change: that one-off cost is printed
separately ("cold"), the page loads are measured after it.

Targets (issue 5): our page <= 1.0 s and <= 1.5 MB.

Run from the repository root: ``.venv/bin/python bench/map.py`` (``--incidents 10000`` for a
quicker run, ``--keep`` to keep the temporary folder, ``--runs 5``).
"""

import argparse
import functools
import http.server
import os
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
TARGET_SECONDS, TARGET_BYTES = 1.0, 1_500_000
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]  # fmt: skip
APP_ENV_VARS = ("DATABASE_URL", "SECRET_KEY", "REDIS_URL", "SESSION_COOKIE_SECURE", "ORGANISATION_NAME",
                "BABEL_DEFAULT_LOCALE", "FLASK_DEBUG", "FLASK_RUN_FROM_CLI", "MAP_TILE_URL")  # fmt: skip
# Painted = marker elements exist (Playwright polls every animation frame), then two animation
# frames (the browser has drawn them). performance.now() counts from navigation start.
PAINTED_JS = """() => new Promise((resolve) => {
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now())));
})"""


def log(message: str = "") -> None:
    print(message, flush=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def app_env(database_url: str) -> dict:
    variables = {k: v for k, v in os.environ.items() if k not in APP_ENV_VARS}
    variables.update(DATABASE_URL=database_url, SECRET_KEY="tracker-bench-secret-key", FLASK_APP="app.py",
                     MAP_TILE_URL="off", PUBLIC_API_RATE_LIMIT="100000 per minute")  # fmt: skip
    return variables


def flask(args: list[str], database_url: str) -> None:
    subprocess.run([sys.executable, "-m", "flask", *args], cwd=REPO, env=app_env(database_url), check=True,
                   stdout=subprocess.DEVNULL)  # fmt: skip


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


def gunicorn(database_url: str, port: int) -> subprocess.Popen:
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "-w", "1", "--threads", "4", "-b", f"{HOST}:{port}",
         "app:app"], cwd=REPO, env=app_env(database_url), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    for _ in range(300):
        try:
            urllib.request.urlopen(f"http://{HOST}:{port}/healthz", timeout=1)
            return process
        except OSError:
            time.sleep(0.1)
    process.terminate()
    raise SystemExit("gunicorn did not start")


def measure(browser, url: str, selector: str) -> tuple[float, int]:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    received = []
    cdp.on("Network.loadingFinished", lambda event: received.append(event["encodedDataLength"]))
    page.goto(url, wait_until="commit", timeout=120_000)
    page.wait_for_selector(selector, state="attached", timeout=120_000)
    painted = page.evaluate(PAINTED_JS)
    page.wait_for_load_state("load", timeout=120_000)
    time.sleep(0.3)  # let late responses report their size
    context.close()
    return painted / 1000.0, sum(received)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--incidents", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    if not os.path.exists(CHROMIUM):
        raise SystemExit("Chromium is needed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="tracker-bench-map-"))
    database = folder / "bench.sqlite3"
    url = f"sqlite:///{database}"
    try:
        log(f"building {args.incidents:,} demo incidents ...")
        flask(["db", "upgrade"], url)
        flask(["demo", "load", "--incidents", str(args.incidents), "--seed", "1"], url)
        published = publish_all(database)
        started = time.perf_counter()
        points = stock_page(url, folder)
        log(f"{published:,} published incidents, {points:,} with a public point; "
            f"stock page built in {time.perf_counter() - started:.1f} s "
            f"({(folder / 'stock.html').stat().st_size / 1e6:.1f} MB HTML)")  # fmt: skip
        port = free_port()
        server = gunicorn(url, port)
        static_server, static_port = serve_folder(folder)
        try:
            started = time.perf_counter()
            urllib.request.urlopen(f"http://{HOST}:{port}/api/public/v1/map?zoom=4", timeout=120).read()
            log(f"ours: cluster index built on first request (cold) in {time.perf_counter() - started:.2f} s")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                results = {}
                for name, page_url, selector in (
                    (
                        "ours",
                        f"http://{HOST}:{port}/?lang=en",
                        "#public-map-app[data-state=ready] .map-marker",
                    ),
                    ("stock", f"http://{HOST}:{static_port}/stock.html", ".marker-cluster"),
                ):
                    runs = [measure(browser, page_url, selector) for _ in range(args.runs)]
                    seconds = statistics.median(r[0] for r in runs)
                    size = statistics.median(r[1] for r in runs)
                    results[name] = (seconds, size)
                    log(f"{name:5}  painted clusters in {seconds:.2f} s (runs: "
                        f"{', '.join(f'{r[0]:.2f}' for r in runs)}), transferred {size / 1e6:.2f} MB")  # fmt: skip
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=30)
            static_server.shutdown()
        (ours_s, ours_b), (stock_s, stock_b) = results["ours"], results["stock"]
        log(
            f"ratio  ours is {stock_s / ours_s:.1f}x faster than stock and transfers {stock_b / ours_b:.1f}x fewer bytes"
        )
        ok = ours_s <= TARGET_SECONDS and ours_b <= TARGET_BYTES
        log(
            f"target (<= {TARGET_SECONDS:.1f} s, <= {TARGET_BYTES / 1e6:.2f} MB): {'met' if ok else 'NOT met'}"
        )
    finally:
        if args.keep:
            log(f"kept {folder}")
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
