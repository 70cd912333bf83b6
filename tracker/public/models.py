"""Public files already built (yearly report PDFs, static map exports) and the incidents each one
holds, so that a file is withdrawn the moment one of its incidents leaves the public."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from tracker.core.db import UTCDateTime, utcnow
from tracker.extensions import db

FILE_KINDS = ("report", "map_export", "download")  # download: tracker.public.downloads
FILE_STATUSES = ("building", "ready", "withdrawn")


class PublicFile(db.Model):
    """One built public file. ``key`` names it: the report's file name under instance/reports,
    the folder a static map export was written to, or the full downloads' set (``full``)."""

    __tablename__ = "public_files"
    __table_args__ = (
        sa.CheckConstraint(f"kind IN {FILE_KINDS}", name="kind"),
        sa.CheckConstraint(f"status IN {FILE_STATUSES}", name="status"),
        sa.CheckConstraint("edition IN ('public', 'internal')", name="edition"),
        sa.Index("ix_public_files_kind_key", "kind", "key", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(20))
    key: Mapped[str] = mapped_column(sa.String(1000))
    year: Mapped[int | None]
    lang: Mapped[str | None] = mapped_column(sa.String(5))
    edition: Mapped[str] = mapped_column(sa.String(10), default="public")
    status: Mapped[str] = mapped_column(sa.String(10), default="ready")
    built_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    withdrawn_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PublicFileIncident(db.Model):
    """An incident held by a public file."""

    __tablename__ = "public_file_incidents"

    file_id: Mapped[int] = mapped_column(
        sa.ForeignKey("public_files.id", ondelete="CASCADE"), primary_key=True
    )
    incident_id: Mapped[int] = mapped_column(sa.ForeignKey("incidents.id"), primary_key=True, index=True)
