"""Writes to accounts and API tokens (flush and audit; the caller commits)."""

import secrets
from datetime import datetime

from flask_babel import gettext as _

from tracker.auth.models import ApiToken, User
from tracker.auth.passwords import MIN_PASSWORD_LENGTH, hash_password
from tracker.auth.queries import user_by_email
from tracker.cases import audit
from tracker.cases.audit import Actor
from tracker.core.db import utcnow
from tracker.core.exceptions import ValidationFailed
from tracker.core.vocab import ROLES
from tracker.extensions import db

TOKEN_PREFIX = "pft_"


def create_user(email: str, name: str, role: str, password: str, actor: Actor, locale: str = "ar") -> User:
    errors: dict[str, list[str]] = {}
    email = (email or "").strip().lower()
    if "@" not in email or len(email) > 254:
        errors["email"] = [_("Enter a valid e-mail address.")]
    elif user_by_email(email) is not None:
        errors["email"] = [_("An account with this e-mail already exists.")]
    if role not in ROLES:
        errors["role"] = [_("Choose one of: %(choices)s", choices=", ".join(ROLES))]
    if len(password or "") < MIN_PASSWORD_LENGTH:
        errors["password"] = [_("Use at least %(n)s characters.", n=MIN_PASSWORD_LENGTH)]
    if errors:
        raise ValidationFailed(errors)
    user = User(
        email=email,
        name=(name or email).strip(),
        role=role,
        locale=locale,
        password_hash=hash_password(password),
        is_active=True,
    )
    db.session.add(user)
    db.session.flush()
    audit.record(
        actor,
        "create",
        "user",
        user.id,
        audit.creation_diff({"email": email, "name": user.name, "role": role}),
    )
    return user


def create_api_token(
    user: User, actor: Actor, name: str = "", expires_at: datetime | None = None
) -> tuple[ApiToken, str]:
    """Return the token row and the token itself, which is shown once and never stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    api_token = ApiToken(
        user_id=user.id, token_hash=ApiToken.hash(token), prefix=token[:10], name=name, expires_at=expires_at
    )
    db.session.add(api_token)
    db.session.flush()
    audit.record(
        actor,
        "create",
        "api_token",
        api_token.id,
        {"user_id": [None, user.id], "prefix": [None, api_token.prefix], "name": [None, name]},
    )
    return api_token, token


def record_login(user: User, actor: Actor) -> None:
    """A successful login: the time is kept on the account and in the audit trail."""
    user.last_login_at = utcnow()
    db.session.flush()
    audit.record(actor, "login", "user", user.id, {})
