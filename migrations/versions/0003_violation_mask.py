"""Incidents get violation_mask (one bit per top-level violation type), kept in the country
index, so "type X or its sub-types in country C" is counted from the index alone.

Revision ID: 0003
Revises: 0002
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

# Frozen copy of tracker.cases.taxonomy.ROOT_CODES: bit i belongs to ROOT_CODES[i].
ROOT_CODES = ("L1", "L2", "F1", "F2", "F3", "F4", "F5", "I1", "I2", "I3", "I4", "I5", "P1", "P2", "P3",
              "C1", "C2", "C3", "C4", "C5", "E1", "D1", "D2", "X")  # fmt: skip


def upgrade():
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("violation_mask", sa.Integer(), server_default=sa.text("0"), nullable=False))
    for bit, root in enumerate(ROOT_CODES):
        op.execute(
            sa.text(
                "UPDATE incidents SET violation_mask = violation_mask | :bit WHERE id IN "
                "(SELECT incident_id FROM incident_violations WHERE code = :root OR code LIKE :children)"
            ).bindparams(bit=1 << bit, root=root, children=f"{root}.%")
        )
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index("ix_incidents_country_date_start_id")
        batch_op.create_index(
            "ix_incidents_country_date_start_id", ["country", "date_start", "id", "violation_mask"], unique=False
        )


def downgrade():
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_index("ix_incidents_country_date_start_id")
        batch_op.create_index("ix_incidents_country_date_start_id", ["country", "date_start", "id"], unique=False)
        batch_op.drop_column("violation_mask")
