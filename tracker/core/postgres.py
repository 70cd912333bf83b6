"""PostgreSQL connection settings: statements stay prepared from one request to the next, and a
pooled connection is checked without a round trip to the server.

Prepared statements. psycopg prepares a statement on a connection once it has run it five
times, so the server parses and plans it once. But psycopg forgets every prepared statement on
``rollback()`` (and deallocates them), and every request ends with a rollback (the session is
closed; a read has nothing to commit): no statement ever reached five runs, so each statement of
each request was parsed and planned again, which costs PostgreSQL more than running it (a list
page: twice the server's CPU; a deep page: four times). psycopg does this in case a rolled-back
transaction created or changed a table a prepared statement reads. Schema changes here are
migrations, and PostgreSQL re-plans a prepared statement itself when a table it reads changes;
psycopg still forgets them all after a ``DROP``, ``ALTER`` or ``DISCARD ALL`` it runs.

Liveness. ``pool_pre_ping`` sent an empty statement on every checkout, one more round trip per
request. A connection the server closed (a restart, an administrator, an idle timeout) has
something to read on its socket (the notice, then the end of the stream) while it sits in the
pool: that, or a long rest, gets the real ping, and a connection that fails it is replaced
before the request uses it.

Statistics. The planner chooses from the row counts and value statistics that ANALYZE keeps.
autovacuum refreshes them some time after a bulk load (never where it is turned off): until
then a 100,000-incident list is planned as if its tables were nearly empty (the public list's
page records were read by scanning every published incident: 60-80 ms of the server's CPU a
page instead of 2). ``refresh_statistics`` runs ANALYZE after a bulk load.
"""

import select
import time

import psycopg
import sqlalchemy as sa
from flask import Flask

from tracker.extensions import db

IDLE_PING_SECONDS = 30.0  # a connection rested longer than this is pinged before use
_CHECKED_IN = "tracker_checked_in"


class Connection(psycopg.Connection):
    """A psycopg connection whose ``rollback()`` keeps its prepared statements."""

    def rollback(self) -> None:
        manager = self._prepared
        manager.clear = _keep  # what rollback() calls to forget them (an instance attribute)
        try:
            super().rollback()
        finally:
            del manager.clear


def _keep() -> bool:
    return False  # nothing forgotten, nothing to deallocate on the server


def has_pending_input(dbapi_connection) -> bool:
    """Whether the server sent something to a connection that asked nothing (idle in the pool):
    its closing notice, or the end of the stream."""
    try:
        readable, _, _ = select.select([dbapi_connection.fileno()], [], [], 0)
    except (OSError, ValueError, psycopg.Error):
        return True
    return bool(readable)


def refresh_statistics() -> None:
    """ANALYZE every table, in the session's transaction (PostgreSQL; nothing on SQLite)."""
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.text("ANALYZE"))


def configure(app: Flask) -> None:
    if not app.config["SQLALCHEMY_DATABASE_URI"].startswith("postgresql"):
        return
    with app.app_context():
        engine = db.engine

    @sa.event.listens_for(engine, "do_connect")
    def _connect(_dialect, _record, cargs, cparams):
        return Connection.connect(*cargs, **cparams)

    @sa.event.listens_for(engine, "connect")
    @sa.event.listens_for(engine, "checkin")
    def _rests_from_now(_dbapi_connection, record):
        if record is not None:
            record.info[_CHECKED_IN] = time.monotonic()

    @sa.event.listens_for(engine, "checkout")
    def _check(dbapi_connection, record, _proxy):
        rested = time.monotonic() - record.info.get(_CHECKED_IN, 0.0)
        if rested < IDLE_PING_SECONDS and not has_pending_input(dbapi_connection):
            return
        try:
            engine.dialect.do_ping(dbapi_connection)
        except Exception as error:  # any failure: the pool drops it and connects anew
            raise sa.exc.DisconnectionError(str(error)) from error
