"""Evidence attachments (originals by SHA-256, cleaned public copies) and the audit trail's hash
chain: every audit entry carries its position, the previous entry's hash and its own hash
(existing entries are chained in id order here), and a one-row ``audit_head`` that writers lock.
Users' TOTP secrets get room for their encrypted form.

Revision ID: 0015
Revises: 0014
"""

import sqlalchemy as sa
from alembic import op

from tracker.core.db import UTCDateTime

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None

# The append-only triggers of 0001; SQLite loses them when the table is rebuilt, so they are
# dropped before and created again after.
AUDIT_TRIGGERS = {
    "sqlite": [
        """CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries
           BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END""",
        """CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries
           BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END""",
    ],
    "postgresql": [
        """CREATE TRIGGER audit_entries_no_change BEFORE UPDATE OR DELETE ON audit_entries
           FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()""",
    ],
}
DROP_AUDIT_TRIGGERS = {
    "sqlite": ["DROP TRIGGER audit_entries_no_update", "DROP TRIGGER audit_entries_no_delete"],
    "postgresql": ["DROP TRIGGER audit_entries_no_change ON audit_entries"],
}
GENESIS = "0" * 64


def _triggers(statements: dict) -> None:
    for statement in statements.get(op.get_bind().dialect.name, []):
        op.execute(statement)


def upgrade():
    _triggers(DROP_AUDIT_TRIGGERS)
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.add_column(sa.Column("seq", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("entry_hash", sa.String(length=64), nullable=True))
    last, head_hash = _backfill()
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.alter_column("seq", existing_type=sa.BigInteger(), nullable=False)
        batch_op.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("entry_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint("uq_audit_entries_seq", ["seq"])
    _triggers(AUDIT_TRIGGERS)

    head = op.create_table(
        "audit_head",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.BigInteger(), nullable=False),
        sa.Column("head_hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_audit_head_one_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_audit_head")),
    )
    op.bulk_insert(head, [{"id": 1, "seq": last, "head_hash": head_hash}])

    op.create_table(
        "evidence_attachments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("incident_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.BigInteger(), nullable=False),
        sa.Column("media_type", sa.String(length=30), nullable=False),
        sa.Column("original_name", sa.String(length=255), nullable=False),
        sa.Column("description", sa.String(length=1000), nullable=True),
        sa.Column("visibility", sa.String(length=10), nullable=False),
        sa.Column("thumb_sha256", sa.String(length=64), nullable=True),
        sa.Column("public_sha256", sa.String(length=64), nullable=True),
        sa.Column("public_media_type", sa.String(length=30), nullable=True),
        sa.Column("uploaded_at", UTCDateTime(), nullable=False),
        sa.Column("uploaded_by_id", sa.Integer(), nullable=True),
        sa.Column("made_public_at", UTCDateTime(), nullable=True),
        sa.Column("made_public_by_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "visibility IN ('internal', 'public')", name=op.f("ck_evidence_attachments_visibility_valid")
        ),
        sa.CheckConstraint(
            "media_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf', 'video/mp4', "
            "'audio/mpeg', 'audio/mp4', 'audio/ogg', 'text/plain')",
            name=op.f("ck_evidence_attachments_media_type_valid"),
        ),
        sa.CheckConstraint("length(sha256) = 64", name=op.f("ck_evidence_attachments_sha256_length")),
        sa.CheckConstraint("size >= 0", name=op.f("ck_evidence_attachments_size_positive")),
        sa.CheckConstraint(
            "visibility = 'internal' OR public_sha256 IS NOT NULL",
            name=op.f("ck_evidence_attachments_public_has_copy"),
        ),
        sa.ForeignKeyConstraint(["incident_id"], ["incidents.id"], name=op.f("fk_evidence_attachments_incident_id_incidents"), ondelete="CASCADE"),  # fmt: skip
        sa.ForeignKeyConstraint(["uploaded_by_id"], ["users.id"], name=op.f("fk_evidence_attachments_uploaded_by_id_users")),  # fmt: skip
        sa.ForeignKeyConstraint(["made_public_by_id"], ["users.id"], name=op.f("fk_evidence_attachments_made_public_by_id_users")),  # fmt: skip
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_attachments")),
    )
    op.create_index(op.f("ix_evidence_attachments_incident_id"), "evidence_attachments", ["incident_id"])
    op.create_index(op.f("ix_evidence_attachments_sha256"), "evidence_attachments", ["sha256"])

    # TOTP secrets are stored encrypted (longer values); clear ones are sealed by `flask keys rotate`.
    with op.batch_alter_table("users", schema=None) as batch_op:
        for column in ("totp_secret", "totp_pending_secret"):
            batch_op.alter_column(column, existing_type=sa.String(length=64), type_=sa.String(length=255))


def _backfill() -> tuple[int, str]:
    """Chain the existing entries in id order (the order they were written)."""
    from tracker.audit import chain

    conn = op.get_bind()
    entries = sa.table(
        "audit_entries", sa.column("id", sa.Integer), sa.column("at", UTCDateTime()),
        sa.column("user_id", sa.Integer), sa.column("actor", sa.String), sa.column("channel", sa.String),
        sa.column("action", sa.String), sa.column("entity_type", sa.String), sa.column("entity_id", sa.Integer),
        sa.column("changes", sa.JSON()), sa.column("note", sa.String), sa.column("seq", sa.BigInteger),
        sa.column("prev_hash", sa.String), sa.column("entry_hash", sa.String),
    )  # fmt: skip
    update = (
        sa.update(entries)
        .where(entries.c.id == sa.bindparam("_id"))
        .values(seq=sa.bindparam("_seq"), prev_hash=sa.bindparam("_prev"), entry_hash=sa.bindparam("_hash"))
    )
    seq, prev, after = 0, GENESIS, 0
    columns = [entries.c[name] for name in ("id", *chain.CONTENT_FIELDS)]
    while True:
        rows = conn.execute(
            sa.select(*columns).where(entries.c.id > after).order_by(entries.c.id).limit(5000)
        ).mappings().all()  # fmt: skip
        if not rows:
            return seq, prev
        params = []
        for row in rows:
            seq += 1
            digest = chain.entry_hash(row, seq, prev)
            params.append({"_id": row["id"], "_seq": seq, "_prev": prev, "_hash": digest})
            prev = digest
        conn.execute(update, params)
        after = rows[-1]["id"]


def downgrade():
    with op.batch_alter_table("users", schema=None) as batch_op:
        for column in ("totp_secret", "totp_pending_secret"):
            batch_op.alter_column(column, existing_type=sa.String(length=255), type_=sa.String(length=64))
    op.drop_index(op.f("ix_evidence_attachments_sha256"), table_name="evidence_attachments")
    op.drop_index(op.f("ix_evidence_attachments_incident_id"), table_name="evidence_attachments")
    op.drop_table("evidence_attachments")
    op.drop_table("audit_head")
    _triggers(DROP_AUDIT_TRIGGERS)
    with op.batch_alter_table("audit_entries", schema=None) as batch_op:
        batch_op.drop_constraint("uq_audit_entries_seq", type_="unique")
        batch_op.drop_column("entry_hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("seq")
    _triggers(AUDIT_TRIGGERS)
