"""/jobs/<id>: a job's progress (page and JSON the page polls), its result, cancelling it, and
the file an export job wrote (queued by ``/transfer/export``). Only the staff member who started the job, or an admin, sees it:
anyone else gets 404, as if it did not exist."""

from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user, login_required

from tracker.auth import permissions
from tracker.core import sqlite
from tracker.core.transaction import transaction
from tracker.extensions import db
from tracker.jobs import live, operations, queries
from tracker.jobs.models import Job
from tracker.jobs.queries import state_of
from tracker.transfer import exports

blp = Blueprint("jobs", __name__, url_prefix="/jobs")


def _job_or_404(job_id: int) -> Job:
    job = queries.get_job(job_id)
    if job is None or not permissions.can_follow_job(current_user, job):
        abort(404)
    return job


@blp.route("/<int:job_id>")
@login_required
def show(job_id: int):
    job = _job_or_404(job_id)
    return render_template("jobs/show.html", job=job, state=state_of(job))


@blp.route("/<int:job_id>.json")
@login_required
def show_json(job_id: int):
    response = jsonify(state_of(_job_or_404(job_id)))
    response.headers["Cache-Control"] = "no-store"
    return response


@blp.route("/<int:job_id>/cancel", methods=["POST"])
def cancel(job_id: int):
    # Read-only first: a running job may hold SQLite's write lock, and it lets go only once it
    # has seen the cancel (through tracker.jobs.live); then the request and its audit entry.
    with sqlite.reading():
        if not current_user.is_authenticated:
            return current_app.login_manager.unauthorized()
        job = _job_or_404(job_id)
        if not job.finished:
            live.store(current_app).cancel(job.key)
        db.session.rollback()
    with transaction():
        cancelled = operations.request_cancel(_job_or_404(job_id), current_user._get_current_object())
    if cancelled:
        flash(_("Cancelling: nothing the job did is kept."), "info")
    else:
        flash(_("The job had already finished."), "info")
    return redirect(url_for("jobs.show", job_id=job_id))


@blp.route("/<int:job_id>/file")
@login_required
def download(job_id: int):
    """The file an export job wrote (internal data: no-store, for its starter or an admin, while
    they may export internal data; every download is audited)."""
    job = _job_or_404(job_id)
    name = (job.result or {}).get("file") if job.state == "done" and job.kind == "export.internal" else None
    path = Path(current_app.instance_path) / "exports" / name if name and "/" not in name else None
    if path is None or not path.is_file():
        abort(404)
    if not permissions.can_export_internal(current_user):
        abort(403)
    with transaction():
        operations.record_download(job, current_user._get_current_object(), name)
    media_type = exports.MEDIA_TYPES.get(path.suffix.lstrip("."))
    response = send_file(path, mimetype=media_type, as_attachment=True, download_name=name, max_age=0)
    response.headers["Cache-Control"] = "no-store"
    return response
