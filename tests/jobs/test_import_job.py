"""An import job does not keep staff waiting while it checks its file: the check only reads
(on SQLite it holds no write lock), and the write transaction that follows makes sure the
check still holds (a case saved meanwhile under one of the file's references is updated, not
doubled). Nothing is written when the job fails."""

import threading
import time
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import current_app

from schemas.cases import IncidentInputSchema
from tests import factories
from tests.jobs.test_runner import _enqueue, _wait
from tracker.audit.operations import Actor
from tracker.cases import operations as case_ops
from tracker.cases.models import Incident
from tracker.core import sqlite
from tracker.core.transaction import transaction
from tracker.extensions import db
from tracker.jobs import local, runner
from tracker.transfer import plan

pytestmark = pytest.mark.no_rollback
FILE = """incident_ref,title_en,violation_types,date_start,country,victim_name_en,victim_outcome,workflow_status
YE-2024-0001,Imported first,F4,2024-03-01,YE,Sami Haddad,detained,draft
B-2,Imported second,F4,2024-03-02,YE,Ali Saleh,detained,draft
B-3,Imported third,I2,2024-03-03,YE,Huda Ahmadi,injured,draft
"""
BOUND_SECONDS = 5.0  # SQLite's busy timeout is 10 s: a write kept behind the job's lock fails there


def _upload(text: str) -> str:
    name = f"{uuid.uuid4().hex}.csv"
    folder = Path(current_app.instance_path) / "uploads"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return name


def _incidents() -> list[tuple]:
    db.session.rollback()
    with sqlite.reading():
        rows = db.session.execute(
            sa.select(Incident.public_ref, Incident.external_ref, Incident.title_en).order_by(Incident.id)
        ).all()
        db.session.rollback()
    return [tuple(r) for r in rows]


def test_a_case_saved_while_an_import_checks_is_not_kept_waiting(job_app_factory, monkeypatch):
    # the job's code is paused from here: its runner is a thread of this process
    app = job_app_factory(JOBS_RUNNER="local", JOBS_LOCAL_PROCESS=False)
    local.start(app)  # as a web process's first request starts it
    checking, release = threading.Event(), threading.Event()
    find_duplicates = plan._find_duplicates

    def paused(report):  # the job is in its check, after reading the stored incidents
        if not checking.is_set():
            checking.set()
            release.wait(30)
        find_duplicates(report)

    monkeypatch.setattr(plan, "_find_duplicates", paused)
    job_id = _enqueue("import.run", {"data": _upload(FILE), "rows": 3})
    try:
        assert checking.wait(30), "the job never reached its check"
        started = time.monotonic()
        with transaction():  # another connection saves a case meanwhile: YE-2024-0001, the file's first ref
            data = IncidentInputSchema().load(factories.incident_data(title_en="Saved by staff"))
            case_ops.create_incident(data, Actor(None, "web", "staff"))
        waited = time.monotonic() - started
    finally:
        release.set()
    assert waited < BOUND_SECONDS
    job = _wait(job_id, ("done", "failed", "cancelled"), seconds=60)
    assert job.state == "done", job.error
    assert (job.result["created"], job.result["updated"]) == (2, 1)
    stored = _incidents()
    # the staff's case took the reference first; the import, checked again, updated it: no double
    assert [r[0] for r in stored].count("YE-2024-0001") == 1
    assert all(external != "YE-2024-0001" for _ref, external, _title in stored)
    assert {title for *_r, title in stored} == {"Imported first", "Imported second", "Imported third"}


def test_a_failed_import_job_writes_nothing(job_app_factory):
    job_app_factory(JOBS_RUNNER="manual")
    bad = FILE + "B-4,Imported fourth,F4,not a date,YE,Noor Saleh,detained,draft\n"
    job_id = _enqueue("import.run", {"data": _upload(bad), "rows": 4})
    assert runner.drain() == 1
    assert _wait(job_id, ("failed",)).state == "failed"
    assert _incidents() == []
