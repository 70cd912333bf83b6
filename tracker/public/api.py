"""The public, read-only API under /api/public/v1: anyone may read it, from any site (CORS), within
a rate limit. Every answer is built from ``tracker.public.queries`` (redacted records only) and
carries an ETag and cache headers derived from the prepared data's version
(``tracker.core.http_cache``); a repeated request with ``If-None-Match`` is answered before any work.
"""

import contextvars

from flask import Blueprint, Response, current_app, request, send_file, url_for
from flask_babel import gettext as _

from tracker.core import http_cache, sqlite
from tracker.core.errors import ApiError, field_error, handle_http_exception
from tracker.extensions import csrf, limiter
from tracker.maps import index, prepared
from tracker.public import downloads, formats, openapi, queries

blp = Blueprint("public_api", __name__, url_prefix="/api/public/v1")
csrf.exempt(blp)
PAGE_SIZE_DEFAULT = 50
PAGE_SIZE_MAX = 500


def _rate_limit() -> str:
    return current_app.config["PUBLIC_API_RATE_LIMIT"]


# One limit per address across every public endpoint (a limit per endpoint gave each address
# as many times the limit as there are endpoints).
limiter.shared_limit(_rate_limit, scope="public_api")(blp)


def _Invalid(field: str) -> ApiError:  # noqa: N802  (raised like an exception class)
    return field_error(400, field)


@blp.errorhandler(queries.BadFilter)
def _invalid(error):
    """A bad filter: the app-wide error answer (tracker.core.errors), in the reader's language."""
    return handle_http_exception(field_error(400, str(error)))


@blp.after_request
def _headers(response: Response) -> Response:
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
    response.headers["Access-Control-Expose-Headers"] = "ETag, Link, X-Total-Count, X-Total-Count-Estimated"
    return response


# ETag, Last-Modified, 304 and Cache-Control (public for anonymous readers, never for staff)
http_cache.cache_public(blp, prepared.http_version, vary="Accept-Language")


def _cached(build) -> Response:
    """``build()`` -> response (the conditional answer is given by ``http_cache`` first)."""
    return current_app.make_response(build())


def _float(name: str, low: float, high: float) -> float:
    try:
        value = float(request.args[name])
    except (KeyError, ValueError):
        raise _Invalid(name) from None
    if not low <= value <= high:
        raise _Invalid(name)
    return value


def _bbox() -> tuple[float, float, float, float]:
    try:
        west, south, east, north = (float(v) for v in request.args.get("bbox", "-180,-90,180,90").split(","))
    except ValueError:
        raise _Invalid("bbox") from None
    west, east = max(-180.0, west), min(180.0, east)
    south, north = max(-90.0, south), min(90.0, north)
    if west > east or south > north:
        raise _Invalid("bbox")
    return west, south, east, north


def _int(name: str, default: int, low: int, high: int) -> int:
    raw = request.args.get(name)
    if raw in (None, ""):
        return default
    try:
        value = int(raw)
    except ValueError:
        raise _Invalid(name) from None
    if not low <= value <= high:
        raise _Invalid(name)
    return value


def _json(data) -> Response:
    return current_app.response_class(formats.compact_json(data), mimetype="application/json")


def _json_with_items(items: list[str], rest: dict) -> Response:
    """``{"items": [...], **rest}`` (``rest`` not empty) whose items are JSON texts already
    (``queries.record_texts``)."""
    text = '{"items":[' + ",".join(items) + "]," + formats.compact_json(rest)[1:]
    return current_app.response_class(text, mimetype="application/json")


@blp.route("/openapi.json")
def openapi_document():
    """This API described in OpenAPI 3 (what each endpoint takes and answers)."""
    return _json(openapi.document())


@blp.route("/datapackage.json")
def datapackage():
    """The Frictionless data package descriptor of the public CSV."""
    return _json(formats.datapackage(url_for(".incidents_csv", _external=True)))


@blp.route("/map")
def map_clusters():
    """Clusters (count, expansion zoom) and single incidents (popup fields) of one view."""
    filters = queries.parse_filters(request.args)
    bbox, zoom = _bbox(), _int("zoom", 4, 0, index.MAX_ZOOM + 1)
    return _cached(lambda: _json(index.clusters(filters, bbox, min(zoom, index.MAX_ZOOM))))


@blp.route("/map/stack")
def map_stack():
    """The incidents drawn at one public place (a cluster that no zoom level splits)."""
    filters = queries.parse_filters(request.args)
    lat, lon = _float("lat", -90, 90), _float("lon", -180, 180)
    group = request.args.get("group")
    return _cached(lambda: _json(index.stack(filters, lat, lon, group)))


@blp.route("/map/areas")
def map_areas():
    """Incident counts per country and per governorate (at the public precision)."""
    filters = queries.parse_filters(request.args)
    return _cached(lambda: _json(index.areas(filters)))


