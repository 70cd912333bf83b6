"""Running jobs: ``execute`` runs one job to its end, whoever calls it (an RQ worker, the local
runner's thread, a CLI command that waits, a test).

The job's own work is one transaction: committed together with the job's ``done`` state, or
rolled back whole when the job fails or is cancelled (then the failure is recorded in a
transaction of its own). Its progress and the heartbeat go to ``tracker.jobs.live``.

Where jobs run (``JOBS_RUNNER``): ``rq`` (REDIS_URL set: ``flask worker`` processes on any
machine), ``local`` (no Redis: a job process started by the web process takes queued jobs from
the database, ``tracker.jobs.local``; a command run from a shell leaves its jobs to it),
``manual`` (tests: nothing runs until ``drain`` is called).
"""

import contextlib
import logging
import os
import socket
import threading
import time

from flask import Flask, current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from redis import Redis
from rq import Queue

from tracker.core import sqlite
from tracker.core.transaction import transaction
from tracker.extensions import db
from tracker.jobs import live, local, operations, queries
from tracker.jobs.models import Job
from tracker.jobs.registry import READ_ONLY, REGISTRY, Cancelled, JobFailed

log = logging.getLogger(__name__)
QUEUE_NAME = "tracker"
HEARTBEAT_SECONDS = 15.0
STALE_SECONDS = 300.0  # a running job whose runner has not been heard of for this long is dead
WRITE_EVERY_SECONDS = 0.3


def runner_id() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def mode(app: Flask) -> str:
    chosen = app.config.get("JOBS_RUNNER")
    if chosen:
        return chosen
    if app.testing:
        return "manual"
    return "rq" if app.config.get("REDIS_URL") else "local"


class Progress:
    """The ``progress(done, total, message=None)`` a job function is given."""

    def __init__(self, job: Job, store):
        self.job_id, self.key, self.user_id = job.id, job.key, job.created_by_id
        self.store, self.done, self.total, self.message = store, 0, 0, None
        self._written = 0.0

    def __call__(self, done: int, total: int | None = None, message: str | None = None) -> None:
        self.done = int(done)
        self.total = int(total) if total is not None else self.total
        self.message = message if message is not None else self.message
        now = time.monotonic()
        if now - self._written >= WRITE_EVERY_SECONDS or (self.total and self.done >= self.total):
            self._written = now
            self.store.put(self.key, self.snapshot())
        if self.store.cancelled(self.key):
            raise Cancelled

    def advance(self, step: int, message: str | None = None) -> None:
        self(self.done + step, None, message)

    def snapshot(self) -> dict:
        return {"state": "running", "done": self.done, "total": self.total, "message": self.message,
                "runner": runner_id()}  # fmt: skip


class _Heartbeat(threading.Thread):
    """Says the job is alive while a long step reports no progress."""

    def __init__(self, progress: Progress):
        super().__init__(name=f"job-{progress.job_id}-heartbeat", daemon=True)
        self.progress, self.stopped = progress, threading.Event()

    def run(self):
        while not self.stopped.wait(HEARTBEAT_SECONDS):
            try:
                self.progress.store.put(self.progress.key, self.progress.snapshot())
            except Exception:  # a missed heartbeat is not worth stopping the job for
                log.warning("job %s: heartbeat not written", self.progress.job_id, exc_info=True)


def execute(job_id: int) -> str | None:
    """Run one queued job in the current application context; the state it ended in, or None
    when it was not this runner's to run (taken by another, cancelled, finished)."""
    with transaction():
        job = operations.claim(job_id, runner_id())
    if job is None:
        return None
    store = live.store(current_app)
    progress = Progress(job, store)
    store.put(job.key, progress.snapshot())
    heartbeat = _Heartbeat(progress)
    heartbeat.start()
    kind, params, locale = job.kind, dict(job.params), job.locale
    function = REGISTRY.get(kind)
    reading = sqlite.reading() if kind in READ_ONLY else contextlib.nullcontext()
    try:
        with force_locale(locale):
            if function is None:
                raise JobFailed(_("This kind of job is not known to this version of the application."))
            db.session.commit()  # ends the read of the job row: the work begins a transaction of its own
            with reading:
                result = function(params, progress)
            if kind in READ_ONLY:
                # End the reads' transaction (nothing in it to keep): finishing in it would
                # upgrade an old snapshot to a write, which SQLite refuses at once when anyone
                # wrote meanwhile; a transaction of its own waits for the lock instead.
                db.session.rollback()
            operations.finish(db.session.get(Job, job_id), result, progress.done, progress.total)
            db.session.commit()
        return "done"
    except Cancelled:
        return _stopped(job_id, "cancelled", None, progress)
    except JobFailed as exc:
        return _stopped(job_id, "failed", str(exc), progress)
    except Exception:
        log.exception("job %s (%s) failed", job_id, kind)
        with force_locale(locale):
            message = _("The job stopped on an unexpected error: nothing it did was kept. Try again; if it "
                        "fails again, tell an administrator (job %(id)s).", id=job_id)  # fmt: skip
        return _stopped(job_id, "failed", message, progress)
    finally:
        heartbeat.stopped.set()
        store.forget(progress.key)


