"""Assignment (audited, by whoever may edit the case, to active staff), notifications for the
people concerned, the header's unread badge, and e-mail over a real local SMTP server."""

import socket
from email import message_from_bytes, policy

import pytest
import sqlalchemy as sa
from aiosmtpd.controller import Controller

from tests import factories
from tests.web.conftest import csrf_token
from tracker.audit.models import AuditEntry
from tracker.audit.operations import Actor
from tracker.cases import operations as case_ops
from tracker.core.exceptions import NotAllowed, ValidationFailed
from tracker.desk import operations, queries
from tracker.desk.models import Notification
from tracker.extensions import db
from tracker.jobs import runner
from tracker.jobs.models import Job


def _actor(user):
    return Actor(user, "web")


def _kinds(user) -> list[str]:
    rows = db.session.scalars(
        sa.select(Notification).where(Notification.user_id == user.id).order_by(Notification.id)
    )
    return [n.kind for n in rows]


def test_assigning_is_audited_and_notifies_the_assignee(users):
    incident = factories.create_incident(users["researcher"])
    colleague = factories.create_user("researcher", name="ليلى العبسي")
    operations.assign(incident, colleague, _actor(users["editor"]))
    db.session.commit()
    assert queries.assignee_of(incident.id).id == colleague.id
    entry = db.session.scalar(sa.select(AuditEntry).where(AuditEntry.entity_type == "case_assignment"))
    assert entry.entity_id == incident.id and entry.changes == {"assignee_id": [None, colleague.id]}
    assert _kinds(colleague) == ["assigned"]
    assert [r["public_ref"] for r in queries.assigned_to(colleague)] == [incident.public_ref]


def test_only_who_may_edit_the_case_assigns(users):
    incident = factories.create_incident(users["editor"])
    for user in (users["viewer"], users["researcher"]):  # a researcher edits only their own drafts
        with pytest.raises(NotAllowed):
            operations.assign(incident, users["editor"], _actor(user))


def test_a_deactivated_account_cannot_be_given_a_case(users):
    incident = factories.create_incident(users["researcher"])
    gone = factories.create_user("researcher")
    gone.is_active = False
    with pytest.raises(ValidationFailed):
        operations.assign(incident, gone, _actor(users["editor"]))


def test_submit_notifies_editors_publish_notifies_the_author(users):
    author, editor, admin = users["researcher"], users["editor"], users["admin"]
    incident = factories.create_incident(author)
    case_ops.transition_incident(incident, "in_review", _actor(author))
    assert _kinds(editor) == ["submitted"] and _kinds(admin) == ["submitted"] and _kinds(author) == []
    case_ops.transition_incident(incident, "verified", _actor(editor))
    case_ops.transition_incident(incident, "published", _actor(admin))
    assert _kinds(author) == ["published"]
    assert _kinds(admin) == ["submitted"]  # never told of one's own act


def test_unread_badge_and_list(web, users):
    author = users["researcher"]
    incident = factories.create_incident(author, title_ar="اعتقال مصور في عدن")
    operations.assign(incident, users["editor"], _actor(author))
    db.session.commit()
    editor = web("editor")
    page = editor.get("/desk/?lang=ar").get_data(as_text=True)
    assert 'class="badge unread"' in page
    listing = editor.get("/desk/notifications?lang=ar").get_data(as_text=True)
    assert "اعتقال مصور في عدن" in listing and author.name in listing
    (note_id,) = db.session.scalars(
        sa.select(Notification.id).where(Notification.user_id == users["editor"].id)
    )
    response = editor.post(f"/desk/notifications/{note_id}",
                           data={"csrf_token": csrf_token(editor, "/desk/notifications")})  # fmt: skip
    assert response.status_code == 302 and response.location.endswith(f"/cases/{incident.id}")
    assert 'class="badge unread"' not in editor.get("/desk/").get_data(as_text=True)
    # someone else's notification cannot be opened
    other = web(factories.create_user("editor"))
    assert other.post(f"/desk/notifications/{note_id}",
                      data={"csrf_token": csrf_token(other, "/desk/notifications")}).status_code == 404  # fmt: skip


