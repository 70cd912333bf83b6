"""Internal JSON API under /api/v1 (flask-smorest). Every endpoint needs a staff login."""

from flask import Flask, request
from flask_login import current_user
from werkzeug.exceptions import Forbidden, Unauthorized

from tracker.auth.permissions import WRITER_ROLES
from tracker.extensions import api, csrf

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def require_staff():
    """Runs before every /api/v1 view.

    Session-authenticated writes must be JSON: a cross-site form cannot send
    ``Content-Type: application/json`` without a CORS preflight, which this API never
    allows. Token-authenticated requests carry no ambient credentials, so CSRF does not apply.
    """
    if not current_user.is_authenticated:
        raise Unauthorized()
    if request.method in SAFE_METHODS:
        return None
    if current_user.role not in WRITER_ROLES:  # viewers are read-only, whatever they send
        raise Forbidden()
    if not request.headers.get("Authorization") and not request.is_json:
        raise Forbidden()
    return None


def _blueprints():
    from tracker.api import geo, incidents, intake, notes, people, reports, taxonomy

    return (incidents.blp, notes.blp, people.blp, taxonomy.blp, geo.blp, reports.blp, intake.blp)


# Hooks are attached once, at import: create_app may run several times (tests, CLI).
for _blueprint in _blueprints():
    _blueprint.before_request(require_staff)


def register(app: Flask) -> None:
    from tracker.api import docs

    for blueprint in _blueprints():
        csrf.exempt(blueprint)
        api.register_blueprint(blueprint, url_prefix="/api/v1")
    app.register_blueprint(docs.blp)
