"""Several machines: /readyz says whether this node can work (database reachable and writable,
schema at head, Redis when configured); `flask db upgrade` may run on every node at once."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import TEST_DATABASE_URL, make_app
from tests.jobs.conftest import MIGRATIONS
from tests.scratch import postgres_databases
from tracker.extensions import db

pytestmark = pytest.mark.no_rollback
ROOT = Path(__file__).resolve().parents[2]


def test_ready_when_the_database_takes_writes_and_is_at_head(job_app_factory):
    app = job_app_factory()
    body = app.test_client().get("/readyz")
    assert body.status_code == 200 and body.headers["Cache-Control"] == "no-store"
    checks = body.get_json()["checks"]
    assert checks["database"]["writable"] and checks["database"]["migrations_at_head"]
    assert checks["redis"]["ok"] and checks["redis"]["configured"] == bool(app.config.get("REDIS_URL"))
    with db.engine.begin() as conn:
        conn.execute(sa.text("UPDATE alembic_version SET version_num = '0016'"))
    behind = app.test_client().get("/readyz")
    assert behind.status_code == 503 and not behind.get_json()["checks"]["database"]["migrations_at_head"]


def test_not_ready_when_redis_does_not_answer(job_app_factory):
    app = job_app_factory(REDIS_URL="redis://127.0.0.1:1/0")
    response = app.test_client().get("/readyz")
    assert response.status_code == 503 and response.get_json()["checks"]["redis"]["ok"] is False


def test_not_ready_when_the_database_refuses_writes(job_app_factory, tmp_path):
    app = job_app_factory()
    url = app.config["SQLALCHEMY_DATABASE_URI"]
    if url.startswith("sqlite"):
        path = url.removeprefix("sqlite:///")
        read_only = make_app(f"sqlite:///file:{path}?mode=ro&uri=true")
    else:  # a standby, or a database set read-only by its administrator
        with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            name = db.engine.url.database
            conn.execute(sa.text(f'ALTER DATABASE "{name}" SET default_transaction_read_only = on'))
        read_only = make_app(url)
    with read_only.app_context():
        response = read_only.test_client().get("/readyz")
        health = read_only.test_client().get("/healthz")
        db.engine.dispose()
    assert response.status_code == 503 and health.status_code == 503
    database = response.get_json()["checks"]["database"]
    assert database["writable"] is False and database["migrations_at_head"] is True


@pytest.mark.skipif(not TEST_DATABASE_URL, reason="PostgreSQL: several nodes share one server")
def test_db_upgrade_from_several_nodes_at_once():
    with postgres_databases("upgrade_race", driver=False) as (url,):
        env = {**os.environ, "DATABASE_URL": url, "SECRET_KEY": "x", "FLASK_APP": "app.py"}
        env.pop("REDIS_URL", None)
        flask = [sys.executable, "-m", "flask", "db", "upgrade", "--directory", MIGRATIONS]
        nodes = [
            subprocess.Popen(flask, cwd=ROOT, env=env, stderr=subprocess.PIPE, text=True) for _ in range(3)
        ]
        errors = [node.communicate(timeout=300)[1] for node in nodes]
        assert [node.returncode for node in nodes] == [0, 0, 0], errors
        engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
        with engine.connect() as conn:
            assert conn.scalar(sa.text("SELECT count(*) FROM alembic_version")) == 1
        engine.dispose()