def test_assign_from_the_case_page(web, users):
    incident = factories.create_incident(users["researcher"])
    db.session.commit()
    editor = web("editor")
    page = f"/cases/{incident.id}"
    assert "Assign to" in editor.get(page + "?lang=en").get_data(as_text=True)
    editor.post(f"/desk/cases/{incident.id}/assign",
                data={"assignee": users["viewer"].id, "csrf_token": csrf_token(editor, page)})  # fmt: skip
    assert queries.assignee_of(incident.id).id == users["viewer"].id
    viewer = web("viewer")
    assert viewer.post(f"/desk/cases/{incident.id}/assign",
                       data={"assignee": "", "csrf_token": csrf_token(viewer, page)}).status_code == 403  # fmt: skip


# --- e-mail ----------------------------------------------------------------------------------


class Inbox:
    def __init__(self, refuse: int = 0):
        self.messages, self.refuse = [], refuse

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        if self.refuse:  # a server that is busy for the first ``refuse`` messages
            self.refuse -= 1
            return "451 Try again later"
        self.messages.append(envelope)
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp(app):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    keys = ("SMTP_HOST", "SMTP_PORT", "SMTP_SECURITY", "MAIL_FROM", "MAIL_RETRY_SECONDS")
    saved = {k: app.config.get(k) for k in keys}
    app.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=controller.port, SMTP_SECURITY="none",
                      MAIL_FROM="tracker@example.org", MAIL_RETRY_SECONDS=0)  # fmt: skip
    yield inbox
    app.config.update(saved)
    controller.stop()


def _mail_jobs() -> list[Job]:
    return list(db.session.scalars(sa.select(Job).where(Job.kind == "desk.mail").order_by(Job.id)))


def test_notifications_are_emailed_by_a_job_after_commit_in_the_reader_language(smtp, users):
    colleague = factories.create_user("researcher", locale="ar")
    incident = factories.create_incident(users["researcher"], title_en="Secret title", title_ar="عنوان سري")
    operations.assign(incident, colleague, _actor(users["editor"]))
    assert smtp.messages == []  # nothing leaves before the commit
    db.session.commit()
    (job,) = _mail_jobs()
    assert job.state == "queued" and smtp.messages == []  # sent by a job, not by the request
    assert "Secret title" not in str(job.params) and colleague.email not in str(job.params)
    runner.drain()
    (message,) = smtp.messages
    assert message.rcpt_tos == [colleague.email]
    text = message.content.decode()
    assert incident.public_ref in text and f"/cases/{incident.id}" in text
    assert "Secret title" not in text  # no case content in an e-mail
    parsed = message_from_bytes(message.content, policy=policy.default)
    assert parsed["Subject"] == f"أُسندت إليك قضية: {incident.public_ref}"  # the reader's language
    db.session.refresh(job)
    assert job.state == "done"


def test_a_rolled_back_write_sends_nothing(smtp, users):
    incident = factories.create_incident(users["researcher"])
    operations.assign(incident, users["viewer"], _actor(users["editor"]))
    db.session.rollback()
    db.session.commit()
    assert _mail_jobs() == [] and runner.drain() == 0
    assert smtp.messages == []


def test_a_busy_mail_server_is_tried_again(smtp, users):
    smtp.refuse = 1
    operations.assign(
        factories.create_incident(users["researcher"]), users["viewer"], _actor(users["editor"])
    )
    db.session.commit()
    runner.drain()
    assert len(smtp.messages) == 1
    assert [j.state for j in _mail_jobs()] == ["done"]


def test_a_mail_server_that_is_down_keeps_the_notification_and_fails_the_job_saying_why(app, users):
    app.config.update(
        SMTP_HOST="127.0.0.1", SMTP_PORT=_free_port(), SMTP_SECURITY="none", MAIL_RETRY_SECONDS=0
    )
    try:
        incident = factories.create_incident(users["researcher"])
        operations.assign(incident, users["viewer"], _actor(users["editor"]))
        db.session.commit()
        runner.drain()
    finally:
        app.config.update(SMTP_HOST=None, MAIL_RETRY_SECONDS=None)
    assert queries.assignee_of(incident.id).id == users["viewer"].id
    assert _kinds(users["viewer"]) == ["assigned"]  # the in-app notification is kept
    (job,) = _mail_jobs()
    db.session.refresh(job)
    assert job.state == "failed" and "3" in job.error and users["viewer"].email not in job.error
    assert "البريد" in job.error  # said in the default language (a system job: admins read it)


def test_a_status_from_an_imported_file_notifies_nobody(users):
    incident = factories.create_incident(users["researcher"])
    case_ops.set_workflow_status(incident, "in_review", Actor(users["editor"], "import"), note="import")
    assert incident.workflow_status == "in_review"
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Notification)) == 0
