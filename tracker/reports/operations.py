"""Every write of the report's own words: flushes, keeps the replaced text as a revision and
records the audit entry; never commits (one commit per request, at the boundary)."""

import sqlalchemy as sa

from tracker.audit import operations as audit
from tracker.audit.operations import Actor
from tracker.core.signals import public_text_changed
from tracker.extensions import db
from tracker.reports.models import EVERY_YEAR, ORGANISATION_KINDS, TEXT_KINDS, ReportText, ReportTextRevision

MAX_LENGTH = 20_000


class StaleText(Exception):
    """Someone else saved the text since it was read: nothing is overwritten."""


def save_text(
    year: int, lang: str, kind: str, body: str, actor: Actor, version: int | None = None
) -> ReportText:
    """Create or replace one text. ``version`` is the version the editor read (None for a text
    not yet written); a different current version is refused (StaleText). Organisation texts
    (contact, citation, licence) are the same for every year."""
    if kind not in TEXT_KINDS or lang not in ("ar", "en"):
        raise ValueError("unknown text")
    body = (body or "").replace("\r\n", "\n").strip()[:MAX_LENGTH]
    year = EVERY_YEAR if kind in ORGANISATION_KINDS else int(year)
    text = db.session.scalar(
        sa.select(ReportText).where(ReportText.year == year, ReportText.lang == lang, ReportText.kind == kind)
    )
    if text is None:
        if version not in (None, 0):
            raise StaleText
        text = ReportText(year=year, lang=lang, kind=kind, body=body, version=1, updated_by_id=actor.user_id)
        db.session.add(text)
        db.session.flush()
        audit.record(actor, "create", "report_text", text.id, {"year": year, "lang": lang, "kind": kind,
                                                                "body": [None, body]})  # fmt: skip
        public_text_changed.send(kind)  # the texts show on the public statistics page
        return text
    if version is not None and version != text.version:
        raise StaleText
    if body == text.body:
        return text
    db.session.add(ReportTextRevision(text_id=text.id, version=text.version, body=text.body,
                                      saved_by_id=text.updated_by_id))  # fmt: skip
    audit.record(actor, "update", "report_text", text.id, {"body": [text.body, body], "version": [text.version,
                                                            text.version + 1]})  # fmt: skip
    text.body, text.version, text.updated_by_id = body, text.version + 1, actor.user_id
    db.session.flush()
    public_text_changed.send(kind)
    return text
