"""Pages under /transfer: import (upload, dry-run report, confirm), template and export downloads,
merging duplicates (editors)."""

import io
import secrets
import time
from pathlib import Path

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    session,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from marshmallow import ValidationError

from schemas.cases import IncidentQuerySchema
from tracker.audit.operations import Actor
from tracker.auth import permissions
from tracker.auth.decorators import role_required
from tracker.auth.permissions import STAFF_ROLES
from tracker.cases import operations as case_ops
from tracker.cases import queries as case_queries
from tracker.core.exceptions import NotAllowed, ValidationFailed
from tracker.core.i18n import current_language
from tracker.core.transaction import transaction
from tracker.extensions import db
from tracker.jobs import kinds as job_kinds
from tracker.jobs import operations as job_operations
from tracker.jobs import queries as job_queries
from tracker.jobs.queries import state_of
from tracker.people.models import Journalist
from tracker.people.queries import journalists_named
from tracker.transfer import exports, files, forms, queries, template
from tracker.transfer.columns import column_title
from tracker.transfer.report_text import REASONS, reason_detail

blp = Blueprint("transfer", __name__, url_prefix="/transfer")


@blp.context_processor
def _column_titles():
    """Columns are named in the page's language (the file's own header is shown beside it)."""
    return {"column_title": lambda column: column_title(column, current_language())}


EDITORS = ("editor", "admin")
# The case list's filters, so that a download matches the list.
FILTER_KEYS = ("q", "year", "date_from", "date_to", "country", "admin1", "violation_type", "perpetrator_type",
               "workflow_status", "verification")  # fmt: skip
MAX_SHOWN = 500  # problems listed on the page (the counts are always complete)
UPLOAD_LIFETIME_S = 24 * 3600


def _actor() -> Actor:
    return Actor(current_user._get_current_object(), "import")


def _upload_dir() -> Path:
    path = Path(current_app.instance_path) / "uploads"
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def _forget_old_uploads() -> None:
    """Uploads never confirmed are not kept: case files hold names of people at risk."""
    limit = time.time() - UPLOAD_LIFETIME_S
    for path in _upload_dir().iterdir():
        if path.stat().st_mtime < limit:
            path.unlink(missing_ok=True)


def _stored(token: str) -> tuple[Path, Path | None] | None:
    """The upload saved under ``token`` by this user (the token is random and checked by shape)."""
    if not token or not token.isalnum() or token not in _my_tokens():
        return None
    matches = sorted(_upload_dir().glob(f"{token}.*"))
    data = next((p for p in matches if p.suffix in (".csv", ".xlsx")), None)
    mapping = next((p for p in matches if p.suffix == ".json"), None)
    return (data, mapping) if data else None


def _my_tokens() -> list[str]:
    return session.get("import_tokens", [])


@blp.url_value_preprocessor
def _upload_limit(endpoint, _values):
    """An import file may be far larger than other requests (its rows are checked by a job). Runs
    before every before-request hook (the input check and CSRF read the body)."""
    if endpoint == "transfer.import_page":
        request.max_content_length = current_app.config["IMPORT_MAX_UPLOAD_BYTES"]


def _upload_names(data_path: Path, mapping_path: Path | None) -> dict:
    return {"data": data_path.name, "mapping": mapping_path.name if mapping_path else None}


def _check_job():
    """The dry-run job named by ``?job=``, if it is this user's (or an admin's)."""
    job = job_queries.get_job(request.args.get("job", type=int) or 0)
    if job is None or job.kind != "import.check" or not permissions.can_follow_job(current_user, job):
        abort(404)
    return job


@blp.route("/import", methods=["GET", "POST"])
@role_required(*EDITORS)
def import_page():
    form = forms.ImportForm()
    if request.method == "GET" and "job" in request.args:
        return _dry_run_page(form, _check_job())
    if not form.validate_on_submit():
        return render_template("transfer/import.html", form=form, report=None)
    _forget_old_uploads()
    upload = form.file.data
    token = secrets.token_hex(16)
    try:
        suffix = files.format_of(upload.filename or "")
    except files.BadFile as exc:
        form.file.errors.append(str(exc))
        return render_template("transfer/import.html", form=form, report=None), 422
    data_path = _upload_dir() / f"{token}.{suffix}"
    upload.save(data_path)
    mapping_path = None
    if form.mapping.data:
        mapping_path = _upload_dir() / f"{token}.json"
        form.mapping.data.save(mapping_path)
    # The dry run is a job: a large file is read and checked outside the request.
    params = {**_upload_names(data_path, mapping_path), "token": token, "filename": upload.filename}
    with transaction():
        job = job_operations.enqueue("import.check", params, user=current_user._get_current_object())
    session["import_tokens"] = [*_my_tokens()[-4:], token]
    return redirect(url_for("transfer.import_page", job=job.id))


def _dry_run_page(form, job):
    if not job.finished:
        here = url_for("transfer.import_page", job=job.id)
        return render_template("transfer/import.html", form=form, report=None, job=job, state=state_of(job),
                               done_url=here)  # fmt: skip
    token = job.params.get("token", "")
    if job.state != "done" or _stored(token) is None:
        form.file.errors = [job.error or _("That upload is no longer available: upload the file again.")]
        return render_template("transfer/import.html", form=form, report=None), 422
    return render_template(
        "transfer/import.html", form=form, report=job_kinds.DryRun(job.result), token=token,
        filename=job.params.get("filename"), max_shown=MAX_SHOWN, reasons=REASONS, reason_detail=reason_detail,
        confirm=forms.ConfirmForm(token=token),
    )  # fmt: skip


