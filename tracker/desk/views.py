"""The staff desk (/desk): the dashboard staff land on after logging in, notifications, and the
forms that write notes, assignments, tags, saved searches and bulk actions on the case list."""

from urllib.parse import parse_qsl, urlencode

import sqlalchemy as sa
from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from marshmallow import ValidationError

from schemas.cases import StatusEventInputSchema
from tracker.audit.operations import Actor
from tracker.auth import permissions
from tracker.auth.decorators import role_required
from tracker.auth.models import User
from tracker.cases import queries as case_queries
from tracker.cases.models import Incident
from tracker.core.exceptions import NotAllowed, StaleVersion, ValidationFailed
from tracker.core.i18n import current_language, translate_errors
from tracker.core.transaction import transaction
from tracker.desk import operations, queries
from tracker.extensions import db
from tracker.jobs import operations as job_operations
from tracker.transfer import exports

blp = Blueprint("desk", __name__, url_prefix="/desk")
STAFF = permissions.STAFF_ROLES
WRITERS = permissions.WRITER_ROLES


def _actor() -> Actor:
    return Actor(current_user._get_current_object(), "web")


def _flash_errors(exc: ValidationFailed) -> None:
    for messages in translate_errors(exc.errors).values():
        for message in messages:
            flash(str(message), "error")


@blp.app_context_processor
def unread_notifications():
    """The header's badge: how many notifications the user has not read."""

    def count() -> int:
        if not getattr(current_user, "is_authenticated", False):
            return 0
        return queries.unread_count(current_user)

    return {"unread_notifications": count}


@blp.route("/")
@role_required(*STAFF)
def index():
    user, lang = current_user._get_current_object(), current_language()
    held = queries.held_today()  # decided once for both lists: the slow part of the page
    follow_ups = queries.follow_ups(user, lang, held=held)
    shown = follow_ups[: queries.FOLLOW_UP_LIMIT]
    return render_template(
        "desk/index.html",
        drafts=queries.my_drafts(user), sent_back=queries.sent_back(user),
        review=queries.waiting_for_review(user), assigned=queries.assigned_to(user),
        follow_ups=shown, follow_ups_total=len(follow_ups), follow_up_days=queries.follow_up_days(),
        editable=queries.editable_versions(user, [p.incident_id for p in shown]),
        anniversaries=queries.anniversaries(user, lang, held=held), trials=queries.trials(user, lang),
        counts=queries.workflow_counts(), searches=queries.saved_searches(user),
    )  # fmt: skip


# --- notifications ---------------------------------------------------------------------------


@blp.route("/notifications")
@role_required(*STAFF)
def notifications():
    return render_template("desk/notifications.html", rows=queries.notifications_of(current_user))


@blp.route("/notifications/<int:notification_id>", methods=["POST"])
@role_required(*STAFF)
def open_notification(notification_id):
    notification = queries.notification_of(current_user, notification_id)
    if notification is None:
        abort(404)
    with transaction():
        operations.mark_read(current_user, [notification_id])
    if notification.incident_id:
        return redirect(url_for("cases.show", incident_id=notification.incident_id))
    return redirect(url_for("desk.notifications"))


@blp.route("/notifications/read", methods=["POST"])
@role_required(*STAFF)
def read_all():
    with transaction():
        operations.mark_read(current_user)
    return redirect(url_for("desk.notifications"))


# --- one case: notes, assignment, tags, a status event ---------------------------------------


def _incident_or_404(incident_id: int) -> Incident:
    incident = case_queries.get_incident(incident_id)
    if incident is None:
        abort(404)
    return incident


def _back(incident_id: int, anchor: str = ""):
    return redirect(url_for("cases.show", incident_id=incident_id) + anchor)


