"""The job table: the record of truth of every long piece of work (what, who, state, result).

Live progress while a job runs is kept beside it (``tracker.jobs.live``): a running job's own
transaction may hold the database's write lock (SQLite), so the page cannot wait for it.
"""

from datetime import datetime

import sqlalchemy as sa
from sqlalchemy.orm import Mapped, mapped_column

from tracker.core.db import UTCDateTime, enum_check, utcnow
from tracker.extensions import db

STATES = ("queued", "running", "done", "failed", "cancelled")
FINISHED = ("done", "failed", "cancelled")


class Job(db.Model):
    __tablename__ = "jobs"
    __table_args__ = (
        enum_check("state", STATES),
        sa.CheckConstraint("progress_done >= 0 AND progress_total >= 0", name="progress"),
        sa.Index("ix_jobs_state_created_at", "state", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(sa.String(50))
    params: Mapped[dict] = mapped_column(sa.JSON, default=dict)
    state: Mapped[str] = mapped_column(sa.String(10), default="queued")
    # Random: names the job's live progress, so that a reused id never shows another job's.
    key: Mapped[str] = mapped_column(sa.String(32), unique=True)
    dedupe_key: Mapped[str | None] = mapped_column(sa.String(200), index=True)
    progress_done: Mapped[int] = mapped_column(default=0)
    progress_total: Mapped[int] = mapped_column(default=0)
    message: Mapped[str | None] = mapped_column(sa.String(200))
    result: Mapped[dict | None] = mapped_column(sa.JSON)
    error: Mapped[str | None] = mapped_column(sa.Text)
    cancel_requested: Mapped[bool] = mapped_column(default=False)
    runner: Mapped[str | None] = mapped_column(sa.String(200))  # host:pid of the process running it
    locale: Mapped[str] = mapped_column(sa.String(5), default="ar")  # messages in the starter's language
    created_by_id: Mapped[int | None] = mapped_column(sa.ForeignKey("users.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def finished(self) -> bool:
        return self.state in FINISHED
