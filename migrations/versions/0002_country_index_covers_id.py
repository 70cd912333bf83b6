"""Incidents by country: the index also covers id, so filtered counts are index-only.

Revision ID: 0002
Revises: 0001
"""

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index("ix_incidents_country_date_start")
        batch_op.create_index("ix_incidents_country_date_start_id", ["country", "date_start", "id"], unique=False)


def downgrade():
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index("ix_incidents_country_date_start_id")
        batch_op.create_index("ix_incidents_country_date_start", ["country", "date_start"], unique=False)
