"""Log in and out with the session cookie (the API also accepts bearer tokens)."""

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required, login_user, logout_user

from tracker.auth import operations
from tracker.auth.forms import LoginForm
from tracker.auth.passwords import DUMMY_HASH, verify_password
from tracker.auth.queries import user_by_email
from tracker.cases.audit import Actor
from tracker.core.transaction import transaction
from tracker.extensions import limiter

blp = Blueprint("auth", __name__, url_prefix="/auth")


def _safe_next(target: str | None) -> str:
    """Only redirect to a path on this site (no open redirect)."""
    if not target:
        return url_for("core.home")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("core.home")
    return target


@blp.route("/login", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["LOGIN_RATE_LIMIT"], methods=["POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = user_by_email(form.email.data)
        valid = verify_password(user.password_hash if user else DUMMY_HASH, form.password.data)
        if user is not None and valid and user.is_active:
            with transaction():
                operations.record_login(user, Actor(user, "web"))
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        flash(_("Wrong e-mail or password."), "error")
    return render_template("auth/login.html", form=form)


@blp.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    return redirect(url_for("core.home"))
