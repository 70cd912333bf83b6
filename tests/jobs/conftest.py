"""Apps of their own for the job runners: a runner commits on connections of its own, so these
tests use a fresh database (a SQLite file, or a scratch PostgreSQL database) instead of the
rolled-back test transaction. Job kinds for the tests are registered here."""

import contextlib
import os
import time
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask_babel import gettext as _
from flask_migrate import upgrade

from schemas.cases import IncidentInputSchema
from tests import factories
from tests.conftest import TEST_DATABASE_URL, make_app
from tests.scratch import postgres_databases
from tests.web.conftest import web  # noqa: F401  (a fixture for the page tests)
from tracker.audit.operations import Actor
from tracker.cases import operations as case_ops
from tracker.cases.models import Incident
from tracker.core import sqlite
from tracker.extensions import db
from tracker.jobs.registry import JobFailed, job

MIGRATIONS = str(Path(__file__).resolve().parents[2] / "migrations")
TITLE = "JOB-TEST-{}"


def _write(title: str) -> Incident:
    data = IncidentInputSchema().load(factories.incident_data(title_en=title))
    return case_ops.create_incident(data, Actor(None, "system", "system:tests"))


@job("test.write")
def write_then(params, progress):
    """Writes an incident, then ends as ``params["end"]`` says."""
    progress(0, 2, "writing")
    incident = _write(params["title"])
    progress(1, 2)
    if params.get("end") == "refuse":
        raise JobFailed(_("The file has errors: nothing was imported."))
    if params.get("end") == "crash":
        raise RuntimeError("boom")
    progress(2, 2)
    return {"id": incident.id}


@job("test.slow")
def slow(params, progress):
    """Writes, then reports progress until cancelled (or ``params["steps"]`` are done)."""
    _write(params["title"])
    steps = params.get("steps", 600)
    for step in range(steps):
        progress(step, steps, "waiting")
        time.sleep(0.05)
    return {"steps": steps}


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
        app = make_app(url, **config)
        stack.enter_context(app.app_context())
        upgrade(directory=MIGRATIONS)
        stack.callback(lambda: (db.session.remove(), db.engine.dispose()))
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
