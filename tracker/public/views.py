"""Public pages (no login): the incident map at /, an incident's page, statistics, the Atom feed."""

import threading
from pathlib import Path

from babel import Locale
from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from reports.dossier import render as render_dossier
from tracker.admin.queries import organisation_logo_sha256, organisation_name
from tracker.cases.dossier import public_dossier
from tracker.cases.queries import violation_labels
from tracker.cases.taxonomy import ROOT_CODES
from tracker.core import http_cache, vendor
from tracker.core.vocab import PERPETRATOR_TYPES, label
from tracker.geo import boundaries
from tracker.maps import build, prepared, static_layers
from tracker.maps.groups import COLOURS, GROUPS, LABELS
from tracker.public import downloads, feeds, queries
from tracker.reports import queries as report_texts

blp = Blueprint("public", __name__)
FILTER_NAMES = ("year_from", "year_to", "violation_type", "country", "perpetrator_type")
_bundles: dict[str, static_layers.StaticLayer] = {}  # "js" / "css" -> the last one made
_bundles_lock = threading.Lock()
# ETag, Last-Modified, 304 and Cache-Control for every page (a visitor's language choice is kept
# in the session cookie, so pages vary on it too)
http_cache.cache_public(blp, prepared.http_version, vary="Accept-Language, Cookie")


def _lang() -> str:
    locale = get_locale()
    return locale.language if locale else "ar"


def _type_labels(lang: str) -> dict[str, str]:
    return {code: (ar if lang == "ar" else en) for code, (en, ar, _parent) in violation_labels().items()}


@blp.route("/")
def map_page():
    lang = _lang()
    names = Locale(lang).territories
    snapshot = prepared.current()  # read when public data last changed, not per visit
    present, bounds = snapshot.countries, snapshot.year_bounds
    types = _type_labels(lang)
    # The clusters of the first view are fetched for the whole world at the first zoom, with the
    # filters of the address: the page announces that URL in <head> (preload), so the browser
    # asks for it while it is still loading Leaflet.
    filters = {k: v for k, v in request.args.items() if k in FILTER_NAMES and v}
    initial = url_for("public_api.map_clusters", **filters, bbox="-180,-90,180,90", zoom=build.ZOOM)
    config = {
        "initial": initial,
        "api": url_for("public_api.map_clusters"),
        "stack": url_for("public_api.map_stack"),
        "areas": url_for("public_api.map_areas"),
        "basemap": _layer_url("public.basemap", static_layers.BASEMAP_PATH),
        "boundaries": _layer_url("public.admin1_boundaries", boundaries.path()),
        "incident": url_for("public.incident_page", public_ref="REF"),
        "lang": lang,
        "units": {"m": _("m"), "km": _("km")},  # the scale bar's units
        "types": types,
        "countries": {code: names.get(code, code) for code in present},
        "groups": {g: {"label": str(LABELS[g]), "colour": COLOURS[g]} for g in GROUPS},
        "order": list(GROUPS),
    }
    return render_template(
        "public/map.html", config=config, countries=config["countries"], bounds=bounds,
        script=url_for("public.map_script", v=_bundle("js").etag),
        style=url_for("public.map_style", v=_bundle("css").etag),
        root_types=[(code, types.get(code, code)) for code in ROOT_CODES],
        perpetrator_types=[(code, label(PERPETRATOR_TYPES, code, lang)) for code in PERPETRATOR_TYPES],
        groups=[(g, LABELS[g]) for g in GROUPS], filters=filters, full_downloads=downloads.describe(),
    )  # fmt: skip


def _layer_url(endpoint: str, path) -> str | None:
    """The versioned address of a static map layer, or None when there is no such file."""
    version = static_layers.version(path)
    return url_for(endpoint, v=version) if version else None