@blp.route("/cases/<id:incident_id>/notes", methods=["POST"])
@role_required(*STAFF)
def add_note(incident_id):
    incident = _incident_or_404(incident_id)
    if not permissions.can_discuss(current_user, incident):
        abort(403)
    try:
        with transaction():
            operations.add_note(incident, request.form.get("body", ""), _actor())
    except ValidationFailed as exc:
        _flash_errors(exc)
    else:
        flash(_("Note added."), "info")
    return _back(incident_id, "#notes")


@blp.route("/cases/<id:incident_id>/assign", methods=["POST"])
@role_required(*WRITERS)
def assign(incident_id):
    incident = _incident_or_404(incident_id)
    if not permissions.can_assign(current_user, incident):
        abort(403)
    raw = request.form.get("assignee", "")
    assignee = db.session.get(User, int(raw)) if raw.isdigit() else None
    if raw and assignee is None:
        flash(_("Choose a colleague."), "error")
        return _back(incident_id)
    try:
        with transaction():
            operations.assign(incident, assignee, _actor())
    except ValidationFailed as exc:
        _flash_errors(exc)
    else:
        flash(
            _("Assigned to %(name)s.", name=assignee.name) if assignee else _("No one is assigned now."),
            "info",
        )
    return _back(incident_id)


@blp.route("/cases/<id:incident_id>/tags", methods=["POST"])
@role_required(*WRITERS)
def add_tag(incident_id):
    incident = _incident_or_404(incident_id)
    if not permissions.can_assign(current_user, incident):
        abort(403)
    try:
        with transaction():
            tag = operations.get_or_create_tag(request.form.get("tag", ""), _actor())
            operations.add_tag(incident, tag, _actor())
    except ValidationFailed as exc:
        _flash_errors(exc)
    return _back(incident_id)


@blp.route("/cases/<id:incident_id>/tags/<int:tag_id>/remove", methods=["POST"])
@role_required(*WRITERS)
def remove_tag(incident_id, tag_id):
    incident = _incident_or_404(incident_id)
    tag = queries.tag_by_id(tag_id)
    if tag is None:
        abort(404)
    if not permissions.can_assign(current_user, incident):
        abort(403)
    with transaction():
        operations.remove_tag(incident, tag, _actor())
    return _back(incident_id)


@blp.route("/cases/<id:incident_id>/events", methods=["POST"])
@role_required(*WRITERS)
def add_event(incident_id):
    """A status event added from the dashboard (e.g. news of a detained colleague)."""
    incident = _incident_or_404(incident_id)
    if not permissions.can_edit_incident(current_user, incident):
        abort(403)
    form = request.form
    try:
        event = StatusEventInputSchema().load(
            {"event": form.get("event", ""), "date": form.get("date", ""), "note": form.get("note") or None}
        )
    except ValidationError as exc:
        for messages in translate_errors(exc.messages).values():
            flash(" ".join(map(str, messages)), "error")
        return redirect(request.form.get("next") or url_for("desk.index"))
    version = form.get("version", "")
    victim = form.get("victim_id", "")
    try:
        with transaction():
            operations.add_status_event(incident, int(victim) if victim.isdigit() else -1, event,
                                        int(version) if version.isdigit() else -1, _actor())  # fmt: skip
    except ValidationFailed as exc:
        _flash_errors(exc)
    except StaleVersion:
        flash(_("Someone else changed this case in the meantime. Check it and try again."), "error")
    else:
        flash(_("Status event added to %(ref)s.", ref=incident.public_ref), "info")
    return redirect(url_for("desk.index"))


# --- the case list: bulk actions and saved searches -----------------------------------------------


def _selected(form) -> list[tuple[int, int | None]]:
    """(incident id, expected version or None) of the ticked cases."""
    selected = []
    for value in form.getlist("ids"):
        incident_id, _sep, version = value.partition(":")
        if incident_id.isdigit():
            selected.append((int(incident_id), int(version) if version.isdigit() else None))
    return selected


