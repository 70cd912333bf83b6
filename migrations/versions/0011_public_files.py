"""Public files already built (report PDFs, static map exports) and the incidents they hold.

Revision ID: 0011
Revises: 0010
"""

import sqlalchemy as sa
from alembic import op

from tracker.core.db import UTCDateTime

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "public_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=1000), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("lang", sa.String(length=5), nullable=True),
        sa.Column("edition", sa.String(length=10), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("built_at", UTCDateTime(), nullable=False),
        sa.Column("withdrawn_at", UTCDateTime(), nullable=True),
        sa.CheckConstraint("kind IN ('report', 'map_export')", name=op.f("ck_public_files_kind")),
        sa.CheckConstraint("status IN ('building', 'ready', 'withdrawn')", name=op.f("ck_public_files_status")),
        sa.CheckConstraint("edition IN ('public', 'internal')", name=op.f("ck_public_files_edition")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_public_files")),
    )
    op.create_index("ix_public_files_kind_key", "public_files", ["kind", "key", "id"], unique=False)
    op.create_table(
        "public_file_incidents",
        sa.Column("file_id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["file_id"], ["public_files.id"], name=op.f("fk_public_file_incidents_file_id_public_files"),
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"],
                                name=op.f("fk_public_file_incidents_incident_id_incidents")),
        sa.PrimaryKeyConstraint("file_id", "incident_id", name=op.f("pk_public_file_incidents")),
    )  # fmt: skip
    op.create_index(op.f("ix_public_file_incidents_incident_id"), "public_file_incidents", ["incident_id"],
                    unique=False)  # fmt: skip


def downgrade():
    op.drop_index(op.f("ix_public_file_incidents_incident_id"), table_name="public_file_incidents")
    op.drop_table("public_file_incidents")
    op.drop_index("ix_public_files_kind_key", table_name="public_files")
    op.drop_table("public_files")
