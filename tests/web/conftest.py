"""Page tests: log in through the real forms (CSRF on), as a browser would."""

import re
import time

import pyotp
import pytest

from tests import factories
from tests.map_fixtures import plain_client  # noqa: F401

CSRF = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def csrf_token(client, path: str) -> str:
    page = client.get(path)
    match = CSRF.search(page.get_data(as_text=True))
    assert match, f"no CSRF token on {path} ({page.status_code})"
    return match.group(1)


def login(client, user, password=factories.PASSWORD, secret=None, offset=0):
    token = csrf_token(client, "/auth/login")
    response = client.post(
        "/auth/login", data={"email": user.email, "password": password, "csrf_token": token}
    )
    if secret is not None and response.status_code == 302 and "/auth/2fa" in response.location:
        token = csrf_token(client, "/auth/2fa")
        code = pyotp.TOTP(secret).at(time.time() + offset)
        response = client.post("/auth/2fa", data={"code": code, "csrf_token": token})
    return response


@pytest.fixture
def web(app, users):
    """``web("editor")`` -> a client logged in with that role (a new client each call)."""
    from tests.conftest import IsolatedClient

    def client_for(role_or_user):
        user = users[role_or_user] if isinstance(role_or_user, str) else role_or_user
        app.test_client_class = IsolatedClient
        client = app.test_client()
        response = login(client, user)
        assert response.status_code == 302, response.get_data(as_text=True)[:500]
        client.user = user
        return client

    return client_for


def internal_export(client, fmt: str = "csv", **filters):
    """The internal export as an editor gets it: the list's link leads to a page that queues the
    job, the job runs (``runner.drain``), its page links the file. The file's response, or the
    refusal of the first step that refused."""
    from tracker.jobs import runner

    query = "&".join(f"{k}={v}" for k, v in filters.items())
    page = client.get(f"/transfer/export?format={fmt}&edition=internal&{query}")
    if page.status_code != 200:
        return page
    token = CSRF.search(page.get_data(as_text=True)).group(1)
    queued = client.post("/transfer/export", data={"csrf_token": token, "format": fmt, "edition": "internal",
                                                    **filters})  # fmt: skip
    if queued.status_code != 302:
        return queued
    runner.drain()
    job_page = client.get(queued.headers["Location"]).get_data(as_text=True)
    link = re.search(r'href="(/jobs/\d+/file)"', job_page)
    assert link, job_page[-2000:]
    return client.get(link.group(1))
