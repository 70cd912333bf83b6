"""Multi-row inserts on the session's own connection, inside its transaction (never commits).

Used by the batch form of the writers, so that thousands of rows cost a few statements.
"""

import json

import sqlalchemy as sa

from tracker.extensions import db


def insert_returning_ids(table: sa.Table, rows: list[dict]) -> list[int]:
    """Insert ``rows``; their new ids in the same order."""
    if not rows:
        return []
    stmt = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(db.session.scalars(stmt, rows))


def insert_plain(table: sa.Table, rows: list[dict]) -> None:
    """Insert ``rows`` (all with the same keys). On PostgreSQL by COPY: psycopg 3 runs an
    executemany() as one INSERT per row, several times slower."""
    if not rows:
        return
    if db.session.get_bind().dialect.name != "postgresql":
        db.session.execute(sa.insert(table), rows)
        return
    columns = list(rows[0])
    as_json = [isinstance(table.c[name].type, sa.JSON) for name in columns]
    cursor = db.session.connection().connection.driver_connection.cursor()
    names = ", ".join(f'"{name}"' for name in columns)
    with cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(
                [json.dumps(row[n]) if j else row[n] for n, j in zip(columns, as_json, strict=True)]
            )
