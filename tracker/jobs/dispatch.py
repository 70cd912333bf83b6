"""Jobs are handed to a runner only after the transaction that queued them has committed: a
runner never sees a job (or its input) that a rollback then takes back."""

import sqlalchemy as sa
from flask import Flask, current_app, has_app_context
from sqlalchemy.orm import Session

from tracker.jobs import live, local, runner
from tracker.jobs.operations import CANCEL, DISPATCH

_listening = False


def init_app(app: Flask) -> None:
    global _listening
    if not _listening:  # one listener for every session of every app of this process
        sa.event.listen(Session, "after_commit", _after_commit)
        sa.event.listen(Session, "after_soft_rollback", _after_rollback)
        _listening = True
    if runner.mode(app) == "local":
        app.before_request(_start_local_runner)


def _start_local_runner() -> None:
    """The first request of a process starts its job process, which also picks up jobs queued
    before a restart."""
    local.start(current_app._get_current_object())


def _after_commit(session: Session) -> None:
    job_ids, keys = session.info.pop(DISPATCH, None), session.info.pop(CANCEL, None)
    if not (job_ids or keys) or not has_app_context():
        return
    app = current_app._get_current_object()
    for key in keys or ():
        live.store(app).cancel(key)
    if job_ids:
        runner.dispatch(app, job_ids)


def _after_rollback(session: Session, _previous) -> None:
    session.info.pop(DISPATCH, None)
    session.info.pop(CANCEL, None)