@blp.route("/incidents")
def incidents():
    """Public incidents, newest first: by page number (``page``) or after a cursor (``after``,
    the ``next_cursor`` of the page before: the same cost wherever it is in the list). ``total``
    is exact up to a threshold, an estimate above it (``total_is_estimate``)."""
    filters = queries.parse_filters(request.args)
    page_size = _int("page_size", PAGE_SIZE_DEFAULT, 1, PAGE_SIZE_MAX)
    after = queries.decode_cursor(request.args["after"]) if "after" in request.args else None
    if after is not None and "page" in request.args:
        raise _Invalid("page")
    page = _int("page", 1, 1, 10**6)

    def build():
        kept_under = prepared.http_version()[0]  # records are kept under the answers' version
        if after is not None:
            items, cursor = queries.page_after(filters, after, page_size, kept_under)
        else:
            items, cursor = queries.page_of_records(filters, page, page_size, kept_under)
        total, estimated = queries.count_public(filters)
        args = {k: v for k, v in request.args.items() if k not in ("page", "page_size", "after")}
        links = {}
        if cursor is not None:
            links["next"] = (url_for(".incidents", after=cursor, page_size=page_size, **args) if after is not None
                             else url_for(".incidents", page=page + 1, page_size=page_size, **args))  # fmt: skip
            links["next_after"] = url_for(".incidents", after=cursor, page_size=page_size, **args)
        if after is None and page > 1:
            links["prev"] = url_for(".incidents", page=page - 1, page_size=page_size, **args)
        response = _json_with_items(items, {"page": page if after is None else None, "page_size": page_size,
                                            "total": total, "total_is_estimate": estimated, "next_cursor": cursor,
                                            "links": links})  # fmt: skip
        response.headers["X-Total-Count"] = str(total)
        if estimated:
            response.headers["X-Total-Count-Estimated"] = "true"
        if links:
            response.headers["Link"] = ", ".join(
                f'<{url}>; rel="{rel}"' for rel, url in links.items() if rel in ("next", "prev")
            )
        return response

    return _cached(build)


@blp.route("/incidents/<public_ref>")
def incident(public_ref: str):
    def build():
        record = queries.public_incident(public_ref)
        if record is None:
            raise field_error(404, "public_ref", _("Not found."))
        return _json(record)

    return _cached(build)


def download(fmt: str, filters: dict) -> Response:
    """The public records of ``filters`` as a file (``formats.DOWNLOADS``), streamed: generated
    piece by piece as the records are read, after the request's context is gone (``_streamed``)."""
    write, media_type = formats.DOWNLOADS[fmt]
    body = _streamed(current_app._get_current_object(), lambda: write(queries.iter_records(filters)))
    response = Response(body, content_type=media_type)
    response.headers["Content-Disposition"] = f'attachment; filename="incidents.{fmt}"'
    return response


def _streamed(app, pieces):
    """``pieces()``'s output, generated in an application context of its own (a database
    session of its own, reading only: no SQLite write lock for the minutes of a large file).
    That context lives in a ``contextvars.Context`` of its own, entered for each piece: the
    server may read the body, or close it when the visitor leaves, from any context, and no
    context is left pushed between two pieces."""
    own = contextvars.Context()

    def generate():
        with app.app_context(), sqlite.reading():
            yield from pieces()

    inner = own.run(generate)
    try:
        while True:
            try:
                piece = own.run(next, inner)
            except StopIteration:
                return
            yield piece
    finally:
        own.run(inner.close)


@blp.route("/incidents.csv", defaults={"fmt": "csv"}, endpoint="incidents_csv")
@blp.route("/incidents.geojson", defaults={"fmt": "geojson"}, endpoint="incidents_geojson")
@blp.route("/incidents.json", defaults={"fmt": "json"}, endpoint="incidents_json")
@blp.route("/incidents.xlsx", defaults={"fmt": "xlsx"}, endpoint="incidents_xlsx")
def incidents_download(fmt: str):
    """Every public record of the filters, in the flat form (CSV, XLSX) or as records (JSON,
    GeoJSON). Without filters: the prepared file when a build may be served (static: ETag,
    Last-Modified, ranges, gzip); otherwise streamed from the database (bounded memory)."""
    filters = queries.parse_filters(request.args)
    if not filters:
        build = downloads.ready()
        if build is not None and downloads.path(build, fmt).is_file():
            return _prepared(build, fmt)
    return _cached(lambda: download(fmt, filters))


def _prepared(build, fmt: str) -> Response:
    """A prepared full download as a static file; its gzip copy for a client that takes gzip
    and asks for the whole file (a range is a range of the file itself)."""
    packed = (fmt in downloads.COMPRESSED and request.range is None
              and "gzip" in request.accept_encodings and downloads.path(build, fmt, True).is_file())  # fmt: skip
    response = send_file(
        downloads.path(build, fmt, packed), mimetype=formats.DOWNLOADS[fmt][1], as_attachment=True,
        download_name=downloads.file_name(fmt), conditional=True, etag=True, last_modified=build.built_at,
        max_age=http_cache.MAX_AGE,
    )  # fmt: skip
    response.headers["Content-Type"] = formats.DOWNLOADS[fmt][1]  # as given (send_file adds a charset)
    if packed:
        response.headers["Content-Encoding"] = "gzip"
    response.vary.add("Accept-Encoding")
    return response
