"""Every page under /cases, /admin and the account pages, for every role (and anonymous)."""

import pytest

from tests import factories
from tests.web.conftest import internal_export
from tracker.extensions import db

ROLES = ("anonymous", "viewer", "researcher", "editor", "admin")
OK, LOGIN, FORBIDDEN = 200, 302, 403

# path template -> expected status per role, in ROLES order
GET_MATRIX = {
    "/cases/": (LOGIN, OK, OK, OK, OK),
    "/cases/mine": (LOGIN, FORBIDDEN, OK, OK, OK),
    "/cases/review": (LOGIN, FORBIDDEN, FORBIDDEN, OK, OK),
    "/cases/new": (LOGIN, FORBIDDEN, OK, OK, OK),
    "/cases/{id}": (LOGIN, OK, OK, OK, OK),
    # the incident is someone else's published case: researchers may not edit it
    "/cases/{id}/edit": (LOGIN, FORBIDDEN, FORBIDDEN, OK, OK),
    "/admin/users": (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "/admin/users/new": (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "/admin/users/{user}": (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "/admin/settings": (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "/admin/taxonomy": (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK),
    "/auth/password": (LOGIN, OK, OK, OK, OK),
    "/auth/2fa/setup": (LOGIN, OK, OK, OK, OK),
}
POST_MATRIX = {
    # a researcher cannot publish; a viewer cannot write at all
    "/cases/{id}/transition": ({"to": "verified"}, (LOGIN, FORBIDDEN, FORBIDDEN, LOGIN, LOGIN)),
    "/admin/settings": ({"require_2fa": ""}, (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, LOGIN)),
    "/admin/users/{user}/reset-2fa": ({}, (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, LOGIN)),
    "/admin/users/{user}/invite": ({}, (LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK)),
    "/cases/new": ({"title_ar": "x"}, (LOGIN, FORBIDDEN, 422, 422, 422)),
}


@pytest.fixture
def targets(users):
    incident = factories.create_incident(users["editor"])
    incident.workflow_status = "in_review"
    db.session.commit()
    other = factories.create_user("researcher")
    return {"id": incident.id, "user": other.id, "version": incident.version}


def _reset(targets):
    """Each role starts from the same incident state (an earlier role may have moved it)."""
    from tracker.cases.models import Incident

    db.session.get(Incident, targets["id"]).workflow_status = "in_review"
    db.session.commit()


def _client(role, web, client):
    return client if role == "anonymous" else web(role)


@pytest.mark.parametrize("path", GET_MATRIX)
def test_get_pages_by_role(path, web, client, targets):
    url = path.format(**targets)
    for role, expected in zip(ROLES, GET_MATRIX[path], strict=True):
        response = _client(role, web, client).get(url)
        assert response.status_code == expected, (role, url, response.status_code)
        if expected == LOGIN:
            assert "/auth/login" in response.location


@pytest.mark.parametrize("path", POST_MATRIX)
def test_post_actions_by_role(path, web, client, targets):
    from tests.web.conftest import csrf_token

    data, expected_by_role = POST_MATRIX[path]
    url = path.format(**targets)
    for role, expected in zip(ROLES, expected_by_role, strict=True):
        _reset(targets)
        c = _client(role, web, client)
        token = csrf_token(c, "/auth/login" if role == "anonymous" else "/auth/password")
        response = c.post(url, data={**data, "version": "", "csrf_token": token})
        if expected == LOGIN and role != "anonymous":
            assert response.status_code == 302, (role, url, response.status_code)
            assert "/auth/login" not in response.location
        else:
            assert response.status_code == expected, (role, url, response.status_code)


# --- protected names and confidential notes on the case page (issue 11, finding 3) -------------

from tests.api.test_visibility import MATRIX, NAME, NOTE  # noqa: E402
from tests.api.test_visibility import cases as cases  # noqa: E402, F401


@pytest.mark.parametrize("role", MATRIX)
def test_case_page_masks_by_role(web, users, cases, role):
    incident = cases(factories.create_user("editor"))
    page = web(role).get(f"/cases/{incident.id}?lang=en").get_data(as_text=True)
    sees = MATRIX[role][False]
    assert (NAME in page) is sees and (NOTE in page) is sees, role
    assert "Known Reporter" in page
    if not sees:
        assert "(name withheld)" in page


@pytest.mark.parametrize(
    ("role", "status"), [("viewer", 403), ("researcher", 403), ("editor", 200), ("admin", 200)]
)
def test_internal_export_by_role_is_audited(web, role, status):
    import sqlalchemy as sa

    from tracker.audit.models import AuditEntry

    factories.create_incident()
    response = internal_export(web(role), "csv", country="YE")
    assert response.status_code == status
    entries = db.session.scalars(sa.select(AuditEntry).where(AuditEntry.action == "export")).all()
    if status == 200:
        assert response.headers["Cache-Control"] == "no-store"
    if status == 200:
        (entry,) = entries
        assert entry.user_id == web(role).user.id or entry.actor
        assert entry.changes["format"] == [None, "csv"] and entry.changes["rows"] == [None, 1]
        assert entry.changes["filters"] == [None, {"country": "YE"}]
    else:
        assert entries == []
