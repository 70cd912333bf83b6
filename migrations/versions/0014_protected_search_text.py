"""Identity-protected victims' names leave ``search_text`` for ``protected_search_text``, which a
text search uses only for readers who may see those names (editors, admins, the researcher who
created the case): a viewer searching a name must not learn which case is about that person.

Revision ID: 0014
Revises: 0013
"""

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("protected_search_text", sa.Text(), server_default="", nullable=False))
    _backfill()


def _backfill():
    """Recompute both search columns of the incidents with a protected victim."""
    from tracker.cases.derive import derive
    from tracker.geo import gazetteer

    conn = op.get_bind()
    ids = [i for (i,) in conn.execute(sa.text("SELECT DISTINCT incident_id FROM victims WHERE is_identity_protected"))]
    if not ids:
        return
    g = gazetteer.get()
    columns = ("id", "public_ref", "title_ar", "title_en", "summary_ar", "summary_en", "country", "admin1",
               "admin2", "locality", "latitude", "longitude", "geo_precision", "public_geo_precision")  # fmt: skip
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        expanding = sa.bindparam("ids", expanding=True)
        rows = conn.execute(
            sa.text(f"SELECT {', '.join(columns)} FROM incidents WHERE id IN :ids").bindparams(expanding),
            {"ids": chunk},
        ).mappings().all()
        perps, names, protected = {}, {}, {}
        for iid, ar, en in conn.execute(
            sa.text("SELECT incident_id, name_ar, name_en FROM perpetrators WHERE incident_id IN :ids")
            .bindparams(expanding), {"ids": chunk}):  # fmt: skip
            perps.setdefault(iid, []).extend([ar, en])
        for iid, ar, en, hidden in conn.execute(
            sa.text("SELECT v.incident_id, j.name_ar, j.name_en, v.is_identity_protected FROM victims v "
                    "JOIN journalists j ON j.id = v.journalist_id WHERE v.incident_id IN :ids")
            .bindparams(expanding), {"ids": chunk}):  # fmt: skip
            (protected if hidden else names).setdefault(iid, []).extend([ar, en])
        for row in rows:
            derived = derive(dict(row), perps.get(row["id"], []), names.get(row["id"], []), g,
                             protected.get(row["id"], []))  # fmt: skip
            conn.execute(
                sa.text("UPDATE incidents SET search_text = :s, protected_search_text = :p WHERE id = :id"),
                {"s": derived["search_text"], "p": derived["protected_search_text"], "id": row["id"]},
            )


def downgrade():
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.drop_column("protected_search_text")
