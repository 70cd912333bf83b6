"""Notes on a case: internal, audited, shown to those who may read the case's protected data,
never public; a reviewer's "send back" needs a note, which its author then sees."""

import re

import pytest
import sqlalchemy as sa

from tests import factories
from tests.web.conftest import csrf_token, internal_export
from tracker.audit.models import AuditEntry
from tracker.audit.operations import Actor
from tracker.cases import operations as case_ops
from tracker.core.exceptions import NotAllowed, ValidationFailed
from tracker.desk import operations, queries
from tracker.desk.models import CaseNote, Notification
from tracker.extensions import db

MARK = "NOTEMARK7Q"


def _web_actor(user):
    return Actor(user, "web")


def test_a_note_is_audited(users):
    incident = factories.create_incident(users["researcher"])
    note = operations.add_note(
        incident, "  المصدر: أخو الصحفي، يُرجى التحقق  ", _web_actor(users["researcher"])
    )
    db.session.commit()
    assert note.body == "المصدر: أخو الصحفي، يُرجى التحقق"
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.entity_type == "case_note"))
    assert entry.entity_id == note.id and entry.user_id == users["researcher"].id
    assert entry.changes["incident_id"] == [None, incident.id]


def test_an_empty_note_is_refused(users):
    incident = factories.create_incident(users["researcher"])
    with pytest.raises(ValidationFailed) as info:
        operations.add_note(incident, " \n ", _web_actor(users["researcher"]))
    assert "body" in info.value.errors


@pytest.mark.parametrize("role", ["viewer", "other_researcher"])
def test_who_may_not_read_the_case_protected_data_cannot_write_notes(users, role):
    incident = factories.create_incident(users["researcher"])
    user = factories.create_user("researcher") if role == "other_researcher" else users[role]
    with pytest.raises(NotAllowed):
        operations.add_note(incident, "hello", _web_actor(user))


def test_send_back_needs_a_note(users):
    incident = factories.create_incident(users["researcher"], workflow_status="in_review")
    with pytest.raises(ValidationFailed) as info:
        case_ops.transition_incident(incident, "draft", _web_actor(users["editor"]), note="   ")
    assert "note" in info.value.errors
    assert incident.workflow_status == "in_review"


def test_send_back_through_the_api_needs_a_note(client, users, auth):
    incident = factories.create_incident(users["researcher"], workflow_status="in_review")
    db.session.commit()
    url = f"/api/v1/incidents/{incident.id}/transitions"
    response = client.post(url, json={"to": "draft"}, headers=auth("editor", **{"Accept-Language": "en"}))
    assert response.status_code == 422
    assert "note" in response.get_json()["errors"]
    response = client.post(url, json={"to": "draft", "note": "Add a second source"}, headers=auth("editor"))
    assert response.status_code == 200


def test_a_sent_back_case_shows_the_reviewer_note_to_its_author(web, users):
    author = users["researcher"]
    incident = factories.create_incident(author, workflow_status="in_review", title_ar="احتجاز مراسلة في تعز")
    db.session.commit()
    editor = web("editor")
    page = f"/cases/{incident.id}"
    refused = editor.post(f"{page}/transition", data={"to": "draft", "version": incident.version,
                                                      "csrf_token": csrf_token(editor, page)})  # fmt: skip
    assert refused.status_code == 302
    db.session.expire_all()
    assert db.session.get(type(incident), incident.id).workflow_status == "in_review"
    editor.post(f"{page}/transition", data={"to": "draft", "note": f"أضيفي مصدراً ثانياً {MARK}",
                                            "version": incident.version, "csrf_token": csrf_token(editor, page)})  # fmt: skip
    db.session.expire_all()
    assert db.session.get(type(incident), incident.id).workflow_status == "draft"
    assert [
        n.kind for n in db.session.scalars(sa.select(Notification).where(Notification.user_id == author.id))
    ] == ["sent_back"]
    researcher = web(author)
    desk = researcher.get("/desk/?lang=ar").get_data(as_text=True)
    assert "احتجاز مراسلة في تعز" in desk and f"أضيفي مصدراً ثانياً {MARK}" in desk
    case_page = researcher.get(page).get_data(as_text=True)
    assert f"أضيفي مصدراً ثانياً {MARK}" in case_page


