"""Jobs: long work (imports, report builds, exports, geocoding, re-derivation) and its state.

Revision ID: 0020
Revises: 0019
"""

import sqlalchemy as sa
from alembic import op

from tracker.core.db import UTCDateTime

revision = "0020"
down_revision = "0019"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "jobs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=50), nullable=False),
        sa.Column("params", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=10), nullable=False),
        sa.Column("key", sa.String(length=32), nullable=False),
        sa.Column("dedupe_key", sa.String(length=200), nullable=True),
        sa.Column("progress_done", sa.Integer(), nullable=False),
        sa.Column("progress_total", sa.Integer(), nullable=False),
        sa.Column("message", sa.String(length=200), nullable=True),
        sa.Column("result", sa.JSON(), nullable=True),
        sa.Column("error", sa.Text(), nullable=True),
        sa.Column("cancel_requested", sa.Boolean(), nullable=False),
        sa.Column("runner", sa.String(length=200), nullable=True),
        sa.Column("locale", sa.String(length=5), nullable=False),
        sa.Column("created_by_id", sa.Integer(), nullable=True),
        sa.Column("created_at", UTCDateTime(), nullable=False),
        sa.Column("started_at", UTCDateTime(), nullable=True),
        sa.Column("finished_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint(
            "state IN ('queued', 'running', 'done', 'failed', 'cancelled')", name=op.f("ck_jobs_state_valid")
        ),
        sa.CheckConstraint("progress_done >= 0 AND progress_total >= 0", name=op.f("ck_jobs_progress")),
        sa.ForeignKeyConstraint(["created_by_id"], ["users.id"], name=op.f("fk_jobs_created_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_jobs")),
        sa.UniqueConstraint("key", name=op.f("uq_jobs_key")),
    )
    with op.batch_alter_table("jobs") as batch:
        batch.create_index("ix_jobs_state_created_at", ["state", "created_at"])
        batch.create_index(batch.f("ix_jobs_dedupe_key"), ["dedupe_key"])
        batch.create_index(batch.f("ix_jobs_created_by_id"), ["created_by_id"])


def downgrade():
    op.drop_table("jobs")
