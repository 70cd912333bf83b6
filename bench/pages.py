"""Page weight and load time of every staff and public page, on a fast link and on throttled 3G.

One run: a fresh SQLite database in a temporary directory, ``flask db upgrade``, ``flask demo load
--incidents N``, every incident published, a staff account; the app served by gunicorn on
127.0.0.1 with map tiles off (the figures are "before tiles"). Each page is loaded in headless
Chromium with the cache disabled, in Arabic and in English, three ways:

  fast   no throttling (the baseline of this run)
  3g     Chromium DevTools' "Fast 3G" profile (1.44 Mbit/s down, 675 kbit/s up, 562.5 ms latency)
  slow   Chromium DevTools' "Slow 3G" profile (400 kbit/s both ways, 2 s latency)

throttled through the DevTools protocol (Network.emulateNetworkConditions). For each: bytes
transferred (encoded bodies and headers of every response, from Network.loadingFinished), and the
time until the page is usable (DOMContentLoaded) and fully loaded (load event). It also says
how much of it is the Arabic web font (fetched on Arabic pages only, and only by a device without
an Arabic font of its own, as this headless browser; phones have one), and the weight without it.

Target (issue 16): every page under 300 KB before tiles.

Run from the repository root: ``.venv/bin/python bench/pages.py`` (``--incidents 500``,
``--profiles fast,3g`` to skip the slow one).
"""

import argparse
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from bench.map import CHROMIUM, CHROMIUM_ARGS, HOST, app_env, flask, free_port, gunicorn, log  # noqa: E402

TARGET_BYTES = 300_000
PASSWORD = "bench pages password"
# DevTools presets (Chromium front_end/core/sdk/NetworkManager.ts), bytes per second and ms.
PROFILES = {
    "fast": None,
    "3g": {"download": 1.6e6 / 8 * 0.9, "upload": 750e3 / 8 * 0.9, "latency": 150 * 3.75},
    "slow": {"download": 500e3 / 8 * 0.8, "upload": 500e3 / 8 * 0.8, "latency": 400 * 5},
}
PUBLIC = ["/", "/statistics", "/incidents/{ref}", "/reports/", "/auth/login"]
STAFF = ["/desk", "/cases/", "/cases/mine", "/cases/review", "/cases/new", "/cases/{id}", "/cases/{id}/edit",
         "/intake/", "/transfer/import", "/transfer/merge", "/admin/users", "/admin/users/new", "/admin/users/{user}",
         "/admin/settings", "/admin/taxonomy", "/auth/password", "/reports/texts", "/desk/notifications"]  # fmt: skip


def prepare(folder: Path, incidents: int) -> tuple[str, str, int, int]:
    path = folder / "pages.sqlite3"
    url = f"sqlite:///{path}"
    flask(["db", "upgrade"], url)
    flask(["demo", "load", "--incidents", str(incidents), "--seed", "1"], url)
    subprocess.run([sys.executable, "-m", "flask", "users", "create", "--email", "bench@example.org", "--role",
                    "admin", "--password-stdin"], cwd=REPO, env=app_env(url), input=PASSWORD + "\n", text=True,
                   check=True, stdout=subprocess.DEVNULL)  # fmt: skip
    with sqlite3.connect(path) as db:
        db.execute("UPDATE incidents SET workflow_status = 'published', is_confidential = 0")
        ref, incident_id = db.execute("SELECT public_ref, id FROM incidents ORDER BY id LIMIT 1").fetchone()
        (user_id,) = db.execute("SELECT id FROM users WHERE email = 'bench@example.org'").fetchone()
    return url, ref, incident_id, user_id


def measure(context, url: str, profile: dict | None) -> dict:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    if profile:
        cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": profile["latency"],
                 "downloadThroughput": profile["download"], "uploadThroughput": profile["upload"]})  # fmt: skip
    sizes, kinds = {}, {}
    cdp.on("Network.responseReceived", lambda e: kinds.__setitem__(e["requestId"], e.get("type")))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    response = page.goto(url, wait_until="load", timeout=180_000)
    if response is None or response.status != 200:
        raise SystemExit(f"{url}: {response.status if response else 'no response'}")
    page.wait_for_timeout(200)  # late responses (fonts) are counted too
    timing = page.evaluate("""() => { const t = performance.getEntriesByType('navigation')[0];
        return [t.domContentLoadedEventEnd, t.loadEventEnd]; }""")
    fonts = [r for r, kind in kinds.items() if kind == "Font" and r in sizes]
    page.close()
    return {"bytes": sum(sizes.values()), "ready": timing[0] / 1000, "load": timing[1] / 1000,
            "requests": len(sizes), "font_bytes": sum(sizes[r] for r in fonts)}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--incidents", type=int, default=500)
    parser.add_argument("--profiles", default="fast,3g,slow")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    profiles = args.profiles.split(",")
    folder = Path(tempfile.mkdtemp(prefix="bench-pages-"))
    process = None
    try:
        log(f"Preparing {args.incidents} published demo incidents ...")
        url, ref, incident_id, user_id = prepare(folder, args.incidents)
        port = free_port()
        process = gunicorn(url, port)
        base = f"http://{HOST}:{port}"
        urllib.request.urlopen(f"{base}/healthz", timeout=5)
        paths = [(p, False) for p in PUBLIC] + [(p, True) for p in STAFF]
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 390, "height": 844}, locale="ar")
            login = context.new_page()
            login.goto(f"{base}/auth/login")
            login.fill("#email", "bench@example.org")
            login.fill("#password", PASSWORD)
            login.click("main form button[type=submit]")
            login.wait_for_load_state()
            login.close()
            head = f"{'page':<26}{'lang':<5}{'KB':>6}{'req':>5}{'font KB':>8}" + "".join(
                f"{name + ' ready/load s':>22}" for name in profiles
            )
            log(head)
            heaviest = heaviest_own = 0
            for path, _staff in paths:
                path = path.format(ref=ref, id=incident_id, user=user_id)
                for lang in ("ar", "en"):
                    results = {
                        p: measure(context, f"{base}{path}?lang={lang}", PROFILES[p]) for p in profiles
                    }
                    first = results[profiles[0]]
                    heaviest = max(heaviest, first["bytes"])
                    heaviest_own = max(heaviest_own, first["bytes"] - first["font_bytes"])
                    cells = "".join(f"{r['ready']:>13.2f} / {r['load']:<6.2f}" for r in results.values())
                    log(f"{path:<26}{lang:<5}{first['bytes'] / 1000:>6.0f}{first['requests']:>5}"
                        f"{first['font_bytes'] / 1000:>8.0f}{cells}")  # fmt: skip
            browser.close()
        for label, size in (("with", heaviest), ("without", heaviest_own)):
            verdict = "under" if size <= TARGET_BYTES else "OVER"
            log(
                f"Heaviest page {label} the Arabic web font: {size / 1000:.0f} KB ({verdict} the "
                f"{TARGET_BYTES // 1000} KB target)."
            )
    finally:
        if process is not None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:  # a loaded machine: the workers take their time
                process.kill()
                process.wait()
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    os.chdir(REPO)
    started = time.time()
    main()
    log(f"({time.time() - started:.0f} s)")
