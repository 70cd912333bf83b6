"""What the offline basemap costs the public map page: bytes and time to a drawn map.

One run: a fresh SQLite database in a temporary directory, ``flask demo load --incidents N
--seed 1`` with every incident published, the app served on 127.0.0.1 in this process (tiles
off). The map page is loaded in a fresh headless Chromium profile, at 1280 and at 390 px wide,
in Arabic, twice each:

  without  the basemap's request blocked (what the page cost before: grey dots on nothing)
  with     the basemap drawn

For each: bytes transferred (encoded bodies of every response, from the browser's network
events: gzip where the app sends it), and the time from navigation start until the clusters are
on screen and, for ``with``, until the basemap is drawn; once on the network Chromium calls
"Fast 3G" (1.6 Mb/s down, 150 ms latency) and once unthrottled. Medians of ``--runs`` loads.

Target (issue 15): the whole map page <= 0.7 MB.

Run from the repository root: ``.venv/bin/python bench/map_basemap.py`` (``--incidents 2000``).
"""

import argparse
import gzip
import os
import shutil
import sqlite3
import statistics
import sys
import tempfile
import threading
from pathlib import Path

from werkzeug.serving import make_server

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tracker import create_app  # noqa: E402
from tracker.maps import static_layers  # noqa: E402

TARGET_BYTES = 700_000
CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
FAST_3G = {"offline": False, "latency": 150, "downloadThroughput": 1.6 * 1024 * 1024 / 8,
           "uploadThroughput": 750 * 1024 / 8}  # fmt: skip


def build_app(folder: Path, incidents: int):
    database = folder / "bench.sqlite3"
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{database}", "SECRET_KEY": "bench-secret-key",
                      "MAP_TILE_URL": "off", "PUBLIC_API_RATE_LIMIT": "100000 per minute",
                      "BOUNDARIES_PATH": str(folder / "none.json")})  # fmt: skip
    runner = app.test_cli_runner()
    for args in (["db", "upgrade"], ["demo", "load", "--incidents", str(incidents), "--seed", "1"]):
        result = runner.invoke(args=args)
        if result.exit_code:
            raise SystemExit(result.output)
    with sqlite3.connect(database) as db:
        db.execute("UPDATE incidents SET workflow_status = 'published', is_confidential = 0")
    return app


def load(browser, url: str, width: int, basemap: bool, throttle: bool) -> tuple[int, float, float | None]:
    context = browser.new_context(viewport={"width": width, "height": 900}, locale="ar")
    page = context.new_page()
    if throttle:
        session = context.new_cdp_session(page)
        session.send("Network.enable")
        session.send("Network.emulateNetworkConditions", FAST_3G)
    sizes: list[int] = []
    urls: list[tuple[int, str]] = []

    def finished(request):
        sizes.append(request.sizes()["responseBodySize"])
        urls.append((sizes[-1], request.url.split("/", 3)[-1].split("?")[0]))

    page.on("requestfinished", finished)
    if not basemap:
        page.route("**/map/basemap.json*", lambda route: route.abort())
    page.goto(url, wait_until="commit", timeout=120_000)
    page.wait_for_selector("#public-map-app[data-state=ready]", timeout=120_000)
    clusters = page.evaluate("() => performance.now()") / 1000
    drawn = None
    if basemap:
        page.wait_for_selector("#public-map-app[data-basemap=ready]", timeout=120_000)
        drawn = (
            page.evaluate("() => new Promise((r) => requestAnimationFrame(() => r(performance.now())))")
            / 1000
        )
    page.wait_for_load_state("networkidle")
    total = sum(sizes)
    context.close()
    load.largest = sorted(urls, reverse=True)[:6]
    return total, clusters, drawn


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--incidents", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    body = static_layers.BASEMAP_PATH.read_bytes()
    print(f"basemap file: {len(body):,} bytes, {len(gzip.compress(body, 9)):,} gzip'd")
    with tempfile.TemporaryDirectory(prefix="tracker-bench-") as tmp:
        print(f"building {args.incidents:,} published demo incidents ...", flush=True)
        app = build_app(Path(tmp), args.incidents)
        server = make_server("127.0.0.1", 0, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.port}/?lang=ar"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            load(browser, url, 1280, True, False)  # warm the server's cluster index
            print("largest responses of the page (bytes as sent):")
            for size, name in load.largest:
                print(f"  {size:>9,}  /{name}")
            print(
                f"{'width':>5} {'network':>8} {'basemap':>8} {'bytes':>10} {'clusters s':>10} {'basemap s':>9}"
            )
            for width in (1280, 390):
                for throttle in (False, True):
                    for basemap in (False, True):
                        runs = [load(browser, url, width, basemap, throttle) for _ in range(args.runs)]
                        size = int(statistics.median(r[0] for r in runs))
                        clusters = statistics.median(r[1] for r in runs)
                        drawn = f"{statistics.median(r[2] for r in runs):9.2f}" if basemap else f"{'-':>9}"
                        network = "fast 3G" if throttle else "local"
                        verdict = "ok" if size <= TARGET_BYTES else "OVER"
                        print(f"{width:>5} {network:>8} {'with' if basemap else 'without':>8} {size:>10,} "
                              f"{clusters:>10.2f} {drawn}  {verdict} (target <= {TARGET_BYTES:,} bytes)")  # fmt: skip
            browser.close()
        server.shutdown()


if __name__ == "__main__":
    main()
