"""Test fixtures: one migrated database per run, one rolled-back transaction per test.

SQLite (a temporary file) by default; PostgreSQL when TEST_DATABASE_URL is set.
"""

import contextvars
import os
import sys
import tempfile

import pytest
import sqlalchemy as sa
from flask.testing import FlaskClient
from flask_migrate import upgrade
from flask_sqlalchemy.session import _app_ctx_id
from sqlalchemy.orm import scoped_session, sessionmaker

from tests import factories
from tracker import create_app
from tracker.core import paging
from tracker.extensions import db
from tracker.public import guard
from tracker.public import queries as public_queries

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
        # The limiter stays on (it registers nothing when off); logins get a generous limit
        # that tests/test_security.py lowers to see it work.
        "RATELIMIT_ENABLED": True,
        "LOGIN_RATE_LIMIT": "10000 per minute",
        "WTF_CSRF_ENABLED": True,
        # every change of public data queues a rebuild of the full downloads: never into instance/
        "DOWNLOADS_DIR": tempfile.mkdtemp(prefix="tracker-downloads-"),
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
    # A rollback takes data back without a new data version, which nothing in production does:
    # anchors and counts kept for the version (tracker.core.paging), and public records kept
    # for it (tracker.public.queries), go with it.
    paging.forget()
    public_queries.forget()
    with app.app_context():
        guard.forget()
    if request.node.get_closest_marker("no_rollback"):
        with app.app_context():
            yield
        return
    with app.app_context():
        connection = db.engine.connect()
        outer = connection.begin()
        original = db.session
        # A plain SQLAlchemy session: Flask-SQLAlchemy's own Session.get_bind would pick the
        # engine (a new pooled connection) and ignore the bound test connection.
        db.session = scoped_session(
            sessionmaker(bind=connection, join_transaction_mode="create_savepoint"),
            scopefunc=_app_ctx_id,
        )
        try:
            yield
        finally:
            db.session.remove()
            db.session = original
            outer.rollback()
            connection.close()


class IsolatedClient(FlaskClient):
    """Runs each request in a fresh context, as a real server does.

    Otherwise Flask reuses the test's app context for the request, and per-context state
    (the selected locale, the session) leaks from one request to the next.
    """

    def open(self, *args, **kwargs):
        return contextvars.Context().run(super().open, *args, **kwargs)


@pytest.fixture
def client(app):
    app.test_client_class = IsolatedClient
    return app.test_client()


@pytest.fixture(scope="session", autouse=True)
def _fast_password_hashing():
    """Argon2 at production cost takes ~50 ms a hash; tests only need it to be argon2."""
    from argon2 import PasswordHasher

    from tracker.auth import passwords

    production = passwords._hasher
    passwords._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    yield
    passwords._hasher = production


class _Users(dict):
    """``users["editor"]``: one account per role, created on first use."""

    def __missing__(self, role):
        self[role] = factories.create_user(role=role)
        return self[role]


@pytest.fixture
def users():
    return _Users()


@pytest.fixture
def auth(users):
    """``auth("editor")`` -> headers with a bearer token for that role's user."""

    def headers(role_or_user, **extra):
        user = users[role_or_user] if isinstance(role_or_user, str) else role_or_user
        return {**factories.bearer(user), **extra}

    return headers


def pytest_terminal_summary(terminalreporter):
    """How many requests the property-based API tests generated (tests/api/test_schemathesis.py)."""
    module = sys.modules.get("tests.api.test_schemathesis")
    if module is not None and module.GENERATED["cases"]:
        terminalreporter.write_line(f"schemathesis: {module.GENERATED['cases']} generated cases")
