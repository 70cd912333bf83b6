"""The job page, its JSON and the cancel button: only the staff member who started the job or
an admin; Arabic and English, right to left; CSRF on cancelling."""

import io
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import current_app

from tests import factories
from tests.web.conftest import csrf_token
from tracker.audit.models import AuditEntry
from tracker.core.transaction import transaction
from tracker.extensions import db
from tracker.jobs import operations, runner
from tracker.jobs.models import Job


def _start(user, **params) -> Job:
    with transaction():
        return operations.enqueue("incidents.rederive", params, user=user)


def test_the_starter_follows_the_job_in_arabic_and_english(web):
    client = web("editor")
    job = _start(client.user)
    page = client.get(f"/jobs/{job.id}?lang=ar").get_data(as_text=True)
    assert 'dir="rtl"' in page and "بانتظار البدء" in page and f'data-job-url="/jobs/{job.id}.json"' in page
    assert "/static/js/jobs.js" in page and "<script>" not in page  # no inline script (CSP)
    state = client.get(f"/jobs/{job.id}.json?lang=en")
    assert state.headers["Cache-Control"] == "no-store"
    assert state.get_json()["state"] == "queued" and state.get_json()["state_label"] == "Waiting to start"
    factories.create_incident(title_en="Derived again")
    runner.drain()
    done = client.get(f"/jobs/{job.id}.json?lang=en").get_json()
    assert done["state"] == "done" and done["percent"] == 100 and done["finished"]
    assert "Done" in client.get(f"/jobs/{job.id}?lang=en").get_data(as_text=True)


@pytest.mark.parametrize("role", ["editor", "researcher", "viewer"])
def test_nobody_else_sees_a_job(web, client, users, role):
    job = _start(users["editor"])
    other = web(factories.create_user(role=role))
    for path in (f"/jobs/{job.id}", f"/jobs/{job.id}.json"):
        assert other.get(path).status_code == 404
        anonymous = client.get(path)
        assert anonymous.status_code in (302, 401) and b'"state"' not in anonymous.data
    admin = web("admin")
    assert admin.get(f"/jobs/{job.id}.json").get_json()["id"] == job.id


def test_cancel_needs_the_starter_or_an_admin_and_a_csrf_token(web, users):
    job = _start(users["editor"])
    other = web("researcher")
    token = csrf_token(other, "/cases/")
    assert other.post(f"/jobs/{job.id}/cancel", data={"csrf_token": token}).status_code == 404
    starter = web(users["editor"])
    assert starter.post(f"/jobs/{job.id}/cancel").status_code == 400  # no CSRF token
    db.session.expire_all()
    assert db.session.get(Job, job.id).state == "queued"
    token = csrf_token(starter, f"/jobs/{job.id}")
    assert starter.post(f"/jobs/{job.id}/cancel", data={"csrf_token": token}).status_code == 302
    db.session.expire_all()
    assert db.session.get(Job, job.id).state == "cancelled"
    entries = db.session.scalars(
        sa.select(AuditEntry).where(AuditEntry.entity_type == "job", AuditEntry.entity_id == job.id)
    ).all()
    assert [(e.action, e.user_id) for e in entries] == [("enqueue", users["editor"].id),
                                                          ("cancel", users["editor"].id)]  # fmt: skip


def test_a_full_internal_export_is_a_job_with_a_private_file(web, users, client):
    factories.create_incident(title_en="Exported case")
    editor = web("editor")
    token = csrf_token(editor, "/cases/")
    assert web("viewer").post(
        "/transfer/export", data={"csrf_token": token, "format": "csv", "edition": "internal"}
    ).status_code in (
        400,
        403,
    )
    response = editor.post(
        "/transfer/export", data={"csrf_token": token, "format": "csv", "edition": "internal"}
    )
    assert response.status_code == 302
    job_id = int(response.location.rsplit("/", 1)[1])
    runner.drain()
    state = editor.get(f"/jobs/{job_id}.json").get_json()
    assert state["state"] == "done" and state["link"] == f"/jobs/{job_id}/file"
    download = editor.get(state["link"])
    assert download.status_code == 200 and "Exported case" in download.get_data(as_text=True)
    assert download.headers["Cache-Control"] == "no-store"
    assert download.headers["Content-Type"] == "text/csv; charset=utf-8"
    assert web(factories.create_user(role="editor")).get(state["link"]).status_code == 404  # another editor
    assert client.get(state["link"]).status_code in (302, 401)
    exports = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "export")).all()
    assert exports and exports[-1].user_id == editor.user.id


def test_rederive_from_the_command_line_runs_as_a_job(app):
    result = app.test_cli_runner().invoke(args=["incidents", "rederive", "--batch", "2"])
    assert result.exit_code == 0, result.output
    job = db.session.scalars(sa.select(Job).order_by(Job.id.desc())).first()
    assert job.kind == "incidents.rederive" and job.state == "done"


def test_a_large_import_file_is_accepted_and_checked_by_a_job(web):
    """Larger than any other request may be (2 MB): the request only stores it."""
    client = web("editor")
    rows = "".join(f"R{n},حادثة رقم {n},F4,2024-03-05,YE\n" for n in range(90_000))
    data = ("incident_ref,title_ar,violation_types,date_start,country\n" + rows).encode()
    assert len(data) > 3 * 1024 * 1024
    token = csrf_token(client, "/transfer/import")
    posted = client.post("/transfer/import", data={"csrf_token": token, "file": (io.BytesIO(data), "big.csv")},
                         content_type="multipart/form-data")  # fmt: skip
    assert posted.status_code == 302 and "job=" in posted.location
    job = db.session.scalars(sa.select(Job).order_by(Job.id.desc())).first()
    assert job.kind == "import.check" and job.state == "queued"
    assert (Path(current_app.instance_path) / "uploads" / job.params["data"]).stat().st_size == len(data)
