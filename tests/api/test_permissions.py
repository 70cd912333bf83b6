"""Who may do what through /api/v1: every endpoint needs a login; roles limit writes."""

import re
from datetime import timedelta

import pytest

from tests import factories
from tracker.auth import operations as auth_ops
from tracker.core.db import utcnow
from tracker.extensions import db

ENDPOINTS = [
    ("GET", "/api/v1/incidents"),
    ("POST", "/api/v1/incidents"),
    ("GET", "/api/v1/incidents/{id}"),
    ("PATCH", "/api/v1/incidents/{id}"),
    ("DELETE", "/api/v1/incidents/{id}"),
    ("POST", "/api/v1/incidents/{id}/transitions"),
    ("GET", "/api/v1/incidents/{id}/history"),
    ("GET", "/api/v1/journalists"),
    ("POST", "/api/v1/journalists"),
    ("GET", "/api/v1/journalists/{journalist_id}"),
    ("GET", "/api/v1/outlets"),
    ("POST", "/api/v1/outlets"),
    ("GET", "/api/v1/taxonomy"),
]


@pytest.fixture
def ids():
    incident = factories.create_incident()
    journalist = factories.create_journalist()
    return {"id": incident.id, "journalist_id": journalist.id}


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
@pytest.mark.parametrize("authorization", [None, "Bearer pft_not-a-real-token", "Basic YWRtaW46YWRtaW4="])
def test_every_endpoint_needs_authentication(client, ids, method, path, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    response = client.open(path.format(**ids), method=method, json={}, headers=headers)
    assert response.status_code == 401
    assert response.get_json()["errors"]


@pytest.mark.parametrize(("method", "path"), [e for e in ENDPOINTS if e[0] != "GET"])
def test_viewer_is_read_only(client, auth, ids, method, path):
    headers = auth("viewer", **{"If-Match": '"1"'})
    response = client.open(path.format(**ids), method=method, json={"to": "in_review"}, headers=headers)
    assert response.status_code == 403


@pytest.mark.parametrize(("method", "path"), [e for e in ENDPOINTS if e[0] == "GET"])
@pytest.mark.parametrize("role", ["viewer", "researcher", "editor", "admin"])
def test_every_role_can_read(client, auth, ids, method, path, role):
    assert client.get(path.format(**ids), headers=auth(role)).status_code == 200


def test_expired_revoked_and_inactive_tokens_are_refused(client, users):
    user = users["editor"]
    _row, expired = auth_ops.create_api_token(
        user, factories.SYSTEM, expires_at=utcnow() - timedelta(seconds=1)
    )
    revoked_row, revoked = auth_ops.create_api_token(user, factories.SYSTEM)
    revoked_row.revoked_at = utcnow()
    inactive_user = factories.create_user(role="admin")
    _row, inactive = auth_ops.create_api_token(inactive_user, factories.SYSTEM)
    inactive_user.is_active = False
    db.session.commit()
    for token in (expired, revoked, inactive):
        response = client.get("/api/v1/incidents", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401


def test_tokens_are_stored_hashed(users):
    row, token = auth_ops.create_api_token(users["viewer"], factories.SYSTEM)
    assert token not in (row.token_hash, row.prefix) and len(row.token_hash) == 64


# --- researchers edit only their own drafts -----------------------------------------------------


def patch(client, headers, incident, **changes):
    return client.patch(f"/api/v1/incidents/{incident.id}", json=changes,
                        headers={**headers, "If-Match": f'"{incident.version}"'})  # fmt: skip


def test_researcher_edits_own_draft_only(client, auth, users):
    own = factories.create_incident(users["researcher"])
    other = factories.create_incident(factories.create_user(role="researcher"))
    headers = auth("researcher")
    assert patch(client, headers, own, title_en="mine").status_code == 200
    assert patch(client, headers, other, title_en="theirs").status_code == 403
    assert client.delete(f"/api/v1/incidents/{other.id}", headers=headers).status_code == 403


def test_researcher_cannot_edit_own_case_once_submitted(client, auth, users):
    own = factories.create_incident(users["researcher"])
    headers = auth("researcher")
    response = client.post(
        f"/api/v1/incidents/{own.id}/transitions", json={"to": "in_review"}, headers=headers
    )
    assert response.status_code == 200
    db.session.refresh(own)
    assert patch(client, headers, own, title_en="late change").status_code == 403


@pytest.mark.parametrize("role", ["editor", "admin"])
def test_editors_edit_anyone_s_case(client, auth, users, role):
    incident = factories.create_incident(users["researcher"])
    assert patch(client, auth(role), incident, title_en="edited").status_code == 200


# --- workflow transitions by role ---------------------------------------------------------------


def move(client, headers, incident_id, to):
    return client.post(f"/api/v1/incidents/{incident_id}/transitions", json={"to": to}, headers=headers)


@pytest.mark.parametrize(
    ("role", "path", "allowed"),
    [
        ("researcher", ["in_review"], True),
        ("researcher", ["in_review", "verified"], False),
        ("researcher", ["rejected"], False),
        ("editor", ["in_review", "verified", "published"], True),
        ("editor", ["in_review", "rejected", "draft"], True),
        ("editor", ["published"], False),  # a draft cannot skip review and verification
        ("editor", ["archived", "draft"], False),  # only an admin restores archived cases
        ("admin", ["published"], False),  # nor an admin: review is never skipped
        ("admin", ["in_review", "verified", "published"], True),
        ("admin", ["in_review", "verified", "published", "verified"], True),  # unpublish
        ("admin", ["archived", "draft"], True),
        ("viewer", ["in_review"], False),
    ],
)
def test_transitions_by_role(client, auth, users, role, path, allowed):
    incident = factories.create_incident(users["researcher"])  # a researcher's own draft
    headers = auth(role)
    statuses = []
    for to in path:
        statuses.append(move(client, headers, incident.id, to).status_code)
        if statuses[-1] != 200:
            break
    assert (statuses == [200] * len(path)) is allowed, statuses


def test_transition_to_unknown_or_same_status_is_422(client, auth):
    incident = factories.create_incident()
    assert move(client, auth("admin"), incident.id, "deleted").status_code == 422
    response = move(client, auth("admin"), incident.id, "draft")
    assert response.status_code in (403, 422)


def test_transition_is_audited_with_note(client, auth, users):
    incident = factories.create_incident(users["researcher"])
    client.post(f"/api/v1/incidents/{incident.id}/transitions",
                json={"to": "in_review", "note": "جاهزة للمراجعة"}, headers=auth("researcher"))  # fmt: skip
    history = client.get(f"/api/v1/incidents/{incident.id}/history", headers=auth("viewer")).get_json()
    assert history[-1]["action"] == "transition"
    assert history[-1]["note"] == "جاهزة للمراجعة"
    assert history[-1]["changes"]["workflow_status"] == {"before": "draft", "after": "in_review"}


# --- session login ----------------------------------------------------------------------------


def login(client, user, password=factories.PASSWORD):
    page = client.get("/auth/login")
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.get_data(as_text=True)).group(
        1
    )
    return client.post("/auth/login", data={"email": user.email, "password": password, "csrf_token": token})


def test_session_login_gives_api_access(client, users):
    assert login(client, users["editor"]).status_code == 302
    assert client.get("/api/v1/incidents").status_code == 200
    response = client.post("/api/v1/incidents", json=factories.incident_data())
    assert response.status_code == 201


def test_session_writes_must_be_json(client, users):
    """A cross-site HTML form cannot send JSON, so session writes without it are refused."""
    login(client, users["editor"])
    response = client.post("/api/v1/incidents", data={"title_ar": "x"})
    assert response.status_code == 403


def test_wrong_password_and_missing_csrf_are_refused(client, users):
    assert login(client, users["editor"], password="wrong password").status_code == 200
    assert client.get("/api/v1/incidents").status_code == 401
    response = client.post(
        "/auth/login", data={"email": users["editor"].email, "password": factories.PASSWORD}
    )
    assert response.status_code in (400, 200)
    assert client.get("/api/v1/incidents").status_code == 401


def test_login_redirect_is_never_off_site(client, users):
    page = client.get("/auth/login")
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page.get_data(as_text=True)).group(
        1
    )
    response = client.post("/auth/login?next=//evil.example/x",
                           data={"email": users["viewer"].email, "password": factories.PASSWORD, "csrf_token": token})  # fmt: skip
    assert response.headers["Location"] == "/desk/"  # staff land on their desk, never off site


def test_api_language_follows_accept_language_even_in_a_session(client, users):
    """A user whose stored preference is Arabic still gets English errors when asking for them."""
    login(client, users["editor"])  # users are created with locale "ar"
    english = client.post("/api/v1/incidents", json={}, headers={"Accept-Language": "en"}).get_json()
    arabic = client.post("/api/v1/incidents", json={}, headers={"Accept-Language": "ar"}).get_json()
    assert english["errors"]["country"] == ["Missing data for required field."]
    assert arabic["errors"]["country"] == ["هذا الحقل مطلوب."]


def test_login_is_recorded_on_the_account_and_in_the_audit_trail(client, users):
    import sqlalchemy as sa

    from tracker.audit.models import AuditEntry

    user = users["researcher"]
    login(client, user)
    db.session.expire_all()
    assert user.last_login_at is not None
    entry = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "login")).one()
    assert (entry.entity_type, entry.entity_id, entry.actor, entry.channel) == (
        "user",
        user.id,
        user.email,
        "web",
    )
