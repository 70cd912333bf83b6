"""Incidents get verified_by_id: who last verified the case, for the two-person rule (the person
who verified a case may not publish it).

Revision ID: 0010
Revises: 0009
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("verified_by_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_incidents_verified_by_id_users"), "users", ["verified_by_id"], ["id"]
        )


def downgrade():
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_incidents_verified_by_id_users"), type_="foreignkey")
        batch_op.drop_column("verified_by_id")
