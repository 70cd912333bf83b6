"""Hostile requests: NUL characters, ids beyond the database's integers, JSON nested deeply or
holding lone surrogates. Each is refused with a 4xx on both databases, never a 500."""

import pytest
import sqlalchemy as sa

from tests import factories
from tests.conftest import IsolatedClient
from tests.web.conftest import internal_export, login

NUL_GETS = [
    "/incidents/%00", "/api/public/v1/incidents/%00", "/api/public/v1/incidents?q=%00",
    "/api/public/v1/incidents?admin1=%00", "/cases?q=%00", "/cases?admin1=%00", "/api/v1/incidents?q=%00",
    "/api/v1/incidents?admin1=%00", "/api/v1/journalists?q=%00", "/%00", "/api/v1/incidents/1%00",
    "/transfer/export?edition=public&format=csv&country=%00", "/map/data?country=%00", "/feed.atom?q=%00",
]  # fmt: skip


def _client(app):
    app.test_client_class = IsolatedClient
    return app.test_client()


@pytest.fixture
def admin_client(app, users):
    client = _client(app)
    login(client, users["admin"])
    return client


@pytest.mark.parametrize("path", NUL_GETS)
@pytest.mark.parametrize("logged_in", [False, True])
def test_nul_characters_anywhere_are_refused(app, users, path, logged_in):
    client = _client(app)
    if logged_in:
        login(client, users["admin"])
    response = client.get(path)
    assert response.status_code in (400, 404, 422), (path, response.status_code)


def test_nul_in_login_form_and_json_bodies(app, users, admin_client):
    client = _client(app)
    response = client.post("/auth/login", data={"email": "a\x00@example.org", "password": "x"})
    assert response.status_code == 400
    headers = factories.bearer(users["admin"])
    body = factories.incident_data(title_ar="عنوان\x00")
    response = client.post("/api/v1/incidents", json=body, headers=headers)
    assert response.status_code == 422 and "title_ar" in response.json["errors"]
    response = client.post("/api/v1/journalists", json={"name_ar": "\x00"}, headers=headers)
    assert response.status_code == 422 and "name_ar" in response.json["errors"]
    body = {"victims": [{"journalist": {"name_ar": "سامي\ud800"}, "outcome": "detained"}]}
    response = client.post("/api/v1/incidents", json=body, headers=headers)
    assert response.status_code == 422 and "victims.0.journalist.name_ar" in response.json["errors"]


@pytest.mark.parametrize(
    "path",
    ["/api/v1/incidents/9223372036854775808", "/api/v1/incidents/2147483648", "/api/v1/incidents/0",
     "/api/v1/incidents/2147483648/history", "/api/v1/journalists/2147483648", "/api/v1/outlets/99999999999",
     "/cases/2147483648", "/cases/9223372036854775808/edit", "/admin/users/2147483648"],
)  # fmt: skip
def test_ids_beyond_the_database_integers_are_not_found(admin_client, path):
    assert admin_client.get(path).status_code == 404


def test_deep_json_and_lone_surrogates_are_refused(app, users):
    client = _client(app)
    headers = {**factories.bearer(users["admin"]), "Content-Type": "application/json"}
    for body in (
        "[" * 100_000,
        '{"title_ar": "\\ud800"}',
        '{"name_ar": "\\udfff x"}',
        '{"a": ' * 50 + "1" + "}" * 50,
    ):
        for path in ("/api/v1/incidents", "/api/v1/journalists"):
            response = client.post(path, data=body, headers=headers)
            assert response.status_code in (400, 422), (path, body[:20], response.status_code)


def test_one_rate_limit_per_address_across_the_public_api(app, monkeypatch):
    monkeypatch.setitem(app.config, "PUBLIC_API_RATE_LIMIT", "5 per minute")
    client = _client(app)
    paths = ["/api/public/v1/incidents", "/api/public/v1/map/areas", "/api/public/v1/map", "/api/public/v1/incidents.csv",
             "/api/public/v1/incidents.geojson", "/api/public/v1/map/stack?lat=1&lon=1"]  # fmt: skip
    codes = [client.get(p, environ_base={"REMOTE_ADDR": "203.0.113.77"}).status_code for p in paths]
    assert codes[:5] == [200] * 5 and codes[5] == 429
    assert client.get(paths[0], environ_base={"REMOTE_ADDR": "203.0.113.78"}).status_code == 200


def test_the_feed_and_invitations_use_the_configured_site_url(app, users, monkeypatch):
    monkeypatch.setitem(app.config, "SITE_URL", "https://tracker.example.org")
    factories.create_incident(workflow_status="published")
    feed = _client(app).get("/feed.atom", headers={"Host": "evil.example.com"}).get_data(as_text=True)
    assert "https://tracker.example.org/incidents/" in feed and "evil.example.com" not in feed


def test_security_headers(app, users, admin_client, monkeypatch):
    assert admin_client.get("/cases").headers["Cache-Control"] == "no-store"
    assert internal_export(admin_client, "csv").headers["Cache-Control"] == "no-store"
    assert (
        admin_client.get("/transfer/export?edition=internal&format=csv").headers["Cache-Control"]
        == "no-store"
    )
    public = _client(app).get("/")
    assert "no-store" not in public.headers.get("Cache-Control", "")
    assert "camera=()" in public.headers["Permissions-Policy"]
    assert "Strict-Transport-Security" not in public.headers
    monkeypatch.setitem(app.config, "SESSION_COOKIE_SECURE", True)
    assert "max-age=" in _client(app).get("/healthz").headers["Strict-Transport-Security"]


def test_health_reports_a_database_that_refuses_writes_and_recovers(app):
    from tracker.extensions import db

    client = _client(app)
    assert client.get("/healthz").status_code == 200
    sqlite = db.engine.dialect.name == "sqlite"
    if sqlite:
        db.session.execute(sa.text("PRAGMA query_only = ON"))
    else:  # PostgreSQL: read-only inside a savepoint, undone when it is rolled back
        db.session.execute(sa.text("SAVEPOINT read_only"))
        db.session.execute(sa.text("SET LOCAL transaction_read_only = on"))
    try:
        response = client.get("/healthz")
        assert response.status_code == 503 and response.json["status"] == "unavailable"
    finally:
        db.session.execute(
            sa.text("PRAGMA query_only = OFF" if sqlite else "ROLLBACK TO SAVEPOINT read_only")
        )
    assert client.get("/healthz").status_code == 200
