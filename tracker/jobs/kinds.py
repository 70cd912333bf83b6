"""The application's job kinds: long work moved out of requests. Each wraps the domain code that
does the work (imports, report builds, exports, geocoding, re-derivation) and reports progress.
Paths in ``params`` are file names inside ``instance/``, never a path the user typed. A result's
``link`` is ``[endpoint, values]`` (no request here to build a URL with): the job page links it."""

from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from marshmallow import ValidationError

from reports import builds
from reports.statistics import Scope
from schemas.cases import IncidentQuerySchema
from tracker.audit.operations import Actor
from tracker.auth import permissions
from tracker.auth.models import User
from tracker.cases import operations as case_ops
from tracker.cases.models import Incident
from tracker.core import sqlite
from tracker.core.db import utcnow
from tracker.core.exceptions import ValidationFailed
from tracker.desk import mail
from tracker.desk import queries as desk_queries
from tracker.extensions import db
from tracker.geo import batch
from tracker.jobs.registry import JobFailed, job
from tracker.jobs.runner import Progress
from tracker.maps import operations as map_operations
from tracker.public import downloads
from tracker.transfer import exports, files, operations, plan

MAX_SHOWN = 500  # problems kept in a dry run's result (the counts are always complete)


def _actor(progress: Progress, channel: str) -> Actor:
    user = db.session.get(User, progress.user_id) if progress.user_id else None
    return Actor(user, channel, None if user else f"system:job {progress.job_id}")


def _instance_file(folder: str, name: str) -> Path:
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise JobFailed(_("The file of this job is not available any more: upload it again."))
    return Path(current_app.instance_path) / folder / name


# --- imports --------------------------------------------------------------------------------------


def _checked(params: dict, progress: Progress) -> plan.Report:
    data = _instance_file("uploads", params["data"])
    mapping = _instance_file("uploads", params["mapping"]) if params.get("mapping") else None
    if not data.is_file():
        raise JobFailed(_("The file of this job is not available any more: upload it again."))
    progress(0, params.get("rows") or 0, _("Checking rows"))
    try:
        sheet = files.read(
            data.read_bytes(), data.name, files.Mapping.load(mapping.read_bytes() if mapping else None)
        )
        return plan.check(sheet, progress=lambda n: progress.advance(n, _("Checking rows")))
    except files.BadFile as exc:
        raise JobFailed(str(exc)) from exc


def _problems(report: plan.Report, problems) -> list[dict]:
    return [{"row": p.row, "column": p.column, "message": str(p.message)}
            for p in problems[:MAX_SHOWN]]  # fmt: skip


def summarise(report: plan.Report) -> dict:
    """What the dry-run page shows, as JSON (complete counts, the first MAX_SHOWN problems)."""
    return {
        "rows": report.rows, "ok": report.ok, "geocoded": report.geocoded,
        "to_create": len(report.to_create), "to_create_rows": report.rows_of(report.to_create),
        "to_update": len(report.to_update), "to_update_rows": report.rows_of(report.to_update),
        "mapped_columns": [list(pair) for pair in report.mapped_columns],
        "ignored_columns": list(report.ignored_columns),
        "errors_count": len(report.errors), "errors": _problems(report, report.errors),
        "warnings_count": len(report.warnings), "warnings": _problems(report, report.warnings),
        "duplicates_count": len(report.duplicates),
        "duplicates": [{"row": d.row, "ref": d.ref, "other": d.other, "other_id": d.other_id,
                        "reasons": [[code, detail] for code, detail in d.reasons]}
                       for d in report.duplicates[:MAX_SHOWN]],
    }  # fmt: skip


def _forget_upload(params: dict) -> None:
    """Case files hold names of people at risk: not kept once used."""
    for name in (params.get("data"), params.get("mapping")):
        if name:
            _instance_file("uploads", name).unlink(missing_ok=True)


@job("import.check", writes=False)
def import_check(params: dict, progress: Progress) -> dict:
    """The dry run: everything an import would do, nothing written. A file refused outright is
    not kept (case files hold names of people at risk)."""
    try:
        return summarise(_checked(params, progress))
    except JobFailed:
        _forget_upload(params)
        raise


