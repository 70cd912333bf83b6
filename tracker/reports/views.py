"""/reports: the statistics of published cases for a year (anyone), public PDF editions to
download, and for editors and admins the building and download of both editions."""

import io
import re
from datetime import date

from babel import Locale
from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask_babel import format_decimal, get_locale
from flask_babel import gettext as _
from flask_login import current_user
from markupsafe import Markup

from reports import builds, charts
from reports.statistics import Scope, available_countries, available_years, compute
from tracker.admin.queries import organisation_logo
from tracker.audit.operations import Actor
from tracker.auth import permissions
from tracker.core.transaction import transaction
from tracker.core.vocab import COUNTRY_CODES
from tracker.jobs import operations as job_operations
from tracker.public import files as public_files
from tracker.reports import operations, queries
from tracker.reports.forms import BuildReportForm
from tracker.reports.models import TEXT_KINDS

blp = Blueprint("reports", __name__, url_prefix="/reports")
LANGS = ("ar", "en")
FILE_NAME = re.compile(r"^report-(\d{4})-([A-Z]{2}|all)-(public|internal)-(ar|en)\.pdf$")
REFRESH_SECONDS = 5


@blp.app_template_filter("number")
def number_filter(value) -> str:
    return "–" if value is None else format_decimal(value)


@blp.app_template_filter("percent")
def percent_filter(value) -> str:
    return "–" if value is None else format_decimal(value, format="0.0") + "%"


@blp.app_template_filter("signed_percent")
def signed_percent_filter(value) -> Markup:
    """Isolated left-to-right, or an Arabic page shows "+12%" as "12%+"."""
    if value is None:
        return Markup("–")
    text = ("+" if value > 0 else "") + format_decimal(value, format="0.0") + "%"
    return Markup('<bdi dir="ltr">%s</bdi>') % text


def unit_label(unit: str) -> str:
    return {"incidents": _("incidents"), "victims": _("victims"), "violations": _("violations")}.get(
        unit, unit
    )


def _year_and_country() -> tuple[int, str | None]:
    country = (request.values.get("country") or "").upper() or None
    if country not in COUNTRY_CODES:
        country = None
    try:
        year = int(request.values.get("year", ""))
    except ValueError:
        year = date.today().year - 1
    return max(1900, min(year, 2999)), country


def _files(year: int, country: str | None, editor: bool) -> list[dict]:
    files = []
    for edition in ("public", "internal") if editor else ("public",):
        for lang in LANGS:
            scope = Scope(year, country, edition)
            status = builds.status(current_app, scope, lang)
            if builds.public_state(scope, lang) == "withdrawn":
                status["state"] = "withdrawn"  # a case in it left the public: not served until rebuilt
            elif scope.public and status["state"] == "ready" and builds.public_state(scope, lang) != "ready":
                status["state"] = "missing"  # a file of unknown content is not offered
            files.append({"edition": edition, "lang": lang, **status})
    return files


@blp.route("/")
def index():
    year, country = _year_and_country()
    lang = get_locale().language if get_locale() else "ar"
    editor = permissions.can_read_internal_report(current_user)
    stats = compute(Scope(year, country, "public"))
    figures = [
        (key, title, Markup(charts.to_svg(drawing, title, f"chart-{key}")))
        for key, title, drawing in charts.report_charts(stats, lang)
    ]
    files = _files(year, country, editor)
    building = any(f["state"] == "building" for f in files)
    return render_template(
        "reports/index.html", stats=stats, charts=figures, files=files, year=year, country=country,
        years=available_years(), countries=available_countries(), editor=editor, lang=lang,
        refresh=REFRESH_SECONDS if building else None, form=BuildReportForm(),
        country_names=Locale(lang).territories, unit_label=unit_label,
        texts=queries.texts(year, lang), paragraphs=queries.paragraphs,
    )  # fmt: skip


