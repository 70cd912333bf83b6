"""Evidence pages: upload from the case page, originals and thumbnails for staff who may see the
case's protected data (every download of an original is audited), editors' public/internal
switch, and the public copies of public cases (the only evidence the public can receive)."""

import io

from flask import Blueprint, abort, current_app, flash, redirect, request, send_file, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user
from werkzeug.exceptions import RequestEntityTooLarge

from tracker.audit.operations import Actor
from tracker.auth import permissions
from tracker.auth.decorators import role_required
from tracker.cases import queries as case_queries
from tracker.core.exceptions import ValidationFailed
from tracker.core.transaction import transaction
from tracker.evidence import operations, queries
from tracker.evidence.sniff import EXTENSIONS
from tracker.evidence.storage import original_key, public_key, storage, thumb_key
from tracker.public import queries as public_queries

blp = Blueprint("evidence", __name__)


def _actor() -> Actor:
    return Actor(current_user._get_current_object(), "web")


def _case_page(incident_id: int):
    return redirect(url_for("cases.show", incident_id=incident_id, _anchor="evidence"))


def _attachment_or_404(attachment_id: int):
    attachment = queries.get_attachment(attachment_id)
    if attachment is None:
        abort(404)
    return attachment, case_queries.get_incident(attachment.incident_id)


def _send(data: bytes | None, media_type: str, name: str, as_attachment: bool):
    if data is None:
        abort(404)
    response = send_file(io.BytesIO(data), mimetype=media_type, as_attachment=as_attachment,
                         download_name=name, max_age=0)  # fmt: skip
    response.headers["Cache-Control"] = "private, no-store" if as_attachment else "no-cache"
    response.headers["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@blp.url_value_preprocessor
def _upload_limit(endpoint, _values):
    """Uploads may be larger than other requests. Runs before every before-request hook (the
    input check and CSRF read the body), so the larger limit applies from the first read."""
    if endpoint == "evidence.upload":
        config = current_app.config
        request.max_content_length = config["EVIDENCE_MAX_BYTES"] * config["EVIDENCE_MAX_FILES"] + 1024 * 1024


@blp.errorhandler(RequestEntityTooLarge)
def _too_large(_error):
    config = current_app.config
    flash(_("The upload is too large: at most %(count)d files of up to %(limit)s MB each.",
            count=config["EVIDENCE_MAX_FILES"], limit=operations.megabytes(config["EVIDENCE_MAX_BYTES"])),
          "error")  # fmt: skip
    incident_id = (request.view_args or {}).get("incident_id")
    return _case_page(incident_id) if incident_id else ("", 413)


@blp.route("/cases/<id:incident_id>/evidence", methods=["POST"])
@role_required(*permissions.WRITER_ROLES)
def upload(incident_id):
    incident = case_queries.get_incident(incident_id)
    if incident is None:
        abort(404)
    if not permissions.can_attach_evidence(current_user, incident):
        abort(403)
    limit, most = current_app.config["EVIDENCE_MAX_BYTES"], current_app.config["EVIDENCE_MAX_FILES"]
    files = [f for f in request.files.getlist("files") if f and f.filename]
    description = request.form.get("description", "")
    if not files:
        flash(_("Choose at least one file to attach."), "error")
        return _case_page(incident_id)
    if len(files) > most:
        flash(_("At most %(count)d files can be attached at once.", count=most), "error")
        return _case_page(incident_id)
    attached = 0
    for file in files:
        data = file.read(limit + 1)
        try:
            with transaction():
                operations.add_attachment(incident, data, file.filename, description, _actor())
            attached += 1
        except ValidationFailed as exc:
            for message in exc.errors.get("files", []):
                flash(message, "error")
    if attached:
        flash(ngettext("%(num)d file attached.", "%(num)d files attached.", attached), "info")
    return _case_page(incident_id)


@blp.route("/evidence/<int:attachment_id>/original")
@role_required(*permissions.STAFF_ROLES)
def original(attachment_id):
    attachment, incident = _attachment_or_404(attachment_id)
    if not permissions.can_download_evidence(current_user, incident):
        abort(403)
    data = storage().get(original_key(attachment.sha256))
    if data is None:
        abort(404)
    with transaction():
        operations.record_download(attachment, _actor())
    return _send(data, attachment.media_type, attachment.original_name, as_attachment=True)


@blp.route("/evidence/<int:attachment_id>/thumbnail")
@role_required(*permissions.STAFF_ROLES)
def thumbnail(attachment_id):
    attachment, incident = _attachment_or_404(attachment_id)
    if not permissions.can_download_evidence(current_user, incident) or not attachment.thumb_sha256:
        abort(404)
    response = _send(storage().get(thumb_key(attachment.thumb_sha256)), "image/jpeg", "thumbnail.jpg", False)
    response.headers["Cache-Control"] = "private, max-age=300"
    return response


@blp.route("/evidence/<int:attachment_id>/visibility", methods=["POST"])
@role_required(*permissions.STAFF_ROLES)
def visibility(attachment_id):
    attachment, incident = _attachment_or_404(attachment_id)
    if not permissions.can_publish_evidence(current_user):
        abort(403)
    try:
        with transaction():
            if request.form.get("to") == "public":
                operations.make_public(attachment, _actor())
                flash(
                    _("The cleaned copy (without location or camera data) is public while the case is."),
                    "info",
                )
            else:
                operations.make_internal(attachment, _actor())
                flash(_("The file is internal again."), "info")
    except ValidationFailed as exc:
        for message in exc.errors.get("visibility", []):
            flash(message, "error")
    return _case_page(incident.id)


@blp.route("/evidence/public/<int:attachment_id>")
def public_copy(attachment_id):
    """The cleaned copy, only while the attachment is public and its case is public."""
    found = public_queries.public_evidence_copy(attachment_id)
    if found is None:
        abort(404)
    name = f"evidence-{attachment_id}.{EXTENSIONS.get(found['media_type'], 'bin')}"
    return _send(storage().get(public_key(found["sha256"])), found["media_type"], name, as_attachment=False)
