"""Writes to accounts and API tokens (flush and audit; the caller commits)."""

import hashlib
import secrets
from datetime import datetime, timedelta

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from tracker.audit import operations as audit
from tracker.audit.operations import Actor
from tracker.auth import twofactor
from tracker.auth.models import ApiToken, RecoveryCode, User
from tracker.auth.passwords import MIN_PASSWORD_LENGTH, hash_password, verify_password
from tracker.auth.queries import user_by_email
from tracker.core import crypto
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
        errors["password"] = [
            _("The password must have at least %(min)d characters.", min=MIN_PASSWORD_LENGTH)
        ]
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
    user.failed_logins = 0
    user.locked_until = None
    db.session.flush()
    audit.record(actor, "login", "user", user.id, {})


# --- lockout ------------------------------------------------------------------------------


def is_locked(user: User) -> bool:
    return user.locked_until is not None and user.locked_until > utcnow()


def record_failed_login(user: User, actor: Actor, reason: str) -> None:
    """Count a wrong password or code; lock the account for a while after too many."""
    user.failed_logins = (user.failed_logins or 0) + 1
    changes = {}
    if user.failed_logins >= current_app.config["LOGIN_MAX_FAILURES"]:
        user.locked_until = utcnow() + timedelta(minutes=current_app.config["LOGIN_LOCKOUT_MINUTES"])
        user.failed_logins = 0
        changes = {"locked_until": [None, user.locked_until]}
    db.session.flush()
    audit.record(actor, "lockout" if changes else "login_failed", "user", user.id, changes, note=reason)


# --- passwords and invitations ------------------------------------------------------------


def _check_new_password(password: str, field: str = "password") -> None:
    if len(password or "") < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(
            {field: [_("The password must have at least %(min)d characters.", min=MIN_PASSWORD_LENGTH)]}
        )


def change_password(user: User, current: str, new: str, actor: Actor) -> None:
    if not verify_password(user.password_hash, current or ""):
        raise ValidationFailed({"current_password": [_("The current password is wrong.")]})
    _check_new_password(new, "new_password")
    set_password(user, new, actor)


def set_password(user: User, new: str, actor: Actor) -> None:
    _check_new_password(new)
    user.password_hash = hash_password(new)
    user.password_changed_at = utcnow()
    db.session.flush()
    audit.record(
        actor, "password", "user", user.id, {"password_changed_at": [None, user.password_changed_at]}
    )


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invite_user(email: str, name: str, role: str, actor: Actor, locale: str = "ar") -> tuple[User, str]:
    """Create an account without a usable password; return it with the one-time invitation token."""
    user = create_user(email, name, role, secrets.token_urlsafe(32), actor, locale=locale)
    return user, renew_invitation(user, actor)


def renew_invitation(user: User, actor: Actor) -> str:
    token = secrets.token_urlsafe(32)
    user.invite_token_hash = _token_hash(token)
    user.invite_expires_at = utcnow() + timedelta(days=current_app.config["INVITE_VALID_DAYS"])
    db.session.flush()
    audit.record(actor, "invite", "user", user.id, {"invite_expires_at": [None, user.invite_expires_at]})
    return token


def user_by_invitation(token: str) -> User | None:
    user = db.session.query(User).filter_by(invite_token_hash=_token_hash(token or "")).one_or_none()
    if user is None or not user.is_active or user.invite_expires_at is None:
        return None
    return user if user.invite_expires_at > utcnow() else None


def accept_invitation(user: User, password: str, actor: Actor) -> None:
    set_password(user, password, actor)
    user.invite_token_hash = None
    user.invite_expires_at = None
    db.session.flush()


# --- two-factor authentication ------------------------------------------------------------


def pending_2fa_secret(user: User) -> str:
    """The secret this user is enrolling with: made once and kept on the server until enrolment
    ends (not audited: it is not in use until ``enable_2fa``)."""
    if user.totp_pending_secret is None:
        user.totp_pending_secret = twofactor.new_secret()
        db.session.flush()
    return user.totp_pending_secret


