"""Reads of the desk: the dashboard's lists, notes, notifications, tags and saved searches.

Names of people in these lists follow the reading rules of a case (``tracker.cases.visibility``):
a protected person's name (protected in that case or in any other) is withheld unless the reader
may see that case's protected data."""

from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import parse_qsl

import sqlalchemy as sa
from flask_babel import force_locale
from flask_babel import gettext as _
from marshmallow import ValidationError

from reports.statistics import held_people
from schemas.cases import IncidentQuerySchema
from tracker.admin.queries import get_setting
from tracker.auth.models import User
from tracker.auth.permissions import FULL_READERS, STAFF_ROLES, can_edit_incident, protected_search_reader
from tracker.cases.models import Incident, StatusEvent, Victim
from tracker.cases.visibility import WITHHELD, victim_withheld
from tracker.core.exceptions import ValidationFailed
from tracker.desk.models import CaseAssignment, CaseNote, IncidentTag, Notification, SavedSearch, Tag
from tracker.extensions import db
from tracker.people.models import Journalist, open_names

LIST_LIMIT = 20
# Follow-ups shown on the desk (longest silence first; the page says how many more): each comes
# with its own status-event form, and thousands can be held at 100,000 incidents.
FOLLOW_UP_LIMIT = 50
ANNIVERSARY_DAYS = 14
TRIAL_DAYS = 60
# Cases a desk follows: everything still being worked on or public (not thrown out).
FOLLOWED = ("draft", "in_review", "verified", "published")
CASE_COLUMNS = (Incident.id, Incident.public_ref, Incident.title_ar, Incident.title_en, Incident.workflow_status,
                Incident.date_start, Incident.updated_at, Incident.version, Incident.created_by_id)  # fmt: skip


def follow_up_days() -> int:
    """The admin setting: a held person with no status event for this many days is a follow-up."""
    return int(get_setting("follow_up_days"))


def _cases(*where, order=None, limit=LIST_LIMIT) -> list[dict]:
    stmt = (
        sa.select(*CASE_COLUMNS)
        .where(*where)
        .order_by(*(order or (Incident.updated_at.desc(),)))
        .limit(limit)
    )
    return [dict(row) for row in db.session.execute(stmt).mappings()]


def my_drafts(user) -> list[dict]:
    return _cases(Incident.created_by_id == user.id, Incident.workflow_status == "draft")


def sent_back(user) -> list[dict]:
    """My drafts that a reviewer sent back, with the reviewer's latest note."""
    latest = (
        sa.select(CaseNote.incident_id, sa.func.max(CaseNote.id).label("note_id"))
        .where(CaseNote.kind == "send_back")
        .group_by(CaseNote.incident_id)
        .subquery()
    )
    stmt = (
        sa.select(
            *CASE_COLUMNS,
            CaseNote.body.label("note"),
            CaseNote.created_at.label("sent_back_at"),
            User.name.label("reviewer"),
        )  # fmt: skip
        .join(latest, latest.c.incident_id == Incident.id)
        .join(CaseNote, CaseNote.id == latest.c.note_id)
        .outerjoin(User, User.id == CaseNote.author_id)
        .where(Incident.created_by_id == user.id, Incident.workflow_status == "draft")
        .order_by(CaseNote.created_at.desc())
        .limit(LIST_LIMIT)
    )
    return [dict(row) for row in db.session.execute(stmt).mappings()]


def waiting_for_review(user) -> list[dict]:
    """Cases submitted for review, oldest first (editors and admins review)."""
    if user.role not in FULL_READERS:
        return []
    return _cases(Incident.workflow_status == "in_review", order=(Incident.updated_at.asc(),))


def assigned_to(user) -> list[dict]:
    return _cases(
        Incident.id.in_(sa.select(CaseAssignment.incident_id).where(CaseAssignment.assignee_id == user.id)),
        Incident.workflow_status.in_(FOLLOWED),
    )


def workflow_counts() -> dict[str, int]:
    stmt = sa.select(Incident.workflow_status, sa.func.count()).group_by(Incident.workflow_status)
    return dict(db.session.execute(stmt).all())


# --- follow-ups ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    incident_id: int
    public_ref: str
    name: str
    event: str  # the holding event (detained_on, abducted_on, disappeared_on, sentenced_on)
    since: date
    last_event: date  # the person's latest status event of any kind, across their cases
    days: int  # days since then (follow-ups) or until the date (anniversaries, trials)
    years: int = 0  # anniversaries: how many years
    victim_id: int | None = None


def _name(user, row, lang: str) -> str:
    victim = {
        "is_identity_protected": row.is_identity_protected,
        "journalist": {"is_protected": row.is_protected},
    }
    if victim_withheld(user, {"created_by_id": row.created_by_id}, victim):
        with force_locale(lang):
            return str(WITHHELD)
    name_ar, name_en = open_names(row.name_ar, row.name_en, row.seal_key)
    first, second = (name_ar, name_en) if lang == "ar" else (name_en, name_ar)
    return first or second or ""


