"""Every write of the desk: notes, assignments, notifications, tags, saved searches. Each
flushes and records its audit entry; none commits (the request or command does).

Workflow moves are written by ``tracker.cases.operations`` alone; ``on_move`` (subscribed to
``core.signals.incident_moved``) turns them into notifications, in the same transaction.
"""

import re
from dataclasses import dataclass

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from tracker.audit import operations as audit
from tracker.audit.operations import Actor
from tracker.auth.models import User
from tracker.auth.permissions import FULL_READERS, SEND_BACK, can_assign, can_discuss, may_be_assigned
from tracker.cases import operations as case_ops
from tracker.core.db import utcnow
from tracker.core.exceptions import NotAllowed, StaleVersion, ValidationFailed
from tracker.core.i18n import current_language
from tracker.core.signals import incident_moved
from tracker.core.text import normalise
from tracker.core.vocab import WORKFLOW_STATUS, label
from tracker.desk import mail
from tracker.desk.models import CaseAssignment, CaseNote, IncidentTag, Notification, SavedSearch, Tag
from tracker.extensions import db

NOTE_MAX = 5000
QUIET_CHANNELS = ("import", "demo")
TAG_MAX = 60
# "@handle": the part of a colleague's e-mail address before the "@"
MENTION = re.compile(r"(?<![\w.@])@([A-Za-z0-9._+-]+)")


def _check(allowed: bool) -> None:
    if not allowed:
        raise NotAllowed()


# --- notifications ---------------------------------------------------------------------------


def notify(users, kind: str, incident, actor: Actor, note: CaseNote | None = None) -> list[Notification]:
    """One notification per user (never to the person who acted), e-mailed when SMTP is set."""
    made, seen = [], {actor.user_id}
    for user in users:
        if user is None or user.id in seen or not user.is_active:
            continue
        seen.add(user.id)
        notification = Notification(user_id=user.id, kind=kind, incident_id=incident.id,
                                    actor_id=actor.user_id, note_id=note.id if note else None)  # fmt: skip
        db.session.add(notification)
        made.append((notification, user))
    db.session.flush()
    for notification, user in made:
        mail.queue(notification, user)
    return [notification for notification, _user in made]


def mark_read(user, ids: list[int] | None = None) -> int:
    """Mark ``user``'s notifications read (all of them, or those ``ids``)."""
    stmt = sa.update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    if ids is not None:
        stmt = stmt.where(Notification.id.in_(ids))
    return db.session.execute(stmt.values(read_at=utcnow())).rowcount


def _reviewers() -> list[User]:
    return list(
        db.session.scalars(sa.select(User).where(User.role.in_(FULL_READERS), User.is_active.is_(True)))
    )


def _assignee(incident) -> User | None:
    row = db.session.get(CaseAssignment, incident.id)
    return row.assignee if row is not None else None


def on_move(incident, old: str, new: str, actor: Actor, note: str | None) -> None:
    """Receiver of ``incident_moved``: who is told about a workflow move. A status given by an
    imported file or the demo loader is not a review step: nobody is told."""
    if actor.channel in QUIET_CHANNELS:
        return
    if (old, new) == SEND_BACK:
        saved = _add_note(incident, note, actor, "send_back")
        notify([incident.created_by], "sent_back", incident, actor, saved)
    elif new == "in_review" and old == "draft":
        notify(_reviewers(), "submitted", incident, actor)
    elif new == "published":
        notify([incident.created_by, _assignee(incident)], "published", incident, actor)


def subscribe() -> None:
    incident_moved.connect(on_move, weak=False)


# --- notes -----------------------------------------------------------------------------------


def _add_note(incident, body: str, actor: Actor, kind: str) -> CaseNote:
    note = CaseNote(incident_id=incident.id, author_id=actor.user_id, kind=kind, body=body.strip())
    db.session.add(note)
    db.session.flush()
    audit.record(actor, "create", "case_note", note.id,
                 {"incident_id": [None, incident.id], "kind": [None, kind], "body": [None, note.body]})  # fmt: skip
    return note


def mentioned_users(body: str, incident) -> list[User]:
    """Colleagues named ``@handle`` in ``body`` who may read the notes of ``incident``."""
    handles = {m.lower() for m in MENTION.findall(body)}
    if not handles:
        return []
    staff = db.session.scalars(sa.select(User).where(User.is_active.is_(True)))
    return [u for u in staff if u.email.split("@", 1)[0].lower() in handles and can_discuss(u, incident)]


