"""/readyz: this node can do its work: the database is reachable and accepts writes, its schema is
at the migrations' head, Redis answers when configured. A load balancer sends traffic only to
ready nodes (a node started before `flask db upgrade` finished is not). /healthz (tracker.core.views)
answers whether the process and its database work."""

import time
from pathlib import Path

import redis
import sqlalchemy as sa
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from flask import Blueprint, current_app, jsonify

from tracker.extensions import db

blp = Blueprint("health", __name__)
MIGRATIONS = Path(__file__).resolve().parent.parent.parent / "migrations"
BUSY = ("locked", "busy", "lock timeout", "could not obtain lock", "canceling statement due to lock timeout")


def _reply(checks: dict, ok: bool):
    response = jsonify({"status": "ok" if ok else "unavailable", "checks": checks})
    response.status_code = 200 if ok else 503
    response.headers["Cache-Control"] = "no-store"
    return response


@blp.route("/readyz")
def readyz():
    checks = {"database": _database(), "redis": _redis()}
    return _reply(checks, all(check["ok"] for check in checks.values()))


def _database() -> dict:
    started = time.perf_counter()
    try:
        with db.engine.connect() as conn:
            current = set(MigrationContext.configure(conn).get_current_heads())
            conn.rollback()
            writable, detail = _accepts_writes(conn)
    except sa.exc.SQLAlchemyError as exc:
        return {"ok": False, "error": type(exc).__name__}
    heads = set(ScriptDirectory(str(MIGRATIONS)).get_heads())
    at_head = current == heads
    result = {"ok": writable and at_head, "writable": writable, "migrations_at_head": at_head,
              "ms": round(1000 * (time.perf_counter() - started), 1)}  # fmt: skip
    if detail:
        result["detail"] = detail
    return result


def _accepts_writes(conn: sa.Connection) -> tuple[bool, str | None]:
    """A write that changes nothing, rolled back. Busy with another writer still counts as
    writable (it waits at most a moment); read-only (a replica, a read-only file or transaction
    mode, a disk that refuses writes) does not."""
    sqlite = conn.dialect.name == "sqlite"
    try:
        conn.exec_driver_sql("PRAGMA busy_timeout = 0" if sqlite else "SET LOCAL lock_timeout = '2s'")
        conn.exec_driver_sql("UPDATE alembic_version SET version_num = version_num")
        return True, None
    except sa.exc.DBAPIError as exc:
        message = str(exc.orig).lower()
        if any(word in message for word in BUSY):
            return True, "busy"
        return False, str(exc.orig).splitlines()[0][:200]
    finally:
        conn.rollback()
        if sqlite:
            conn.exec_driver_sql("PRAGMA busy_timeout = 10000")
            conn.rollback()


def _redis() -> dict:
    url = current_app.config.get("REDIS_URL")
    if not url:
        return {"ok": True, "configured": False}
    try:
        redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        return {"ok": False, "configured": True, "error": type(exc).__name__}
    return {"ok": True, "configured": True}