def _victim_rows(victim_ids) -> dict[int, object]:
    stmt = (
        sa.select(
            Victim.id,
            Victim.journalist_id,
            Victim.is_identity_protected,
            Incident.id.label("incident_id"),
            Incident.public_ref,
            Incident.created_by_id,
            Journalist.name_ar,
            Journalist.name_en,
            Journalist.seal_key,
            Journalist.is_protected,
        )  # fmt: skip
        .join(Incident, Incident.id == Victim.incident_id)
        .join(Journalist, Journalist.id == Victim.journalist_id)
        .where(Victim.id.in_(list(victim_ids)))
    )
    return {row.id: row for row in db.session.execute(stmt)}


# Past this many people, their latest events are read for every followed case at once and picked
# in Python: SQLite handles a list of thousands of ids in IN so badly that the desk took minutes
# on 100,000 incidents (one grouped scan takes under a second there).
LAST_EVENTS_IN_LIMIT = 500


def _last_events(journalist_ids, today: date) -> dict[int, date]:
    """Each person's latest status event up to ``today``, across all the cases followed."""
    wanted = set(journalist_ids)
    if not wanted:
        return {}
    stmt = (
        sa.select(Victim.journalist_id, sa.func.max(StatusEvent.date))
        .join(Victim, Victim.id == StatusEvent.victim_id)
        .join(Incident, Incident.id == Victim.incident_id)
        .where(Incident.workflow_status.in_(FOLLOWED), StatusEvent.date <= today)
        .group_by(Victim.journalist_id)
    )
    if len(wanted) <= LAST_EVENTS_IN_LIMIT:
        stmt = stmt.where(Victim.journalist_id.in_(sorted(wanted)))
    return {journalist_id: day for journalist_id, day in db.session.execute(stmt) if journalist_id in wanted}


def held_today(today: date | None = None) -> list[tuple]:
    """(victim row, holding event, since, last status event) of everyone held ``today``: the
    report's per-person rule (``reports.statistics.held_people``) over the followed cases. A page
    that shows several lists of held people decides this once and hands it to each."""
    today = today or date.today()
    held = held_people([Incident.workflow_status.in_(FOLLOWED), Incident.date_start <= today], today)
    rows = _victim_rows(held)
    last = _last_events({r.journalist_id for r in rows.values()}, today)
    return [
        (rows[v], event, since, last.get(rows[v].journalist_id, day))
        for v, (event, since, day) in held.items()
    ]


def follow_ups(user, lang: str, days: int | None = None, today: date | None = None,
               held: list[tuple] | None = None) -> list[Person]:  # fmt: skip
    """People still held (decided per person across all their cases, as the yearly report does)
    with no status event for ``days`` days (the ``follow_up_days`` setting), longest silence first.
    ``held``: ``held_today(today)``, when the caller has it already."""
    today = today or date.today()
    days = follow_up_days() if days is None else days
    found = [
        Person(
            row.incident_id,
            row.public_ref,
            _name(user, row, lang),
            event,
            since,
            last,
            (today - last).days,
            victim_id=row.id,
        )  # fmt: skip
        for row, event, since, last in (held_today(today) if held is None else held)
        if (today - last).days >= days
    ]
    return sorted(found, key=lambda p: (-p.days, p.public_ref))


def _anniversary(since: date, today: date) -> date | None:
    for year in (today.year, today.year + 1):
        try:
            day = since.replace(year=year)
        except ValueError:  # 29 February
            day = date(year, 3, 1)
        if day >= today:
            return day
    return None


def anniversaries(user, lang: str, within: int = ANNIVERSARY_DAYS, today: date | None = None,
                  held: list[tuple] | None = None) -> list[Person]:  # fmt: skip
    """People still held whose detention, abduction or disappearance has its anniversary (one
    year or more) in the next ``within`` days, soonest first. ``held`` as for ``follow_ups``."""
    today = today or date.today()
    found = []
    for row, event, since, last in held_today(today) if held is None else held:
        day = _anniversary(since, today)
        if day is not None and (day - today).days <= within and day.year > since.year:
            found.append(Person(row.incident_id, row.public_ref, _name(user, row, lang), event, since, last,
                                (day - today).days, day.year - since.year, row.id))  # fmt: skip
    return sorted(found, key=lambda p: (p.days, p.public_ref))


def trials(user, lang: str, within: int = TRIAL_DAYS, today: date | None = None) -> list[Person]:
    """Trial hearings recorded with a date in the next ``within`` days, soonest first."""
    today = today or date.today()
    stmt = (
        sa.select(Victim.id, StatusEvent.date)
        .join(Victim, Victim.id == StatusEvent.victim_id)
        .join(Incident, Incident.id == Victim.incident_id)
        .where(
            StatusEvent.event == "tried_on",
            StatusEvent.date.between(today, today + timedelta(days=within)),
            Incident.workflow_status.in_(FOLLOWED),
        )  # fmt: skip
        .order_by(StatusEvent.date)
        .limit(LIST_LIMIT)
    )
    hearings = db.session.execute(stmt).all()
    rows = _victim_rows({v for v, _d in hearings})
    return [
        Person(
            rows[v].incident_id,
            rows[v].public_ref,
            _name(user, rows[v], lang),
            "tried_on",
            day,
            day,
            (day - today).days,
            victim_id=v,
        )  # fmt: skip
        for v, day in hearings
    ]


