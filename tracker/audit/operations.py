"""Audit trail: an append-only entry for every write, with the field-level diff.

Operations call ``record``; nothing else writes audit entries (bulk loaders write the same
rows in bulk). ``Actor`` says who acts and through which channel.
"""

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa

from tracker.audit import chain
from tracker.audit.models import AuditEntry, AuditHead
from tracker.core.db import utcnow
from tracker.extensions import db

HEAD = AuditHead.__table__


@dataclass(frozen=True)
class Actor:
    user: object | None  # tracker.auth.models.User, or None for system jobs
    channel: str  # api | web | cli | import | demo | system
    label: str | None = None  # shown when there is no user, e.g. "system:demo"

    @property
    def user_id(self) -> int | None:
        return getattr(self.user, "id", None)

    @property
    def name(self) -> str:
        if self.user is not None:
            return self.user.email
        return self.label or f"system:{self.channel}"


def jsonable(value):
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value


def diff(before: dict, after: dict) -> dict:
    """{field: [before, after]} for every field whose value changed."""
    changes = {}
    for key in before.keys() | after.keys():
        old, new = jsonable(before.get(key)), jsonable(after.get(key))
        if old != new:
            changes[key] = [old, new]
    return dict(sorted(changes.items()))


def creation_diff(after: dict) -> dict:
    return diff({}, {k: v for k, v in after.items() if v not in (None, "", [], False)})


def record(
    actor: Actor, action: str, entity_type: str, entity_id: int, changes: dict, note: str | None = None
) -> AuditEntry:
    values = {"at": utcnow(), "user_id": actor.user_id, "actor": actor.name, "channel": actor.channel,
              "action": action, "entity_type": entity_type, "entity_id": entity_id, "changes": changes,
              "note": note}  # fmt: skip
    entry = AuditEntry(**link([values])[0])
    db.session.add(entry)
    return entry


def link(rows: list[dict]) -> list[dict]:
    """Append ``rows`` (audit entry values, in order) to the hash chain: sets their ``seq``,
    ``prev_hash`` and ``entry_hash`` (and ``changes`` as stored) in place, and moves the chain's
    head. Every writer of audit rows, one by one or in bulk, goes through here.

    The head row is taken with an UPDATE (a row lock on PostgreSQL; on SQLite the transaction
    holds the database's write lock): a concurrent writer waits until this transaction ends, so
    the chain stays linear.
    """
    if not rows:
        return rows
    last, prev = _take_head(len(rows))
    seq = last - len(rows)
    for row in rows:
        seq += 1
        row["changes"] = chain.stored_json(jsonable(row.get("changes") or {}))
        row.setdefault("note", None)
        row.update(seq=seq, prev_hash=prev, entry_hash=chain.entry_hash(row, seq, prev))
        prev = row["entry_hash"]
    db.session.execute(sa.update(HEAD).where(HEAD.c.id == 1).values(head_hash=prev))
    return rows


def _take_head(count: int) -> tuple[int, str]:
    """Reserve ``count`` positions: (the new last position, the hash of the current head)."""
    stmt = sa.update(HEAD).where(HEAD.c.id == 1).values(seq=HEAD.c.seq + count)
    found = db.session.execute(stmt.returning(HEAD.c.seq, HEAD.c.head_hash)).first()
    if found is None:  # a database created without the migration's first row
        db.session.execute(sa.insert(HEAD).values(id=1, seq=count, head_hash=chain.GENESIS))
        return count, chain.GENESIS
    return found.seq, found.head_hash
