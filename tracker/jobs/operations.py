"""Every write of a job's record. ``enqueue`` and ``request_cancel`` are the researcher's acts:
they flush and audit, never commit; the job is handed to a runner only once the caller's
transaction has committed (``tracker.jobs.dispatch``). The runner's own bookkeeping (claim,
finish, fail) is written in short transactions of its own by ``tracker.jobs.runner``."""

import secrets

import sqlalchemy as sa
from flask import current_app

from tracker.audit import operations as audit
from tracker.audit.operations import Actor
from tracker.core.db import utcnow
from tracker.extensions import db
from tracker.jobs.models import Job
from tracker.jobs.registry import REGISTRY

DISPATCH = "jobs.dispatch"  # session.info: job ids to hand to a runner after the commit
CANCEL = "jobs.cancel"  # session.info: job keys whose runner is told to stop after the commit
MESSAGE_LENGTH = 200


def enqueue(
    kind: str,
    params: dict,
    *,
    user=None,
    dedupe_key: str | None = None,
    channel: str = "web",
    dispatch: bool = True,
    share_running: bool = True,
) -> Job:
    """A queued job of ``kind``; with ``dedupe_key``, the same key's job still queued or running
    is returned instead of a second one (e.g. one build of one report at a time). With
    ``share_running`` False only a job still queued is shared: a rebuild already running may have
    read the data before the caller's change, so another one is queued behind it (one queued at a
    time). ``dispatch`` False: the caller runs it itself (a CLI command without Redis)."""
    if kind not in REGISTRY:
        raise ValueError(f"unknown job kind {kind!r}")
    if dedupe_key is not None:
        states = ("queued", "running") if share_running else ("queued",)
        same = db.session.scalar(
            sa.select(Job).where(Job.dedupe_key == dedupe_key, Job.state.in_(states)).limit(1)
        )
        if same is not None:
            return same
    locale = getattr(user, "locale", None) or current_app.config["BABEL_DEFAULT_LOCALE"]
    job = Job(kind=kind, params=dict(params), state="queued", key=secrets.token_hex(16), dedupe_key=dedupe_key,
              progress_done=0, progress_total=0, cancel_requested=False, locale=locale,
              created_by_id=getattr(user, "id", None), created_at=utcnow())  # fmt: skip
    db.session.add(job)
    db.session.flush()
    audit.record(
        Actor(user, channel), "enqueue", "job", job.id, audit.creation_diff({"kind": kind, **params})
    )
    if dispatch:
        db.session.info.setdefault(DISPATCH, []).append(job.id)
    return job


def request_cancel(job: Job, user, channel: str = "web") -> bool:
    """Ask a job to stop: a queued job is cancelled at once, a running one at its next progress
    report (its work is rolled back). False when it had ended on its own or was already asked.
    (The page tells a running job through ``tracker.jobs.live`` before this write: with SQLite,
    the write waits until the job has let go of the database.)"""
    if job.cancel_requested or job.state in ("done", "failed"):
        return False
    before = job.state
    job.cancel_requested = True
    if job.state == "queued":
        job.state, job.finished_at = "cancelled", utcnow()
    db.session.flush()
    audit.record(Actor(user, channel), "cancel", "job", job.id, {"state": [before, job.state]})
    db.session.info.setdefault(CANCEL, []).append(job.key)
    return True


def record_download(job: Job, user, name: str, channel: str = "web") -> None:
    """The audit entry of a download of the file a job wrote (an internal export)."""
    audit.record(Actor(user, channel), "download", "job", job.id, {"file": [None, name]})


def claim(job_id: int, runner: str) -> Job | None:
    """Take a queued job for ``runner`` (host:pid); None when another runner took it first or it
    was cancelled. One conditional UPDATE, so two runners never take the same job."""
    taken = db.session.execute(
        sa.update(Job)
        .where(Job.id == job_id, Job.state == "queued", Job.cancel_requested.is_(False))
        .values(state="running", runner=runner, started_at=utcnow())
    ).rowcount
    return db.session.get(Job, job_id, populate_existing=True) if taken == 1 else None


def finish(job: Job, result: dict | None, done: int, total: int) -> None:
    job.state, job.result, job.finished_at = "done", result, utcnow()
    job.progress_done, job.progress_total = done, max(total, done)
    db.session.flush()


def stop(job: Job, state: str, error: str | None, done: int = 0, total: int = 0) -> None:
    """A job that failed (``error`` says why) or was cancelled: nothing it did was kept."""
    job.state, job.error, job.finished_at = state, error, utcnow()
    job.progress_done, job.progress_total = done, max(total, done)
    db.session.flush()


def record_progress(job: Job, done: int, total: int, message: str | None) -> None:
    job.progress_done, job.progress_total = done, max(total, done)
    job.message = (message or "")[:MESSAGE_LENGTH] or None
    db.session.flush()