# --- notes and notifications -----------------------------------------------------------------


def notes_of(incident_id: int) -> list[CaseNote]:
    stmt = (
        sa.select(CaseNote)
        .where(CaseNote.incident_id == incident_id)
        .order_by(CaseNote.created_at, CaseNote.id)
    )
    return list(db.session.scalars(stmt))


def unread_count(user) -> int:
    stmt = sa.select(sa.func.count()).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    return db.session.scalar(stmt) or 0


def notifications_of(user, limit: int = 100) -> list[dict]:
    stmt = (
        sa.select(
            Notification.id,
            Notification.kind,
            Notification.created_at,
            Notification.read_at,
            Notification.incident_id,
            Incident.public_ref,
            Incident.title_ar,
            Incident.title_en,
            User.name.label("actor"),
        )  # fmt: skip
        .outerjoin(Incident, Incident.id == Notification.incident_id)
        .outerjoin(User, User.id == Notification.actor_id)
        .where(Notification.user_id == user.id)
        .order_by(Notification.created_at.desc(), Notification.id.desc())
        .limit(limit)
    )
    return [dict(row) for row in db.session.execute(stmt).mappings()]


def notification_of(user, notification_id: int) -> Notification | None:
    """One of ``user``'s notifications (None for anyone else's)."""
    found = db.session.get(Notification, notification_id)
    return found if found is not None and found.user_id == user.id else None


def assignee_of(incident_id: int) -> User | None:
    row = db.session.get(CaseAssignment, incident_id)
    return row.assignee if row is not None else None


def assignable_users() -> list[User]:
    stmt = sa.select(User).where(User.is_active.is_(True), User.role.in_(STAFF_ROLES)).order_by(User.name)
    return list(db.session.scalars(stmt))


# --- tags and saved searches -----------------------------------------------------------------


def tags_of(incident_id: int) -> list[Tag]:
    stmt = (
        sa.select(Tag).join(IncidentTag, IncidentTag.tag_id == Tag.id)
        .where(IncidentTag.incident_id == incident_id).order_by(Tag.name)
    )  # fmt: skip
    return list(db.session.scalars(stmt))


def all_tags() -> list[Tag]:
    return list(db.session.scalars(sa.select(Tag).order_by(Tag.name)))


def tag_by_id(tag_id: int) -> Tag | None:
    return db.session.get(Tag, tag_id)


def tag_condition(tag_id: int):
    """SQL condition on Incident: the case carries tag ``tag_id``."""
    return Incident.id.in_(sa.select(IncidentTag.incident_id).where(IncidentTag.tag_id == tag_id))


LIST_FILTERS = ("q", "year", "date_from", "date_to", "country", "admin1", "violation_type", "perpetrator_type",
                "workflow_status", "verification", "tag", "mine")  # fmt: skip


def list_filters(query: str, user) -> tuple[dict, list]:
    """The case list's filters from its query string (``/cases?...``) as ``user`` reads them:
    (filters of ``cases.queries.incident_conditions``, extra SQL conditions). Read by the bulk
    actions in the request and by the bulk export's job."""
    raw = {k: v.strip() for k, v in parse_qsl(query) if k in LIST_FILTERS and v.strip()}
    tag, mine = raw.pop("tag", ""), raw.pop("mine", "") == "1"
    try:
        filters = IncidentQuerySchema().load(raw)
    except ValidationError:
        raise ValidationFailed({"filters": [_("The list's filters are not valid.")]}) from None
    filters["protected_reader"] = protected_search_reader(user)
    extra = [tag_condition(int(tag))] if tag.isdigit() else []
    if mine:  # the "my drafts" list
        filters["created_by_id"] = user.id
    return filters, extra


def saved_searches(user) -> list[SavedSearch]:
    stmt = sa.select(SavedSearch).where(SavedSearch.user_id == user.id).order_by(SavedSearch.name)
    return list(db.session.scalars(stmt))


def saved_search(search_id: int) -> SavedSearch | None:
    return db.session.get(SavedSearch, search_id)


def editable_versions(user, incident_ids) -> dict[int, int]:
    """incident id -> version, for those of ``incident_ids`` that ``user`` may edit."""
    ids = sorted(set(incident_ids))
    if not ids:
        return {}
    incidents = db.session.scalars(sa.select(Incident).where(Incident.id.in_(ids)))
    return {i.id: i.version for i in incidents if can_edit_incident(user, i)}
