"""Passphrase encryption of a backup file, streamed in chunks (AES-256-GCM, key from scrypt).

Layout: MAGIC, 16-byte salt, then chunks of [4-byte length | 12-byte nonce | ciphertext+tag]. Each
chunk's associated data is its index and whether it is the last one, so chunks cannot be
reordered, dropped or the file cut short without the restore noticing.
"""

import os
import struct
from collections.abc import Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

MAGIC = b"PFT-BACKUP-1\n"
CHUNK = 1024 * 1024


class BadPassphrase(Exception):
    """Wrong passphrase, or the file was changed or cut short."""


def _key(passphrase: str, salt: bytes) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(passphrase.encode("utf-8"))


def _aad(index: int, last: bool) -> bytes:
    return struct.pack(">Q?", index, last)


def is_sealed(head: bytes) -> bool:
    return head.startswith(MAGIC)


def seal(source: BinaryIO, out: BinaryIO, passphrase: str) -> None:
    salt = os.urandom(16)
    aead = AESGCM(_key(passphrase, salt))
    out.write(MAGIC + salt)
    index, chunk = 0, source.read(CHUNK)
    while True:
        following = source.read(CHUNK)
        last = not following
        nonce = os.urandom(12)
        sealed = aead.encrypt(nonce, chunk, _aad(index, last))
        out.write(struct.pack(">I", len(sealed)) + nonce + sealed)
        if last:
            return
        index, chunk = index + 1, following


def unseal(source: BinaryIO, passphrase: str) -> Iterator[bytes]:
    """The plain chunks, in order; BadPassphrase on any wrong passphrase, change or truncation."""
    if source.read(len(MAGIC)) != MAGIC:
        raise BadPassphrase("not an encrypted backup")
    aead = AESGCM(_key(passphrase, source.read(16)))
    current, index = _read_chunk(source), 0
    if current is None:
        raise BadPassphrase("the backup was cut short")
    while current is not None:
        following = _read_chunk(source)
        try:
            yield aead.decrypt(current[0], current[1], _aad(index, following is None))
        except InvalidTag as exc:
            raise BadPassphrase("wrong passphrase, or the backup was changed or cut short") from exc
        current, index = following, index + 1


def _read_chunk(source: BinaryIO) -> tuple[bytes, bytes] | None:
    header = source.read(4)
    if not header:
        return None
    if len(header) < 4:
        raise BadPassphrase("the backup was cut short")
    (length,) = struct.unpack(">I", header)
    nonce, sealed = source.read(12), source.read(length)
    if len(nonce) < 12 or len(sealed) < length:
        raise BadPassphrase("the backup was cut short")
    return nonce, sealed