def _stopped(job_id: int, state: str, error: str | None, progress: Progress) -> str:
    db.session.rollback()
    with transaction():
        operations.stop(db.session.get(Job, job_id), state, error, progress.done, progress.total)
    return state


def drain(limit: int = 100) -> int:
    """Run queued jobs here until none is left (``manual`` mode, CLI): how many ran."""
    ran = 0
    while ran < limit and (ids := queries.queued_ids(1)):
        execute(ids[0])
        ran += 1
    return ran


def recover_abandoned() -> int:
    """Mark failed the jobs left ``running`` by a runner that is gone: a process of this machine
    that no longer exists, or any runner not heard of for STALE_SECONDS. Their work was never
    committed (it commits only with the ``done`` state), so nothing is half-written."""
    store = live.store(current_app)
    here = socket.gethostname()
    failed = 0
    for job in queries.running():
        host, _sep, pid = (job.runner or "").rpartition(":")
        seen = store.get(job.key)
        if host == here and pid.isdigit():
            gone = not _alive(int(pid))
        else:
            last = seen["at"] if seen else (job.started_at.timestamp() if job.started_at else 0)
            gone = time.time() - last > STALE_SECONDS
        if gone:
            with force_locale(job.locale):
                message = _("The job was interrupted (the server restarted or stopped) and nothing it did was "
                            "kept. Start it again.")  # fmt: skip
            with transaction():
                operations.stop(job, "failed", message, job.progress_done, job.progress_total)
            failed += 1
    return failed


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


# --- handing jobs to a runner ---------------------------------------------------------------------


def dispatch(app: Flask, job_ids: list[int]) -> None:
    """Called once the transaction that queued ``job_ids`` has committed."""
    chosen = mode(app)
    if chosen == "rq":
        queue = rq_queue(app)
        for job_id in job_ids:
            queue.enqueue(execute_rq, job_id, job_timeout=app.config.get("JOBS_TIMEOUT_SECONDS", 6 * 3600))
    elif chosen == "local":
        # Only a runner a web process has started (its first request does): a command run from a
        # shell leaves its jobs queued for it, rather than start a runner that would die with the
        # command half-way through a job.
        kept = app.extensions.get("jobs.local")
        if kept is not None and kept.pid == os.getpid():
            kept.wake()
        else:
            local.wake(app)


def rq_queue(app: Flask) -> Queue:
    return Queue(app.config.get("JOBS_QUEUE", QUEUE_NAME), connection=Redis.from_url(app.config["REDIS_URL"]))


def execute_rq(job_id: int) -> str | None:
    """What an RQ worker runs, in the application context ``flask worker`` gives it."""
    try:
        return execute(job_id)
    finally:
        db.session.remove()


def requeue_waiting(app: Flask) -> int:
    """Queued jobs whose hand-over to Redis may have been lost (a crash between the commit and
    the enqueue): put them on the queue again. A job enqueued twice still runs once (``claim``)."""
    ids = queries.queued_ids(limit=10_000)
    if ids:
        dispatch(app, ids)
    return len(ids)


class LocalRunner:
    """Threads that take queued jobs from the database (no Redis): in the job process that
    ``tracker.jobs.local`` starts, or in the web process itself (``JOBS_LOCAL_PROCESS`` off)."""

    def __init__(self, app: Flask):
        self.app, self.event, self.pid = app, threading.Event(), os.getpid()
        self.threads = app.config["JOBS_LOCAL_THREADS"]
        self.poll_seconds = app.config["JOBS_LOCAL_POLL_SECONDS"]
        self.stopping = False
        self.workers: list[threading.Thread] = []

    def start(self) -> None:
        with self.app.app_context():
            try:
                recover_abandoned()
            except Exception:  # e.g. no jobs table before `flask db upgrade`: the loop retries
                log.warning("jobs: could not check for interrupted jobs", exc_info=True)
                db.session.rollback()
        for number in range(self.threads):
            worker = threading.Thread(target=self._loop, name=f"jobs-local-{number}", daemon=True)
            worker.start()
            self.workers.append(worker)

    def wake(self) -> None:
        self.event.set()

    def stop(self, timeout: float = 30.0) -> None:
        """Let the threads finish the job in hand and end (tests; a process exits without it)."""
        self.stopping = True
        self.event.set()
        for worker in self.workers:
            worker.join(timeout)

    def _loop(self) -> None:
        while not self.stopping:
            ran = 0
            try:
                with self.app.app_context():
                    with sqlite.reading():  # looking for work never takes the write lock
                        waiting = queries.queued_ids(5)
                        db.session.rollback()
                    for job_id in waiting:
                        if self.stopping:
                            break
                        ran += execute(job_id) is not None
                    db.session.remove()
            except Exception:
                log.exception("jobs: the local runner's loop failed; retrying")
            if not ran:
                self.event.wait(self.poll_seconds)
                self.event.clear()
