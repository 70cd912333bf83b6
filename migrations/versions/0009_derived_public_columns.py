"""Places as codes and public columns derived at write time.

- ``incidents.admin1`` holds a gazetteer code (``YE-MA``), not a name in the language of the
  page that wrote it; names in both languages come from the gazetteer. Existing names are
  matched; a name that matches nothing is kept in ``admin1_unmatched`` for staff to resolve, and
  listed when the migration runs.
- ``public_precision``, ``public_latitude``, ``public_longitude`` and ``public_admin1``: what the
  public may see of the place, computed by ``tracker.cases.derive`` (the one function) and held by
  CHECK constraints, as is the rule that the public precision is never finer than recorded.
- ``perpetrators.name_ar`` / ``name_en``: a named perpetrator in both languages; the old ``name``
  goes to the column of its script.

The backfill uses the application's gazetteer and derive function, as ``flask incidents
rederive`` does after a gazetteer change.

Revision ID: 0009
Revises: 0008
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

ORDER = ("exact", "locality", "admin2", "admin1", "country")
BATCH = 2000


def _rank(column: str) -> str:
    whens = " ".join(f"WHEN '{p}' THEN {n}" for n, p in enumerate(ORDER))
    return f"(CASE {column} {whens} END)"


def _arabic(text: str) -> bool:
    return any("\u0600" <= c <= "\u06ff" for c in text)


def upgrade():
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.add_column(sa.Column("admin1_unmatched", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("public_precision", sa.String(length=8), nullable=True))
        batch_op.add_column(sa.Column("public_latitude", sa.Double(), nullable=True))
        batch_op.add_column(sa.Column("public_longitude", sa.Double(), nullable=True))
        batch_op.add_column(sa.Column("public_admin1", sa.String(length=20), nullable=True))
    with op.batch_alter_table("perpetrators", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name_ar", sa.String(length=300), nullable=True))
        batch_op.add_column(sa.Column("name_en", sa.String(length=300), nullable=True))
    _backfill()
    with op.batch_alter_table("perpetrators", schema=None) as batch_op:
        batch_op.drop_column("name")
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        batch_op.alter_column("admin1", existing_type=sa.String(length=200), type_=sa.String(length=20))
        batch_op.create_index(batch_op.f("ix_incidents_public_admin1"), ["public_admin1"], unique=False)
        batch_op.create_check_constraint(
            "public_not_finer_than_recorded",
            f"geo_precision IS NULL OR {_rank('public_geo_precision')} >= {_rank('geo_precision')}",
        )
        batch_op.create_check_constraint(
            "public_precision_valid",
            "public_precision IS NULL OR public_precision IN ('exact', 'locality', 'admin2', 'admin1', 'country')",
        )
        batch_op.create_check_constraint(
            "public_point_not_finer_than_allowed",
            f"public_precision IS NULL OR {_rank('public_precision')} >= {_rank('public_geo_precision')}",
        )
        batch_op.create_check_constraint(
            "public_point_complete",
            "(public_latitude IS NULL) = (public_longitude IS NULL) "
            "AND (public_latitude IS NULL) = (public_precision IS NULL)",
        )
        batch_op.create_check_constraint(
            "public_admin1_below_country", "public_admin1 IS NULL OR public_precision <> 'country'"
        )


def _backfill():
    from tracker.cases.derive import UnknownPlace, admin1_code, derive
    from tracker.geo import gazetteer

    conn = op.get_bind()
    perpetrators = conn.execute(sa.text("SELECT id, name FROM perpetrators WHERE name IS NOT NULL")).all()
    for pid, name in perpetrators:
        column = "name_ar" if _arabic(name) else "name_en"
        conn.execute(sa.text(f"UPDATE perpetrators SET {column} = :name WHERE id = :id"), {"name": name, "id": pid})
    if conn.scalar(sa.text("SELECT count(*) FROM incidents")) == 0:
        return
    g = gazetteer.get()
    unmatched: dict[str, int] = {}
    last = 0
    columns = ("id", "public_ref", "title_ar", "title_en", "summary_ar", "summary_en", "country", "admin1",
               "admin2", "locality", "latitude", "longitude", "geo_precision", "public_geo_precision")  # fmt: skip
    while True:
        rows = conn.execute(
            sa.text(f"SELECT {', '.join(columns)} FROM incidents WHERE id > :last ORDER BY id LIMIT {BATCH}"),
            {"last": last},
        ).mappings().all()
        if not rows:
            break
        last = rows[-1]["id"]
        ids = [r["id"] for r in rows]
        codes, perps, names = {}, {}, {}
        for iid, code in conn.execute(
            sa.text("SELECT incident_id, code FROM incident_violations WHERE incident_id IN :ids").bindparams(
                sa.bindparam("ids", expanding=True)), {"ids": ids}):  # fmt: skip
            codes.setdefault(iid, []).append(code)
        for iid, ar, en in conn.execute(
            sa.text("SELECT incident_id, name_ar, name_en FROM perpetrators WHERE incident_id IN :ids").bindparams(
                sa.bindparam("ids", expanding=True)), {"ids": ids}):  # fmt: skip
            perps.setdefault(iid, []).extend([ar, en])
        for iid, ar, en in conn.execute(
            sa.text("SELECT v.incident_id, j.name_ar, j.name_en FROM victims v JOIN journalists j "
                    "ON j.id = v.journalist_id WHERE v.incident_id IN :ids").bindparams(
                sa.bindparam("ids", expanding=True)), {"ids": ids}):  # fmt: skip
            names.setdefault(iid, []).extend([ar, en])
        for row in rows:
            values = dict(row)
            values["admin1_unmatched"] = None
            try:
                values["admin1"] = admin1_code(row["admin1"], row["country"], g)
            except UnknownPlace:
                values["admin1"], values["admin1_unmatched"] = None, row["admin1"]
                unmatched[f"{row['country']}: {row['admin1']}"] = unmatched.get(f"{row['country']}: {row['admin1']}", 0) + 1
            values["violation_types"] = sorted(codes.get(row["id"], []))
            derived = derive(values, perps.get(row["id"], []), names.get(row["id"], []), g)
            conn.execute(
                sa.text(
                    "UPDATE incidents SET admin1 = :admin1, admin1_unmatched = :admin1_unmatched, "
                    "public_geo_precision = :public_geo_precision, public_precision = :public_precision, "
                    "public_latitude = :public_latitude, public_longitude = :public_longitude, "
                    "public_admin1 = :public_admin1, search_text = :search_text WHERE id = :id"
                ),
                {"id": row["id"], "admin1": values["admin1"], "admin1_unmatched": values["admin1_unmatched"],
                 **{k: derived[k] for k in ("public_geo_precision", "public_precision", "public_latitude",
                                            "public_longitude", "public_admin1", "search_text")}},
            )  # fmt: skip
    if unmatched:
        print("Governorates that match no gazetteer entry (kept in incidents.admin1_unmatched):")
        for text, count in sorted(unmatched.items()):
            print(f"  {text}  ({count} incidents)")


def downgrade():
    with op.batch_alter_table("incidents", schema=None) as batch_op:
        for name in ("public_admin1_below_country", "public_point_complete", "public_point_not_finer_than_allowed",
                     "public_precision_valid", "public_not_finer_than_recorded"):  # fmt: skip
            batch_op.drop_constraint(name, type_="check")
        batch_op.drop_index(batch_op.f("ix_incidents_public_admin1"))
        batch_op.alter_column("admin1", existing_type=sa.String(length=20), type_=sa.String(length=200))
        for column in ("public_admin1", "public_longitude", "public_latitude", "public_precision",
                       "admin1_unmatched"):  # fmt: skip
            batch_op.drop_column(column)
    with op.batch_alter_table("perpetrators", schema=None) as batch_op:
        batch_op.add_column(sa.Column("name", sa.String(length=300), nullable=True))
    op.execute("UPDATE perpetrators SET name = COALESCE(name_ar, name_en)")
    with op.batch_alter_table("perpetrators", schema=None) as batch_op:
        batch_op.drop_column("name_en")
        batch_op.drop_column("name_ar")
