"""Latin transliterations fold in search, a "filmmaker / director" profession and a "killed on"
status event.

The stored search columns (``incidents.search_text`` and ``protected_search_text``,
``journalists.search_name``, ``outlets.search_name``) were ``normalise``-d; search now compares
``search_form`` (the same, then Latin transliteration folding: Ma'rib = Marib = Maarib), on both
sides. The folding works on normalised text, so the stored values are folded in place here
(``flask incidents rederive`` would give the same search text). The two CHECK constraints take
the new codes.

Revision ID: 0018
Revises: 0017
"""

import sqlalchemy as sa
from alembic import op

from tracker.core.text import fold_latin

revision = "0018"
down_revision = "0017"
branch_labels = None
depends_on = None

OLD_PROFESSIONS = (
    "journalist", "photographer", "camera_operator", "editor", "editor_in_chief", "presenter", "columnist",
    "blogger", "media_worker", "other",
)  # fmt: skip
NEW_PROFESSIONS = (*OLD_PROFESSIONS[:-1], "filmmaker", "other")
OLD_EVENTS = (
    "detained_on", "abducted_on", "disappeared_on", "charged_on", "tried_on", "sentenced_on", "acquitted_on",
    "released_on", "escaped_on", "found_dead_on", "died_on",
)  # fmt: skip
NEW_EVENTS = (*OLD_EVENTS, "killed_on")
SEARCH_COLUMNS = {
    "incidents": ("search_text", "protected_search_text"),
    "journalists": ("search_name",),
    "outlets": ("search_name",),
}


def _in(column: str, values, nullable: bool = False) -> str:
    condition = f"{column} IN (" + ", ".join(f"'{v}'" for v in values) + ")"
    return f"{column} IS NULL OR {condition}" if nullable else condition


def _checks(professions, events) -> None:
    with op.batch_alter_table("journalists", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_journalists_profession_valid"), type_="check")
        batch_op.create_check_constraint("profession_valid", _in("profession", professions, nullable=True))
    with op.batch_alter_table("status_events", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("ck_status_events_event_valid"), type_="check")
        batch_op.create_check_constraint("event_valid", _in("event", events))


def _fold_search_columns() -> None:
    conn = op.get_bind()
    for table, columns in SEARCH_COLUMNS.items():
        rows = conn.execute(sa.text(f"SELECT id, {', '.join(columns)} FROM {table}")).all()
        for row in rows:
            values = {c: fold_latin(v or "") for c, v in zip(columns, row[1:], strict=True)}
            if any(values[c] != (v or "") for c, v in zip(columns, row[1:], strict=True)):
                sets = ", ".join(f"{c} = :{c}" for c in columns)
                conn.execute(sa.text(f"UPDATE {table} SET {sets} WHERE id = :id"), {**values, "id": row[0]})


def upgrade():
    _checks(NEW_PROFESSIONS, NEW_EVENTS)
    _fold_search_columns()


def downgrade():
    # Folded search text still finds what it found (queries fold too only from 0105 on; run
    # ``flask incidents rederive`` after a downgrade for the exact former text).
    op.execute("UPDATE journalists SET profession = 'other' WHERE profession = 'filmmaker'")
    op.execute("UPDATE status_events SET event = 'died_on' WHERE event = 'killed_on'")
    _checks(OLD_PROFESSIONS, OLD_EVENTS)
