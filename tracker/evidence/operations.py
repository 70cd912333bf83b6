"""Every write about evidence: attach a file, make an attachment public or internal again, record
a download of an original. Each flushes and records its audit entry; none commits.

The bytes are written to the store before the row: content-addressed and written once, so a
rolled-back upload leaves at most a file nobody points to, never a row without its file.
"""

import hashlib

from flask import current_app
from flask_babel import gettext as _

from tracker.audit import operations as audit
from tracker.audit.operations import Actor
from tracker.core.db import utcnow
from tracker.core.exceptions import ValidationFailed
from tracker.evidence import clean
from tracker.evidence.models import Attachment
from tracker.evidence.sniff import sniff
from tracker.evidence.storage import original_key, public_key, storage, thumb_key
from tracker.extensions import db

AUDITED = ("sha256", "size", "media_type", "original_name", "description", "visibility")


def _snapshot(attachment: Attachment) -> dict:
    return {"incident_id": attachment.incident_id, **{f: getattr(attachment, f) for f in AUDITED}}


def megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def check_upload(data: bytes, name: str) -> str:
    """The file's real media type; ValidationFailed with a message naming the file otherwise."""
    limit = current_app.config["EVIDENCE_MAX_BYTES"]
    if len(data) > limit:
        message = _("“%(name)s” is %(size)s MB; files larger than %(limit)s MB cannot be attached.",
                    name=name, size=megabytes(len(data)), limit=megabytes(limit))  # fmt: skip
        raise ValidationFailed({"files": [message]})
    media_type = sniff(data)
    if media_type is None:
        message = _("“%(name)s” is not a photo, PDF, video, audio recording or plain text file that can be "
                    "attached (JPEG, PNG, WebP, PDF, MP4, MP3, M4A, OGG, text).", name=name)  # fmt: skip
        raise ValidationFailed({"files": [message]})
    return media_type


def add_attachment(incident, data: bytes, name: str, description: str | None, actor: Actor) -> Attachment:
    """Attach ``data`` (uploaded as ``name``) to ``incident``: the original is stored once under
    its SHA-256, a thumbnail is made for images, and the row and its audit entry are written."""
    media_type = check_upload(data, name)
    sha256 = hashlib.sha256(data).hexdigest()
    store = storage()
    store.put(original_key(sha256), data)
    thumb = clean.thumbnail(data, media_type)
    thumb_sha = None
    if thumb is not None:
        thumb_sha = hashlib.sha256(thumb).hexdigest()
        store.put(thumb_key(thumb_sha), thumb)
    attachment = Attachment(
        incident_id=incident.id, sha256=sha256, size=len(data), media_type=media_type,
        original_name=(name or "file")[:255], description=(description or "").strip()[:1000] or None,
        visibility="internal", thumb_sha256=thumb_sha, uploaded_at=utcnow(), uploaded_by_id=actor.user_id,
    )  # fmt: skip
    db.session.add(attachment)
    db.session.flush()
    audit.record(actor, "attach", "attachment", attachment.id, audit.creation_diff(_snapshot(attachment)))
    return attachment


def make_public(attachment: Attachment, actor: Actor) -> Attachment:
    """Make the cleaned copy of ``attachment`` public (made now, from the original). It reaches
    the public only while its case is public. Raises ValidationFailed when the type cannot be
    cleaned or the original is missing."""
    if attachment.visibility == "public":
        return attachment
    if not clean.can_clean(attachment.media_type):
        raise ValidationFailed({"visibility": [_("Audio and video files cannot be made public: their "
                                                 "metadata cannot be removed here.")]})  # fmt: skip
    original = storage().get(original_key(attachment.sha256))
    if original is None or hashlib.sha256(original).hexdigest() != attachment.sha256:
        raise ValidationFailed({"visibility": [_("The stored original is missing or damaged; run "
                                                 "“flask evidence verify”.")]})  # fmt: skip
    try:
        data, media_type = clean.public_copy(original, attachment.media_type)
    except clean.NotCleanable as exc:
        raise ValidationFailed({"visibility": [_("This file could not be cleaned for the public.")]}) from exc
    digest = hashlib.sha256(data).hexdigest()
    storage().put(public_key(digest), data)
    before = _snapshot(attachment)
    attachment.visibility = "public"
    attachment.public_sha256, attachment.public_media_type = digest, media_type
    attachment.made_public_at, attachment.made_public_by_id = utcnow(), actor.user_id
    db.session.flush()
    changes = audit.diff(before, _snapshot(attachment)) | {"public_sha256": [None, digest]}
    audit.record(actor, "make_public", "attachment", attachment.id, changes)
    return attachment


def make_internal(attachment: Attachment, actor: Actor) -> Attachment:
    """Withdraw ``attachment`` from the public (its cleaned copy stays in the store, unreferenced)."""
    if attachment.visibility == "internal":
        return attachment
    before = _snapshot(attachment)
    attachment.visibility = "internal"
    attachment.public_sha256 = attachment.public_media_type = None
    attachment.made_public_at = attachment.made_public_by_id = None
    db.session.flush()
    audit.record(
        actor, "make_internal", "attachment", attachment.id, audit.diff(before, _snapshot(attachment))
    )
    return attachment


def record_download(attachment: Attachment, actor: Actor) -> None:
    """A staff member received the original: who, when, which file (its hash)."""
    audit.record(actor, "download", "attachment", attachment.id, {},
                 note=f"original {attachment.sha256} ({attachment.original_name})"[:500])  # fmt: skip
