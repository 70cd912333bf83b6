"""Researcher pages under /cases: list and review queue, case form, case page with history."""

from urllib.parse import urlencode

from babel import Locale
from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import ValidationError
from sqlalchemy.orm.exc import StaleDataError

from reports.builds import organisation_name
from reports.dossier import render as render_dossier
from schemas.cases import IncidentInputSchema, IncidentQuerySchema
from tracker.audit.operations import Actor
from tracker.auth import permissions
from tracker.auth.decorators import role_required
from tracker.cases import dossier, forms, labels, operations, queries, visibility
from tracker.core.exceptions import NotAllowed, StaleVersion, ValidationFailed
from tracker.core.i18n import current_language, translate_errors
from tracker.core.templating import country_name
from tracker.core.transaction import transaction
from tracker.core.vendor import tile_url
from tracker.core.vocab import WORKFLOW_STATUS, label
from tracker.desk import queries as desk_queries
from tracker.evidence import queries as evidence_queries
from tracker.extensions import db
from tracker.geo import gazetteer, resolver
from tracker.geo.coarsen import public_point
from tracker.people.queries import journalist_names, journalists_named
from tracker.public import guard, redaction
from tracker.transfer.queries import duplicates_of
from tracker.transfer.report_text import REASONS as DUPLICATE_REASONS

blp = Blueprint("cases", __name__, url_prefix="/cases")
blp.context_processor(labels.template_helpers)
blp.add_app_template_filter(labels.describe, "describe")
blp.add_app_template_filter(labels.describe_field, "describe_field")

STAFF = permissions.STAFF_ROLES
WRITERS = permissions.WRITER_ROLES
PAGE_SIZE = 25
FILTER_KEYS = (
    "q", "year", "date_from", "date_to", "country", "admin1", "violation_type", "perpetrator_type",
    "workflow_status", "verification", "sort", "page",
)  # fmt: skip
REVIEW_STATUSES = ("in_review", "verified")


def _actor() -> Actor:
    return Actor(current_user._get_current_object(), "web")


def _filters(extra: dict | None = None) -> tuple[dict, dict]:
    """Query-string filters validated by the API's schema; bad ones are shown, not fatal."""
    raw = {k: v for k in FILTER_KEYS if (v := request.args.get(k, "").strip())}
    imported = _imported_range(request.args.get("imported", ""))
    if imported:  # "the cases my import created": a link after an import
        extra = {**(extra or {}), "id_range": imported, "created_by_id": current_user.id}
    try:
        filters = IncidentQuerySchema().load({**raw, "page_size": PAGE_SIZE})
    except ValidationError as exc:
        for field, messages in translate_errors(exc.messages).items():
            flash(f"{field}: {' '.join(map(str, messages))}", "error")
        filters = IncidentQuerySchema().load({"page_size": PAGE_SIZE})
        raw = {}
    filters.update(extra or {})
    tag = request.args.get("tag", "").strip()
    if tag.isdigit():  # tags live in tracker.desk; the list filters by them like any other filter
        raw["tag"] = tag
        filters["extra_conditions"] = [desk_queries.tag_condition(int(tag))]
    filters["protected_reader"] = permissions.protected_search_reader(current_user)
    if filters.get("admin1") and not resolver.admin1_codes(
        filters["admin1"], tuple(filters.get("country") or ())
    ):
        flash(
            _("No governorate called «%(name)s» is known in this country.", name=filters["admin1"]), "error"
        )
    return filters, raw


def _imported_range(text: str) -> tuple[int, int] | None:
    first, _dash, last = text.partition("-")
    if first.isdigit() and last.isdigit() and int(first) <= int(last):
        return int(first), int(last)
    return None


