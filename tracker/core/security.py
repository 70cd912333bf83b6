"""Security at the edge of every request: refusing hostile input before any code sees it, the
``id`` URL converter, and security headers on every response.

The Content-Security-Policy allows no inline script and nothing from other origins; the API
documentation page additionally needs inline styles (Swagger UI sets style attributes).

Hostile input is refused here, once, with 400 (``BadRequest``, answered by the app's error
handler): a NUL character anywhere in the path, the query, form fields or JSON (PostgreSQL cannot
store one and its driver raises), JSON nested deeper than ``MAX_JSON_DEPTH`` or holding a lone
surrogate (not text: no database or encoder accepts it).
"""

import json

from flask import Flask, current_app, request, url_for
from flask_babel import gettext as _
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter

from tracker.core.errors import ApiError, default_message
from tracker.core.vendor import tile_origin
from tracker.extensions import api

MAX_JSON_DEPTH = 32
MAX_ID = 2**31 - 1  # PostgreSQL's integer; SQLite's is wider, the same limit holds everywhere


class IdConverter(IntegerConverter):
    """``<id:name>``: a record id, 1 to 2**31-1. Anything else is a 404 on every database,
    not a query the database refuses."""

    def __init__(self, map, **kwargs):
        super().__init__(map, min=1, max=MAX_ID, **kwargs)


def register_converters(app: Flask) -> None:
    """Before the blueprints: their rules are compiled with the converters known then."""
    app.url_map.converters["id"] = IdConverter
    api.register_converter(IdConverter, lambda _c: {"type": "integer", "minimum": 1, "maximum": MAX_ID})


def _bad_text(value: str) -> bool:
    if "\x00" in value:
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return True
    return False


def _check_json(value, path: tuple = ()) -> None:
    """Refuse the first string that is not text, naming its field (422, as the API's own
    validation does: ``{"errors": {"victims.0.journalist.name_ar": [...]}}``)."""
    if len(path) > MAX_JSON_DEPTH:
        raise BadRequest(_("The JSON is nested too deeply."))
    if isinstance(value, str):
        if _bad_text(value):
            field = ".".join(map(str, path)) or "_request"
            message = _("Contains characters that are not allowed.")
            raise ApiError(422, default_message(422), {field: [message]})
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_json(key, (*path, "_key"))
            _check_json(item, (*path, key if isinstance(key, str) and not _bad_text(key) else "_key"))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_json(item, (*path, index))


def refuse_hostile_input() -> None:
    """Runs before every request (before routing errors are raised, before any view)."""
    texts = [request.path, request.query_string.decode("latin-1")]
    texts += [v for pair in request.args.items(multi=True) for v in pair]
    if request.mimetype in ("application/x-www-form-urlencoded", "multipart/form-data"):
        texts += [v for pair in request.form.items(multi=True) for v in pair]
        texts += [f.filename or "" for f in request.files.values()]
    if any(_bad_text(t) for t in texts):
        raise BadRequest(_("The request contains characters that are not text."))
    if request.is_json and request.content_length != 0:
        data = request.get_data(cache=True)
        if not data:
            return
        try:
            parsed = json.loads(data)
        except RecursionError as exc:
            raise BadRequest(_("The JSON is nested too deeply.")) from exc
        except ValueError:
            return  # not JSON: the view's own parsing answers that
        _check_json(parsed)


BASE_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}
RELAXED_STYLE_PATHS = ("/api/v1/docs",)


def content_security_policy(path: str) -> str:
    policy = dict(BASE_CSP)
    if origin := tile_origin():  # map tiles, when a tile server is configured
        policy["img-src"] += " " + origin
    if path.startswith(RELAXED_STYLE_PATHS):
        policy["style-src"] = "'self' 'unsafe-inline'"
    return "; ".join(f"{key} {value}" for key, value in policy.items())


def site_url(endpoint: str, **values) -> str:
    """An absolute link: the configured ``SITE_URL`` and the route's path. The request's ``Host``
    header is the sender's to choose, so it never makes a link anyone else receives."""
    return current_app.config["SITE_URL"].rstrip("/") + url_for(endpoint, **values)


PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in ("camera", "microphone", "geolocation", "payment", "usb", "interest-cohort")
)
PUBLIC_PREFIXES = ("/static/", "/vendor/", "/api/public/", "/incidents/", "/statistics", "/feed.atom", "/map")


def is_staff_path(path: str) -> bool:
    """Pages only logged-in staff see (cases, admin, imports and internal downloads, the API)."""
    return path != "/" and not path.startswith(PUBLIC_PREFIXES) and path not in ("/healthz", "/readyz")


def register(app: Flask) -> None:
    app.before_request_funcs.setdefault(None, []).insert(0, refuse_hostile_input)

    @app.after_request
    def _security_headers(response):
        headers = response.headers
        headers.setdefault("Content-Security-Policy", content_security_policy(request.path))
        headers.setdefault("X-Content-Type-Options", "nosniff")
        headers.setdefault("X-Frame-Options", "DENY")
        headers.setdefault("Referrer-Policy", "no-referrer")
        headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        if request.path.startswith("/api/") or request.path.startswith("/auth/"):
            headers.setdefault("Cache-Control", "no-store")
        if is_staff_path(request.path) and not request.path.startswith("/api/public/"):
            headers["Cache-Control"] = "no-store"  # staff pages and internal downloads: never kept
        if app.config.get("SESSION_COOKIE_SECURE"):
            headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
        return response
