"""The audit trail's hash chain: pure functions, no database.

Each entry's hash is SHA-256 over the canonical JSON of its content, its position in the chain
(``seq``) and the previous entry's hash, so that editing, deleting, inserting or reordering any
entry changes every hash after it. Canonical JSON: keys sorted, no spaces, UTF-8, times as UTC
ISO 8601 with microseconds, the ``changes`` exactly as the JSON column gives them back.
"""

import hashlib
import json
from datetime import UTC, datetime

GENESIS = "0" * 64  # the "previous hash" of the first entry
CONTENT_FIELDS = (
    "at",
    "user_id",
    "actor",
    "channel",
    "action",
    "entity_type",
    "entity_id",
    "changes",
    "note",
)


def canonical_time(value: datetime) -> str:
    if value.tzinfo is None:  # SQLite hands back naive UTC when read without the column type
        value = value.replace(tzinfo=UTC)
    return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def stored_json(value):
    """``value`` as a JSON column stores and returns it (tuples become lists, keys strings)."""
    return json.loads(json.dumps(value))


def canonical(row, seq: int, prev_hash: str) -> bytes:
    """The bytes hashed for an entry: ``row`` is a mapping with the ``CONTENT_FIELDS``."""
    content = {name: row[name] for name in CONTENT_FIELDS}
    content["at"] = canonical_time(content["at"])
    content.update(seq=seq, prev_hash=prev_hash)
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def entry_hash(row, seq: int, prev_hash: str) -> str:
    return hashlib.sha256(canonical(row, seq, prev_hash)).hexdigest()


def anchor_message(seq: int, head_hash: str) -> bytes:
    """What ``flask audit anchor`` signs: the chain's length and head hash."""
    return f"press-freedom-tracker audit head\nseq={seq}\nhash={head_hash}\n".encode()
