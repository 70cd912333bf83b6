"""Writes of the prepared public data (``tracker.maps.prepared``): the rebuild, the one trigger
that asks for it, and what the incident writer's signal does to the current version.

When an incident that is or was public changes (``core.signals.public_incident_changed``, sent by
``tracker.cases.operations`` after its flush), its id is added to the store's withdrawn set at
once, in the writer's transaction, and again after the commit; readers leave it out of every
prepared answer until a version read after the commit replaces the current one. The rebuild is
asked for after the commit (``request_rebuild``). Writing the id before the commit means a case
that leaves the public is never served from the prepared data, not even in the instant between
the commit and the store's update; writing it again after the commit means a rebuild that read
the database before the commit cannot clear it.
"""

import sqlalchemy as sa
from flask import current_app, has_app_context
from sqlalchemy.orm import Session

from tracker.core import http_cache
from tracker.core.signals import prepared_data_stale, public_incident_changed, public_text_changed
from tracker.core.transaction import transaction
from tracker.extensions import db
from tracker.jobs.operations import enqueue
from tracker.maps import prepared

PENDING = "prepared_withdrawn"  # Session.info key: ids announced in the open transaction
REBUILD = "prepared.rebuild"  # the job kind (``tracker.jobs.kinds``), also its dedupe key


def rebuild_prepared(progress=None, wait: bool = False) -> str | None:
    """Build the prepared public data and make it current (a job's body: runs in an application
    context, needs nothing else). Returns the version made current, or None when another
    process is rebuilding (it will cover every change announced before it finishes), or the
    current one when it already covers every change; with ``wait`` (``flask public prepare``),
    waits for it and rebuilds once more, whatever it covers (the code or translations may have
    changed)."""
    while True:
        if wait:
            with prepared.store().rebuild_lock(wait=True):
                pass
        version = prepared.rebuild(progress, if_stale=not wait)
        if version is not None or not wait:
            return version


def request_rebuild() -> None:
    """THE one place that asks for a rebuild of the prepared public data: a job
    (``prepared.rebuild``, run by an RQ worker or the local runner, never a thread of its own), one
    queued at a time whatever the number of changes. Called after a commit or a rollback, or from
    a read: the job is queued in a transaction of its own (a fresh application context has a
    session of its own) and handed to a runner once that transaction commits."""
    if not prepared.shared():
        return
    with current_app._get_current_object().app_context():
        try:
            with transaction():
                enqueue(REBUILD, {}, dedupe_key=REBUILD, channel="system", share_running=False)
        except Exception:  # the database refuses the write: the next change or probe asks again
            current_app.logger.exception("queueing a rebuild of the prepared public data failed")
        finally:
            db.session.remove()


def public_files_rebuilt() -> None:
    """A public file the pages describe (the full downloads: their size and build time on the map
    page) was rebuilt: every public answer's version moves on, so no page kept under the previous
    one (ETag, memory, proxies) is served; the prepared data itself is not stale."""
    if prepared.shared():
        prepared.store().touch()
    else:
        http_cache.forget()


def withdraw_changed(_sender, incident_ids, **_extra) -> None:
    """Receiver of ``public_incident_changed``: every announced incident leaves the prepared
    answers until the next version (a changed public place or a removal is never served stale;
    the incident is back, as it now is, once the rebuild is done)."""
    if not has_app_context() or not prepared.shared():
        return
    ids = [int(i) for i in incident_ids if i is not None]
    prepared.store().change(ids)
    db.session().info.setdefault(PENDING, set()).update(ids)


def text_changed(_sender, **_extra) -> None:
    """Receiver of ``public_text_changed``: no incident leaves the answers, but every public
    answer's version moves on after the commit (nothing kept under the old ETag is served)."""
    if has_app_context() and not prepared.shared():
        http_cache.forget()  # per-process data (tests): no shared version to move on
    withdraw_changed(_sender, incident_ids=())


def _after_commit(session: Session) -> None:
    ids = session.info.pop(PENDING, None)
    if ids is None or not has_app_context():
        return
    prepared.store().change(ids)  # after the commit: a rebuild that read before it cannot clear it
    request_rebuild()


def _after_rollback(session: Session, previous) -> None:
    if previous.parent is not None:
        return  # a savepoint: the transaction goes on, its ids stay withdrawn until it ends
    if session.info.pop(PENDING, None) is not None and has_app_context():
        request_rebuild()  # the ids withdrawn before the rollback come back with the next version


def _stale(_sender, **_extra) -> None:
    request_rebuild()


def subscribe() -> None:
    public_incident_changed.connect(withdraw_changed, weak=False)
    prepared_data_stale.connect(_stale, weak=False)
    public_text_changed.connect(text_changed, weak=False)
    if not sa.event.contains(Session, "after_commit", _after_commit):
        sa.event.listen(Session, "after_commit", _after_commit)
        sa.event.listen(Session, "after_soft_rollback", _after_rollback)
