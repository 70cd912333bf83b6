"""Accounts on the web: log in (password, then second factor), log out, two-factor enrolment,
password change and invitations. The API also accepts bearer tokens (see loaders)."""

import time
from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from werkzeug.exceptions import Forbidden, Unauthorized

from tracker.admin.queries import get_setting
from tracker.audit.operations import Actor
from tracker.auth import operations, twofactor
from tracker.auth.forms import (
    AcceptInvitationForm,
    ChangePasswordForm,
    ConfirmPasswordForm,
    EnrolForm,
    LoginForm,
    SecondFactorForm,
)
from tracker.auth.passwords import DUMMY_HASH, verify_password
from tracker.auth.queries import user_by_email
from tracker.core.exceptions import ValidationFailed
from tracker.core.transaction import transaction
from tracker.extensions import db, limiter

blp = Blueprint("auth", __name__, url_prefix="/auth")

PENDING_KEY = "pending_2fa"  # {"uid": id, "at": time, "next": path} between the two login steps
PENDING_SECONDS = 300
SEEN_KEY = "seen"  # last request time of a session login, for the idle timeout
# Pages a logged-in user without the (mandatory) second factor may still open.
ENROLMENT_ENDPOINTS = {"auth.setup_2fa", "auth.logout", "static", "core.health"}


def _safe_next(target: str | None) -> str:
    """Only redirect to a path on this site (no open redirect); staff land on their desk."""
    if not target:
        return url_for("desk.index")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("desk.index")
    return target


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _finish_login(user, next_path: str | None):
    with transaction():
        operations.record_login(user, Actor(user, "web"))
    session.clear()  # nothing from before the login survives into the new session
    login_user(user)
    session[SEEN_KEY] = int(time.time())
    if get_setting("require_2fa") and not user.has_2fa:
        flash(_("Two-factor authentication is required: set it up now."), "info")
        return redirect(url_for("auth.setup_2fa"))
    return redirect(_safe_next(next_path))


def _failed(user, reason: str) -> None:
    with transaction():
        operations.record_failed_login(user, Actor(user, "web"), reason)


def _locked_message():
    flash(_("Too many failed attempts. This account is locked for a while; try again later."), "error")


