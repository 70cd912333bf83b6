"""Case notes in the internal API: list and add, with the page's rule (whoever may read the case's
protected data) and its audit entry; never in the public API."""

import pytest
import sqlalchemy as sa

from tests import factories
from tracker.audit.models import AuditEntry
from tracker.audit.operations import Actor
from tracker.cases import operations as case_ops
from tracker.desk import operations
from tracker.desk.models import CaseNote, Notification
from tracker.extensions import db


def _url(incident) -> str:
    return f"/api/v1/incidents/{incident.id}/notes"


def test_notes_are_listed_oldest_first_with_the_send_back_reason(client, users, auth):
    incident = factories.create_incident(users["researcher"], workflow_status="in_review")
    operations.add_note(incident, "المصدر أخو الصحفي", Actor(users["researcher"], "web"))
    case_ops.transition_incident(incident, "draft", Actor(users["editor"], "web"), note="Add a second source")
    db.session.commit()
    response = client.get(_url(incident), headers=auth("researcher"))
    assert response.status_code == 200
    notes = response.get_json()
    assert [(n["kind"], n["body"]) for n in notes] == [("note", "المصدر أخو الصحفي"),
                                                       ("send_back", "Add a second source")]  # fmt: skip
    assert notes[1]["author"] == {"id": users["editor"].id, "name": users["editor"].name}
    assert set(notes[0]) == {"id", "incident_id", "kind", "body", "author", "created_at"}


def test_a_note_added_through_the_api_is_audited_and_notifies_the_mentioned(client, users, auth):
    incident = factories.create_incident(users["researcher"])
    db.session.commit()
    handle = users["editor"].email.split("@")[0]
    response = client.post(_url(incident), json={"body": f"  @{handle} please check the date  "},
                           headers=auth("researcher"))  # fmt: skip
    assert response.status_code == 201, response.get_json()
    body = response.get_json()
    assert body["body"] == f"@{handle} please check the date" and body["kind"] == "note"
    assert response.headers["Location"] == _url(incident)
    note = db.session.get(CaseNote, body["id"])
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.entity_type == "case_note"))
    assert (entry.entity_id, entry.channel, entry.user_id) == (note.id, "api", users["researcher"].id)
    mentioned = db.session.scalars(sa.select(Notification.user_id).where(Notification.kind == "mentioned"))
    assert list(mentioned) == [users["editor"].id]


@pytest.mark.parametrize(
    ("lang", "message"), [("en", "Write the note first."), ("ar", "اكتب الملاحظة أولاً.")]
)
@pytest.mark.parametrize("body", [{"body": "   "}, {"body": None}])
def test_an_empty_note_is_refused_in_the_reader_language_and_nothing_is_written(client, users, auth, body, lang,
                                                                                message):  # fmt: skip
    incident = factories.create_incident(users["researcher"])
    db.session.commit()
    response = client.post(_url(incident), json=body, headers=auth("researcher", **{"Accept-Language": lang}))
    assert response.status_code == 422
    assert message in response.get_json()["errors"]["body"]
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CaseNote)) == 0


def test_a_note_without_a_body_is_refused(client, users, auth):
    incident = factories.create_incident(users["researcher"])
    db.session.commit()
    response = client.post(_url(incident), json={}, headers=auth("editor"))
    assert response.status_code == 422 and "body" in response.get_json()["errors"]


def test_a_note_too_long_is_refused(client, users, auth):
    incident = factories.create_incident(users["researcher"])
    db.session.commit()
    response = client.post(
        _url(incident), json={"body": "x" * (operations.NOTE_MAX + 1)}, headers=auth("editor")
    )
    assert response.status_code == 422 and "body" in response.get_json()["errors"]


def test_unknown_fields_are_refused(client, users, auth):
    incident = factories.create_incident(users["researcher"])
    db.session.commit()
    response = client.post(_url(incident), json={"body": "ok", "kind": "send_back"}, headers=auth("editor"))
    assert response.status_code == 422
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CaseNote)) == 0


@pytest.mark.parametrize("who", ["viewer", "other_researcher"])
def test_who_may_not_read_the_case_protected_data_neither_reads_nor_writes_notes(client, users, auth, who):
    incident = factories.create_incident(users["researcher"])
    operations.add_note(incident, "NOTEMARK-API secret source", Actor(users["researcher"], "web"))
    db.session.commit()
    user = factories.create_user("researcher") if who == "other_researcher" else users[who]
    db.session.commit()
    listed = client.get(_url(incident), headers=auth(user))
    assert listed.status_code == 403 and "NOTEMARK-API" not in listed.get_data(as_text=True)
    added = client.post(_url(incident), json={"body": "hello"}, headers=auth(user))
    assert added.status_code == 403
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CaseNote)) == 1


def test_notes_need_a_login_and_an_existing_case(client, users, auth):
    incident = factories.create_incident(users["researcher"])
    db.session.commit()
    assert client.get(_url(incident)).status_code == 401
    assert client.post(_url(incident), json={"body": "hello"}).status_code == 401
    assert client.get("/api/v1/incidents/999999/notes", headers=auth("editor")).status_code == 404
    assert (
        client.post("/api/v1/incidents/999999/notes", json={"body": "x"}, headers=auth("editor")).status_code
        == 404
    )


def test_notes_are_in_the_internal_openapi_document_and_not_in_the_public_one(client):
    internal = client.get("/api/v1/openapi.json").get_json()
    operations_ = internal["paths"]["/api/v1/incidents/{incident_id}/notes"]
    assert {"get", "post"} <= set(operations_)
    public = client.get("/api/public/v1/openapi.json").get_data(as_text=True)
    assert "/notes" not in public and "CaseNote" not in public
