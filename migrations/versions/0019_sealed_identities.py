"""Identities at rest: confidential notes, internal sources' details and the names of
identity-protected victims are stored sealed (``tracker.core.sealed``), bound to the row's
``seal_key``; a journalist who is a protected victim anywhere is marked ``is_protected``.

Values written before this revision stay readable (a clear value is read as is) until
``flask keys rotate`` seals them and moves the protected names' search text to the blind index:
run it once after upgrading (it works in batches and can be stopped and run again).

Revision ID: 0019
Revises: 0018
"""

import sqlalchemy as sa
from alembic import op

revision = "0019"
down_revision = "0018"
branch_labels = None
depends_on = None

LENGTHS = {"sources": (("url", 2000), ("title", 500), ("publisher", 300)),
           "journalists": (("name_ar", 300), ("name_en", 300))}
SEALED = {"incidents": ("confidential_notes",), "sources": ("url", "title", "publisher"),
          "journalists": ("name_ar", "name_en")}


def upgrade():
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seal_key", sa.String(length=32), nullable=True))
    # sealed values are longer than the values typed: their columns become text
    with op.batch_alter_table("sources", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seal_key", sa.String(length=32), nullable=True))
        for column, length in LENGTHS["sources"]:
            batch_op.alter_column(column, existing_type=sa.String(length=length), type_=sa.Text())
    with op.batch_alter_table("journalists", schema=None) as batch_op:
        batch_op.add_column(sa.Column("is_protected", sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column("seal_key", sa.String(length=32), nullable=True))
        for column, length in LENGTHS["journalists"]:
            batch_op.alter_column(column, existing_type=sa.String(length=length), type_=sa.Text())
    op.execute(
        "UPDATE journalists SET is_protected = true WHERE id IN "
        "(SELECT journalist_id FROM victims WHERE is_identity_protected)"
    )


def _unseal_all(conn):
    """Back to clear values (the previous revision has no seal_key to open them with)."""
    from tracker.core import crypto
    from tracker.core.text import normalise

    for table, columns in SEALED.items():
        rows = conn.execute(sa.text(f"SELECT id, seal_key, {', '.join(columns)} FROM {table} "
                                    "WHERE seal_key IS NOT NULL")).all()  # fmt: skip
        for row in rows:
            values = {c: crypto.unseal(v, f"{table}.{c}:{row.seal_key}") for c, v in zip(columns, row[2:])}
            sets = ", ".join(f"{c} = :{c}" for c in columns)
            conn.execute(sa.text(f"UPDATE {table} SET {sets} WHERE id = :id"), {**values, "id": row.id})
    for jid, ar, en in conn.execute(sa.text("SELECT id, name_ar, name_en FROM journalists WHERE is_protected")).all():
        conn.execute(sa.text("UPDATE journalists SET search_name = :s WHERE id = :id"),
                     {"s": normalise(f"{ar or ''} {en or ''}"), "id": jid})  # fmt: skip
    protected = {}
    for iid, ar, en in conn.execute(sa.text(
            "SELECT v.incident_id, j.name_ar, j.name_en FROM victims v JOIN journalists j "
            "ON j.id = v.journalist_id WHERE v.is_identity_protected")).all():  # fmt: skip
        protected.setdefault(iid, []).extend(n for n in (ar, en) if n)
    for iid, names in protected.items():
        conn.execute(sa.text("UPDATE incidents SET protected_search_text = :p WHERE id = :id"),
                     {"p": normalise(" ".join(names)), "id": iid})


def downgrade():
    _unseal_all(op.get_bind())
    for table in ("journalists", "sources"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            for column, length in LENGTHS[table]:
                batch_op.alter_column(column, existing_type=sa.Text(), type_=sa.String(length=length))
    with op.batch_alter_table("journalists", schema=None) as batch_op:
        batch_op.drop_column("seal_key")
        batch_op.drop_column("is_protected")
    for table in ("sources", "incidents"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("seal_key")
