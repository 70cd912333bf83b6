"""Incidents get external_ref: the reference an imported file gave the incident, so that
importing the same file again updates it instead of creating it twice.

Revision ID: 0007
Revises: 0005
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("external_ref", sa.String(length=100), nullable=True))
        batch_op.create_unique_constraint(batch_op.f("uq_incidents_external_ref"), ["external_ref"])


def downgrade():
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_incidents_external_ref"), type_="unique")
        batch_op.drop_column("external_ref")
