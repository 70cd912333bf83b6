"""Audit trail: an append-only entry for every write, with the field-level diff.

Operations call ``record``; nothing else writes audit entries (bulk loaders write the same
rows in bulk). ``Actor`` says who acts and through which channel.
"""

from dataclasses import dataclass
from datetime import date, datetime

from tracker.audit.models import AuditEntry
from tracker.extensions import db


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
    entry = AuditEntry(
        user_id=actor.user_id,
        actor=actor.name,
        channel=actor.channel,
        action=action,
        entity_type=entity_type,
        entity_id=entity_id,
        changes=jsonable(changes),
        note=note,
    )
    db.session.add(entry)
    return entry
