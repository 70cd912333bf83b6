"""Flask extensions, created unbound and bound to the app in ``create_app``."""

from flask import current_app, request, session
from flask_babel import Babel
from flask_limiter import Limiter
from flask_limiter.util import get_remote_address
from flask_login import LoginManager
from flask_migrate import Migrate
from flask_smorest import Api
from flask_sqlalchemy import SQLAlchemy
from flask_wtf.csrf import CSRFProtect

from tracker.core import ratelimit  # noqa: F401  (registers the limiter's in-process storage)
from tracker.core.db import Base


class TrackerApi(Api):
    """flask-smorest Api whose errors are rendered by ``tracker.core.errors``.

    The stock handler is registered for every HTTPException in the app (HTML pages
    included) and nests field errors by request location; ours does neither.
    """

    def _register_error_handlers(self):
        pass


class TrackerLoginManager(LoginManager):
    """Flask-Login, whose session protection looks only at sessions that hold a login.

    "strong" protection compares each session with the browser it was made for and, when they
    differ, clears its login keys and marks the session changed. A visitor who is not logged in
    but chose a language has a session with no such mark, so it was rewritten on every request:
    a new cookie with each answer, which made every public answer (the map's data included)
    private and uncacheable for that visitor. Such a session has no login to protect (and no
    "remember me" cookie comes with it: the app issues none, and one that comes is checked).
    """

    def _session_protection_failed(self):
        remember = current_app.config.get("REMEMBER_COOKIE_NAME", "remember_token")
        if "_user_id" not in session and remember not in request.cookies:
            return False
        return super()._session_protection_failed()


db = SQLAlchemy(model_class=Base)
migrate = Migrate()
login_manager = TrackerLoginManager()
csrf = CSRFProtect()
babel = Babel()
limiter = Limiter(key_func=get_remote_address)
api = TrackerApi()
