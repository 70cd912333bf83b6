"""PostgreSQL connections (``tracker.core.postgres``): statements stay prepared from one request
to the next, a pooled connection is not pinged on every checkout, one the server closed is
replaced before use, and a bulk load leaves the planner its statistics."""

import os
import time

import pytest
import sqlalchemy as sa

from tracker.core import postgres
from tracker.extensions import db

pytestmark = pytest.mark.skipif(not os.environ.get("TEST_DATABASE_URL"), reason="TEST_DATABASE_URL not set")

ONE = sa.select(sa.literal(1, sa.Integer) + sa.bindparam("n", type_=sa.Integer))


def test_statements_stay_prepared_across_rollbacks(app):
    """Every request ends with a rollback: psycopg alone forgets its prepared statements then,
    so none was ever prepared and the server planned every statement of every request."""
    with db.engine.connect() as conn:
        for n in range(8):  # psycopg prepares a statement at its fifth run
            conn.execute(ONE, {"n": n})
            conn.rollback()
        prepared = conn.exec_driver_sql("SELECT statement FROM pg_prepared_statements").scalars().all()
    assert any("$1" in statement for statement in prepared)


def test_a_checkout_does_not_ping_a_connection_in_use(app, monkeypatch):
    """pool_pre_ping cost a round trip per request; a connection used recently that the server
    sent nothing to is used as it is."""
    monkeypatch.setattr(postgres, "IDLE_PING_SECONDS", 3600.0)
    pings = []
    monkeypatch.setattr(db.engine.dialect, "do_ping", lambda dbapi_connection: pings.append(1) or True)
    for n in range(3):
        with db.engine.connect() as conn:
            conn.execute(ONE, {"n": n})
    assert pings == []


def test_a_connection_the_server_closed_is_replaced_before_use(app):
    with db.engine.connect() as doomed, db.engine.connect() as other:
        pid = doomed.exec_driver_sql("SELECT pg_backend_pid()").scalar()
        doomed.rollback()
        assert other.exec_driver_sql(f"SELECT pg_terminate_backend({pid})").scalar()
        gone = f"SELECT count(*) FROM pg_stat_activity WHERE pid = {pid}"
        for _ in range(100):
            if not other.exec_driver_sql(gone).scalar():
                break
            time.sleep(0.05)
        other.rollback()
    # both back in the pool, one of them closed by the server: each checkout gets a working one
    with db.engine.connect() as first, db.engine.connect() as second:
        pids = {c.exec_driver_sql("SELECT pg_backend_pid()").scalar() for c in (first, second)}
    assert pid not in pids


def test_a_demo_load_refreshes_the_planner_statistics(app):
    seen = []

    def record(_conn, _cursor, statement, *_args):
        seen.append(statement)

    sa.event.listen(db.engine, "before_cursor_execute", record)
    try:
        result = app.test_cli_runner().invoke(args=["demo", "load", "--incidents", "2"])
    finally:
        sa.event.remove(db.engine, "before_cursor_execute", record)
    assert result.exit_code == 0, result.output
    assert "ANALYZE" in seen
