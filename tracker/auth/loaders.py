"""How a request becomes a user: the session cookie, or ``Authorization: Bearer <token>``."""

from flask import redirect, request, url_for
from werkzeug.exceptions import Unauthorized

from tracker.auth import queries
from tracker.extensions import db, login_manager

login_manager.login_view = "auth.login"
login_manager.session_protection = "strong"


@login_manager.user_loader
def load_user(user_id: str):
    try:
        user = db.session.get(queries.User, int(user_id))
    except (TypeError, ValueError):
        return None
    return user if user is not None and user.is_active else None


@login_manager.request_loader
def load_user_from_token(req):
    header = req.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return None
    api_token = queries.active_token(token.strip())
    return api_token.user if api_token is not None else None


@login_manager.unauthorized_handler
def unauthorized():
    if request.path.startswith("/api/"):
        raise Unauthorized()
    return redirect(url_for("auth.login", next=request.full_path))