@job("import.run")
def import_run(params: dict, progress: Progress) -> dict:
    """The import: checked again (the data may have changed since the dry run), then every row
    written in the job's one transaction, or none.

    The check (reading the file, every rule, the gazetteer, the duplicate search: most of the
    time) runs in a transaction that only reads, ended before the writes begin, so on SQLite it
    does not hold the database's write lock: staff saving a case meanwhile are not kept waiting.
    The write transaction then starts by making sure that the incidents the file's references
    name are still those the check found (checked again, under the lock, if not), and writes
    everything in one go: one transaction keeps a failed or cancelled import from leaving
    anything behind, and nothing half-imported is ever visible, without a staging state that
    every reader of incidents would have to know about."""
    try:
        with sqlite.reading():
            report = _checked(params, progress)
        db.session.rollback()  # the check only read: the write transaction begins below
        if report.ok and not plan.still_current(report):  # a case was saved meanwhile
            report = _checked(params, progress)
        if not report.ok:
            raise JobFailed(_("The file has errors: nothing was imported."))
        progress(0, report.rows, _("Importing"))
        try:
            result = operations.run_import(report, _actor(progress, "import"),
                                           progress=lambda n: progress.advance(n, _("Importing")))  # fmt: skip
        except operations.ImportFailed as exc:
            detail = "; ".join(
                f"{field}: {' '.join(map(str, messages))}" for field, messages in exc.errors.items()
            )
            raise JobFailed(
                _("Row %(row)s (%(ref)s) was refused: %(detail)s. Nothing was imported.",
                  row=exc.record.rows[0], ref=exc.record.ref, detail=detail)
            ) from exc  # fmt: skip
    finally:
        _forget_upload(params)
    # the new cases are the ids this import took (by its starter): the case list links to them
    ids = result.created_ids
    listed = {"imported": f"{min(ids)}-{max(ids)}"} if ids else {}
    return {"created": result.created, "updated": result.updated, "unchanged": result.unchanged,
            "link": ["cases.index", listed]}  # fmt: skip


# --- reports, exports, geocoding, re-derivation -----------------------------------------------------


@job("report.build")
def report_build(params: dict, progress: Progress) -> dict:
    """The yearly PDF. Its public-file record is committed before the build (``start_build``), so
    that a case leaving the public meanwhile withdraws the file being built."""
    scope = Scope(int(params["year"]), params.get("country") or None, params["edition"])
    lang = params["lang"]
    progress(0, 100, _("Building the report"))
    builds.start_build(current_app._get_current_object(), scope, lang)
    if builds.status(current_app, scope, lang)["state"] != "ready":
        raise JobFailed(
            _("The report could not be built. Try again; if it fails again, tell an administrator.")
        )
    progress(100, 100)
    name = builds.file_name(scope, lang)
    return {"file": name, "link": ["reports.download", {"name": name}]}


@job("export.internal", writes=True)
def export_internal(params: dict, progress: Progress) -> dict:
    """An internal export to a file in ``instance/exports``, for the staff member who asked, with
    their right to read protected names as it is when the job runs. Audited like a download. Of
    every case, or the case list's filters (``params["filters"]``: /transfer/export), or the case
    list's bulk selection (``params["ids"]``: the ticked cases; ``params["query"]``: every case
    matching the list's query string)."""
    fmt = params["format"]
    if fmt not in exports.FORMATS:
        raise JobFailed(_("Unknown format."))
    folder = Path(current_app.instance_path) / "exports"
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    name = f"incidents-internal-{utcnow():%Y%m%d-%H%M%S}-{progress.job_id}.{fmt}"
    step = _("Exporting")
    progress(0, 0, step)
    with sqlite.reading():  # minutes of reading at full size: other writers are not held up
        user = db.session.get(User, progress.user_id) if progress.user_id else None
        if user is not None and not permissions.can_export_internal(user):
            raise JobFailed(_("Only editors and administrators may export every field of the cases."))
        filters, extra, audited = _export_scope(params, user)
        count = exports.build_file(
            filters, fmt, folder / name, lambda done, total, _m=None: progress(done, total, step), extra
        )
        db.session.rollback()
    operations.record_export(_actor(progress, "web"), fmt, audited, count)
    progress(count, count)
    return {"file": name, "count": count, "link": ["jobs.download", {}]}


def _export_scope(params: dict, user) -> tuple[dict, list, dict]:
    """(filters, extra SQL conditions, what the audit entry records) of an export job's params."""
    invalid = _("The filters of this export are not valid: start it again from the case list.")
    if "ids" in params:
        ids = [int(i) for i in params["ids"]]
        return {}, [Incident.id.in_(ids)], {"ids": ids}
    if "query" in params:
        if user is None:  # "my cases" and who may search protected names are the asker's
            raise JobFailed(invalid)
        try:
            filters, extra = desk_queries.list_filters(params["query"], user)
        except ValidationFailed as exc:
            raise JobFailed(invalid) from exc
        return filters, extra, {"query": params["query"]}
    raw = {k: v for k, v in (params.get("filters") or {}).items() if k != "protected_reader"}
    try:
        filters = IncidentQuerySchema().load(raw)
    except ValidationError as exc:
        raise JobFailed(invalid) from exc
    filters["protected_reader"] = permissions.protected_search_reader(user) if user is not None else "all"
    return filters, [], raw


