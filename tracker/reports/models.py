"""The organisation's own words in the yearly report: per year and language a foreword, key
findings and recommendations; and, for every year (``year`` 0), how to contact the organisation,
how to cite the report and its licence (the back cover). Every save keeps the previous text as a
revision."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from tracker.core.db import UTCDateTime, utcnow
from tracker.extensions import db

YEAR_KINDS = ("foreword", "key_findings", "recommendations")
ORGANISATION_KINDS = ("contact", "citation", "licence")
TEXT_KINDS = (*YEAR_KINDS, *ORGANISATION_KINDS)
EVERY_YEAR = 0


class ReportText(db.Model):
    __tablename__ = "report_texts"
    __table_args__ = (
        sa.UniqueConstraint("year", "lang", "kind"),
        sa.CheckConstraint(f"kind IN {TEXT_KINDS}", name="kind"),
        sa.CheckConstraint("lang IN ('ar', 'en')", name="lang"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    year: Mapped[int]
    lang: Mapped[str] = mapped_column(sa.String(2))
    kind: Mapped[str] = mapped_column(sa.String(20))
    body: Mapped[str] = mapped_column(sa.Text, default="")
    version: Mapped[int] = mapped_column(default=1)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))


class ReportTextRevision(db.Model):
    """A text as it was before a save replaced it."""

    __tablename__ = "report_text_revisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    text_id: Mapped[int] = mapped_column(sa.ForeignKey("report_texts.id", ondelete="CASCADE"), index=True)
    version: Mapped[int]
    body: Mapped[str] = mapped_column(sa.Text)
    saved_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    saved_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
