"""The yearly report's own words: report_texts (foreword, key findings, recommendations per year
and language; contact, citation and licence for every year) and their revisions.

Revision ID: 0016
Revises: 0015
"""

import sqlalchemy as sa
from alembic import op

from tracker.core.db import UTCDateTime

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

KINDS = "('foreword', 'key_findings', 'recommendations', 'contact', 'citation', 'licence')"


def upgrade():
    op.create_table(
        "report_texts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("lang", sa.String(length=2), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("updated_at", UTCDateTime(), nullable=False),
        sa.Column("updated_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(f"kind IN {KINDS}", name=op.f("ck_report_texts_kind")),
        sa.CheckConstraint("lang IN ('ar', 'en')", name=op.f("ck_report_texts_lang")),
        sa.ForeignKeyConstraint(["updated_by_id"], ["users.id"], name=op.f("fk_report_texts_updated_by_id_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_texts")),
        sa.UniqueConstraint("year", "lang", "kind", name=op.f("uq_report_texts_year_lang_kind")),
    )
    op.create_table(
        "report_text_revisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("text_id", sa.Integer(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("body", sa.Text(), nullable=False),
        sa.Column("saved_at", UTCDateTime(), nullable=False),
        sa.Column("saved_by_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["saved_by_id"], ["users.id"], name=op.f("fk_report_text_revisions_saved_by_id_users")),
        sa.ForeignKeyConstraint(["text_id"], ["report_texts.id"], name=op.f("fk_report_text_revisions_text_id_report_texts"),
                                ondelete="CASCADE"),  # fmt: skip
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_text_revisions")),
    )
    with op.batch_alter_table("report_text_revisions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_text_revisions_text_id"), ["text_id"], unique=False)


def downgrade():
    with op.batch_alter_table("report_text_revisions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_text_revisions_text_id"))
    op.drop_table("report_text_revisions")
    op.drop_table("report_texts")