def add_note(incident, body: str, actor: Actor) -> CaseNote:
    """An internal comment on ``incident``; colleagues mentioned with ``@handle`` are notified."""
    if actor.user is not None:
        _check(can_discuss(actor.user, incident))
    body = (body or "").strip()
    if not body:
        raise ValidationFailed({"body": [_("Write the note first.")]})
    if len(body) > NOTE_MAX:
        raise ValidationFailed({"body": [_("A note is at most %(n)s characters.", n=NOTE_MAX)]})
    note = _add_note(incident, body, actor, "note")
    notify(mentioned_users(body, incident), "mentioned", incident, actor, note)
    return note


# --- assignment ------------------------------------------------------------------------------


def assign(incident, assignee: User | None, actor: Actor) -> CaseAssignment | None:
    """Give ``incident`` to ``assignee`` (None: to nobody). Audited; the assignee is notified."""
    if actor.user is not None:
        _check(can_assign(actor.user, incident))
    if assignee is not None and not may_be_assigned(assignee):
        raise ValidationFailed({"assignee": [_("This person cannot be given cases.")]})
    row = db.session.get(CaseAssignment, incident.id)
    before = row.assignee_id if row is not None else None
    after = assignee.id if assignee is not None else None
    if before == after:
        return row
    if assignee is None:
        db.session.delete(row)
        row = None
    elif row is None:
        row = CaseAssignment(incident_id=incident.id, assignee_id=after, assigned_by_id=actor.user_id)
        db.session.add(row)
    else:
        row.assignee_id, row.assigned_by_id, row.assigned_at = after, actor.user_id, utcnow()
    db.session.flush()
    audit.record(actor, "assign", "case_assignment", incident.id, {"assignee_id": [before, after]})
    if assignee is not None:
        notify([assignee], "assigned", incident, actor)
    return row


# --- tags ------------------------------------------------------------------------------------


def tag_key(name: str) -> str:
    """One tag per spelling: Arabic-normalised, case-folded, spaces collapsed."""
    return " ".join(normalise(name).casefold().split())


def get_or_create_tag(name: str, actor: Actor) -> Tag:
    name = " ".join((name or "").split())
    if not name:
        raise ValidationFailed({"tag": [_("Give the tag a name.")]})
    if len(name) > TAG_MAX:
        raise ValidationFailed({"tag": [_("A tag is at most %(n)s characters.", n=TAG_MAX)]})
    key = tag_key(name)
    tag = db.session.scalar(sa.select(Tag).where(Tag.key == key))
    if tag is None:
        tag = Tag(name=name, key=key, created_by_id=actor.user_id)
        db.session.add(tag)
        db.session.flush()
        audit.record(actor, "create", "tag", tag.id, {"name": [None, name]})
    return tag


def add_tag(incident, tag: Tag, actor: Actor) -> bool:
    """Put ``tag`` on ``incident`` (whoever may edit it). False if it was already there."""
    if actor.user is not None:
        _check(can_assign(actor.user, incident))
    if db.session.get(IncidentTag, (incident.id, tag.id)) is not None:
        return False
    db.session.add(IncidentTag(incident_id=incident.id, tag_id=tag.id))
    db.session.flush()
    audit.record(actor, "tag", "incident_tag", incident.id, {"tag": [None, tag.name]})
    return True


def remove_tag(incident, tag: Tag, actor: Actor) -> bool:
    if actor.user is not None:
        _check(can_assign(actor.user, incident))
    link = db.session.get(IncidentTag, (incident.id, tag.id))
    if link is None:
        return False
    db.session.delete(link)
    db.session.flush()
    audit.record(actor, "untag", "incident_tag", incident.id, {"tag": [tag.name, None]})
    return True


# --- saved searches --------------------------------------------------------------------------