def enable_2fa(user: User, secret: str, code: str, actor: Actor) -> list[str]:
    """Turn the second factor on once the user proves their app shows the right code.

    Returns the new recovery codes, to be shown once.
    """
    step = twofactor.matching_step(secret, code, None)
    if step is None:
        raise ValidationFailed({"code": [_("This code is not valid. Check the time on your phone.")]})
    user.totp_secret = secret
    user.totp_pending_secret = None
    user.totp_confirmed_at = utcnow()
    user.totp_last_step = step
    codes = twofactor.new_recovery_codes()
    user.recovery_codes = [RecoveryCode(code_hash=twofactor.hash_recovery_code(c)) for c in codes]
    db.session.flush()
    audit.record(actor, "2fa_enable", "user", user.id, {"totp_confirmed_at": [None, user.totp_confirmed_at]})
    return codes


def disable_2fa(user: User, actor: Actor) -> None:
    before = user.totp_confirmed_at
    user.totp_secret = None
    user.totp_confirmed_at = None
    user.totp_last_step = None
    user.recovery_codes = []
    db.session.flush()
    audit.record(actor, "2fa_disable", "user", user.id, {"totp_confirmed_at": [before, None]})


def reseal_secrets(actor: Actor) -> int:
    """Encrypt every stored TOTP secret again with the current key (and seal clear legacy ones).
    Returns how many values were re-encrypted; audited as one system entry per account."""
    ring = crypto.keyring()
    count = 0
    for user in db.session.scalars(sa.select(User).order_by(User.id)):
        changed = [name for name, column in User.SEALED.items() if ring.needs_rotation(getattr(user, column))]
        for name in changed:
            setattr(user, name, getattr(user, name))  # opened with its key, sealed with the current one
        if changed:
            count += len(changed)
            db.session.flush()
            audit.record(actor, "reseal", "user", user.id, {}, note=f"re-encrypted: {', '.join(changed)}")
    return count


def verify_second_factor(user: User, code: str, actor: Actor) -> bool:
    """Check a TOTP code or an unused recovery code; a recovery code is used up."""
    code = (code or "").strip()
    step = twofactor.matching_step(user.totp_secret or "", code, user.totp_last_step)
    if step is not None:
        user.totp_last_step = step
        db.session.flush()
        return True
    if len(twofactor.clean_recovery_code(code)) == 10:
        for recovery in user.recovery_codes:
            if recovery.used_at is None and twofactor.recovery_code_matches(recovery.code_hash, code):
                recovery.used_at = utcnow()
                db.session.flush()
                audit.record(actor, "recovery_code", "user", user.id, {}, note="recovery code used")
                return True
    return False


def set_locale(user: User, locale: str, actor: Actor) -> None:
    if locale not in ("ar", "en") or locale == user.locale:
        return
    before, user.locale = user.locale, locale
    db.session.flush()
    audit.record(actor, "update", "user", user.id, {"locale": [before, locale]})


# --- administration -----------------------------------------------------------------------


def update_account(user: User, data: dict, actor: Actor) -> None:
    """Role, name, language and active flag, set by an admin. The last active admin stays."""
    before = {"name": user.name, "role": user.role, "locale": user.locale, "is_active": user.is_active}
    after = {**before, **{k: v for k, v in data.items() if k in before}}
    errors: dict[str, list[str]] = {}
    if after["role"] not in ROLES:
        errors["role"] = [_("Choose one of: %(choices)s", choices=", ".join(ROLES))]
    if after["locale"] not in ("ar", "en"):
        errors["locale"] = [_("Choose Arabic or English.")]
    if not (after["name"] or "").strip():
        errors["name"] = [_("Enter a name.")]
    losing_admin = (
        before["role"] == "admin"
        and before["is_active"]
        and (after["role"] != "admin" or not after["is_active"])
    )
    if losing_admin and _active_admin_count() <= 1:
        errors["role"] = [_("This is the last active administrator.")]
    if errors:
        raise ValidationFailed(errors)
    for key, value in after.items():
        setattr(user, key, value.strip() if isinstance(value, str) else value)
    changes = audit.diff(before, after)
    if changes:
        db.session.flush()
        audit.record(actor, "update", "user", user.id, changes)


def _active_admin_count() -> int:
    return db.session.query(User).filter(User.role == "admin", User.is_active.is_(True)).count()
