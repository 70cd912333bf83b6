"""Public pages (no login): the incident map at /, an incident's page, statistics, the Atom feed."""

from babel import Locale
from flask import Blueprint, Response, abort, current_app, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from markupsafe import Markup

from reports import charts
from reports.statistics import Scope, available_years, compute
from tracker.cases.queries import violation_labels
from tracker.cases.taxonomy import ROOT_CODES
from tracker.core import vendor
from tracker.core.vocab import PERPETRATOR_TYPES, label
from tracker.maps import build
from tracker.maps.groups import COLOURS, GROUPS, LABELS
from tracker.public import downloads, feeds, queries
from tracker.reports import queries as report_texts

blp = Blueprint("public", __name__)
SCRIPT_CACHE_SECONDS = 3600
FILTER_NAMES = ("year_from", "year_to", "violation_type", "country", "perpetrator_type")
_scripts: dict[tuple, str] = {}
_statistics_cache: dict[tuple, tuple] = {}
STATISTICS_KEPT = 8


def _lang() -> str:
    locale = get_locale()
    return locale.language if locale else "ar"


def _type_labels(lang: str) -> dict[str, str]:
    return {code: (ar if lang == "ar" else en) for code, (en, ar, _parent) in violation_labels().items()}


@blp.route("/")
def map_page():
    lang = _lang()
    names = Locale(lang).territories
    present = queries.countries()
    bounds = queries.year_bounds()
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
        "incident": url_for("public.incident_page", public_ref="REF"),
        "lang": lang,
        "types": types,
        "countries": {code: names.get(code, code) for code in present},
        "groups": {g: {"label": str(LABELS[g]), "colour": COLOURS[g]} for g in GROUPS},
        "order": list(GROUPS),
    }
    return render_template(
        "public/map.html", config=config, countries=config["countries"], bounds=bounds,
        root_types=[(code, types.get(code, code)) for code in ROOT_CODES],
        perpetrator_types=[(code, label(PERPETRATOR_TYPES, code, lang)) for code in PERPETRATOR_TYPES],
        groups=[(g, LABELS[g]) for g in GROUPS], full_downloads=downloads.describe(),
    )  # fmt: skip


@blp.route("/map/folium.js")
def folium_script():
    """The map object folium builds, as a script file (see tracker.maps.build for why)."""
    key = (vendor.tile_url(), current_app.config.get("MAP_TILE_ATTRIBUTION") or "")
    if key not in _scripts:
        _scripts[key] = build.script_for(
            *key, url_for("vendor", package="leaflet", filename="leaflet.js"),
            url_for("vendor", package="leaflet", filename="leaflet.css"),
        )  # fmt: skip
    response = Response(_scripts[key], mimetype="text/javascript")
    response.headers["Cache-Control"] = f"public, max-age={SCRIPT_CACHE_SECONDS}"
    return response


@blp.route("/incidents/<public_ref>")
def incident_page(public_ref: str):
    record = queries.public_incident(public_ref)
    if record is None:
        abort(404)
    lang = _lang()
    return render_template("public/incident.html", record=record, types=_type_labels(lang),
                           country_names=Locale(lang).territories,
                           evidence=queries.public_evidence(public_ref))  # fmt: skip


@blp.route("/statistics")
def statistics():
    """Counts by year, type and country: the numbers and charts of the yearly report (one code path)."""
    lang = _lang()
    years = available_years()
    try:
        year = int(request.args.get("year", years[0] if years else 0))
    except ValueError:
        abort(404)
    if not years or year not in years:
        year = years[0] if years else None
    stats, figures = _statistics(year, lang) if year else (None, [])
    texts = report_texts.texts(year, lang) if year else {}
    return render_template("public/statistics.html", stats=stats, year=year, years=years, charts=figures,
                           lang=lang, texts=texts, paragraphs=report_texts.paragraphs)  # fmt: skip


def _statistics(year: int, lang: str):
    """The year's figures and charts, kept until the public data changes (computing them for a
    year of a large registry takes seconds; the page is public)."""
    key = (queries.fingerprint(), year, lang)
    if key not in _statistics_cache:
        _statistics_cache[key] = _compute_statistics(year, lang)
        while len(_statistics_cache) > STATISTICS_KEPT:
            _statistics_cache.pop(next(iter(_statistics_cache)))
    return _statistics_cache[key]


def _compute_statistics(year: int, lang: str):
    stats = compute(Scope(year))
    figures = []
    if stats:
        ar = lang == "ar"
        countries = [(r["label_ar"] if ar else r["label_en"], r["count"]) for r in stats["countries"]["rows"]]
        by_country = charts.ranked_bars(_country_title(ar), countries[: charts.TOP_RANKED], lang)
        drawings = [d for d in charts.report_charts(stats, lang) if d[0] in ("years", "types")]
        drawings.append(("countries", _country_title(ar), by_country))
        figures = [
            (key, title, Markup(charts.to_svg(d, title, f"chart-{key}"))) for key, title, d in drawings
        ]
    return stats, figures


def _country_title(_ar: bool) -> str:
    return _("Incidents by country")


@blp.route("/feed.atom")
def feed():
    lang = _lang()
    response = Response(feeds.atom(queries.newest(), lang), mimetype="application/atom+xml")
    response.headers["Cache-Control"] = "private, max-age=300" if session.modified else "public, max-age=300"
    return response
