"""The staff desk: discussion notes on a case, who a case is assigned to, notifications, tags
and saved searches. Kept apart from the incident tables: none of this is ever public, and the
incident writer (``tracker.cases.operations``) stays the only writer of incidents."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.auth.models import User
from tracker.core.db import UTCDateTime, enum_check, utcnow
from tracker.extensions import db

NOTE_KINDS = ("note", "send_back")
NOTIFICATION_KINDS = ("assigned", "sent_back", "published", "mentioned", "submitted")


class CaseNote(db.Model):
    """An internal comment on a case (researcher and reviewer). ``send_back`` notes are the
    reviewer's reason for sending a case back to its author. Never public, never exported."""

    __tablename__ = "case_notes"
    __table_args__ = (
        enum_check("kind", NOTE_KINDS),
        sa.CheckConstraint("length(body) > 0", name="body_not_empty"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    incident_id: Mapped[int] = mapped_column(sa.ForeignKey("incidents.id", ondelete="CASCADE"), index=True)
    author_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(sa.String(10), default="note")
    body: Mapped[str] = mapped_column(sa.Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    author: Mapped[User | None] = relationship(lazy="joined")


class CaseAssignment(db.Model):
    """Who is to work on a case next (one person at a time)."""

    __tablename__ = "case_assignments"

    incident_id: Mapped[int] = mapped_column(
        sa.ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True
    )
    assignee_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    assigned_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    assigned_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    assignee: Mapped[User] = relationship(foreign_keys=[assignee_id], lazy="joined")


class Notification(db.Model):
    """Something for one user to look at: a case assigned to them, sent back, published,
    submitted for review, or a note that mentions them."""

    __tablename__ = "notifications"
    __table_args__ = (
        enum_check("kind", NOTIFICATION_KINDS),
        sa.Index("ix_notifications_user_id_read_at", "user_id", "read_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(sa.String(10))
    incident_id: Mapped[int | None] = mapped_column(sa.ForeignKey("incidents.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    note_id: Mapped[int | None] = mapped_column(sa.ForeignKey("case_notes.id", ondelete="CASCADE"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    read_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    actor: Mapped[User | None] = relationship(foreign_keys=[actor_id], lazy="joined")


class Tag(db.Model):
    """A label staff put on cases (``key`` is the normalised name: one tag per spelling)."""

    __tablename__ = "tags"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(sa.String(60))
    key: Mapped[str] = mapped_column(sa.String(60), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))


class IncidentTag(db.Model):
    __tablename__ = "incident_tags"
    __table_args__ = (sa.Index("ix_incident_tags_tag_id_incident_id", "tag_id", "incident_id"),)

    incident_id: Mapped[int] = mapped_column(
        sa.ForeignKey("incidents.id", ondelete="CASCADE"), primary_key=True
    )
    tag_id: Mapped[int] = mapped_column(sa.ForeignKey("tags.id", ondelete="CASCADE"), primary_key=True)


class SavedSearch(db.Model):
    """A named case-list filter (the list's query string); anyone on the staff may open its link."""

    __tablename__ = "saved_searches"
    __table_args__ = (sa.UniqueConstraint("user_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    name: Mapped[str] = mapped_column(sa.String(100))
    query: Mapped[str] = mapped_column(sa.Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
