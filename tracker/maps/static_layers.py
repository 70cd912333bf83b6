"""The map's two static vector layers, served as cacheable files by the public views.

- The *basemap* (land, coastline, borders; ``tracker/geo/data/basemap.json``, made by
  ``tracker.geo.basemap_build``) ships with the app: the map reads as a map with no tile server
  (closed networks, or tiles off, the default of a bare install).
- The *boundaries* (governorate polygons the organisation imported with
  ``flask geo boundaries import``; ``tracker.geo.boundaries``) live in ``instance/``.

Each is read once per process and per version of the file (its modification time and size), kept
with its gzip form and a content hash: the page asks for ``...?v=<hash>``, so browsers and proxies
may keep it for a year, and a new file is a new address.
"""

import gzip
import hashlib
import threading
from dataclasses import dataclass
from pathlib import Path

from flask import Response, request, session

from tracker.geo.gazetteer import DATA_DIR

BASEMAP_PATH = DATA_DIR / "basemap.json"
LONG_CACHE = "public, max-age=31536000, immutable"
SHORT_CACHE = "public, max-age=300"  # an address without the version may change at any time


@dataclass(frozen=True)
class StaticLayer:
    stamp: tuple
    body: bytes
    gzipped: bytes
    etag: str


_lock = threading.Lock()
_loaded: dict[Path, StaticLayer] = {}


def load(path: Path) -> StaticLayer | None:
    """The file at ``path`` (cached until it changes), or None when there is none."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None
    stamp = (stat.st_mtime_ns, stat.st_size)
    with _lock:
        found = _loaded.get(path)
        if found is not None and found.stamp == stamp:
            return found
    layer = of_bytes(stamp, path.read_bytes())
    with _lock:
        _loaded[path] = layer
    return layer


def of_bytes(stamp: tuple, body: bytes) -> StaticLayer:
    """A file made in memory (``stamp``: what it was made from), kept as the layers are."""
    return StaticLayer(stamp, body, gzip.compress(body, 9, mtime=0), hashlib.sha256(body).hexdigest()[:16])


def version(path: Path) -> str | None:
    layer = load(path)
    return layer.etag if layer else None


def response(layer: StaticLayer, mimetype: str = "application/json") -> Response:
    """The layer (JSON unless told): 304 when the reader has it, gzip when the reader takes it."""
    versioned = request.args.get("v") == layer.etag
    if request.if_none_match.contains(layer.etag):
        out = Response(status=304)
    elif "gzip" in request.accept_encodings:
        out = Response(layer.gzipped, mimetype=mimetype)
        out.headers["Content-Encoding"] = "gzip"
    else:
        out = Response(layer.body, mimetype=mimetype)
    out.set_etag(layer.etag)
    out.headers["Vary"] = "Accept-Encoding"
    # A response that renews a staff member's session cookie must never be kept by a shared cache.
    cache = LONG_CACHE if versioned else SHORT_CACHE
    out.headers["Cache-Control"] = cache.replace("public", "private") if session.modified else cache
    return out
