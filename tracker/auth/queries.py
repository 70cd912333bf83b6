"""Reads for accounts and tokens."""

import sqlalchemy as sa

from tracker.auth.models import ApiToken, User
from tracker.core.db import utcnow
from tracker.extensions import db

__all__ = ["User", "ApiToken", "user_by_email", "active_token"]


def user_by_email(email: str) -> User | None:
    return db.session.scalar(sa.select(User).where(User.email == email.strip().lower()))


def active_token(token: str) -> ApiToken | None:
    api_token = db.session.scalar(sa.select(ApiToken).where(ApiToken.token_hash == ApiToken.hash(token)))
    if api_token is None or api_token.revoked_at is not None or not api_token.user.is_active:
        return None
    if api_token.expires_at is not None and api_token.expires_at <= utcnow():
        return None
    return api_token