@job("geo.geocode")
def geocode(params: dict, progress: Progress) -> dict:
    """Bulk geocoding. Commits batch by batch by design (``tracker.geo.batch``: resumable, and a
    provider's answers are not lost); a cancel keeps the batches already done."""
    mode = "all" if params.get("mode") == "all" else "missing"
    total = db.session.scalar(db.select(db.func.count()).select_from(batch.select_ids(mode).subquery()))
    progress(0, total, _("Geocoding"))
    summary = batch.run(mode, _actor(progress, "system"), dry_run=bool(params.get("dry_run")),
                        progress=lambda n: progress.advance(n))  # fmt: skip
    return {"counts": summary.counts, "review": len(summary.review)}


@job("incidents.rederive")
def rederive(params: dict, progress: Progress) -> dict:
    """Every incident's derived columns stored again, in the job's one transaction."""
    actor = _actor(progress, "system")
    size = int(params.get("batch") or 500)
    total = db.session.scalar(db.select(db.func.count(Incident.id)))
    last, read_total, changed = 0, 0, 0
    progress(0, total, _("Re-deriving"))
    while True:
        last, read, n = case_ops.rederive_incidents(last, size, actor)
        read_total, changed = read_total + read, changed + n
        progress(read_total, total)
        if read < size:
            break
    return {"read": read_total, "changed": changed}


# --- public data prepared after a change -----------------------------------------------------------


@job(map_operations.REBUILD, writes=False)
def prepared_rebuild(params: dict, progress: Progress) -> dict:
    """The prepared public data (map, statistics), built and switched in (``tracker.maps.prepared``;
    asked for by ``tracker.maps.operations.request_rebuild``). None when another runner is at it:
    that one covers every change announced before it ends."""
    steps = {"map": _("Preparing the public map"), "map filters": _("Preparing the map's filtered views"),
             "statistics": _("Preparing the public statistics")}  # fmt: skip
    progress(0, 100, steps["map"])
    version = map_operations.rebuild_prepared(
        lambda fraction, step: progress(int(100 * fraction), 100, steps[step])
    )
    progress(100, 100)
    return {"version": version}


@job(downloads.REBUILD)
def downloads_rebuild(params: dict, progress: Progress) -> dict:
    """The full public downloads (every format), written as files and made the ones served
    (``tracker.public.downloads``; queued by every change of public data). Commits as it goes: the
    build is registered before it is written, so a change meanwhile withdraws it."""
    step = _("Preparing the public downloads")
    progress(0, 0, step)
    build = downloads.build_full(lambda done, total, _message=None: progress(done, total, step))
    if build is not None:
        map_operations.public_files_rebuilt()
    return {"build": build}


# --- e-mail ------------------------------------------------------------------------------------------


@job(mail.JOB, writes=False)
def send_mail(params: dict, progress: Progress) -> dict:
    """One notification's e-mail (``tracker.desk.mail``), tried again after a refusal; a failure
    ends the job failed, saying so. The in-app notification was committed by the writer."""
    progress(0, 1, _("Sending the e-mail"))
    message = mail.message_for(params)
    if message is None:
        return {"sent": False}
    db.session.rollback()  # nothing to keep open while talking to the mail server
    try:
        tries = mail.deliver(message)
    except mail.NotSent as exc:
        raise JobFailed(
            _("The notification e-mail could not be sent after %(tries)s tries: check the SMTP settings. "
              "The notification itself is shown in the application.", tries=exc.tries)
        ) from exc  # fmt: skip
    progress(1, 1)
    return {"sent": True, "tries": tries}


class _Shown(list):
    """The first problems of a dry run, whose length is the complete count."""

    def __init__(self, shown, total: int):
        super().__init__(shown)
        self.total = total

    def __len__(self) -> int:
        return self.total


class _Records:
    def __init__(self, count: int, rows: int):
        self.count, self.rows = count, rows

    def __len__(self) -> int:
        return self.count


class DryRun:
    """A finished ``import.check`` job's result, read by the dry-run page like ``plan.Report``."""

    def __init__(self, result: dict):
        self.rows, self.ok, self.geocoded = result["rows"], result["ok"], result["geocoded"]
        self.mapped_columns, self.ignored_columns = result["mapped_columns"], result["ignored_columns"]
        self.to_create = _Records(result["to_create"], result["to_create_rows"])
        self.to_update = _Records(result["to_update"], result["to_update_rows"])
        self.errors = _Shown(result["errors"], result["errors_count"])
        self.warnings = _Shown(result["warnings"], result["warnings_count"])
        self.duplicates = _Shown(result["duplicates"], result["duplicates_count"])

    @staticmethod
    def rows_of(records: _Records) -> int:
        return records.rows

    def header_of(self, column: str) -> str:
        return plan.header_of(self.mapped_columns, column)
