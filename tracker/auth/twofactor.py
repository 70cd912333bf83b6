"""TOTP second factor (RFC 6238, what authenticator apps use) and one-time recovery codes."""

import secrets
import time

import pyotp
import segno

from tracker.auth.passwords import hash_password, verify_password

ISSUER = "Press Freedom Tracker"
RECOVERY_CODE_COUNT = 10
# Readable codes: no 0/O, 1/I/L confusion.
_RECOVERY_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def new_secret() -> str:
    return pyotp.random_base32()


def provisioning_uri(secret: str, account: str, issuer: str = ISSUER) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=issuer)


def qr_data_uri(uri: str) -> str:
    """The QR code as an SVG data URI, drawn by the app itself (no third-party service)."""
    return segno.make(uri, error="m").svg_data_uri(scale=5, border=2, dark="#111", light="#fff")


def matching_step(secret: str, code: str, last_step: int | None, now: float | None = None) -> int | None:
    """The time step a 6-digit code belongs to (this, previous or next 30 s), or None.

    A step at or before ``last_step`` is refused, so an observed code cannot be replayed.
    """
    code = "".join(ch for ch in code if ch.isdigit())
    if len(code) != 6:
        return None
    totp = pyotp.TOTP(secret)
    now = time.time() if now is None else now
    current = int(now // totp.interval)
    for step in (current, current - 1, current + 1):
        if last_step is not None and step <= last_step:
            continue
        if secrets.compare_digest(totp.generate_otp(step), code):
            return step
    return None


def new_recovery_codes() -> list[str]:
    def one() -> str:
        raw = "".join(secrets.choice(_RECOVERY_ALPHABET) for _ in range(10))
        return f"{raw[:5]}-{raw[5:]}"

    return [one() for _ in range(RECOVERY_CODE_COUNT)]


def clean_recovery_code(code: str) -> str:
    return "".join(ch for ch in code.upper() if ch.isalnum())


def hash_recovery_code(code: str) -> str:
    return hash_password(clean_recovery_code(code))


def recovery_code_matches(code_hash: str, code: str) -> bool:
    return verify_password(code_hash, clean_recovery_code(code))
