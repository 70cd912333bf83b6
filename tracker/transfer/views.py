"""Pages under /transfer: import (upload, dry-run report, confirm), template and export downloads,
merging duplicates (editors)."""

import io
import secrets
import time
import uuid
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
from tracker.core.transaction import transaction
from tracker.extensions import db
from tracker.people.models import Journalist
from tracker.people.queries import journalists_named
from tracker.transfer import exports, files, forms, operations, plan, queries, template
from tracker.transfer.report_text import REASONS

blp = Blueprint("transfer", __name__, url_prefix="/transfer")
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


def _check(data_path: Path, mapping_path: Path | None):
    mapping = files.Mapping.load(mapping_path.read_bytes() if mapping_path else None)
    return plan.check(files.read(data_path.read_bytes(), data_path.name, mapping))


@blp.route("/import", methods=["GET", "POST"])
@role_required(*EDITORS)
def import_page():
    form = forms.ImportForm()
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
    try:
        report = _check(data_path, mapping_path)
    except BaseException as exc:  # a refused file, or anything else: no upload is left behind
        for path in (data_path, mapping_path):
            if path is not None:
                path.unlink(missing_ok=True)
        if not isinstance(exc, files.BadFile):
            raise
        form.file.errors.append(str(exc))
        return render_template("transfer/import.html", form=form, report=None), 422
    session["import_tokens"] = [*_my_tokens()[-4:], token]
    return render_template(
        "transfer/import.html", form=form, report=report, token=token, filename=upload.filename,
        max_shown=MAX_SHOWN, reasons=REASONS, confirm=forms.ConfirmForm(token=token),
    )  # fmt: skip


@blp.route("/import/confirm", methods=["POST"])
@role_required(*EDITORS)
def confirm_import():
    form = forms.ConfirmForm()
    stored = _stored(form.token.data or "") if form.validate_on_submit() else None
    if stored is None:
        flash(_("That upload is no longer available: upload the file again."), "error")
        return redirect(url_for("transfer.import_page"))
    data_path, mapping_path = stored
    report = _check(data_path, mapping_path)
    if not report.ok:
        flash(_("The file has errors: nothing was imported."), "error")
        return redirect(url_for("transfer.import_page"))
    try:
        with transaction():
            result = operations.run_import(report, _actor())
    except operations.ImportFailed as exc:
        for field, messages in exc.errors.items():
            flash(f"{exc.record.rows[0]} · {field}: {' '.join(map(str, messages))}", "error")
        flash(_("The file has errors: nothing was imported."), "error")
        return redirect(url_for("transfer.import_page"))
    finally:
        for path in (data_path, mapping_path):
            if path is not None:
                path.unlink(missing_ok=True)
    flash(
        _("Import done: %(created)s incidents created, %(updated)s updated, %(unchanged)s unchanged.",
          created=result.created, updated=result.updated, unchanged=result.unchanged),
        "info",
    )  # fmt: skip
    return redirect(url_for("cases.index"))


@blp.route("/template.<fmt>")
@role_required(*STAFF_ROLES)
def template_download(fmt):
    if fmt not in ("csv", "xlsx"):
        abort(404)
    body = template.csv_bytes() if fmt == "csv" else template.xlsx_bytes()
    return send_file(io.BytesIO(body), mimetype=exports.MEDIA_TYPES[fmt], as_attachment=True,
                     download_name=f"incidents-template.{fmt}")  # fmt: skip


@blp.route("/export")
def export():
    """Download the incidents of the case list's filters. The internal edition needs an editor or
    an admin and is audited; the public edition is the public API's download (the one public
    path), with the filters the public may use."""
    fmt = request.args.get("format", "csv")
    edition = request.args.get("edition", "public")
    if fmt not in exports.FORMATS or edition not in ("internal", "public"):
        abort(404)
    if edition == "public":
        return redirect(public_download_url(fmt, request.args))
    if not current_user.is_authenticated:
        abort(401)
    if not permissions.can_export_internal(current_user):
        abort(403)
    raw = {k: v for k in FILTER_KEYS if (v := request.args.get(k, "").strip())}
    try:
        filters = IncidentQuerySchema().load(raw)
    except ValidationError:
        abort(400)
    filters["protected_reader"] = permissions.protected_search_reader(current_user)
    # Written to a file (bounded memory), sent from it; the name is gone once it is open.
    folder = Path(current_app.instance_path) / "exports"
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{uuid.uuid4().hex}.{fmt}"
    count = exports.build_file(filters, fmt, target)
    out = open(target, "rb")  # noqa: SIM115 (closed by the response)
    target.unlink()
    with transaction():
        operations.record_export(Actor(current_user._get_current_object(), "web"), fmt, raw, count)
    response = send_file(out, mimetype=exports.MEDIA_TYPES[fmt], as_attachment=True,
                         download_name=f"incidents-internal.{fmt}")  # fmt: skip
    response.headers["Cache-Control"] = "no-store"
    return response


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
