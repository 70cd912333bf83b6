"""A web process's first answers cost much more than the next ones: templates compiled,
translations, the prepared public data and the map's clusters loaded, the map page's script made,
the job runner started. A new worker asks for them once itself (``gunicorn.conf.py``), before it
takes its first visitor, so no visitor meets a cold worker.

Only once public data has been prepared: a first preparation takes minutes on a large registry,
longer than a worker may take to start; it is left to ``flask public prepare`` (or the first
visitor), as before.
"""

from flask import Flask

from tracker.maps import prepared

PAGES = ("/?lang=ar", "/?lang=en", "/api/public/v1/map?bbox=-180,-90,180,90&zoom=4", "/map/public-map.js",
         "/map/public-map.css")  # fmt: skip


def first_answers(app: Flask) -> None:
    with app.app_context():
        if prepared.shared() and prepared.store().state().version is None:
            return
    for url in PAGES:
        try:
            app.test_client(use_cookies=False).get(url, headers={"Accept-Encoding": "gzip"})
        except Exception:  # noqa: BLE001  (a visitor will make it then)
            app.logger.exception("warming up %s failed", url)
