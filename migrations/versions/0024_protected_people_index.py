"""The protected people's state from one index: the guard asks how many people are protected and
when one last changed before each publish (``tracker.public.guard.registry_names``), so that a
public case never names a person protected in another case; ``(is_protected, updated_at)``
answers it without reading the journalists' table.

Revision ID: 0024
Revises: 0023
"""

from alembic import op

revision = "0024"
down_revision = "0023"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("journalists", schema=None) as batch_op:
        batch_op.create_index("ix_journalists_protected_updated", ["is_protected", "updated_at"], unique=False)


def downgrade():
    with op.batch_alter_table("journalists", schema=None) as batch_op:
        batch_op.drop_index("ix_journalists_protected_updated")
