"""Third-party browser files (Leaflet) served by the app itself from installed packages: no CDN,
so every page works offline and no reader's address is sent to another site."""

from urllib.parse import urlsplit

import xstatic.pkg.leaflet
from flask import Flask, abort, current_app, send_from_directory

PACKAGES = {"leaflet": xstatic.pkg.leaflet.BASE_DIR}
CACHE_SECONDS = 7 * 24 * 3600  # files change only with a package upgrade


def tile_url() -> str:
    """The configured tile server URL template, or '' when tiles are off."""
    url = (current_app.config.get("MAP_TILE_URL") or "").strip()
    return "" if url.lower() in ("off", "none", "0") else url


def tile_origin() -> str:
    parts = urlsplit(tile_url().replace("{s}", "a"))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return ""
    netloc = parts.netloc.replace("a.", "*.", 1) if "{s}" in tile_url() else parts.netloc
    return f"{parts.scheme}://{netloc}"


def register(app: Flask) -> None:
    @app.route("/vendor/<package>/<path:filename>", endpoint="vendor")
    def vendor(package, filename):
        if package not in PACKAGES:
            abort(404)
        return send_from_directory(PACKAGES[package], filename, max_age=CACHE_SECONDS)
