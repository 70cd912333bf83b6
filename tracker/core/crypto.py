"""Authenticated encryption of protected values at rest (AES-256-GCM).

The key is never in the database: ``ENCRYPTION_KEYS`` in the environment (``id:base64key``,
comma-separated, the first one encrypts, all of them decrypt) or the key file
``ENCRYPTION_KEY_FILE`` (default ``instance/encryption.key``, one ``id:base64key`` a line; made on
first use by a local or test set-up, as ``make run`` does). Every value is bound to where it is
stored (``table.column:row id`` is the associated data): a sealed value copied to another row or
column does not open.

Stored form: ``enc1:<key id>:<base64url(nonce + ciphertext + tag)>``. A value without the prefix
is a legacy clear value (written before encryption): it is read as is, and ``flask keys rotate``
seals it.
"""

import base64
import os
import secrets
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from flask import current_app

PREFIX = "enc1"


class SealError(Exception):
    """A value cannot be opened: its key is not configured, or it was changed or moved."""


class KeyRing:
    def __init__(self, keys: list[tuple[str, bytes]]):
        if not keys:
            raise ValueError("no encryption key")
        for key_id, key in keys:
            if len(key) != 32 or not key_id.isalnum():
                raise ValueError(f"encryption key {key_id!r}: an alphanumeric id and 32 bytes are needed")
        self.keys = dict(keys)
        self.current = keys[0][0]

    def seal(self, value: str | None, where: str) -> str | None:
        if value is None:
            return None
        nonce = os.urandom(12)
        sealed = AESGCM(self.keys[self.current]).encrypt(nonce, value.encode("utf-8"), where.encode("utf-8"))
        return (
            f"{PREFIX}:{self.current}:{base64.urlsafe_b64encode(nonce + sealed).decode('ascii').rstrip('=')}"
        )

    def open(self, stored: str | None, where: str) -> str | None:
        if stored is None or not is_sealed(stored):
            return stored  # legacy clear value
        _prefix, key_id, body = stored.split(":", 2)
        key = self.keys.get(key_id)
        if key is None:
            raise SealError(f"{where}: sealed with key {key_id!r}, which is not configured")
        raw = base64.urlsafe_b64decode(body + "=" * (-len(body) % 4))
        try:
            return AESGCM(key).decrypt(raw[:12], raw[12:], where.encode("utf-8")).decode("utf-8")
        except InvalidTag as exc:
            raise SealError(f"{where}: the sealed value does not open here (changed or moved)") from exc

    def needs_rotation(self, stored: str | None) -> bool:
        return stored is not None and (not is_sealed(stored) or stored.split(":", 2)[1] != self.current)


def is_sealed(stored: str) -> bool:
    return stored.startswith(PREFIX + ":")


def new_key_line(key_id: str | None = None) -> str:
    key_id = key_id or secrets.token_hex(4)
    return f"{key_id}:{base64.urlsafe_b64encode(os.urandom(32)).decode('ascii')}"


def parse_keys(text: str) -> list[tuple[str, bytes]]:
    keys = []
    for item in text.replace("\n", ",").split(","):
        item = item.strip()
        if item and not item.startswith("#"):
            key_id, _sep, body = item.partition(":")
            keys.append(
                (key_id.strip(), base64.urlsafe_b64decode(body.strip() + "=" * (-len(body.strip()) % 4)))
            )
    return keys


def keyring() -> KeyRing:
    """The configured key ring (read once per application)."""
    found = current_app.extensions.get("keyring")
    if found is None:
        found = current_app.extensions["keyring"] = KeyRing(_load_keys(current_app))
    return found


def _load_keys(app) -> list[tuple[str, bytes]]:
    if app.config.get("ENCRYPTION_KEYS"):
        return parse_keys(app.config["ENCRYPTION_KEYS"])
    path = Path(app.config.get("ENCRYPTION_KEY_FILE") or Path(app.instance_path) / "encryption.key")
    if not path.exists():
        local = app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite")
        if not (app.debug or app.testing or local):
            raise RuntimeError("ENCRYPTION_KEYS is not set: export ENCRYPTION_KEYS=<flask keys new>")
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}")
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as f:
            f.write(new_key_line() + "\n")
        try:
            os.link(temporary, path)  # atomic, and never replaces a key another process just made
        except FileExistsError:
            pass
        finally:
            os.unlink(temporary)
    return parse_keys(path.read_text())


def seal(value: str | None, where: str) -> str | None:
    return keyring().seal(value, where)


def unseal(stored: str | None, where: str) -> str | None:
    return keyring().open(stored, where)
