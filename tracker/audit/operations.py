"""Audit trail: an append-only entry for every write, with the field-level diff.

Operations call ``record``; nothing else writes audit entries (bulk loaders ``queue`` the same
rows in bulk). ``Actor`` says who acts and through which channel.

Entries are written when the transaction commits (a ``before_commit`` hook), after every other
write of the transaction: only then is the chain's head taken, so the head's lock is the last
lock a transaction takes and is held for the few statements before COMMIT. Taken at the first
write instead, it was held for the whole transaction, and two writers that took it and another
row lock in opposite orders deadlocked on PostgreSQL. An entry is therefore visible to queries
once its transaction commits (a rolled-back transaction writes none).
"""

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.orm import Session

from tracker.audit import chain
from tracker.audit.models import AuditEntry, AuditHead
from tracker.core import crypto
from tracker.core.bulk import insert_plain
from tracker.core.db import utcnow
from tracker.extensions import db

HEAD = AuditHead.__table__
QUEUE = "audit_queue"  # the session's entries waiting for its commit, in order
# Values an entry stores sealed (``tracker.core.crypto``), bound to the entry's entity and field:
# an entry is never changed, so a name or note written there in clear would stay there for good
# (a journalist's names always: the person may be protected later).
SEALED_FIELDS = {"incident": ("confidential_notes",), "journalist": ("name_ar", "name_en")}
SEALED_SOURCE_KEYS = ("url", "title", "publisher")  # of an internal source, in an incident's "sources"


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
    kind = type(value)  # the common cases first: called for every value of every entry
    if value is None or kind is str or kind is int or kind is bool or kind is float:
        return value
    if kind is dict:
        return {k: jsonable(v) for k, v in value.items()}
    if kind is list:
        return [jsonable(v) for v in value]
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
) -> dict:
    values = {"at": utcnow(), "user_id": actor.user_id, "actor": actor.name, "channel": actor.channel,
              "action": action, "entity_type": entity_type, "entity_id": entity_id, "changes": changes,
              "note": note}  # fmt: skip
    queue([values])
    return values


def queue(rows: list[dict]) -> None:
    """Entries (plain values, in order) written to the chain when the session's transaction commits."""
    db.session.info.setdefault(QUEUE, []).extend(rows)


@sa.event.listens_for(Session, "before_commit")
def _write_queued(session: Session) -> None:
    rows = session.info.pop(QUEUE, None)
    if rows:
        session.flush()  # every other write first: the head is taken last
        insert_plain(AuditEntry.__table__, link(rows))


@sa.event.listens_for(Session, "after_soft_rollback")
def _drop_queued(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the whole transaction, not a savepoint in it
        session.info.pop(QUEUE, None)


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
        row["changes"] = chain.stored_json(seal_changes(row, jsonable(row.get("changes") or {})))
        row.setdefault("note", None)
        row.update(seq=seq, prev_hash=prev, entry_hash=chain.entry_hash(row, seq, prev))
        prev = row["entry_hash"]
    db.session.execute(sa.update(HEAD).where(HEAD.c.id == 1).values(head_hash=prev))
    return rows


def _where(row, field: str) -> str:
    return f"audit_entries.changes:{row['entity_type']}:{row['entity_id']}:{field}"


def _map_changes(row, changes: dict, value_fn) -> dict:
    """``changes`` with ``value_fn(value, where)`` applied to every value stored sealed."""
    sealed_fields = SEALED_FIELDS.get(row["entity_type"], ())
    result = {}
    for field, pair in changes.items():
        if field in sealed_fields:
            pair = [value_fn(v, _where(row, field)) if isinstance(v, str) else v for v in pair]
        elif field == "sources" and row["entity_type"] == "incident":
            pair = [[{k: value_fn(v, _where(row, f"sources.{k}")) if s.get("is_internal") and k in
                      SEALED_SOURCE_KEYS and isinstance(v, str) else v for k, v in s.items()}
                     for s in side] if isinstance(side, list) else side for side in pair]  # fmt: skip
        result[field] = pair
    return result


def seal_changes(row, changes: dict) -> dict:
    return _map_changes(row, changes, lambda v, where: v if crypto.is_sealed(v) else crypto.seal(v, where))


def opened_changes(entry) -> dict:
    """An entry's ``changes`` with its sealed values opened (for readers who may see them)."""
    row = {"entity_type": entry.entity_type, "entity_id": entry.entity_id}
    return _map_changes(row, entry.changes or {}, crypto.unseal)


def _take_head(count: int) -> tuple[int, str]:
    """Reserve ``count`` positions: (the new last position, the hash of the current head)."""
    stmt = sa.update(HEAD).where(HEAD.c.id == 1).values(seq=HEAD.c.seq + count)
    found = db.session.execute(stmt.returning(HEAD.c.seq, HEAD.c.head_hash)).first()
    if found is None:  # a database created without the migration's first row
        db.session.execute(sa.insert(HEAD).values(id=1, seq=count, head_hash=chain.GENESIS))
        return count, chain.GENESIS
    return found.seq, found.head_hash