def test_notes_are_not_shown_to_a_viewer(web, users):
    incident = factories.create_incident(users["researcher"])
    operations.add_note(incident, f"secret lead {MARK}", _web_actor(users["researcher"]))
    db.session.commit()
    assert f"secret lead {MARK}" in web("editor").get(f"/cases/{incident.id}").get_data(as_text=True)
    assert MARK not in web("viewer").get(f"/cases/{incident.id}").get_data(as_text=True)


def test_mentioned_colleague_is_notified_if_they_may_read_notes(users):
    author = users["researcher"]
    editor = factories.create_user("editor", email="huda.salem@example.org")
    viewer = factories.create_user("viewer", email="omar@example.org")
    incident = factories.create_incident(author)
    operations.add_note(incident, "@huda.salem هل يكفي هذا المصدر؟ cc @omar", _web_actor(author))
    db.session.commit()
    told = db.session.scalars(sa.select(Notification).where(Notification.kind == "mentioned")).all()
    assert [n.user_id for n in told] == [editor.id]
    assert viewer.id not in [n.user_id for n in told]


def test_notes_never_reach_a_public_output(web, users, plain_client):
    author = users["researcher"]
    incident = factories.create_incident(author, title_en="Published case with notes")
    operations.add_note(incident, f"internal {MARK} lead", _web_actor(author))
    case_ops.transition_incident(incident, "in_review", _web_actor(author))
    case_ops.transition_incident(incident, "draft", _web_actor(users["editor"]), note=f"sent back {MARK}")
    for status in ("in_review", "verified", "published"):
        case_ops.transition_incident(incident, status, factories.SYSTEM)
    db.session.commit()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(CaseNote)) == 2
    ref = incident.public_ref
    urls = [f"/incidents/{ref}?lang=ar", f"/incidents/{ref}?lang=en", "/feed.atom",
            "/api/public/v1/incidents?page_size=500", f"/api/public/v1/incidents/{ref}",
            "/api/public/v1/incidents.csv", "/api/public/v1/incidents.geojson"]  # fmt: skip
    seen = []
    for url in urls:
        response = plain_client.get(url)
        assert response.status_code == 200, url
        text = response.get_data(as_text=True)
        assert MARK not in text, url
        seen.append(text)
    assert any(ref in text for text in seen)  # the case itself is public: the test can fail
    internal = internal_export(web("editor"), "csv").get_data(as_text=True)
    assert ref in internal and MARK not in internal


def test_the_case_page_lists_notes_in_order(users):
    incident = factories.create_incident(users["researcher"])
    for body in ("first", "second"):
        operations.add_note(incident, body, _web_actor(users["researcher"]))
    assert [n.body for n in queries.notes_of(incident.id)] == ["first", "second"]
    assert re.match(r"^\d+$", str(incident.id))


@pytest.mark.parametrize(("lang", "send_back", "reopen"), [("en", "Send back", "Back to draft"),
                                                            ("ar", "إعادة للتعديل", "إعادة إلى المسودة")])  # fmt: skip
def test_the_send_back_button_says_it_returns_the_case_to_its_author(web, users, lang, send_back, reopen):
    """In review -> draft (a note is required) sends the case back to its author; rejected ->
    draft only reopens it."""
    in_review = factories.create_incident(users["researcher"], workflow_status="in_review")
    rejected = factories.create_incident(users["researcher"], workflow_status="rejected")
    db.session.commit()
    editor = web("editor")

    def draft_button(incident) -> str:
        html = editor.get(f"/cases/{incident.id}?lang={lang}").get_data(as_text=True)
        return re.search(r'<button type="submit" name="to" value="draft"[^>]*>([^<]*)</button>', html).group(
            1
        )

    assert draft_button(in_review) == send_back
    assert draft_button(rejected) == reopen
