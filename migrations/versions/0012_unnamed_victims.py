"""Unnamed victims and an unknown outcome.

A monitor's row may count victims without naming them ("a journalist", "3 journalists"): the
incident keeps that number in ``unnamed_victims`` (0 by default). A row may also not say what
happened to a named person: the outcome ``unknown`` joins the CHECK constraint.

Revision ID: 0012
Revises: 0011
"""

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

OLD_OUTCOMES = (
    "killed", "injured", "detained", "abducted", "disappeared", "missing", "released", "tortured",
    "assaulted", "threatened", "prosecuted", "sentenced", "dismissed", "property_damaged", "prevented",
    "other",
)  # fmt: skip
NEW_OUTCOMES = (*OLD_OUTCOMES, "unknown")


def _outcome_check(values) -> str:
    return "outcome IN (" + ", ".join(f"'{v}'" for v in values) + ")"


def upgrade():
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("unnamed_victims", sa.Integer(), server_default=sa.text("0"), nullable=False))
        batch_op.create_check_constraint("unnamed_victims_positive", "unnamed_victims >= 0")
    with op.batch_alter_table("victims", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_victims_outcome_valid"), type_="check")
        batch_op.create_check_constraint("outcome_valid", _outcome_check(NEW_OUTCOMES))


def downgrade():
    op.execute("UPDATE victims SET outcome = 'other' WHERE outcome = 'unknown'")
    with op.batch_alter_table("victims", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_victims_outcome_valid"), type_="check")
        batch_op.create_check_constraint("outcome_valid", _outcome_check(OLD_OUTCOMES))
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_incidents_unnamed_victims_positive"), type_="check")
        batch_op.drop_column("unnamed_victims")
