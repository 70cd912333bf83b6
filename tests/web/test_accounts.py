"""Login, lockout, two-factor authentication, idle timeout, CSRF, invitations, password change."""

import time
from datetime import timedelta

import pyotp
import pytest
import sqlalchemy as sa

from tests import factories
from tests.web.conftest import csrf_token, login
from tracker.admin import operations as admin_ops
from tracker.audit.models import AuditEntry
from tracker.audit.operations import Actor
from tracker.auth import operations as auth_ops
from tracker.core.db import utcnow
from tracker.extensions import db

SYSTEM = factories.SYSTEM


def _actions(user) -> list[str]:
    stmt = sa.select(AuditEntry.action).where(
        AuditEntry.entity_type == "user", AuditEntry.entity_id == user.id
    )
    return list(db.session.scalars(stmt.order_by(AuditEntry.id)))


def _enrol(user) -> tuple[str, list[str]]:
    secret = pyotp.random_base32()
    codes = auth_ops.enable_2fa(user, secret, pyotp.TOTP(secret).now(), SYSTEM)
    db.session.commit()
    return secret, codes


# --- CSRF ----------------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/auth/login", "/cases/new", "/admin/settings", "/auth/password"])
def test_forms_refuse_a_post_without_csrf_token(path, web):
    client = web("admin")
    response = client.post(path, data={"email": "a@b.org", "password": "x", "title_ar": "x"})
    assert response.status_code == 400


def test_csrf_error_page_is_translated(client):
    response = client.post("/auth/login?lang=ar", data={"email": "a@b.org", "password": "x"})
    assert response.status_code == 400
    assert 'dir="rtl"' in response.get_data(as_text=True)


# --- lockout -------------------------------------------------------------------------------


def test_repeated_failures_lock_the_account_then_it_unlocks(app, client, users):
    user = users["researcher"]
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        response = login(client, user, password="wrong password!")
        assert response.status_code == 200
    db.session.refresh(user)
    assert user.locked_until is not None
    # the right password is refused while locked, with a message saying so
    response = login(client, user)
    assert response.status_code == 200
    assert "مقفل" in response.get_data(as_text=True)
    assert "lockout" in _actions(user) and "login_failed" in _actions(user)
    user.locked_until = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert login(client, user).status_code == 302


def test_lockout_message_in_arabic(app, client, users):
    user = users["researcher"]
    user.locked_until = utcnow() + timedelta(minutes=5)
    db.session.commit()
    token = csrf_token(client, "/auth/login?lang=ar")
    response = client.post(
        "/auth/login", data={"email": user.email, "password": factories.PASSWORD, "csrf_token": token}
    )
    assert "مقفل" in response.get_data(as_text=True)


# --- two-factor authentication ----------------------------------------------------------------


def test_enrolment_shows_a_qr_code_and_gives_recovery_codes(web):
    client = web("researcher")
    page = client.get("/auth/2fa/setup").get_data(as_text=True)
    assert 'src="data:image/svg+xml' in page
    secret = page.split('class="secret">')[1].split("<")[0]
    token = csrf_token(client, "/auth/2fa/setup")
    bad = client.post("/auth/2fa/setup", data={"code": "000000", "csrf_token": token})
    assert bad.status_code == 200 and "غير صالح" in bad.get_data(as_text=True)
    ok = client.post("/auth/2fa/setup", data={"code": pyotp.TOTP(secret).now(), "csrf_token": token})
    body = ok.get_data(as_text=True)
    assert body.count("<code>") == 10
    db.session.refresh(client.user)
    assert client.user.has_2fa and "2fa_enable" in _actions(client.user)


def test_the_pending_secret_stays_on_the_server(app, web):
    """The session cookie is signed, not encrypted: anyone holding it could read a secret in it."""
    client = web("researcher")
    page = client.get("/auth/2fa/setup").get_data(as_text=True)
    secret = page.split('class="secret">')[1].split("<")[0]
    assert client.get("/auth/2fa/setup").get_data(as_text=True).count(secret) >= 1  # the same until enrolled
    with client.session_transaction() as session:
        assert secret not in repr(dict(session))
    db.session.refresh(client.user)
    assert client.user.totp_pending_secret == secret and client.user.totp_secret is None
    assert not client.user.has_2fa


def test_login_needs_the_second_factor(app, users):
    user = users["editor"]
    secret, _codes = _enrol(user)
    client = app.test_client()
    response = login(client, user)
    assert response.status_code == 302 and response.location.endswith("/auth/2fa")
    assert client.get("/cases/").status_code == 302  # not logged in yet
    token = csrf_token(client, "/auth/2fa")
    wrong = client.post("/auth/2fa", data={"code": "123456", "csrf_token": token})
    assert wrong.status_code == 200
    # the code of the next 30-second step (the enrolment used the current one)
    good = client.post(
        "/auth/2fa", data={"code": pyotp.TOTP(secret).at(time.time() + 30), "csrf_token": token}
    )
    assert good.status_code == 302
    assert client.get("/cases/").status_code == 200


