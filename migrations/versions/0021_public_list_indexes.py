"""Covering indexes for the public list and its count (issue 18): the public conditions
(workflow status, then not confidential) with the list's order (date, id) and the public filters
(violation mask, country), so that a page, a keyset page and a count read the index alone.
The first replaces ix_incidents_workflow_status_date_start (its first two columns).

Public files gain the kind ``download``: the full public downloads, built as files and withdrawn
like the others when a case they hold leaves the public.

Revision ID: 0021
Revises: 0020
"""

import sqlalchemy as sa
from alembic import op

revision = "0021"
down_revision = "0020"
branch_labels = None
depends_on = None

INDEXES = {
    "ix_incidents_public_date": ["workflow_status", "date_start", "id", "is_confidential", "violation_mask", "country"],
    "ix_incidents_public_country": ["workflow_status", "country", "date_start", "id", "is_confidential",
                                    "violation_mask"],
}  # fmt: skip


KINDS_BEFORE = "kind IN ('report', 'map_export')"
KINDS_AFTER = "kind IN ('report', 'map_export', 'download')"


def upgrade():
    with op.batch_alter_table("public_files", schema=None) as batch_op:
        batch_op.drop_constraint("kind", type_="check")
        batch_op.create_check_constraint("kind", KINDS_AFTER)
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        for name, columns in INDEXES.items():
            batch_op.create_index(name, columns, unique=False)
        batch_op.drop_index("ix_incidents_workflow_status_date_start")


def downgrade():
    downloads = sa.text("SELECT id FROM public_files WHERE kind = 'download'")
    op.execute(sa.text(f"DELETE FROM public_file_incidents WHERE file_id IN ({downloads})"))
    op.execute(sa.text("DELETE FROM public_files WHERE kind = 'download'"))
    with op.batch_alter_table("public_files", schema=None) as batch_op:
        batch_op.drop_constraint("kind", type_="check")
        batch_op.create_check_constraint("kind", KINDS_BEFORE)
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index("ix_incidents_workflow_status_date_start", ["workflow_status", "date_start"])
        for name in reversed(INDEXES):
            batch_op.drop_index(name)