@blp.route("/import/confirm", methods=["POST"])
@role_required(*EDITORS)
def confirm_import():
    form = forms.ConfirmForm()
    stored = _stored(form.token.data or "") if form.validate_on_submit() else None
    if stored is None:
        flash(_("That upload is no longer available: upload the file again."), "error")
        return redirect(url_for("transfer.import_page"))
    # The import is a job: checked again, then all rows written in one transaction, or none.
    session["import_tokens"] = [t for t in _my_tokens() if t != form.token.data]
    with transaction():
        job = job_operations.enqueue(
            "import.run", _upload_names(*stored), user=current_user._get_current_object()
        )
    return redirect(url_for("jobs.show", job_id=job.id))


@blp.route("/template.<fmt>")
@role_required(*STAFF_ROLES)
def template_download(fmt):
    if fmt not in ("csv", "xlsx"):
        abort(404)
    body = template.csv_bytes() if fmt == "csv" else template.xlsx_bytes()
    return send_file(io.BytesIO(body), mimetype=exports.MEDIA_TYPES[fmt], as_attachment=True,
                     download_name=f"incidents-template.{fmt}")  # fmt: skip


@blp.route("/export", methods=["GET", "POST"])
def export():
    """The incidents of the case list's filters as a file. The public edition is the public API's
    download (the one public path), with the filters the public may use. The internal edition
    needs an editor or an admin and is never built in the request: this page (GET) offers to
    prepare it, its form (POST) queues an ``export.internal`` job whose page shows the progress and
    then links the file (``jobs.download``); the export and the download are audited."""
    values = request.form if request.method == "POST" else request.args
    fmt = values.get("format", "csv")
    edition = values.get("edition", "public")
    if fmt not in exports.FORMATS or edition not in ("internal", "public"):
        abort(404)
    if edition == "public":
        return redirect(public_download_url(fmt, values))
    if not current_user.is_authenticated:
        abort(401)
    if not permissions.can_export_internal(current_user):
        abort(403)
    raw = {k: v for k in FILTER_KEYS if (v := values.get(k, "").strip())}
    try:
        IncidentQuerySchema().load(raw)
    except ValidationError:
        abort(400)
    if request.method == "GET":
        return render_template("transfer/export.html", fmt=fmt, filters=raw)
    with transaction():
        job = job_operations.enqueue("export.internal", {"format": fmt, "filters": raw},
                                     user=current_user._get_current_object())  # fmt: skip
    return redirect(url_for("jobs.show", job_id=job.id))


def public_download_url(fmt: str, args) -> str:
    """The public API download with the case list's filters the public may use (never a text
    search: it would also match protected names)."""
    query = {
        k: v for k in ("country", "violation_type", "perpetrator_type") if (v := args.get(k, "").strip())
    }
    if (year := args.get("year", "").strip()).isdigit():
        query["year_from"] = query["year_to"] = year
    return url_for(f"public_api.incidents_{fmt}", **query)


# --- merging ---------------------------------------------------------------------------------------


def _incident_by_ref(text: str):
    text = (text or "").strip()
    if text.isdigit():
        return case_queries.get_incident(int(text))
    found = queries.incidents_by_ref([text])
    return case_queries.get_incident(found[text]) if text in found else None


def _journalist(text: str):
    """A journalist by number, or by a name only one recorded journalist has."""
    text = (text or "").strip()
    if text.isdigit():
        journalist = db.session.get(Journalist, int(text))
    else:
        named = journalists_named(text, None)
        journalist = named[0] if len(named) == 1 else None
    return journalist if journalist is not None and journalist.merged_into_id is None else None


@blp.route("/merge", methods=["GET", "POST"])
@role_required(*EDITORS)
def merge():
    form = forms.MergeForm(request.args) if request.method == "GET" else forms.MergeForm()
    find = _incident_by_ref if form.kind.data == "incidents" else _journalist
    keep, other = (
        (find(form.keep.data), find(form.other.data)) if form.keep.data and form.other.data else (None, None)
    )
    if form.keep.data and form.other.data:
        if keep is None:
            form.keep.errors = [_("Not found.")]
        if other is None:
            form.other.errors = [_("Not found.")]
    if request.method == "POST" and form.validate_on_submit() and keep is not None and other is not None:
        merge_op = case_ops.merge_incidents if form.kind.data == "incidents" else case_ops.merge_journalists
        try:
            with transaction():
                merge_op(keep, other, _actor_web())
        except ValidationFailed as exc:
            for messages in exc.errors.values():
                form.other.errors = list(messages)
        except NotAllowed:
            abort(403)
        else:
            flash(_("Merged."), "info")
            if form.kind.data == "incidents":
                return redirect(url_for("cases.show", incident_id=keep.id))
            return redirect(url_for("transfer.merge"))
    return render_template("transfer/merge.html", form=form, keep=keep, other=other)


def _actor_web() -> Actor:
    return Actor(current_user._get_current_object(), "web")
