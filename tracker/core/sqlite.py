"""SQLite connection settings: WAL journal, foreign keys on, a busy timeout, and real
transactions (pysqlite's own BEGIN handling breaks SAVEPOINTs, see the SQLAlchemy docs
"Serializable isolation / Savepoints / Transactional DDL").

Transactions that may write start with BEGIN IMMEDIATE: a deferred transaction that read an
older snapshot cannot take the write lock later (SQLITE_BUSY_SNAPSHOT fails at once, without
waiting), whereas IMMEDIATE waits for the other writer and then reads fresh data, so a stale
edit is refused with a clear 412 instead of an error. Read-only requests stay deferred and
never wait.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

import sqlalchemy as sa
from flask import Flask, has_request_context, request

READ_ONLY_METHODS = ("GET", "HEAD", "OPTIONS")
_reading = ContextVar("sqlite_reading", default=False)


@contextmanager
def reading() -> Iterator[None]:
    """Transactions begun inside only read (a job's dry run, an export): they never take the
    write lock, so minutes of reading do not hold up every writer."""
    token = _reading.set(True)
    try:
        yield
    finally:
        _reading.reset(token)


def begin_statement() -> str:
    if _reading.get() or (has_request_context() and request.method in READ_ONLY_METHODS):
        return "BEGIN"
    return "BEGIN IMMEDIATE"


def may_write() -> bool:
    """Whether a transaction begun here takes the write lock (see ``begin_statement``)."""
    return begin_statement() == "BEGIN IMMEDIATE"


def configure(app: Flask) -> None:
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        return
    from tracker.extensions import db

    with app.app_context():
        engine = db.engine
    on_disk = ":memory:" not in app.config["SQLALCHEMY_DATABASE_URI"]

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record):
        dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (below)
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA busy_timeout = 10000")
        if on_disk:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection):
        connection.exec_driver_sql(begin_statement())
