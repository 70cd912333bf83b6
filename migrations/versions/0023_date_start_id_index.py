"""The lists' default order (date, then id) from one index: ``(date_start, id)`` replaces
``(date_start)``. SQLite's index held the row id already; PostgreSQL's did not, so a keyset seek
on ``(date_start, id)`` (a deep page of the internal list, ``tracker.core.paging``) read the
table to compare ids and sorted each date's ties; now it reads the index alone.

Revision ID: 0023
Revises: 0022
"""

from alembic import op

revision = "0023"
down_revision = "0022"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index("ix_incidents_date_start_id", ["date_start", "id"], unique=False)
        batch_op.drop_index("ix_incidents_date_start")


def downgrade():
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.create_index("ix_incidents_date_start", ["date_start"], unique=False)
        batch_op.drop_index("ix_incidents_date_start_id")
