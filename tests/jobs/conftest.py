"""Apps of their own for the job runners: a runner commits on connections of its own, so these
tests use a fresh database (a SQLite file, or a scratch PostgreSQL database) instead of the
rolled-back test transaction. Job kinds for the tests are registered here."""

import contextlib
import os
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from tests.conftest import TEST_DATABASE_URL, make_app
from tests.jobs import kinds  # noqa: F401  (registers the test job kinds here too)
from tests.scratch import postgres_databases
from tests.web.conftest import web  # noqa: F401  (a fixture for the page tests)
from tracker.cases.models import Incident
from tracker.core import sqlite
from tracker.extensions import db
from tracker.jobs import local

MIGRATIONS = str(Path(__file__).resolve().parents[2] / "migrations")
TITLE = "JOB-TEST-{}"


@contextlib.contextmanager
def fresh_database(tmp_path, name: str):
    if TEST_DATABASE_URL:
        with postgres_databases(name) as (url,):
            yield url
    else:
        yield f"sqlite:///{tmp_path / (name + '.sqlite3')}"


@pytest.fixture
def job_app_factory(tmp_path):
    """``job_app_factory(**config)`` -> a migrated app on a fresh database, its context pushed."""
    stack = contextlib.ExitStack()

    def make(name="jobs", **config):
        url = stack.enter_context(fresh_database(tmp_path, f"{name}_{os.getpid()}"))
        config.setdefault("JOBS_MODULES", ["tests.jobs.kinds"])  # for a runner in a process of its own
        app = make_app(url, **config)
        stack.enter_context(app.app_context())
        upgrade(directory=MIGRATIONS)
        stack.callback(lambda: (db.session.remove(), db.engine.dispose()))
        for slot in local.slots(app):  # this database's job-process locks: not left in instance/
            for path in slot:
                stack.callback(path.unlink, missing_ok=True)
        stack.callback(lambda: app.extensions.get("jobs.local") and app.extensions["jobs.local"].stop())
        return app

    with stack:
        yield make


def titles() -> set[str]:
    db.session.rollback()
    with sqlite.reading():
        found = set(db.session.scalars(sa.select(Incident.title_en)))
        db.session.rollback()
    return found
