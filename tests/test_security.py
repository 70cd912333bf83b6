"""Security headers, body size limit, login rate limiting (Redis when REDIS_URL is set)."""

import os
import re

import pytest


@pytest.mark.parametrize("path", ["/", "/auth/login", "/api/v1/incidents", "/api/v1/docs", "/nope"])
def test_security_headers_everywhere(client, path):
    headers = client.get(path).headers
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["X-Frame-Options"] == "DENY"
    assert headers["Referrer-Policy"] == "no-referrer"
    csp = headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp


def test_api_responses_are_not_cached(client, auth):
    assert client.get("/api/v1/incidents", headers=auth("viewer")).headers["Cache-Control"] == "no-store"


def test_oversized_body_is_refused_without_reading_it(client, auth):
    body = '{"title_ar": "' + "ا" * (3 * 1024 * 1024) + '"}'
    response = client.post(
        "/api/v1/incidents", data=body, content_type="application/json", headers=auth("editor")
    )
    assert response.status_code == 413
    assert response.get_json()["errors"]


def test_openapi_declares_bearer_and_cookie_auth(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert set(spec["components"]["securitySchemes"]) == {"bearerAuth", "cookieAuth"}


@pytest.fixture
def strict_login_limit(app):
    """Three login attempts a minute, in whatever storage the app uses (Redis with REDIS_URL)."""
    from tracker.extensions import limiter

    previous = app.config["LOGIN_RATE_LIMIT"]
    app.config["LOGIN_RATE_LIMIT"] = "3 per minute"
    limiter.reset()
    yield
    app.config["LOGIN_RATE_LIMIT"] = previous
    limiter.reset()


def test_login_attempts_are_rate_limited(client, strict_login_limit):
    page = client.get("/auth/login").get_data(as_text=True)
    token = re.search(r'name="csrf_token" type="hidden" value="([^"]+)"', page).group(1)
    form = {"email": "x@example.org", "password": "wrong", "csrf_token": token}
    statuses = [client.post("/auth/login", data=form).status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="REDIS_URL not set: Redis storage not tested")
def test_rate_limits_are_stored_in_redis(app):
    from tracker.extensions import limiter

    assert "redis" in type(limiter._storage).__name__.lower()


def test_language_switch_is_remembered(client):
    english = {"Accept-Language": "en"}
    assert 'dir="ltr"' in client.get("/", headers=english).get_data(as_text=True)
    assert 'dir="rtl"' in client.get("/?lang=ar", headers=english).get_data(as_text=True)
    page = client.get("/auth/login", headers=english).get_data(as_text=True)
    assert 'dir="rtl"' in page and "تسجيل الدخول" in page


def test_sqlite_lock_timeout_is_a_503_with_retry_after(app, client, auth, monkeypatch):
    """If a writer waits longer than the busy timeout, the researcher is told to retry."""
    from sqlalchemy.exc import OperationalError

    from tracker.cases import operations

    def locked(*_args, **_kwargs):
        raise OperationalError("INSERT", {}, Exception("database is locked"))

    headers = auth("editor")
    monkeypatch.setattr(operations, "create_incident", locked)
    response = client.post("/api/v1/incidents", json={"title_ar": "x"}, headers=headers)
    assert response.status_code in (422, 503)  # schema errors come first for this body
    from tests import factories

    response = client.post("/api/v1/incidents", json=factories.incident_data(), headers=headers)
    assert response.status_code == 503 and response.headers["Retry-After"] == "2"
