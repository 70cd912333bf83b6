"""Test fixtures: one migrated database per run, one rolled-back transaction per test.

SQLite (a temporary file) by default; PostgreSQL when TEST_DATABASE_URL is set.
"""

import os

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from tests import factories
from tracker import create_app
from tracker.extensions import db

TEST_DATABASE_URL = os.environ.get("TEST_DATABASE_URL")


def _reset_postgres(url: str) -> None:
    engine = sa.create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))
    with engine.begin() as conn:
        conn.execute(sa.text("DROP SCHEMA public CASCADE"))
        conn.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()


def make_app(database_url: str, **overrides):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret-key",
        "SQLALCHEMY_DATABASE_URI": database_url,
        "RATELIMIT_ENABLED": False,
        "WTF_CSRF_ENABLED": True,
    }
    config.update(overrides)
    return create_app(config)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory):
    if TEST_DATABASE_URL:
        _reset_postgres(TEST_DATABASE_URL)
        return TEST_DATABASE_URL
    return f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"


@pytest.fixture(scope="session")
def app(database_url):
    app = make_app(database_url)
    with app.app_context():
        upgrade(directory=os.path.join(app.root_path, "..", "migrations"))
    return app


@pytest.fixture(autouse=True)
def _transaction(request, app):
    """Run each test inside a transaction that is rolled back afterwards.

    Operations and views commit as usual; with ``join_transaction_mode`` their commits
    release savepoints inside the outer transaction. Tests marked ``no_rollback`` manage
    their own data (e.g. subprocess or multi-connection tests).
    """
    if request.node.get_closest_marker("no_rollback"):
        with app.app_context():
            yield
        return
    with app.app_context():
        connection = db.engine.connect()
        outer = connection.begin()
        original = db.session
        db.session = db._make_scoped_session(
            {"bind": connection, "join_transaction_mode": "create_savepoint"}
        )
        try:
            yield
        finally:
            db.session.remove()
            db.session = original
            outer.rollback()
            connection.close()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def users():
    """One account per role."""
    return {role: factories.create_user(role=role) for role in ("admin", "editor", "researcher", "viewer")}


@pytest.fixture
def auth(users):
    """``auth("editor")`` -> headers with a bearer token for that role's user."""

    def headers(role_or_user, **extra):
        user = users[role_or_user] if isinstance(role_or_user, str) else role_or_user
        return {**factories.bearer(user), **extra}

    return headers