def _list_page(title: str, extra: dict | None = None, tabs=None):
    filters, raw = _filters(extra)
    rows, total = queries.list_incidents(filters, filters["page"], PAGE_SIZE)
    pages = max(1, -(-total // PAGE_SIZE))
    return render_template(
        "cases/index.html", title=title, rows=rows, total=total, page=filters["page"], pages=pages,
        raw=raw, labels=queries.violation_labels(), tabs=tabs, page_url=_page_url,
        tags=desk_queries.all_tags(), searches=desk_queries.saved_searches(current_user),
        colleagues=desk_queries.assignable_users(), bulk_filters=_bulk_filters(raw, extra or {}),
        case_countries=queries.countries_with_cases(),
    )  # fmt: skip


def _bulk_filters(raw: dict, extra: dict) -> str:
    """The query string that selects every case of this list ("all matching" in a bulk action),
    the page's own conditions (my drafts, a review tab) included."""
    query = {k: v for k, v in raw.items() if k not in ("page", "sort")}
    if extra.get("workflow_status"):
        query["workflow_status"] = ",".join(extra["workflow_status"])
    if extra.get("created_by_id"):
        query["mine"] = "1"
    return urlencode(query)


def _page_url(page: int) -> str:
    args = request.args.to_dict()
    args["page"] = page
    return url_for(request.endpoint, **args)


@blp.route("/")
@role_required(*STAFF)
def index():
    return _list_page(_("Cases"))


@blp.route("/mine")
@role_required(*WRITERS)
def my_drafts():
    return _list_page(_("My drafts"), {"created_by_id": current_user.id, "workflow_status": ["draft"]})


@blp.route("/review")
@role_required("editor", "admin")
def review():
    status = request.args.get("status", "in_review")
    if status not in REVIEW_STATUSES:
        status = "in_review"
    counts = queries.workflow_counts()
    tabs = [(s, counts.get(s, 0), s == status) for s in REVIEW_STATUSES]
    return _list_page(_("Review queue"), {"workflow_status": [status]}, tabs=tabs)


# --- the form --------------------------------------------------------------------------------


def _check_duplicate_people(values: dict) -> dict[str, list[str]]:
    """A new victim whose name is already recorded must be picked, or confirmed as someone else."""
    errors = {}
    for index, victim in enumerate(values["victims"]):
        if victim["journalist_id"] or victim["new_person"]:
            continue
        # a protected victim the user may not see is not offered (that would name them)
        hidden = queries.visible_journalist_conditions(permissions.protected_search_reader(current_user))
        matches = journalists_named(victim["name_ar"], victim["name_en"], extra_conditions=hidden)
        if matches:
            victim["matches"] = [(j.id, " / ".join(n for n in (j.name_ar, j.name_en) if n)) for j in matches]
            errors[f"victims-{index}-name_ar"] = [
                _(
                    "A journalist with this name is already recorded. Choose them below, or tick “a different person”."
                )
            ]
    return errors


def _validate(values: dict) -> tuple[dict | None, dict]:
    """The API's validation and the record's rules together, so every problem is shown in one
    round: the rules are checked on whatever part of the input the schema could read (a bad
    latitude does not hide an end date before the start date)."""
    payload = forms.payload_from_values(values)
    try:
        data, raw = IncidentInputSchema().load(payload), {}
    except ValidationError as exc:
        data, raw = exc.valid_data or {}, exc.messages
    errors = forms.flatten_errors(translate_errors(forms.humane_errors(raw)))
    journalist_ids = [v["journalist_id"] for v in data.get("victims") or [] if v.get("journalist_id")]
    rules = operations.invariant_errors({**data, "journalist_ids": journalist_ids,
                                         "title_ar": values["title_ar"], "title_en": values["title_en"],
                                         "violation_types": values["violation_types"]})  # fmt: skip
    if "latitude" in errors or "longitude" in errors:  # "give both" is noise next to a bad number
        rules.pop("latitude", None), rules.pop("longitude", None)
    if data.get("admin1") and "country" in data:
        try:
            operations.place_codes({"admin1": data["admin1"], "country": data["country"]})
        except ValidationFailed as exc:
            rules.update(exc.errors)
    for name, messages in forms.flatten_errors(rules).items():
        errors.setdefault(name, []).extend(m for m in messages if m not in errors.get(name, []))
    return (None if errors else data), errors


def _render_form(values: dict, errors: dict, incident=None, conflict=None, status=200):
    if errors:
        flash(_("The case was not saved. Please correct the fields marked below."), "error")
    return (
        render_template(
            "cases/form.html",
            v=values,
            errors=errors,
            summary=forms.error_summary(errors),
            summary_heading=forms.summary_heading(len(errors)),
            incident=incident,
            conflict=conflict,
            labels=queries.violation_labels(),
            tile_url=tile_url(),
        ),  # fmt: skip
        status,
    )


def _place_point(data: dict) -> None:
    """A case saved with a place but no point gets one from the offline gazetteer.

    Only when the answer is clear: an ambiguous name (طرابلس: Libya or Lebanon?) is never
    guessed; the case is saved without a point and the researcher is told to choose.
    """
    if data.get("latitude") is not None or not (data.get("locality") or data.get("admin1")):
        return
    found = resolver.lookup(data.get("locality"), data.get("admin1"), data.get("country"))
    lang = current_language()
    if found.ambiguous:
        choices = [_candidate_text(c, lang) for c in found.candidates[:4]]
        flash(_("Several places have this name: %(choices)s. The case is saved without a point; choose the place in the form.", choices=" / ".join(choices)), "error")  # fmt: skip
        return
    best = found.best
    if best is None or best.precision == "country":
        flash(_("The place was not found in the gazetteer; the case is saved without a point."), "info")
        return
    data.update(
        latitude=best.latitude, longitude=best.longitude, geo_precision=best.precision,
        geonames_id=best.geonames_id, geocode_source=best.source,
    )  # fmt: skip
    if not data.get("admin1") and best.admin1 is not None:
        data["admin1"] = best.admin1.code
    flash(_("Placed on the map from the gazetteer: %(place)s.", place=_candidate_text(best, lang)), "info")


def _candidate_text(candidate, lang: str) -> str:
    def pick(ar, en):
        return (ar or en) if lang == "ar" else (en or ar)

    admin = pick(candidate.admin1.name_ar, candidate.admin1.name_en) if candidate.admin1 else None
    parts = [pick(candidate.name_ar, candidate.name_en), admin, country_name(candidate.country)]
    separator = "، " if lang == "ar" else ", "
    return separator.join(dict.fromkeys(p for p in parts if p))


def _add_row(values: dict) -> bool:
    """'Add another' buttons (they work without JavaScript): one more blank row, nothing saved."""
    target = request.form.get("add_row", "")
    if not target:
        return False
    if target in ("victims", "perpetrators", "sources"):
        values[target].append({})
    elif target.startswith("events-") and target[7:].isdigit() and int(target[7:]) < len(values["victims"]):
        values["victims"][int(target[7:])]["events"].append({})
    return True


@blp.route("/new", methods=["GET", "POST"])
@role_required(*WRITERS)
def new():
    if request.method == "GET":
        return _render_form(forms.empty_values(), {})
    values = forms.values_from_form(request.form)
    if _add_row(values):
        return _render_form(values, {})
    data, errors = _validate(values)
    errors.update(_check_duplicate_people(values))
    if errors:
        return _render_form(values, errors, status=422)
    _place_point(data)
    try:
        with transaction():
            incident = operations.create_incident(data, _actor())
    except ValidationFailed as exc:
        return _render_form(values, forms.flatten_errors(exc.errors), status=422)
    flash(_("Case %(ref)s saved as a draft.", ref=incident.public_ref), "info")
    _flash_duplicates(incident)
    return redirect(url_for("cases.show", incident_id=incident.id))


def _duplicates(incident) -> list:
    """The possible duplicates this user may be shown (``visibility.duplicates``)."""
    matches = duplicates_of(incident)
    ids = [m.other.incident_id for m in matches if m.other.incident_id]
    return visibility.duplicates(current_user, incident, matches, queries.protection_of(ids))


def _flash_duplicates(incident) -> None:
    if _duplicates(incident):
        flash(_("This case looks like another recorded case: see “Possible duplicates” below."), "error")


def _incident_or_404(incident_id: int):
    incident = queries.get_incident(incident_id)
    if incident is None:
        abort(404)
    return incident


@blp.route("/<id:incident_id>/edit", methods=["GET", "POST"])
@role_required(*WRITERS)
def edit(incident_id):
    incident = _incident_or_404(incident_id)
    if not permissions.can_edit_incident(current_user, incident):
        abort(403)
    if request.method == "GET":
        return _render_form(forms.values_from_incident(incident), {}, incident)
    values = forms.values_from_form(request.form)
    if _add_row(values):
        return _render_form(values, {}, incident)
    data, errors = _validate(values)
    errors.update(_check_duplicate_people(values))
    if errors:
        return _render_form(values, errors, incident, status=422)
    expected = int(values["version"]) if values["version"].isdigit() else -1
    _place_point(data)
    try:
        with transaction():
            operations.update_incident(incident, data, _actor(), expected)
    except ValidationFailed as exc:
        return _render_form(values, forms.flatten_errors(exc.errors), incident, status=422)
    except (StaleVersion, StaleDataError):
        return _conflict(incident_id, values)
    flash(_("Changes saved."), "info")
    _flash_duplicates(incident)
    return redirect(url_for("cases.show", incident_id=incident_id))


def _conflict(incident_id: int, values: dict):
    """Someone saved first: show their version next to the researcher's, keep what was typed.

    The form now carries the current version, so saving again applies the researcher's values
    on top of the other person's; nothing is overwritten without them seeing it.
    """
    db.session.rollback()
    current = _incident_or_404(incident_id)
    saved = forms.values_from_incident(current)
    differences = [
        name
        for name in forms.SCALARS + ("violation_types", "is_confidential")
        if saved[name] != values.get(name)
    ]
    for name in ("perpetrators", "sources", "victims"):
        if len(saved[name]) != len(values[name]):
            differences.append(name)
    values["version"] = saved["version"]
    conflict = {"saved": saved, "fields": differences, "entries": queries.history(incident_id)[-3:]}
    flash(
        _("Someone else saved this case while you were editing it. Nothing of yours was saved yet."), "error"
    )
    return _render_form(values, {}, current, conflict=conflict, status=409)


# --- the case page ---------------------------------------------------------------------------


@blp.route("/<id:incident_id>")
@role_required(*STAFF)
def show(incident_id):
    incident = _incident_or_404(incident_id)
    moves = [s for s in WORKFLOW_STATUS if permissions.can_transition(current_user, incident, s)]
    entries = queries.history(incident_id)
    user = current_user._get_current_object()
    names = visibility.journalist_names(user, incident, journalist_names(_journalist_ids(entries)), entries)
    attachments = evidence_queries.attachments_of(incident_id)
    can_download = permissions.can_download_evidence(user, incident)
    return render_template(
        "cases/show.html", incident=incident, moves=moves, history=visibility.history(user, incident, entries),
        journalist_names=names, sees_protected=permissions.can_see_protected(user, incident),
        withheld_ids=visibility.withheld_ids(user, incident),
        can_edit=permissions.can_edit_incident(current_user, incident), labels=queries.violation_labels(),
        duplicates=_duplicates(incident), duplicate_reasons=DUPLICATE_REASONS,
        attachments=attachments, can_download=can_download,
        custody=evidence_queries.custody([a.id for a in attachments]) if can_download else {},
        can_attach=permissions.can_attach_evidence(user, incident),
        can_publish_evidence=permissions.can_publish_evidence(user),
        notes=desk_queries.notes_of(incident_id) if permissions.can_discuss(user, incident) else None,
        assignee=desk_queries.assignee_of(incident_id), case_tags=desk_queries.tags_of(incident_id),
        can_assign=permissions.can_assign(user, incident),
        colleagues=desk_queries.assignable_users() if permissions.can_assign(user, incident) else [],
    )  # fmt: skip


def _journalist_ids(entries) -> set[int]:
    ids = set()
    for entry in entries:
        for before, after in (entry.changes.get("victims") or [[], []],):
            for victim in (before or []) + (after or []):
                if isinstance(victim, dict) and victim.get("journalist_id"):
                    ids.add(victim["journalist_id"])
    return ids


@blp.route("/<id:incident_id>/publish")
@role_required("editor", "admin")
def publish(incident_id):
    """Publishing is confirmed here: the record exactly as the public will receive it (built by
    ``redaction.public_record``, as the public pages do), and what the guard found, if anything."""
    incident = _incident_or_404(incident_id)
    if not permissions.can_transition(current_user, incident, "published"):
        abort(403)
    lang = current_language()
    record = redaction.public_record(incident, public_point(incident, gazetteer.get()), preview=True)
    findings, protected_elsewhere = guard.publish_findings(incident)  # what check_publishable refuses on
    return render_template(
        "cases/publish.html", incident=incident, record=record, findings=findings,
        protected_elsewhere=protected_elsewhere,
        types=_type_labels(lang),
        country_names=Locale(lang).territories,
    )  # fmt: skip


def _type_labels(lang: str) -> dict[str, str]:
    labels_by_code = queries.violation_labels()  # code -> (English, Arabic, parent)
    return {code: (ar if lang == "ar" else en) for code, (en, ar, _parent) in labels_by_code.items()}


@blp.route("/<id:incident_id>/transition", methods=["POST"])
@role_required(*WRITERS)
def transition(incident_id):
    incident = _incident_or_404(incident_id)
    to_status = request.form.get("to", "")
    note = (request.form.get("note") or "").strip()[:500] or None
    version = request.form.get("version", "")
    if to_status not in WORKFLOW_STATUS or not permissions.can_transition(current_user, incident, to_status):
        abort(403)
    if to_status == "published" and request.form.get("confirm") != "1":
        return redirect(url_for("cases.publish", incident_id=incident_id))  # only from the confirmation
    if incident.workflow_status == "published" and not note:
        flash(_("Say why the case is withdrawn from the public."), "error")
        return redirect(url_for("cases.show", incident_id=incident_id))
    try:
        with transaction():
            operations.transition_incident(
                incident, to_status, _actor(), note=note,
                expected_version=int(version) if version.isdigit() else None,
            )  # fmt: skip
    except (StaleVersion, StaleDataError):
        flash(_("Someone else changed this case in the meantime. Check it and try again."), "error")
    except ValidationFailed as exc:
        for messages in forms.flatten_errors(translate_errors(exc.errors)).values():
            for message in messages:
                flash(message, "error")
    except NotAllowed:
        abort(403)
    else:
        flash(_("Status changed to: %(status)s", status=_status_label(to_status)), "info")
    return redirect(url_for("cases.show", incident_id=incident_id))


def _status_label(code: str) -> str:
    return label(WORKFLOW_STATUS, code, current_language())


@blp.route("/<id:incident_id>/dossier.pdf")
@role_required(*STAFF)
def dossier_pdf(incident_id):
    """The internal dossier, as the reader may see the case (audited: it may hold protected data)."""
    incident = _incident_or_404(incident_id)
    lang = request.args.get("lang") if request.args.get("lang") in ("ar", "en") else current_language()
    data = dossier.internal_dossier(current_user._get_current_object(), incident, lang)
    with transaction():
        operations.record_dossier(incident, _actor(), lang)
    pdf = render_dossier(data, organisation_name(current_app.config, lang))
    name = f"{incident.public_ref}-dossier-internal-{lang}.pdf"
    return Response(
        pdf, mimetype="application/pdf", headers={"Content-Disposition": f'attachment; filename="{name}"'}
    )
