"""Reads about evidence: a case's attachments, and the integrity check of every stored original."""

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field

import sqlalchemy as sa

from tracker.audit.models import AuditEntry
from tracker.evidence.models import Attachment
from tracker.evidence.storage import original_key, storage
from tracker.extensions import db


def attachments_of(incident_id: int) -> list[Attachment]:
    return db.session.scalars(
        sa.select(Attachment).where(Attachment.incident_id == incident_id).order_by(Attachment.id)
    ).all()


def get_attachment(attachment_id: int) -> Attachment | None:
    return db.session.get(Attachment, attachment_id)


def custody(attachment_ids: list[int]) -> dict[int, list[AuditEntry]]:
    """Chain of custody: every recorded event of each attachment (attached, made public or
    internal, each download of the original), oldest first."""
    found: dict[int, list[AuditEntry]] = {i: [] for i in attachment_ids}
    if attachment_ids:
        stmt = (
            sa.select(AuditEntry)
            .where(AuditEntry.entity_type == "attachment", AuditEntry.entity_id.in_(attachment_ids))
            .order_by(AuditEntry.seq)
        )
        for entry in db.session.scalars(stmt):
            found[entry.entity_id].append(entry)
    return found


@dataclass
class IntegrityReport:
    checked: int = 0
    bytes: int = 0
    missing: list[str] = field(default_factory=list)
    mismatched: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.missing and not self.mismatched


def stored_originals() -> Iterator[str]:
    return iter(db.session.scalars(sa.select(Attachment.sha256).distinct().order_by(Attachment.sha256)))


def verify_originals(progress=None) -> IntegrityReport:
    """Re-hash every original the database refers to; list those missing or changed."""
    report, store = IntegrityReport(), storage()
    for sha256 in stored_originals():
        data = store.get(original_key(sha256))
        report.checked += 1
        if data is None:
            report.missing.append(sha256)
        else:
            report.bytes += len(data)
            if hashlib.sha256(data).hexdigest() != sha256:
                report.mismatched.append(sha256)
        if progress:
            progress(1)
    return report
