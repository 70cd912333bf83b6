"""Keyed blind index of protected names: staff search finds a sealed name without the database
holding it in clear, and without a key in the database to test guesses against.

Each word of a name gives two tokens, HMAC-SHA256 (key derived from an encryption key of the key
ring, ``tracker.core.crypto``) of its Arabic-normalised form and of its consonant skeleton
(``tracker.core.names``: سامي / Sami / Samy), written ``<key id>.<hex>``. A query word matches a
token exactly (no substring search in a blind index). A search tries every configured key, so it
keeps working while ``flask keys rotate`` moves the index to a new key.
"""

import hashlib
import hmac
from collections.abc import Iterable
from functools import lru_cache

from tracker.core import crypto, names

TOKEN_HEX = 16  # 64 bits: no accidental collision in any real index
_LABEL = b"tracker blind index v1"


@lru_cache(maxsize=16)  # one a configured key: derived once, not once a token
def _index_key(key: bytes) -> bytes:
    return hmac.new(key, _LABEL, hashlib.sha256).digest()


@lru_cache(maxsize=1 << 16)  # a word of a name recurs in many names and cases
def _token(key_id: str, key: bytes, kind: str, text: str) -> str:
    digest = hmac.new(_index_key(key), f"{kind}:{text}".encode(), hashlib.sha256).hexdigest()
    return f"{key_id}.{digest[:TOKEN_HEX]}"


@lru_cache(maxsize=1 << 14)  # a name is split once, however many cases and searches name it
def _parts(text: str | None) -> frozenset[tuple[str, str]]:
    found = set()
    for word, skeleton in names.tokens(text):
        found.add(("w", word))
        if len(skeleton) >= 2:
            found.add(("k", skeleton))
    return frozenset(found)


def index_text(values: Iterable[str | None]) -> str:
    """The stored index of ``values`` (names) with the current key: sorted tokens, space-separated."""
    ring = crypto.keyring()
    key = ring.keys[ring.current]
    parts = set().union(*(_parts(v) for v in values if v))
    return " ".join(sorted(_token(ring.current, key, kind, text) for kind, text in parts))


def query_tokens(term: str) -> list[str]:
    """Tokens any of which, found in an index, matches the query word ``term`` (every key)."""
    ring = crypto.keyring()
    return sorted(
        _token(key_id, key, kind, text) for key_id, key in ring.keys.items() for kind, text in _parts(term)
    )


def is_current(stored: str | None) -> bool:
    """Whether a stored index is blind and made with the current key ('' is)."""
    if not stored:
        return True
    current = crypto.keyring().current + "."
    return all(
        token.startswith(current) and len(token) == len(current) + TOKEN_HEX for token in stored.split()
    )
