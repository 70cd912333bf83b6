"""Reads of jobs, shared by the pages, the runners and the health checks."""

import sqlalchemy as sa
from flask import current_app, url_for
from flask_babel import format_decimal, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from tracker.extensions import db
from tracker.jobs import live
from tracker.jobs.models import Job


def get_job(job_id: int) -> Job | None:
    return db.session.get(Job, job_id)


def queued_ids(limit: int = 20) -> list[int]:
    """Oldest first: a job waits no longer than the ones before it."""
    stmt = sa.select(Job.id).where(Job.state == "queued", Job.cancel_requested.is_(False))
    return list(db.session.scalars(stmt.order_by(Job.created_at, Job.id).limit(limit)))


def running() -> list[Job]:
    return list(db.session.scalars(sa.select(Job).where(Job.state == "running").order_by(Job.id)))


def recent_for(user_id: int | None, limit: int = 20) -> list[Job]:
    stmt = sa.select(Job).order_by(Job.id.desc()).limit(limit)
    if user_id is not None:
        stmt = stmt.where(Job.created_by_id == user_id)
    return list(db.session.scalars(stmt))


KIND_LABELS = {
    "import.check": _l("Checking an import file"),
    "import.run": _l("Importing cases"),
    "report.build": _l("Building the yearly report"),
    "export.internal": _l("Exporting every case (internal edition)"),
    "geo.geocode": _l("Geocoding cases"),
    "incidents.rederive": _l("Re-deriving the cases' public fields"),
    "prepared.rebuild": _l("Preparing the public map and statistics"),
    "public.downloads": _l("Preparing the public downloads"),
    "desk.mail": _l("Sending a notification e-mail"),
}
STATE_LABELS = {
    "queued": _l("Waiting to start"), "running": _l("Running"), "done": _l("Done"),
    "failed": _l("Failed"), "cancelled": _l("Cancelled"),
}  # fmt: skip
LINKED = {"cases.index", "reports.download", "jobs.download", "transfer.import_page"}


def link_of(job: Job) -> str | None:
    """Where the result is: the result's ``[endpoint, values]`` (known endpoints only)."""
    link = (job.result or {}).get("link") if job.state == "done" else None
    if not link or link[0] not in LINKED:
        return None
    values = dict(link[1] or {})
    if link[0] == "jobs.download":
        values["job_id"] = job.id
    return url_for(link[0], **values)


def summary_of(job: Job) -> str | None:
    """One sentence about a finished job's result, where there is one to say."""
    result = job.result or {}
    if job.state != "done":
        return None
    if job.kind == "import.run":
        # three numbers, one noun: "label: number" agrees with any of them (Arabic counts take six forms)
        return _("Import done. Incidents created: %(created)s, updated: %(updated)s, unchanged: %(unchanged)s.",
                 created=format_decimal(result["created"]), updated=format_decimal(result["updated"]),
                 unchanged=format_decimal(result["unchanged"]))  # fmt: skip
    if job.kind == "export.internal":
        count = result["count"]
        return ngettext(
            "Exported %(count)s incident.",
            "Exported %(count)s incidents.",
            count,
            count=format_decimal(count),
        )
    return None


def state_of(job: Job) -> dict:
    """What the page shows, with the live progress of a running job laid over the stored row."""
    done, total, message = job.progress_done, job.progress_total, job.message
    if job.state == "running":
        seen = live.store(current_app).get(job.key) or {}
        done, total, message = seen.get("done", done), seen.get("total", total), seen.get("message", message)
    percent = 100 if job.state == "done" else (min(100, int(100 * done / total)) if total else None)
    return {
        "id": job.id, "kind": job.kind, "label": str(KIND_LABELS.get(job.kind, job.kind)), "state": job.state,
        "state_label": str(STATE_LABELS[job.state]), "done": done, "total": total, "percent": percent,
        "counts": _("%(done)s of %(total)s", done=format_decimal(done), total=format_decimal(total)) if total else "",
        "message": message, "error": job.error, "finished": job.finished,
        "cancel_requested": job.cancel_requested, "link": link_of(job), "summary": summary_of(job),
    }  # fmt: skip