@blp.route("/login", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = user_by_email(form.email.data)
        valid = verify_password(user.password_hash if user else DUMMY_HASH, form.password.data)
        if user is not None and user.is_active and operations.is_locked(user):
            _locked_message()
        elif user is not None and valid and user.is_active:
            if user.has_2fa:
                session[PENDING_KEY] = {"uid": user.id, "at": time.time(), "next": request.args.get("next")}
                return redirect(url_for("auth.second_factor"))
            return _finish_login(user, request.args.get("next"))
        else:
            if user is not None and user.is_active:
                _failed(user, "password")
            flash(_("Wrong e-mail or password."), "error")
    return render_template("auth/login.html", form=form)


def _pending_user():
    pending = session.get(PENDING_KEY)
    if not pending or time.time() - pending.get("at", 0) > PENDING_SECONDS:
        return None, None
    user = db.session.get(operations.User, pending["uid"])
    if user is None or not user.is_active or not user.has_2fa:
        return None, None
    return user, pending


@blp.route("/2fa", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def second_factor():
    user, pending = _pending_user()
    if user is None:
        session.pop(PENDING_KEY, None)
        flash(_("Please log in again."), "info")
        return redirect(url_for("auth.login"))
    form = SecondFactorForm()
    if form.validate_on_submit():
        if operations.is_locked(user):
            session.pop(PENDING_KEY, None)
            _locked_message()
            return redirect(url_for("auth.login"))
        with transaction():
            ok = operations.verify_second_factor(user, form.code.data, Actor(user, "web"))
        if ok:
            return _finish_login(user, pending.get("next"))
        _failed(user, "second factor")
        form.code.errors.append(_("This code is not valid."))
    return render_template("auth/second_factor.html", form=form)


@blp.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    session.clear()
    return redirect(url_for("public.map_page"))


@blp.route("/2fa/setup", methods=["GET", "POST"])
@login_required
def setup_2fa():
    user = current_user
    if user.has_2fa:
        return render_template("auth/twofactor_status.html", form=ConfirmPasswordForm())
    # The secret waits on the server (the signed session cookie is readable) until the user
    # proves their app has it.
    with transaction():
        secret = operations.pending_2fa_secret(user)
    form = EnrolForm()
    if form.validate_on_submit():
        try:
            with transaction():
                codes = operations.enable_2fa(user, secret, form.code.data, Actor(user, "web"))
        except ValidationFailed as exc:
            form.code.errors.extend(exc.errors["code"])
        else:
            return render_template("auth/recovery_codes.html", codes=codes)
    issuer = current_app.config["ORGANISATION_NAME"]
    uri = twofactor.provisioning_uri(secret, user.email, issuer)
    return render_template(
        "auth/setup_2fa.html",
        form=form,
        qr=twofactor.qr_data_uri(uri),
        secret=secret,
        required=get_setting("require_2fa"),
    )


@blp.route("/2fa/disable", methods=["POST"])
@login_required
def disable_2fa():
    form = ConfirmPasswordForm()
    if get_setting("require_2fa"):
        flash(_("Two-factor authentication is mandatory here; it cannot be turned off."), "error")
    elif form.validate_on_submit() and verify_password(current_user.password_hash, form.password.data):
        with transaction():
            operations.disable_2fa(current_user, Actor(current_user, "web"))
        flash(_("Two-factor authentication is off."), "info")
    else:
        flash(_("Wrong password."), "error")
    return redirect(url_for("auth.setup_2fa"))


@blp.route("/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            with transaction():
                operations.change_password(
                    current_user,
                    form.current_password.data,
                    form.new_password.data,
                    Actor(current_user, "web"),
                )
        except ValidationFailed as exc:
            for field, messages in exc.errors.items():
                getattr(form, field, form.new_password).errors.extend(messages)
        else:
            flash(_("Your password has been changed."), "info")
            return redirect(url_for("cases.index"))
    return render_template("auth/password.html", form=form)


@blp.route("/invite/<token>", methods=["GET", "POST"])
@limiter.limit(_login_limit, methods=["POST"])
def accept_invitation(token):
    user = operations.user_by_invitation(token)
    if user is None:
        return render_template("auth/invitation_invalid.html"), 404
    form = AcceptInvitationForm()
    if form.validate_on_submit():
        with transaction():
            operations.accept_invitation(user, form.new_password.data, Actor(user, "web"))
        flash(_("Your password is set. Log in now."), "info")
        return redirect(url_for("auth.login"))
    return render_template("auth/accept_invitation.html", form=form, user=user)


@blp.before_app_request
def session_rules():
    """Idle sessions end; staff without a second factor enrol first when it is mandatory."""
    if not current_user.is_authenticated or "_user_id" not in session:
        return None  # anonymous, or a bearer token (no session to time out)
    now = int(time.time())
    idle_limit = current_app.config["IDLE_TIMEOUT_MINUTES"] * 60
    if now - session.get(SEEN_KEY, now) > idle_limit:
        logout_user()
        session.clear()
        if request.path.startswith("/api/"):
            raise Unauthorized()
        flash(_("You were logged out after a period of inactivity."), "info")
        return redirect(url_for("auth.login", next=request.full_path))
    if now - session.get(SEEN_KEY, 0) > 30:  # refresh the cookie at most twice a minute
        session[SEEN_KEY] = now
    requested = request.args.get("lang")
    if requested in current_app.config["LANGUAGES"] and requested != current_user.locale:
        with transaction():  # the language switch is remembered on the account
            operations.set_locale(current_user, requested, Actor(current_user, "web"))
    if (
        request.endpoint not in ENROLMENT_ENDPOINTS
        and not current_user.has_2fa
        and get_setting("require_2fa")
    ):
        if request.path.startswith("/api/"):
            raise Forbidden(_("Set up two-factor authentication first."))
        return redirect(url_for("auth.setup_2fa"))
    return None
