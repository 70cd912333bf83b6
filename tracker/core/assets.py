"""Long-lived browser caching of the app's own files (``/static/``) and the vendored ones
(``/vendor/``): every address a page writes with ``url_for`` carries the file's content hash
(``?v=``), and an answer to an address with the current hash may be kept for a year without asking
again (``immutable``), so a returning visitor's browser does not even ask for them. A changed file
has a new address. An address without the hash, or with an old one, gets the current file with
the route's own, short rule.

These files, and the map's own (its script and stylesheet, basemap, boundaries), are the same for
everyone: their requests neither read nor write the visitor's session (``SharedFilesSession``).
Otherwise a visitor who chose a language, whose session cookie is sent anew with every answer,
would get a ``Set-Cookie`` and ``Vary: Cookie`` with each of them: answers a shared cache may not
keep, and that a browser asks for again once the cookie has changed.
"""

import hashlib
import threading
from pathlib import Path

from flask import Flask, request, session
from flask.sessions import SecureCookieSessionInterface
from werkzeug.security import safe_join

from tracker.core import vendor

LONG_CACHE = "public, max-age=31536000, immutable"
SHARED_PREFIXES = ("/static/", "/vendor/")
SHARED_PATHS = ("/map/public-map.js", "/map/public-map.css", "/map/basemap.json", "/map/boundaries.json")
_lock = threading.Lock()
_hashes: dict[str, tuple[tuple, str]] = {}  # path -> ((mtime, size), hash)


def file_hash(path: str | None) -> str | None:
    """The content hash of the file at ``path`` (read again only when it changes), or None."""
    if path is None:
        return None
    try:
        stat = Path(path).stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    stamp = (stat.st_mtime_ns, stat.st_size)
    with _lock:
        found = _hashes.get(path)
    if found is not None and found[0] == stamp:
        return found[1]
    digest = hashlib.sha256(Path(path).read_bytes()).hexdigest()[:16]
    with _lock:
        _hashes[path] = (stamp, digest)
    return digest


def _path(app: Flask, endpoint: str | None, values: dict) -> str | None:
    filename = values.get("filename")
    if not filename:
        return None
    if endpoint == "static":
        return safe_join(app.static_folder, filename)
    if endpoint == "vendor" and values.get("package") in vendor.PACKAGES:
        return safe_join(vendor.PACKAGES[values["package"]], filename)
    return None


def is_shared_file(path: str) -> bool:
    return path.startswith(SHARED_PREFIXES) or path in SHARED_PATHS


class SharedFilesSession(SecureCookieSessionInterface):
    """The cookie session, except for the shared files: an empty session, never saved."""

    def open_session(self, app, request):
        if is_shared_file(request.path):
            return self.session_class()
        return super().open_session(app, request)

    def save_session(self, app, session, response):
        if is_shared_file(request.path):
            return
        super().save_session(app, session, response)


def register(app: Flask) -> None:
    app.session_interface = SharedFilesSession()

    @app.url_defaults
    def _versioned(endpoint, values):
        if endpoint in ("static", "vendor") and "v" not in values:
            digest = file_hash(_path(app, endpoint, values))
            if digest:
                values["v"] = digest

    @app.after_request
    def _immutable(response):
        if request.endpoint not in ("static", "vendor") or response.status_code not in (200, 304):
            return response
        wanted = request.args.get("v")
        if wanted and wanted == file_hash(_path(app, request.endpoint, request.view_args or {})):
            # a response that renews a staff member's session cookie is never kept by a shared cache
            response.headers["Cache-Control"] = (
                LONG_CACHE.replace("public", "private", 1) if session.modified else LONG_CACHE
            )
        return response