def _text_titles() -> dict[str, str]:
    return {
        "foreword": _("Foreword"), "key_findings": _("Key findings"), "recommendations": _("Recommendations"),
        "contact": _("Contact"), "citation": _("How to cite this report"), "licence": _("Licence"),
    }  # fmt: skip


@blp.route("/texts", methods=["GET", "POST"])
def texts():
    """Editors write the report's own words for a year and language (saved, audited, versioned)."""
    if not permissions.can_read_internal_report(current_user):
        abort(403)
    year, _country = _year_and_country()
    lang = request.values.get("lang") if request.values.get("lang") in LANGS else "ar"
    status = 200
    if request.method == "POST":
        actor = Actor(current_user._get_current_object(), "web")
        try:
            with transaction():
                for kind in TEXT_KINDS:
                    if kind not in request.form:
                        continue
                    version = request.form.get(f"{kind}_version", type=int)
                    operations.save_text(year, lang, kind, request.form[kind], actor, version)
        except operations.StaleText:
            flash(
                _("Someone else saved these texts meanwhile: nothing was saved. Here are their texts."),
                "error",
            )
            status = 409
        else:
            flash(_("Saved."), "info")
            return redirect(url_for("reports.texts", year=year, lang=lang))
    saved = queries.texts(year, lang)
    return render_template(
        "reports/texts.html", year=year, lang=lang, kinds=TEXT_KINDS, titles=_text_titles(), texts=saved,
        versions=queries.versions(year, lang),
    ), status  # fmt: skip


@blp.route("/preview")
def preview():
    """The report as HTML, from the same data as the PDF, for editors to read before building."""
    if not permissions.can_read_internal_report(current_user):
        abort(403)
    year, country = _year_and_country()
    lang = request.values.get("lang") if request.values.get("lang") in LANGS else "ar"
    edition = "internal" if request.values.get("edition") == "internal" else "public"
    stats = compute(Scope(year, country, edition))
    return render_template(
        "reports/preview.html", stats=stats, year=year, lang=lang, edition=edition, texts=queries.texts(year, lang),
        paragraphs=queries.paragraphs, titles=_text_titles(), unit_label=unit_label,
        country_names=Locale(lang).territories,
    )  # fmt: skip


@blp.route("/build", methods=["POST"])
def build():
    if not permissions.can_read_internal_report(current_user):
        abort(403)
    form = BuildReportForm()
    if not form.validate_on_submit():
        abort(400)
    scope = Scope(form.year.data, form.country.data or None, form.edition.data)
    # A job (tracker.jobs.kinds.report_build): one build of one file at a time.
    params = {"year": scope.year, "country": scope.country, "edition": scope.edition, "lang": form.lang.data}
    with transaction():
        job = job_operations.enqueue("report.build", params, user=current_user._get_current_object(),
                                     dedupe_key=f"report:{builds.file_name(scope, form.lang.data)}")  # fmt: skip
    flash(_("The report is being built. This page refreshes until it is ready."), "info")
    return redirect(url_for("jobs.show", job_id=job.id))


@blp.route("/logo.png")
def logo():
    """The organisation's logo (public: it is printed on the public report's cover)."""
    data = organisation_logo()
    if data is None:
        abort(404)
    response = send_file(io.BytesIO(data), mimetype="image/png", max_age=24 * 3600)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@blp.route("/download/<name>")
def download(name: str):
    match = FILE_NAME.match(name)
    if not match:
        abort(404)
    edition = match.group(3)
    if edition == "internal" and not permissions.can_read_internal_report(current_user):
        abort(404)  # do not even confirm that an internal edition exists
    path = builds.reports_dir(current_app) / name
    if not path.is_file():
        abort(404)
    if edition == "public" and not public_files.may_serve("report", name):
        abort(410)  # withdrawn: a case in it left the public (or its content is not recorded)
    response = send_file(path, mimetype="application/pdf", as_attachment=True, download_name=name, max_age=0)
    if edition == "internal":
        response.headers["Cache-Control"] = "no-store"
    return response
