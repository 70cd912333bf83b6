"""Indexes on incidents.updated_at and journalists.updated_at: the public map and open data
check "has anything changed?" (count and latest update) on every request; with these indexes
the latest update is one index lookup instead of a scan.

Revision ID: 0008
Revises: 0007
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_incidents_updated_at"), ["updated_at"], unique=False)
    with op.batch_alter_table("journalists", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_journalists_updated_at"), ["updated_at"], unique=False)


def downgrade():
    with op.batch_alter_table("journalists", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_journalists_updated_at"))
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_incidents_updated_at"))