def test_a_totp_code_cannot_be_replayed(users):
    user = users["editor"]
    secret, _codes = _enrol(user)
    code = pyotp.TOTP(secret).at(time.time() + 30)
    assert auth_ops.verify_second_factor(user, code, SYSTEM)
    assert not auth_ops.verify_second_factor(user, code, SYSTEM)


def test_a_recovery_code_works_once(users):
    user = users["editor"]
    _secret, codes = _enrol(user)
    assert auth_ops.verify_second_factor(user, codes[3].lower(), SYSTEM)
    assert not auth_ops.verify_second_factor(user, codes[3], SYSTEM)
    assert auth_ops.verify_second_factor(user, codes[4], SYSTEM)


def test_wrong_second_factors_count_towards_lockout(app, users):
    user = users["editor"]
    _enrol(user)
    client = app.test_client()
    login(client, user)
    token = csrf_token(client, "/auth/2fa")
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        client.post("/auth/2fa", data={"code": "000000", "csrf_token": token})
    db.session.refresh(user)
    assert user.locked_until is not None


def test_mandatory_2fa_sends_staff_to_enrolment(web, users):
    admin_ops.set_setting("require_2fa", True, Actor(users["admin"], "web"))
    db.session.commit()
    client = web("researcher")
    response = client.get("/cases/")
    assert response.status_code == 302 and response.location.endswith("/auth/2fa/setup")
    assert client.get("/api/v1/incidents").status_code == 403
    assert client.get("/auth/2fa/setup").status_code == 200


def test_admin_can_reset_someones_2fa(web, users):
    user = users["editor"]
    _enrol(user)
    admin = web("admin")
    token = csrf_token(admin, "/admin/settings")
    response = admin.post(f"/admin/users/{user.id}/reset-2fa", data={"csrf_token": token})
    assert response.status_code == 302
    db.session.refresh(user)
    assert not user.has_2fa and not user.recovery_codes


# --- sessions ------------------------------------------------------------------------------


def test_idle_session_ends(app, web):
    client = web("researcher")
    assert client.get("/cases/").status_code == 200
    with client.session_transaction() as session:
        session["seen"] = int(time.time()) - app.config["IDLE_TIMEOUT_MINUTES"] * 60 - 5
    response = client.get("/cases/")
    assert response.status_code == 302 and "/auth/login" in response.location
    assert client.get("/cases/").status_code == 302


def test_session_cookie_flags(app, users):
    client = app.test_client()
    response = login(client, users["viewer"])
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_language_switch_is_remembered_on_the_account(web):
    client = web("researcher")
    client.get("/cases/?lang=en")
    db.session.refresh(client.user)
    assert client.user.locale == "en"


# --- invitations and passwords ---------------------------------------------------------------


def test_admin_invites_and_the_invitee_sets_a_password(app, web):
    admin = web("admin")
    token = csrf_token(admin, "/admin/users/new")
    page = admin.post(
        "/admin/users/new",
        data={
            "email": "New.Person@Example.org",
            "name": "شخص جديد",
            "role": "researcher",
            "locale": "ar",
            "csrf_token": token,
        },
    ).get_data(as_text=True)
    link = page.split('readonly value="')[1].split('"')[0]
    assert link.startswith(app.config["SITE_URL"] + "/")  # SITE_URL, never the request's Host
    path = link[len(app.config["SITE_URL"]) :]
    invitee = app.test_client()
    token = csrf_token(invitee, path)
    short = invitee.post(
        path, data={"new_password": "short", "confirm_password": "short", "csrf_token": token}
    )
    assert short.status_code == 200
    done = invitee.post(
        path,
        data={
            "new_password": "a long new password",
            "confirm_password": "a long new password",
            "csrf_token": token,
        },
    )
    assert done.status_code == 302
    assert invitee.get(path).status_code == 404  # used up
    user = auth_ops.user_by_email("new.person@example.org")
    assert login(app.test_client(), user, password="a long new password").status_code == 302


def test_last_admin_cannot_be_demoted(web):
    admin = web("admin")
    token = csrf_token(admin, "/admin/settings")
    response = admin.post(
        f"/admin/users/{admin.user.id}",
        data={"name": "x", "role": "viewer", "locale": "ar", "is_active": "y", "csrf_token": token},
    )
    assert response.status_code == 200
    db.session.refresh(admin.user)
    assert admin.user.role == "admin"


def test_deactivated_user_is_logged_out(web, users):
    client = web("researcher")
    client.user.is_active = False
    db.session.commit()
    assert client.get("/cases/").status_code == 302


def test_change_password(web, app):
    client = web("researcher")
    token = csrf_token(client, "/auth/password")
    wrong = client.post(
        "/auth/password",
        data={
            "current_password": "nope",
            "new_password": "another long one",
            "confirm_password": "another long one",
            "csrf_token": token,
        },
    )
    assert wrong.status_code == 200
    ok = client.post(
        "/auth/password",
        data={
            "current_password": factories.PASSWORD,
            "new_password": "another long one",
            "confirm_password": "another long one",
            "csrf_token": token,
        },
    )
    assert ok.status_code == 302
    assert login(app.test_client(), client.user, password="another long one").status_code == 302
