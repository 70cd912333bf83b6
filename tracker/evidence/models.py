"""Evidence attachments: one row per file attached to a case; the bytes live in the store
(``tracker.evidence.storage``), addressed by their SHA-256, so a file is kept once however often
it is attached."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.auth.models import User
from tracker.core.db import UTCDateTime, enum_check, utcnow
from tracker.extensions import db

VISIBILITY = ("internal", "public")
MEDIA_TYPES = (
    "image/jpeg", "image/png", "image/webp", "application/pdf", "video/mp4", "audio/mpeg", "audio/mp4",
    "audio/ogg", "text/plain",
)  # fmt: skip


class Attachment(db.Model):
    __tablename__ = "evidence_attachments"
    __table_args__ = (
        enum_check("visibility", VISIBILITY),
        enum_check("media_type", MEDIA_TYPES),
        sa.CheckConstraint("length(sha256) = 64", name="sha256_length"),
        sa.CheckConstraint("size >= 0", name="size_positive"),
        # A public attachment always has its cleaned copy: the original is never what is public.
        sa.CheckConstraint("visibility = 'internal' OR public_sha256 IS NOT NULL", name="public_has_copy"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(sa.ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    sha256: Mapped[str] = mapped_column(sa.String(64), index=True)
    size: Mapped[int] = mapped_column(sa.BigInteger)
    media_type: Mapped[str] = mapped_column(sa.String(30))
    original_name: Mapped[str] = mapped_column(sa.String(255))
    description: Mapped[str | None] = mapped_column(sa.String(1000))
    visibility: Mapped[str] = mapped_column(sa.String(10), default="internal")
    thumb_sha256: Mapped[str | None] = mapped_column(sa.String(64))  # a small JPEG, images only
    public_sha256: Mapped[str | None] = mapped_column(sa.String(64))  # the cleaned copy
    public_media_type: Mapped[str | None] = mapped_column(sa.String(30))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    uploaded_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    made_public_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    made_public_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))

    uploaded_by: Mapped[User | None] = relationship(foreign_keys=[uploaded_by_id])