def _targets(form) -> list[tuple]:
    """(incident, expected version) of the selected cases, or of every case matching the filters."""
    if form.get("scope") == "all":
        filters, extra = queries.list_filters(form.get("filters", ""), current_user)
        ids = db.session.scalars(
            sa.select(Incident.id).where(*case_queries.incident_conditions(filters), *extra)
            .order_by(Incident.id).limit(operations.BULK_MAX + 1)
        ).all()  # fmt: skip
        return [(_incident_or_404(i), None) for i in ids]
    return [(_incident_or_404(i), version) for i, version in _selected(form)]


@blp.route("/bulk", methods=["POST"])
@role_required(*WRITERS)
def bulk():
    action = request.form.get("action", "")
    back = url_for("cases.index") + ("?" + request.form["filters"] if request.form.get("filters") else "")
    try:
        if action == "export":
            return _export(request.form)
        targets = _targets(request.form)
        raw = request.form.get("assignee", "")
        assignee = db.session.get(User, int(raw)) if raw.isdigit() else None
        with transaction():
            outcomes = operations.bulk(action, targets, _actor(), assignee=assignee,
                                       tag_name=request.form.get("tag", ""))  # fmt: skip
    except ValidationFailed as exc:
        _flash_errors(exc)
        return redirect(back)
    except operations.BulkRefused as exc:
        flash(_("Nothing was changed: some cases could not take this action (see below)."), "error")
        return render_template("desk/bulk.html", outcomes=exc.outcomes, done=False, back=back), 409
    flash(ngettext("Done for %(num)s case.", "Done for %(num)s cases.", len(outcomes)), "info")
    return render_template("desk/bulk.html", outcomes=outcomes, done=True, back=back)


def _export(form):
    """The selected cases, or every case matching the list's filters (however many), as the
    internal export: the ``export.internal`` job that /transfer/export queues, with its page
    (progress, then the file) and its audit (editors and admins)."""
    if not permissions.can_export_internal(current_user):
        raise ValidationFailed({"action": [_("Only editors and admins may download internal data.")]})
    fmt = form.get("format") if form.get("format") in exports.FORMATS else "csv"
    if form.get("scope") == "all":
        query = form.get("filters", "")
        queries.list_filters(query, current_user)  # refused here if not valid, not in the job
        params = {"format": fmt, "query": query}
    else:
        ids = sorted({incident_id for incident_id, _v in _selected(form)})
        if not ids:
            raise ValidationFailed({"ids": [_("Select at least one case.")]})
        params = {"format": fmt, "ids": ids}
    with transaction():
        job = job_operations.enqueue("export.internal", params, user=current_user._get_current_object())
    return redirect(url_for("jobs.show", job_id=job.id))


@blp.route("/searches", methods=["POST"])
@role_required(*STAFF)
def save_search():
    query = request.form.get("query", "")
    try:
        with transaction():
            search = operations.save_search(current_user, request.form.get("name", ""), query, _actor())
    except ValidationFailed as exc:
        _flash_errors(exc)
        return redirect(url_for("cases.index") + ("?" + query if query else ""))
    flash(_("Search saved. Its link can be shared with colleagues."), "info")
    return redirect(url_for("desk.open_search", search_id=search.id))


@blp.route("/searches/<int:search_id>")
@role_required(*STAFF)
def open_search(search_id):
    """A saved search's shareable link: the case list with its filters."""
    search = queries.saved_search(search_id)
    if search is None:
        abort(404)
    pairs = [(k, v) for k, v in parse_qsl(search.query) if k in queries.LIST_FILTERS]
    return redirect(url_for("cases.index") + ("?" + urlencode(pairs) if pairs else ""))


@blp.route("/searches/<int:search_id>/delete", methods=["POST"])
@role_required(*STAFF)
def delete_search(search_id):
    search = queries.saved_search(search_id)
    if search is None:
        abort(404)
    try:
        with transaction():
            operations.delete_search(search, _actor())
    except NotAllowed:
        abort(403)
    return redirect(url_for("desk.index"))
