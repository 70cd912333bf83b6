"""Writes of public files' records: a file built is registered with the incidents it holds; a file
holding an incident that leaves the public is withdrawn at once, in the same transaction as the
change (``subscribe`` connects ``withdraw_for_change`` to ``core.signals.public_incident_changed``,
which the incident writer sends after its flush), and their rebuild is queued as a job
(``queue_downloads_rebuild``). Never commits."""

import sqlalchemy as sa

from tracker.audit import operations as audit
from tracker.audit.operations import Actor
from tracker.core.db import utcnow
from tracker.core.signals import public_incident_changed
from tracker.core.vocab import GEO_PRECISION_ORDER
from tracker.extensions import db
from tracker.jobs.operations import enqueue
from tracker.public.models import PublicFile, PublicFileIncident

SYSTEM = Actor(None, "system", "system:public-files")
DOWNLOADS_JOB = "public.downloads"  # the job kind that rebuilds the full downloads, and its dedupe key
_QUEUED = "public_downloads_queued"  # Session.info: the transaction in which the rebuild was queued


def start_file(kind: str, key: str, incident_ids, actor: Actor = SYSTEM, *, year: int | None = None,
               lang: str | None = None, edition: str = "public") -> PublicFile:  # fmt: skip
    """Record a public file about to be built (``building``) with the incidents it will hold. An
    earlier build of the same file stays served (its own record says what it holds) until
    ``finish_file``."""
    file = PublicFile(kind=kind, key=key, year=year, lang=lang, edition=edition, status="building",
                      built_at=utcnow())  # fmt: skip
    db.session.add(file)
    db.session.flush()
    ids = sorted(set(incident_ids))
    if ids:
        db.session.execute(
            sa.insert(PublicFileIncident), [{"file_id": file.id, "incident_id": i} for i in ids]
        )
    audit.record(actor, "build", "public_file", file.id,
                 {"kind": [None, kind], "key": [None, key], "incidents": [None, len(ids)]})  # fmt: skip
    return file


def finish_file(file_id: int) -> PublicFile | None:
    """The file is written: it replaces earlier builds. It is served only if nothing it holds left
    the public while it was being built (then it stays ``withdrawn``). Two builds of one file may
    run at once (a change arrived during the first): one that ends after a newer build is ready
    replaces nothing and its record is removed (None: its files are not to be served)."""
    file = db.session.get(PublicFile, file_id)
    if file is None:  # removed by a newer build that ended first
        return None
    same = sa.select(PublicFile.id).where(PublicFile.kind == file.kind, PublicFile.key == file.key)
    newer = db.session.scalar(same.where(PublicFile.id > file.id, PublicFile.status == "ready").limit(1))
    replaced = (
        [file.id]
        if newer is not None
        else same.where(PublicFile.id < file.id, PublicFile.status != "building")
    )
    db.session.execute(sa.delete(PublicFileIncident).where(PublicFileIncident.file_id.in_(replaced)))
    db.session.execute(sa.delete(PublicFile).where(PublicFile.id.in_(replaced)))
    if newer is not None:
        db.session.expunge(file)
        db.session.flush()
        return None
    if file.status == "building":
        file.status, file.built_at = "ready", utcnow()
    db.session.flush()
    return file


def register_file(kind: str, key: str, incident_ids, actor: Actor = SYSTEM, **details) -> PublicFile:
    """Record a public file already written, with the incidents it holds."""
    return finish_file(start_file(kind, key, incident_ids, actor, **details).id)


def withdraw_files_holding(
    incident_ids, actor: Actor = SYSTEM, reason: str | None = None
) -> list[PublicFile]:
    """Withdraw every ready (or building) public file that holds one of ``incident_ids``."""
    holding = sa.select(PublicFileIncident.file_id).where(
        PublicFileIncident.incident_id.in_(list(incident_ids))
    )
    files = db.session.scalars(
        sa.select(PublicFile).where(PublicFile.id.in_(holding), PublicFile.status != "withdrawn")
    ).all()
    for file in files:
        audit.record(
            actor, "withdraw", "public_file", file.id, {"status": [file.status, "withdrawn"]}, note=reason
        )
        file.status, file.withdrawn_at = "withdrawn", utcnow()
    db.session.flush()
    return list(files)


def _protection_added(changes: dict) -> bool:
    before, after = (changes.get("victims") or [None, None])[:2]
    protected = {
        v.get("journalist_id") for v in before or [] if isinstance(v, dict) and v.get("is_identity_protected")
    }
    return any(
        isinstance(v, dict) and v.get("is_identity_protected") and v.get("journalist_id") not in protected
        for v in after or []
    )


def _place_coarsened(changes: dict) -> bool:
    """The public may now see the place less precisely than a file built before may show it."""
    before, after = (changes.get("public_geo_precision") or [None, None])[:2]
    rank = {p: n for n, p in enumerate(GEO_PRECISION_ORDER)}
    return before in rank and after in rank and rank[after] > rank[before]


def withdraw_for_change(_sender, incident_ids, left_public: bool, changes: dict | None = None, **_extra):
    """Receiver of ``public_incident_changed``: a file holding an incident that left the public,
    lost a victim's name (protection added, there or in another case of the same person:
    ``person_protected``), had its public place made coarser or was merged is
    withdrawn. Other edits of a public
    incident (a corrected title) leave files as they are until their next build."""
    changes = changes or {}
    if (left_public or _protection_added(changes) or changes.get("person_protected") or _place_coarsened(changes)
            or changes.get("merged")):  # fmt: skip
        withdraw_files_holding(incident_ids, reason="left_public" if left_public else "protected")


def queue_downloads_rebuild(_sender, **_extra) -> None:
    """Receiver of ``public_incident_changed``: the full downloads (``tracker.public.downloads``)
    are rebuilt by a job queued in the writer's transaction (handed to a runner once it commits,
    gone with it if it rolls back); one queued at a time, so a running build that read before
    this change is followed by another."""
    session = db.session()
    current = session.get_nested_transaction() or session.get_transaction()
    if session.info.get(_QUEUED) is current:
        return  # already queued in this transaction (an import announces every row)
    enqueue(DOWNLOADS_JOB, {}, dedupe_key=DOWNLOADS_JOB, channel="system", share_running=False)
    session.info[_QUEUED] = current


def subscribe() -> None:
    public_incident_changed.connect(withdraw_for_change, weak=False)
    public_incident_changed.connect(queue_downloads_rebuild, weak=False)