def save_search(user, name: str, query: str, actor: Actor) -> SavedSearch:
    """Keep the case list's filters (its query string) under a name; saving a name again replaces it."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationFailed({"name": [_("Give the search a name.")]})
    if len(name) > 100:
        raise ValidationFailed({"name": [_("A name is at most %(n)s characters.", n=100)]})
    query = (query or "").lstrip("?")[:2000]
    row = db.session.scalar(
        sa.select(SavedSearch).where(SavedSearch.user_id == user.id, SavedSearch.name == name)
    )
    before = row.query if row is not None else None
    if row is None:
        row = SavedSearch(user_id=user.id, name=name, query=query)
        db.session.add(row)
    else:
        row.query = query
    db.session.flush()
    audit.record(actor, "save", "saved_search", row.id, {"name": [None, name], "query": [before, query]})
    return row


def delete_search(search: SavedSearch, actor: Actor) -> None:
    if actor.user is not None:
        _check(search.user_id == actor.user_id)
    audit.record(actor, "delete", "saved_search", search.id, {"name": [search.name, None]})
    db.session.delete(search)
    db.session.flush()


# --- a status event from the desk --------------------------------------------------------------


def add_status_event(incident, victim_id: int, event: dict, expected_version: int, actor: Actor):
    """Add one dated event to a victim's timeline, through the incident writer (its rules, its
    version check, its audit entry). ``event``: ``{event, date, note}``, already validated."""
    victims = []
    found = False
    for victim in incident.victims:
        events = [{"event": e.event, "date": e.date, "note": e.note} for e in victim.status_events]
        if victim.id == victim_id:
            events.append(event)
            found = True
        victims.append({"journalist_id": victim.journalist_id, "role_in_incident": victim.role_in_incident,
                        "outcome": victim.outcome, "is_identity_protected": victim.is_identity_protected,
                        "status_events": events})  # fmt: skip
    if not found:
        raise ValidationFailed({"victim": [_("Choose a person of this case.")]})
    return case_ops.update_incident(incident, {"victims": victims}, actor, expected_version)


# --- bulk actions on the case list ---------------------------------------------------------------

BULK_ACTIONS = ("submit", "verify", "assign", "tag")
BULK_MOVES = {"submit": "in_review", "verify": "verified"}
BULK_MAX = 500


@dataclass
class Outcome:
    incident_id: int
    public_ref: str
    ok: bool
    message: str


class BulkRefused(Exception):
    """At least one case broke a rule: nothing of the bulk action was written."""

    def __init__(self, outcomes: list[Outcome]):
        super().__init__(outcomes)
        self.outcomes = outcomes


def _one(action: str, incident, expected: int | None, actor: Actor, assignee, tag) -> str:
    if action in BULK_MOVES:
        case_ops.transition_incident(incident, BULK_MOVES[action], actor, expected_version=expected)
        return _(
            "Moved to: %(status)s", status=label(WORKFLOW_STATUS, BULK_MOVES[action], current_language())
        )
    if expected is not None and expected != incident.version:
        raise StaleVersion(incident.version)
    if action == "assign":
        assign(incident, assignee, actor)
        return _("Assigned to %(name)s", name=assignee.name)
    return _("Tagged") if add_tag(incident, tag, actor) else _("Already tagged")


def _refusal(exc: Exception) -> str:
    if isinstance(exc, NotAllowed):
        return _("Your role does not allow this on this case.")
    if isinstance(exc, StaleVersion | StaleDataError):
        return _("Someone else changed this case in the meantime.")
    return " ".join(str(m) for messages in exc.errors.values() for m in messages)


def bulk(
    action: str, targets: list[tuple], actor: Actor, *, assignee=None, tag_name: str = ""
) -> list[Outcome]:
    """Apply ``action`` to every (incident, expected version or None) of ``targets``, each through
    its own writer with its rules and version check. All or nothing: each case is tried (in a
    savepoint, so every case gets its answer) and if any is refused, ``BulkRefused`` carries the
    per-case report and the caller's transaction writes nothing."""
    if action not in BULK_ACTIONS:
        raise ValidationFailed({"action": [_("Choose an action.")]})
    if not targets:
        raise ValidationFailed({"ids": [_("Select at least one case.")]})
    if len(targets) > BULK_MAX:
        raise ValidationFailed({"ids": [_("At most %(n)s cases at a time.", n=BULK_MAX)]})
    if action == "assign" and (assignee is None or not may_be_assigned(assignee)):
        raise ValidationFailed({"assignee": [_("Choose a colleague.")]})
    tag = get_or_create_tag(tag_name, actor) if action == "tag" else None
    outcomes = []
    for incident, expected in targets:
        ref, incident_id = incident.public_ref, incident.id
        try:
            with db.session.begin_nested():
                message = _one(action, incident, expected, actor, assignee, tag)
            outcomes.append(Outcome(incident_id, ref, True, message))
        except (NotAllowed, StaleVersion, StaleDataError, ValidationFailed) as exc:
            outcomes.append(Outcome(incident_id, ref, False, _refusal(exc)))
    if not all(o.ok for o in outcomes):
        raise BulkRefused(outcomes)
    return outcomes
