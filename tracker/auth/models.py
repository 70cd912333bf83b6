"""Staff accounts and personal API tokens."""

import hashlib
from datetime import datetime

import sqlalchemy as sa
from flask_login import UserMixin
from sqlalchemy.orm import Mapped, mapped_column, relationship

from tracker.core import crypto
from tracker.core.db import UTCDateTime, enum_check, utcnow
from tracker.core.vocab import ROLES
from tracker.extensions import db


class User(UserMixin, db.Model):
    __tablename__ = "users"
    __table_args__ = (
        enum_check("role", ROLES),
        enum_check("locale", ("ar", "en")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(sa.String(254), unique=True)  # stored lower-case
    name: Mapped[str] = mapped_column(sa.String(200))
    role: Mapped[str] = mapped_column(sa.String(12))
    password_hash: Mapped[str] = mapped_column(sa.String(200))  # argon2id
    is_active: Mapped[bool] = mapped_column(default=True)
    locale: Mapped[str] = mapped_column(sa.String(2), default="ar")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # Lockout after repeated failures (password or second factor).
    failed_logins: Mapped[int] = mapped_column(default=0, server_default="0")
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # TOTP second factor: on once confirmed; the last accepted time step stops code replay.
    # Stored encrypted, bound to this row (``tracker.core.crypto``): read and set ``totp_secret``.
    sealed_totp_secret: Mapped[str | None] = mapped_column("totp_secret", sa.String(255))
    # The secret shown during enrolment, kept on the server (never in the readable session cookie)
    # until the user proves their app has it; encrypted too.
    sealed_totp_pending_secret: Mapped[str | None] = mapped_column("totp_pending_secret", sa.String(255))
    totp_confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    totp_last_step: Mapped[int | None] = mapped_column(sa.BigInteger)
    # Invitation link (only its SHA-256 is stored); the invitee chooses the password.
    invite_token_hash: Mapped[str | None] = mapped_column(sa.String(64), unique=True)
    invite_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    tokens: Mapped[list["ApiToken"]] = relationship(back_populates="user")
    recovery_codes: Mapped[list["RecoveryCode"]] = relationship(
        back_populates="user", cascade="all, delete-orphan"
    )

    SEALED = {"totp_secret": "sealed_totp_secret", "totp_pending_secret": "sealed_totp_pending_secret"}

    def _where(self, column: str) -> str:
        if self.id is None:
            raise ValueError("a secret is stored only for a saved account (its id binds the ciphertext)")
        return f"users.{column}:{self.id}"

    @property
    def totp_secret(self) -> str | None:
        return crypto.unseal(self.sealed_totp_secret, self._where("totp_secret"))

    @totp_secret.setter
    def totp_secret(self, value: str | None) -> None:
        self.sealed_totp_secret = None if value is None else crypto.seal(value, self._where("totp_secret"))

    @property
    def totp_pending_secret(self) -> str | None:
        return crypto.unseal(self.sealed_totp_pending_secret, self._where("totp_pending_secret"))

    @totp_pending_secret.setter
    def totp_pending_secret(self, value: str | None) -> None:
        where = self._where("totp_pending_secret")
        self.sealed_totp_pending_secret = None if value is None else crypto.seal(value, where)

    def has_role(self, *roles: str) -> bool:
        return self.role in roles

    @property
    def has_2fa(self) -> bool:
        return self.totp_confirmed_at is not None

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role}>"


class ApiToken(db.Model):
    """A personal API token. Only its SHA-256 is stored; the token is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    token_hash: Mapped[str] = mapped_column(sa.String(64), unique=True)
    prefix: Mapped[str] = mapped_column(sa.String(12))  # first characters, to recognise it
    name: Mapped[str] = mapped_column(sa.String(100), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(back_populates="tokens", lazy="joined")

    @staticmethod
    def hash(token: str) -> str:
        # Tokens are 256-bit random strings, so a fast hash is enough (no brute force).
        return hashlib.sha256(token.encode()).hexdigest()


class RecoveryCode(db.Model):
    """One-time second-factor codes for a lost phone; stored as argon2 hashes."""

    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(sa.ForeignKey("users.id"), index=True)
    code_hash: Mapped[str] = mapped_column(sa.String(200))
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    user: Mapped[User] = relationship(back_populates="recovery_codes")
