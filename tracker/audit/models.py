"""The audit trail's table: an append-only record of every write, whatever the domain."""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.auth.models import User
from tracker.core.db import UTCDateTime, utcnow
from tracker.extensions import db


class AuditEntry(db.Model):
    """Append-only record of a write: who, when, what, and the field-level diff.

    The ORM refuses updates and deletes (see below); database triggers
    created by the migration refuse them too.
    """

    __tablename__ = "audit_entries"
    __table_args__ = (
        sa.Index("ix_audit_entries_entity", "entity_type", "entity_id", "id"),
        sa.UniqueConstraint("seq", name="uq_audit_entries_seq"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    user_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"))
    actor: Mapped[str] = mapped_column(sa.String(254))  # email or "system:<command>", kept verbatim
    channel: Mapped[str] = mapped_column(sa.String(10))  # api | web | cli | import | demo | system
    action: Mapped[str] = mapped_column(sa.String(30))  # create | update | transition | archive ...
    entity_type: Mapped[str] = mapped_column(sa.String(20))
    entity_id: Mapped[int]
    changes: Mapped[dict] = mapped_column(sa.JSON, default=dict)  # {field: [before, after]}
    note: Mapped[str | None] = mapped_column(sa.String(500))

    # The hash chain (tracker.audit.chain): position in the chain, the previous entry's hash and
    # this entry's hash over its canonical JSON. Editing or deleting any entry breaks the chain.
    seq: Mapped[int] = mapped_column(sa.BigInteger)
    prev_hash: Mapped[str] = mapped_column(sa.String(64))
    entry_hash: Mapped[str] = mapped_column(sa.String(64))

    user: Mapped[User | None] = relationship()


class AuditHead(db.Model):
    """The chain's head, one row: writers take it (row lock on PostgreSQL, the write lock on
    SQLite) before appending, so concurrent transactions extend the chain one after another."""

    __tablename__ = "audit_head"
    __table_args__ = (sa.CheckConstraint("id = 1", name="one_row"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    seq: Mapped[int] = mapped_column(sa.BigInteger, default=0)
    head_hash: Mapped[str] = mapped_column(sa.String(64))


@sa.event.listens_for(AuditEntry, "before_update")
def _refuse_update(_mapper, _connection, _target):
    raise RuntimeError("audit entries are append-only")


@sa.event.listens_for(AuditEntry, "before_delete")
def _refuse_delete(_mapper, _connection, _target):
    raise RuntimeError("audit entries are append-only")