@blp.route("/map/basemap.json")
def basemap():
    """Land, coastline and borders drawn under the incidents (no tile server needed)."""
    layer = static_layers.load(static_layers.BASEMAP_PATH)
    if layer is None:
        abort(404)
    return static_layers.response(layer)


@blp.route("/map/boundaries.json")
def admin1_boundaries():
    """The governorate polygons the organisation imported (404 when none are)."""
    layer = static_layers.load(boundaries.path())
    if layer is None:
        abort(404)
    return static_layers.response(layer)


@blp.route("/map/public-map.js")
def map_script():
    """The map page's one script: Leaflet, folium's map object, the page's own (``build``)."""
    return static_layers.response(_bundle("js"), "text/javascript")


@blp.route("/map/public-map.css")
def map_style():
    """The map page's own stylesheet: Leaflet's and the page's."""
    return static_layers.response(_bundle("css"), "text/css")


def _bundle(kind: str) -> static_layers.StaticLayer:
    """Made once per process, and again when a file it is made of or the tile settings change."""
    leaflet, static = Path(vendor.PACKAGES["leaflet"]), Path(current_app.static_folder)
    tiles = (vendor.tile_url(), current_app.config.get("MAP_TILE_ATTRIBUTION") or "")
    stamp = (*tiles, request.script_root, build.sources(leaflet, static))
    with _bundles_lock:
        found = _bundles.get(kind)
    if found is not None and found.stamp == stamp:
        return found
    if kind == "js":
        script = build.script_for(*tiles, url_for("vendor", package="leaflet", filename="leaflet.js"),
                                  url_for("vendor", package="leaflet", filename="leaflet.css"))  # fmt: skip
        body = build.bundle_script(leaflet, static, script)
    else:
        body = build.bundle_style(
            leaflet, static, lambda name: url_for("vendor", package="leaflet", filename=name)
        )
    found = static_layers.of_bytes(stamp, body)
    with _bundles_lock:
        _bundles[kind] = found
    return found


@blp.route("/incidents/<public_ref>")
def incident_page(public_ref: str):
    record = queries.public_incident(public_ref)
    if record is None:
        abort(404)
    lang = _lang()
    return render_template("public/incident.html", record=record, types=_type_labels(lang),
                           country_names=Locale(lang).territories,
                           evidence=queries.public_evidence(public_ref))  # fmt: skip


@blp.route("/incidents/<public_ref>/dossier.pdf")
def incident_dossier(public_ref: str):
    """The public dossier of a public case: made from its public record only."""
    lang = request.args.get("lang") if request.args.get("lang") in ("ar", "en") else _lang()
    data = public_dossier(public_ref, lang)
    if data is None:
        abort(404)
    pdf = render_dossier(data, organisation_name(lang, current_app.config))
    name = f"{data['public_ref']}-dossier-{lang}.pdf"
    return Response(
        pdf, mimetype="application/pdf", headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )


@blp.route("/statistics")
def statistics():
    """Counts by year, type and country: the numbers and charts of the yearly report (one code
    path), prepared when public data changes (``tracker.maps.prepared``)."""
    lang = _lang()
    snapshot = prepared.current()
    years = snapshot.years
    try:
        year = int(request.args.get("year", years[0] if years else 0))
    except ValueError:
        abort(404)
    if not years or year not in years:
        year = years[0] if years else None
    stats, figures = snapshot.year(year, lang) if year else (None, [])
    texts = report_texts.texts(year or 0, lang)  # without a year: the organisation's texts only
    organisation = {"name": organisation_name(lang, current_app.config), "logo": organisation_logo_sha256()}
    return render_template("public/statistics.html", stats=stats, year=year, years=years, charts=figures,
                           lang=lang, texts=texts, paragraphs=report_texts.paragraphs,
                           organisation=organisation)  # fmt: skip


@blp.route("/feed.atom")
def feed():
    lang = _lang()
    response = Response(feeds.atom(queries.newest(), lang), mimetype="application/atom+xml")
    return response
