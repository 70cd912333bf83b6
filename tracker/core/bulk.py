"""Multi-row inserts on the session's own connection, inside its transaction (never commits).

Used by the batch form of the writers, so that thousands of rows cost a few statements.
"""

import json

import sqlalchemy as sa

from tracker.extensions import db


def insert_returning_ids(table: sa.Table, rows: list[dict]) -> list[int]:
    """Insert ``rows``; their new ids in the same order.

    The ids are taken first and written with the rows, so the rows go in as plain inserts: an
    INSERT .. RETURNING of many rows costs psycopg a client-side parse of a statement with tens
    of thousands of parameters per batch, and SQLite does not promise RETURNING's order (so
    SQLAlchemy sent one statement per row). PostgreSQL: numbers from the table's own sequence
    (as a default id would take). SQLite: the ones after the largest id, as SQLite's own default
    does; the transaction writes, so it holds the database's write lock and no other writer can
    take them meanwhile (a primary key taken twice would fail the insert, never overwrite)."""
    if not rows:
        return []
    ids = new_ids(table, len(rows))
    insert_plain(table, [{"id": new_id, **row} for new_id, row in zip(ids, rows, strict=True)])
    return ids


def new_ids(table: sa.Table, count: int) -> list[int]:
    """``count`` unused ids of ``table``, increasing (see ``insert_returning_ids``)."""
    if db.session.get_bind().dialect.name == "postgresql":
        taken = db.session.scalars(
            sa.text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :n)"),
            {"table": table.name, "n": count},
        )
        return sorted(taken)
    last = db.session.scalar(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0)))
    return list(range(last + 1, last + 1 + count))


def _defaults(table: sa.Table, given) -> dict:
    """The client-side defaults of ``table``'s columns not in ``given`` (a COPY applies none)."""
    values = {}
    for column in table.columns:
        default = column.default
        if column.name in given or default is None or not (default.is_scalar or default.is_callable):
            continue
        values[column.name] = default.arg if default.is_scalar else default.arg(None)
    return values


def insert_plain(table: sa.Table, rows: list[dict]) -> None:
    """Insert ``rows`` (all with the same keys). On PostgreSQL by COPY: psycopg 3 runs an
    executemany() as one INSERT per row, several times slower. On SQLite one executemany() of
    the statement compiled once, each value through its column type's bind processor (what
    SQLAlchemy's own executemany does, without its per-row bookkeeping: a third of a bulk
    load's time)."""
    if not rows:
        return
    dialect = db.session.get_bind().dialect
    if dialect.name == "sqlite":
        _insert_sqlite(table, rows, dialect)
        return
    if dialect.name != "postgresql":
        db.session.execute(sa.insert(table), rows)
        return
    defaults = _defaults(table, rows[0])
    columns = [*rows[0], *defaults]
    as_json = [isinstance(table.c[name].type, sa.JSON) for name in columns]
    cursor = db.session.connection().connection.driver_connection.cursor()
    names = ", ".join(f'"{name}"' for name in columns)
    with cursor.copy(f"COPY {table.name} ({names}) FROM STDIN") as copy:
        for row in rows:
            row = {**row, **defaults} if defaults else row
            copy.write_row(
                [json.dumps(row[n]) if j else row[n] for n, j in zip(columns, as_json, strict=True)]
            )


def _insert_sqlite(table: sa.Table, rows: list[dict], dialect) -> None:
    defaults = _defaults(table, rows[0])
    columns = [*rows[0], *defaults]
    compiled = sa.insert(table).compile(dialect=dialect, column_keys=columns)
    names = compiled.positiontup  # the statement's parameters, in order (column keys)
    processors = [compiled._bind_processors.get(name) for name in names]
    if defaults:
        rows = [{**row, **defaults} for row in rows]
    values = [
        tuple(row[n] if p is None else p(row[n]) for n, p in zip(names, processors, strict=True))
        for row in rows
    ]
    db.session.connection().exec_driver_sql(compiled.string, values)
