"""Every write to incidents. Operations take objects and plain (already schema-validated)
dicts, check the rules that need the whole record or the database, flush, and record the
audit entry. They never commit: the request or command that called them does.
"""

import re
from collections import Counter
from datetime import date

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from tracker.audit import operations as audit
from tracker.audit.operations import Actor
from tracker.auth.permissions import (
    SEND_BACK,
    can_create_incident,
    can_edit_incident,
    can_transition,
    is_listed_move,
)
from tracker.cases.derive import DERIVED_COLUMNS, UnknownPlace, admin1_code, derive
from tracker.cases.models import (
    SOURCE_SEALED,
    Incident,
    IncidentViolation,
    Perpetrator,
    PublicRefCounter,
    Source,
    StatusEvent,
    Victim,
)
from tracker.cases.taxonomy import VIOLATION_CODES
from tracker.core import blind, crypto, sealed
from tracker.core.bulk import insert_plain, insert_returning_ids
from tracker.core.db import utcnow
from tracker.core.exceptions import NotAllowed, StaleVersion, ValidationFailed
from tracker.core.signals import incident_moved, public_incident_changed
from tracker.core.text import has_arabic
from tracker.core.vocab import COUNTRY_CODES
from tracker.extensions import db
from tracker.geo import gazetteer
from tracker.people import operations as people_ops
from tracker.people.models import Journalist, open_names
from tracker.public import guard, redaction

SCALAR_FIELDS = (
    "title_ar", "title_en", "summary_ar", "summary_en",
    "date_start", "date_end", "date_precision",
    "country", "admin1", "admin2", "locality", "latitude", "longitude",
    "geo_precision", "public_geo_precision", "geonames_id", "geocode_source",
    "verification", "case_status", "impunity", "is_confidential", "confidential_notes", "external_ref",
    "unnamed_victims",
)  # fmt: skip
LIST_FIELDS = ("violation_types", "perpetrators", "sources", "victims")
PUBLIC_REF = re.compile(r"^([A-Z]{2})-(\d{4})-(\d{4,})$")
SOURCE_KEYS = ("url", "title", "publisher", "published_on", "reliability", "is_internal")
# What a new incident is unless its data says otherwise (single and batch form alike).
NEW_INCIDENT_DEFAULTS = {"date_precision": "day", "public_geo_precision": "admin1", "verification": "unverified",
                         "case_status": "unknown", "is_confidential": False, "unnamed_victims": 0}  # fmt: skip
AUDITED_FIELDS = ("public_ref", "workflow_status", *SCALAR_FIELDS, *LIST_FIELDS)


# --- snapshots (the audit diff compares these) -------------------------------------------


def _perpetrator_dict(p: Perpetrator) -> dict:
    return {"type": p.type, "name_ar": p.name_ar, "name_en": p.name_en}


def perpetrator_values(item: dict) -> dict:
    """``{type, name_ar, name_en}`` from input that may also give one ``name`` in either script."""
    values = {
        "type": item["type"],
        "name_ar": item.get("name_ar") or None,
        "name_en": item.get("name_en") or None,
    }
    name = (item.get("name") or "").strip()
    if name:
        slot = "name_ar" if has_arabic(name) else "name_en"
        values[slot] = values[slot] or name
    return values


def _source_dict(s: Source) -> dict:
    return {
        "url": s.url, "title": s.title, "publisher": s.publisher,
        "published_on": s.published_on, "reliability": s.reliability, "is_internal": s.is_internal,
    }  # fmt: skip


def _event_dict(e: StatusEvent) -> dict:
    return {"event": e.event, "date": e.date, "note": e.note}


def _victim_dict(v: Victim) -> dict:
    return {
        "journalist_id": v.journalist_id,
        "role_in_incident": v.role_in_incident,
        "outcome": v.outcome,
        "is_identity_protected": v.is_identity_protected,
        "status_events": [_event_dict(e) for e in v.status_events],
    }


def _state(incident: Incident) -> dict:
    """What the audit trail records of an incident (``AUDITED_FIELDS``), as Python values."""
    data = {field: getattr(incident, field) for field in ("public_ref", "workflow_status", *SCALAR_FIELDS)}
    data["violation_types"] = incident.violation_types
    data["perpetrators"] = [_perpetrator_dict(p) for p in incident.perpetrators]
    data["sources"] = [_source_dict(s) for s in incident.sources]
    data["victims"] = [_victim_dict(v) for v in incident.victims]
    return data


def snapshot(incident: Incident) -> dict:
    return audit.jsonable(_state(incident))


# --- public references --------------------------------------------------------------------


def reserve_public_numbers(needed: Counter) -> dict[tuple[str, int], int]:
    """Reserve ``n`` consecutive numbers per (country, year) in one atomic upsert on the counters.

    Returns the first reserved number of each; a number is never handed out twice, and
    concurrent writers wait for each other. Bulk loaders reserve many at once.
    """
    if not needed:
        return {}
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    table = PublicRefCounter.__table__
    stmt = insert(table).values(
        [{"country": c, "year": y, "last": n} for (c, y), n in sorted(needed.items())]
    )
    stmt = stmt.on_conflict_do_update(
        index_elements=[table.c.country, table.c.year], set_={"last": table.c.last + stmt.excluded.last}
    ).returning(table.c.country, table.c.year, table.c.last)
    return {(c, y): last - needed[(c, y)] + 1 for c, y, last in db.session.execute(stmt)}


def format_public_ref(country: str, year: int, number: int) -> str:
    """``CC-YYYY-NNNN``, the number padded to ``PUBLIC_REF_DIGITS`` (at least 4)."""
    digits = max(4, int(current_app.config.get("PUBLIC_REF_DIGITS", 4)))
    return f"{country}-{year}-{number:0{digits}d}"


def next_public_ref(country: str, year: int) -> str:
    """Allocate ``CC-YYYY-NNNN`` atomically; a number is never handed out twice."""
    number = reserve_public_numbers(Counter({(country, year): 1}))[(country, year)]
    return format_public_ref(country, year, number)


# --- rules on the whole record ------------------------------------------------------------


def invariant_errors(v: dict) -> dict[str, list[str]]:
    """The rules a whole record must satisfy, on plain values (``journalist_ids`` for victims):
    the same for one incident and for a batch."""
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if not (v.get("title_ar") or "").strip() and not (v.get("title_en") or "").strip():
        add("title_ar", _("Give a title in Arabic or in English."))
    if not v.get("violation_types"):
        add("violation_types", _("Choose at least one violation type."))
    start, end = v.get("date_start"), v.get("date_end")
    if end is not None and start is not None and end < start:
        add("date_end", _("The end date is before the start date."))
    if (v.get("latitude") is None) != (v.get("longitude") is None):
        add(
            "latitude" if v.get("latitude") is None else "longitude",
            _("Give both latitude and longitude, or neither."),
        )
    if start is not None and start > date.today():
        add("date_start", _("The date is in the future."))
    ids = v.get("journalist_ids") or []
    if len(ids) != len(set(ids)):
        add("victims", _("The same journalist is listed twice."))
    return errors


def check_invariants(incident: Incident) -> None:
    values = {f: getattr(incident, f) for f in ("title_ar", "title_en", "date_start", "date_end", "latitude",
                                                "longitude", "geo_precision")}  # fmt: skip
    values["violation_types"] = incident.violation_types
    # the relationship, not the column: a victim's journalist_id is only set at the next flush
    values["journalist_ids"] = [
        v.journalist.id if v.journalist is not None else v.journalist_id for v in incident.victims
    ]
    errors = invariant_errors(values)
    if errors:
        raise ValidationFailed(errors)


def check_publishable(incident, *, registry: bool = True, also=None) -> None:
    """A public case names no protected victim (``guard.is_withheld``: protected here or in any of
    their cases) in any field that can become public, nor (``registry``) a person protected in
    another case, or in ``also`` (``guard.elsewhere_set`` of a batch's protected people, not
    written yet). ``incident``:
    an Incident, or input data whose victims carry a ``journalist`` dict (the batch form, the
    import's dry run)."""
    matches, elsewhere = guard.publish_findings(incident, also, registry)
    if matches:
        raise ValidationFailed(guard.errors(matches, elsewhere))


# --- applying input -----------------------------------------------------------------------


def _set_violation_types(incident: Incident, codes: list[str]) -> None:
    unknown = [c for c in codes if c not in VIOLATION_CODES]
    if unknown:
        raise ValidationFailed({"violation_types": [_("Unknown violation type: %(code)s", code=unknown[0])]})
    codes = sorted(set(codes))
    if codes == incident.violation_types:
        return
    incident.violation_links = [IncidentViolation(code=c) for c in codes]


def _set_perpetrators(incident: Incident, items: list[dict]) -> None:
    wanted = [perpetrator_values(i) for i in items]
    if wanted == [_perpetrator_dict(p) for p in incident.perpetrators]:
        return
    incident.perpetrators = [Perpetrator(position=n, **item) for n, item in enumerate(wanted)]


def _set_sources(incident: Incident, items: list[dict]) -> None:
    wanted = [{k: i.get(k, False if k == "is_internal" else None) for k in SOURCE_KEYS} for i in items]
    if wanted == [_source_dict(s) for s in incident.sources]:
        return
    incident.sources = [Source(position=n, **item) for n, item in enumerate(wanted)]


def _resolve_journalist(item: dict, actor: Actor, index: int, known: dict[int, Journalist]) -> Journalist:
    if item.get("journalist_id") is not None:
        journalist = known.get(item["journalist_id"]) or db.session.get(Journalist, item["journalist_id"])
        if journalist is None or journalist.merged_into_id is not None:
            raise ValidationFailed({f"victims.{index}.journalist_id": [_("No such journalist.")]})
        return journalist
    if item.get("journalist"):
        protected = bool(item.get("is_identity_protected", False))
        return people_ops.create_journalist(item["journalist"], actor, protected=protected)
    raise ValidationFailed(
        {f"victims.{index}.journalist_id": [_("Choose an existing journalist or add a new one.")]}
    )


def _set_victims(incident: Incident, items: list[dict], actor: Actor) -> None:
    existing = {v.journalist_id: v for v in incident.victims}
    known = {v.journalist_id: v.journalist for v in incident.victims}  # loaded with the victims
    victims = []
    for index, item in enumerate(items):
        journalist = _resolve_journalist(item, actor, index, known)
        victim = existing.pop(journalist.id, None) or Victim(journalist=journalist)
        _assign(victim, "position", index)
        _assign(victim, "role_in_incident", item.get("role_in_incident") or "target")
        _assign(victim, "outcome", item["outcome"])
        _assign(victim, "is_identity_protected", bool(item.get("is_identity_protected", False)))
        events = [
            {"event": e["event"], "date": e["date"], "note": e.get("note")}
            for e in sorted(item.get("status_events") or [], key=lambda e: e["date"])
        ]
        if events != [_event_dict(e) for e in victim.status_events]:
            victim.status_events = [StatusEvent(**e) for e in events]
        victims.append(victim)
    if [id(v) for v in victims] != [id(v) for v in incident.victims]:
        incident.victims = victims
    protect_people([v.journalist for v in victims if v.is_identity_protected], actor, incident)


def place_codes(values: dict, g: gazetteer.Gazetteer | None = None) -> dict:
    """``values`` with ``admin1`` as a gazetteer code (it may be given as a code or a name in
    either language), or ValidationFailed naming the place not found. A point given without its
    precision is taken as exact (the public still sees it no finer than the public precision)."""
    if values.get("latitude") is not None and not values.get("geo_precision"):
        values = {**values, "geo_precision": "exact"}
    if not values.get("admin1"):
        return values
    g = g or gazetteer.get()
    try:
        return {**values, "admin1": admin1_code(values["admin1"], values.get("country"), g)}
    except UnknownPlace as exc:
        if exc.choices:
            names = " / ".join(f"{g.admin1[c].name_ar} ({g.admin1[c].name_en}, {c})" for c in exc.choices[:5])
            message = _("Several governorates have this name: %(choices)s. Choose one.", choices=names)
        else:
            message = _("No governorate called «%(name)s» is known in this country.", name=exc.text)
        raise ValidationFailed({"admin1": [message]}) from exc


def _assign(obj, field: str, value) -> None:
    """Set an attribute only when its value changes: an equal value set anyway still makes the
    object dirty, and every flush then compares it column by column (a re-import of thousands of
    unchanged cases spent most of its write there)."""
    if getattr(obj, field) != value:
        setattr(obj, field, value)


def _apply(incident: Incident, data: dict, actor: Actor) -> None:
    # Victims first: a new journalist is flushed for its id, and a flush after the
    # incident's own changes would write the incident twice (two versions for one change).
    if "victims" in data:
        _set_victims(incident, data["victims"], actor)
    values = {}
    for field in SCALAR_FIELDS:
        if field in data:
            value = data[field]
            if isinstance(value, str):
                value = value.strip() or None
            values[field] = value
    if {"admin1", "country", "latitude", "geo_precision"} & values.keys():
        fields = ("admin1", "country", "latitude", "geo_precision")
        place = place_codes({f: getattr(incident, f) for f in fields} | values)
        values.update({f: place[f] for f in ("admin1", "geo_precision")})
        if values["admin1"] is not None or "admin1" in data:
            _assign(incident, "admin1_unmatched", None)
    for field, value in values.items():
        _assign(incident, field, value)
    if "violation_types" in data:
        _set_violation_types(incident, data["violation_types"])
    if "perpetrators" in data:
        _set_perpetrators(incident, data["perpetrators"])
    if "sources" in data:
        _set_sources(incident, data["sources"])


def refresh_derived(incident: Incident, g: gazetteer.Gazetteer | None = None) -> None:
    """Store the derived columns (``tracker.cases.derive``) of ``incident`` as it now is."""
    values = {c.key: getattr(incident, c.key) for c in Incident.__table__.columns}
    values["violation_types"] = incident.violation_types
    names, protected = [], []
    for victim in incident.victims:
        (protected if guard.is_withheld(victim) else names).extend(
            [victim.journalist.name_ar, victim.journalist.name_en]
        )
    perpetrators = [n for p in incident.perpetrators for n in (p.name_ar, p.name_en)]
    for column, value in derive(values, perpetrators, names, g, protected).items():
        if getattr(incident, column) != value:
            setattr(incident, column, value)


def touch(incident: Incident, actor: Actor) -> None:
    """The one place that says an incident changed: public data, ETags and caches key on this."""
    incident.updated_at = utcnow()
    incident.updated_by_id = actor.user_id


def announce_public_change(incident: Incident, changes: dict) -> None:
    """A write to an incident that was or now is public: public outputs holding it (or that
    should) are told, in this transaction."""
    before = {field: pair[0] for field, pair in changes.items()}
    was = redaction.is_public(before.get("workflow_status", incident.workflow_status),
                              before.get("is_confidential", incident.is_confidential))  # fmt: skip
    now = redaction.is_public(incident.workflow_status, incident.is_confidential)
    if was or now:
        public_incident_changed.send(incident, incident_ids=[incident.id], left_public=was and not now,
                                     changes=changes)  # fmt: skip


def protect_people(journalists, actor: Actor, incident: Incident | None = None) -> None:
    """Mark journalists as identity-protected (``people_ops.protect_journalists``). Protection is
    per person: each other case of a newly protected journalist (besides ``incident``, being
    written) now withholds them, so its derived columns are stored again (their name leaves the
    clear search text) and its public outputs are told, like any write to it."""
    newly = people_ops.protect_journalists(journalists, actor)
    if newly:
        _person_changed([j.id for j in newly], actor, "protect", "protected in another case", "person_protected",
                        incident)  # fmt: skip


def complete_victim_names(journalist, names: dict, actor: Actor) -> None:
    """Give a victim's record the names it lacks in a script (``people_ops.complete_names``): each
    of their cases stores its derived columns again (its search text holds the names) and its
    public outputs are told."""
    if people_ops.complete_names(journalist, names, actor):
        _person_changed([journalist.id], actor, "update", "named in another script", "person_named")


def _person_changed(ids: list[int], actor: Actor, action: str, what: str, change: str,
                    incident: Incident | None = None) -> None:  # fmt: skip
    """The cases of the journalists ``ids`` (but ``incident``, being written) after a change to
    those people: derived columns stored again, a new version, an audit entry, outputs told."""
    others = db.session.scalars(
        sa.select(Incident)
        .where(
            Incident.id.in_(sa.select(Victim.incident_id).where(Victim.journalist_id.in_(ids))),
            Incident.id != (incident.id if incident is not None and incident.id is not None else -1),
        )
        .order_by(Incident.id)
    ).all()
    for other in others:
        before = {c: getattr(other, c) for c in DERIVED_COLUMNS}
        refresh_derived(other)
        changes = {
            c: [before[c], getattr(other, c)] for c in DERIVED_COLUMNS if before[c] != getattr(other, c)
        }
        touch(other, actor)
        db.session.flush()
        person = sorted({v.journalist_id for v in other.victims} & set(ids))
        audit.record(actor, action, "incident", other.id, changes,
                     note=f"journalist {', '.join(map(str, person))} {what}")  # fmt: skip
        announce_public_change(other, {**changes, change: [None, person]})


# --- operations ---------------------------------------------------------------------------


def claim_public_ref(ref: str) -> bool:
    """Reserve ``ref`` (``CC-YYYY-NNNN``, e.g. from an imported file) if its number was never handed
    out: the counter moves past it. False if the number is taken or the text is not a reference."""
    match = PUBLIC_REF.match(ref)
    if match is None:
        return False
    country, year, number = match.group(1), int(match.group(2)), int(match.group(3))
    counter = db.session.get(PublicRefCounter, (country, year), with_for_update=True)
    if counter is not None and counter.last >= number:
        return False
    if counter is None:
        db.session.add(PublicRefCounter(country=country, year=year, last=number))
    else:
        counter.last = number
    db.session.flush()
    return True


def create_incident(data: dict, actor: Actor) -> Incident:
    if actor.user is not None and not can_create_incident(actor.user):
        raise NotAllowed()
    incident = Incident(
        workflow_status="draft",
        created_by_id=actor.user_id,
        updated_by_id=actor.user_id,
        **NEW_INCIDENT_DEFAULTS,
    )
    with db.session.no_autoflush:
        _apply(incident, data, actor)
        check_invariants(incident)
    if incident.country not in COUNTRY_CODES:
        raise ValidationFailed({"country": [_("Unknown country code.")]})
    incident.public_ref = next_public_ref(incident.country, incident.date_start.year)
    refresh_derived(incident)
    db.session.add(incident)
    db.session.flush()
    audit.record(actor, "create", "incident", incident.id, audit.creation_diff(snapshot(incident)))
    return incident


def update_incident(incident: Incident, data: dict, actor: Actor, expected_version: int) -> Incident:
    if actor.user is not None and not can_edit_incident(actor.user, incident):
        raise NotAllowed()
    if expected_version != incident.version:
        raise StaleVersion(incident.version)
    before = _state(incident)
    with db.session.no_autoflush:
        _apply(incident, data, actor)
        if _state(incident) == before:
            # Nothing the audit records changed (a form saved as it was, a re-imported row): no
            # new version, no entry, and so nothing to derive or check again. A change goes
            # through every check below, whatever the record held before.
            return incident
        check_invariants(incident)
        if incident.workflow_status == "published":
            check_publishable(incident)
        refresh_derived(incident)
    changes = audit.diff(before, _state(incident))  # made JSON-ready here, for a change only
    if not changes:
        return incident  # e.g. a public precision given finer than the point allows, coarsened back
    touch(incident, actor)
    incident_id, connection = incident.id, db.session.connection()
    try:
        db.session.flush()  # raises StaleDataError if another writer got in first
    except StaleDataError as exc:  # the same refusal as a stale If-Match: 412, not 409
        # read on the connection itself: the session refuses work until it is rolled back
        current = connection.scalar(sa.select(Incident.version).where(Incident.id == incident_id))
        raise StaleVersion(current) from exc
    audit.record(actor, "update", "incident", incident.id, changes)
    announce_public_change(incident, changes)
    return incident


def transition_incident(
    incident: Incident,
    to_status: str,
    actor: Actor,
    note: str | None = None,
    expected_version: int | None = None,
) -> Incident:
    if actor.user is not None and not can_transition(actor.user, incident, to_status):
        raise NotAllowed()
    if expected_version is not None and expected_version != incident.version:
        raise StaleVersion(incident.version)
    if incident.workflow_status == to_status:
        raise ValidationFailed({"to": [_("The incident already has this status.")]})
    if not is_listed_move(incident.workflow_status, to_status):
        raise NotAllowed()  # no skipping review, for anyone (system actors included)
    if (incident.workflow_status, to_status) == SEND_BACK and not (note or "").strip():
        # the author is told what to change: a case is never sent back without a word
        raise ValidationFailed({"note": [_("Say what needs to change: a case is sent back with a note.")]})
    if to_status in ("verified", "published"):
        check_invariants(incident)
    if to_status == "published":
        check_publishable(incident)
    if to_status == "verified" and incident.workflow_status != "published":  # unpublishing keeps the verifier
        incident.verified_by_id = actor.user_id
    _move(incident, to_status, actor, note)
    return incident


def _move(incident: Incident, to_status: str, actor: Actor, note: str | None) -> None:
    """Write a workflow move that its caller has checked: versioned, audited as a transition, and
    announced to the public outputs."""
    old = incident.workflow_status
    incident.workflow_status = to_status
    touch(incident, actor)
    db.session.flush()
    audit.record(
        actor, "transition", "incident", incident.id, {"workflow_status": [old, to_status]}, note=note
    )
    announce_public_change(incident, {"workflow_status": [old, to_status]})
    incident_moved.send(incident, old=old, new=to_status, actor=actor, note=note)


def archive_incident(incident: Incident, actor: Actor, expected_version: int | None = None) -> Incident:
    return transition_incident(incident, "archived", actor, expected_version=expected_version)


# --- merging duplicates (editors) ---------------------------------------------------------

_FILLABLE = ("title_ar", "title_en", "summary_ar", "summary_en", "admin1", "admin2", "locality", "date_end",
             "confidential_notes", "impunity")  # fmt: skip


def _check_merger(actor: Actor) -> None:
    if actor.user is not None and actor.user.role not in ("editor", "admin"):
        raise NotAllowed()


def _merge_events(target: Victim, events) -> None:
    have = {(e.event, e.date) for e in target.status_events}
    for e in events:
        if (e.event, e.date) not in have:
            target.status_events.append(StatusEvent(event=e.event, date=e.date, note=e.note))


def merge_incidents(keep: Incident, other: Incident, actor: Actor) -> Incident:
    """Fold ``other`` into ``keep``: its victims (with their timelines), sources, perpetrators,
    violation types and the texts ``keep`` lacks; ``other`` is archived. Both histories stay, and
    both get a "merge" entry."""
    _check_merger(actor)
    if keep.id == other.id:
        raise ValidationFailed({"other": [_("Choose two different incidents.")]})
    before, other_before = snapshot(keep), snapshot(other)
    with db.session.no_autoflush:
        for field in _FILLABLE:
            if getattr(keep, field) in (None, "") and getattr(other, field) not in (None, ""):
                setattr(keep, field, getattr(other, field))
        _set_violation_types(keep, keep.violation_types + other.violation_types)
        perpetrators = [_perpetrator_dict(p) for p in keep.perpetrators]
        _set_perpetrators(keep, perpetrators + [p for p in map(_perpetrator_dict, other.perpetrators)
                                                if p not in perpetrators])  # fmt: skip
        sources = [_source_dict(s) for s in keep.sources]
        urls = {s["url"] for s in sources if s["url"]}
        _set_sources(
            keep,
            sources + [s for s in map(_source_dict, other.sources) if not s["url"] or s["url"] not in urls],
        )
        mine = {v.journalist_id: v for v in keep.victims}
        for victim in list(other.victims):
            if victim.journalist_id in mine:
                _merge_events(mine[victim.journalist_id], victim.status_events)
            else:
                victim.incident = keep  # moves the row, timeline included
        for position, victim in enumerate(keep.victims):
            victim.position = position
        check_invariants(keep)
        if keep.workflow_status == "published":
            check_publishable(keep)  # the other case's texts and protected victims go public here
        refresh_derived(keep)
    note = f"{other.public_ref} → {keep.public_ref}"
    for incident in (keep, other):
        touch(incident, actor)
    other.workflow_status = "archived"
    refresh_derived(other)
    db.session.flush()
    audit.record(actor, "merge", "incident", keep.id, audit.diff(before, snapshot(keep)), note=note)
    audit.record(actor, "merge", "incident", other.id, audit.diff(other_before, snapshot(other)), note=note)
    announce_public_change(keep, {**audit.diff(before, snapshot(keep)), "merged": [None, other.id]})
    announce_public_change(other, {**audit.diff(other_before, snapshot(other)), "merged": [None, keep.id]})
    return keep


def merge_journalists(keep: Journalist, other: Journalist, actor: Actor) -> Journalist:
    """Make every victim record of ``other`` point at ``keep`` (one person recorded twice); fill
    ``keep``'s missing details from ``other``, which is kept, marked as merged, for the history."""
    _check_merger(actor)
    if keep.id == other.id or other.merged_into_id is not None or keep.merged_into_id is not None:
        raise ValidationFailed({"other": [_("Choose two different journalists.")]})
    victims = db.session.scalars(sa.select(Victim).where(Victim.journalist_id == other.id)).all()
    for victim in victims:
        incident = victim.incident
        before = snapshot(incident)
        with db.session.no_autoflush:
            same = next((v for v in incident.victims if v.journalist_id == keep.id), None)
            if same is not None:
                _merge_events(same, victim.status_events)
                incident.victims.remove(victim)
            else:
                victim.journalist = keep
                victim.journalist_id = keep.id
            refresh_derived(incident)
        touch(incident, actor)
        db.session.flush()
        audit.record(actor, "merge", "incident", incident.id, audit.diff(before, snapshot(incident)),
                     note=f"journalist {other.id} → {keep.id}")  # fmt: skip
        announce_public_change(
            incident, {**audit.diff(before, snapshot(incident)), "merged": [None, other.id]}
        )
    fields = ("name_ar", "name_en", "profession", "outlet_id", "media_type", "nationality")
    filled = {}
    for field in fields:
        if getattr(keep, field) is None and getattr(other, field) is not None:
            filled[field] = [None, getattr(other, field)]
            setattr(keep, field, getattr(other, field))
    if keep.gender == "unknown" and other.gender != "unknown":
        filled["gender"] = [keep.gender, other.gender]
        keep.gender = other.gender
    keep.refresh_search_name()
    if other.is_protected:  # the names now on ``keep`` are a protected victim's: sealed there too
        protect_people([keep], actor)
    other.merged_into_id = keep.id
    db.session.flush()
    note = f"journalist {other.id} → {keep.id}"
    audit.record(actor, "merge", "journalist", keep.id, filled, note=note)
    audit.record(actor, "merge", "journalist", other.id, {"merged_into_id": [None, keep.id]}, note=note)
    return keep


# --- imports and the demo loader: the same writes, many incidents at a time ----------------


def set_workflow_status(incident: Incident, status: str, actor: Actor, note: str | None = None) -> None:
    """The status a trusted file gives (historical cases arrive published), without the review
    workflow's role rules (imports are for editors), audited as a transition."""
    if incident.workflow_status == status:
        return
    if status in ("verified", "published"):
        check_invariants(incident)
    if status == "published":
        check_publishable(incident)
    _move(incident, status, actor, note)


class BatchInvalid(ValidationFailed):
    """Item ``index`` of a batch breaks a rule; nothing of the batch was written."""

    def __init__(self, index: int, errors: dict):
        super().__init__(errors)
        self.index = index


def _event_values(events) -> list[dict]:
    return sorted(({"event": e["event"], "date": e["date"], "note": e.get("note")} for e in events or ()),
                  key=lambda e: e["date"])  # fmt: skip


def create_incidents(
    items: list[dict], actor: Actor, *, victim_names: dict[int, tuple] | None = None
) -> list[int]:
    """Write new incidents in bulk: the rows, derived columns, public references and "create"
    audit entries ``create_incident`` writes, a few statements per batch.

    Each item is ``create_incident``'s input with victims given by ``journalist_id``, and may add
    ``workflow_status``, ``public_ref`` (already claimed with ``claim_public_ref``),
    ``created_at``/``updated_at`` (historical data) and ``audit_note``. ``victim_names`` maps
    journalist ids to their names for the search text (read from the database when missing).
    Returns the new ids in order. Checks every item first: ``BatchInvalid`` writes nothing."""
    if actor.user is not None and not can_create_incident(actor.user):
        raise NotAllowed()
    g = gazetteer.get()
    now = utcnow()
    prepared = []
    for index, item in enumerate(items):
        try:
            values = {f: (item.get(f).strip() or None) if isinstance(item.get(f), str) else item.get(f)
                      for f in SCALAR_FIELDS}  # fmt: skip
            values = place_codes(values, g)
            codes = sorted(set(item.get("violation_types") or ()))
            unknown = [c for c in codes if c not in VIOLATION_CODES]
            if unknown:
                raise ValidationFailed(
                    {"violation_types": [_("Unknown violation type: %(code)s", code=unknown[0])]}
                )
            if values.get("country") not in COUNTRY_CODES:
                raise ValidationFailed({"country": [_("Unknown country code.")]})
            victims = item.get("victims") or []
            errors = invariant_errors(
                {**values, "violation_types": codes, "journalist_ids": [v["journalist_id"] for v in victims]}
            )
            if errors:
                raise ValidationFailed(errors)
        except ValidationFailed as exc:
            raise BatchInvalid(index, exc.errors) from exc
        prepared.append((item, values, codes, victims))

    names = dict(victim_names or {})
    everyone = {v["journalist_id"] for *_r, victims in prepared for v in victims}
    missing = everyone - names.keys()
    if missing:
        rows = db.session.execute(sa.select(Journalist.id, Journalist.name_ar, Journalist.name_en,
                                            Journalist.seal_key).where(Journalist.id.in_(missing)))  # fmt: skip
        names.update({jid: open_names(*stored) for jid, *stored in rows})
    protected_ids = {v["journalist_id"] for *_r, victims in prepared for v in victims
                     if v.get("is_identity_protected")}  # fmt: skip
    # protection is per person: protected already, or by a case of this batch
    withheld = protected_ids | set(
        db.session.scalars(
            sa.select(Journalist.id).where(Journalist.id.in_(everyone), Journalist.is_protected)
        )
    )
    # the batch's protected people count as protected elsewhere for its other cases
    batch_protected = guard.elsewhere_set(n for jid in sorted(withheld) for n in names.get(jid, ()))
    with guard.registry_pinned():
        for index, (item, values, _codes, victims) in enumerate(prepared):
            if (item.get("workflow_status") or "draft") != "published":
                continue
            people = [{**v, "journalist": dict(zip(("name_ar", "name_en"), names.get(v["journalist_id"], ()),
                                                   strict=False), is_protected=v["journalist_id"] in withheld)}
                      for v in victims]  # fmt: skip
            try:
                check_publishable({**item, **values, "victims": people}, also=batch_protected)
            except ValidationFailed as exc:
                raise BatchInvalid(index, exc.errors) from exc

    wanted = Counter(
        (v["country"], v["date_start"].year) for item, v, _c, _v in prepared if not item.get("public_ref")
    )
    numbers = reserve_public_numbers(wanted)
    protect_people(
        db.session.scalars(sa.select(Journalist).where(Journalist.id.in_(protected_ids))).all(), actor
    )

    incident_rows, children = [], []
    for item, values, codes, victims in prepared:
        public_ref = item.get("public_ref")
        if not public_ref:
            key = (values["country"], values["date_start"].year)
            public_ref = format_public_ref(*key, numbers[key])
            numbers[key] += 1
        values = {**values, **{k: d for k, d in NEW_INCIDENT_DEFAULTS.items() if values.get(k) is None}}
        perpetrators = [perpetrator_values(p) for p in item.get("perpetrators") or ()]
        sources = [{k: s.get(k, False if k == "is_internal" else None) for k in SOURCE_KEYS}
                   for s in item.get("sources") or ()]  # fmt: skip
        victim_values = [{"journalist_id": v["journalist_id"], "role_in_incident": v.get("role_in_incident") or "target",
                          "outcome": v["outcome"], "is_identity_protected": bool(v.get("is_identity_protected")),
                          "status_events": _event_values(v.get("status_events"))} for v in victims]  # fmt: skip
        person_names = [n for v in victims if v["journalist_id"] not in withheld
                        for n in names.get(v["journalist_id"], ())]  # fmt: skip
        protected = [
            n for v in victims if v["journalist_id"] in withheld for n in names.get(v["journalist_id"], ())
        ]
        derived = derive({**values, "public_ref": public_ref, "violation_types": codes},
                         [n for p in perpetrators for n in (p["name_ar"], p["name_en"])], person_names, g,
                         protected)  # fmt: skip
        values.update(derived)
        created = item.get("created_at") or now
        incident_rows.append(sealed.seal_row("incidents", {
            **values, "public_ref": public_ref, "workflow_status": item.get("workflow_status") or "draft",
            "version": 1, "created_at": created, "updated_at": item.get("updated_at") or created,
            "created_by_id": actor.user_id, "updated_by_id": actor.user_id,
        }))  # fmt: skip
        children.append((codes, perpetrators, sources, victim_values, item.get("audit_note"),
                         values.get("confidential_notes")))  # fmt: skip
    ids = insert_returning_ids(Incident.__table__, incident_rows)

    violations, perpetrator_rows, source_rows, victim_rows, timelines, audits = [], [], [], [], [], []
    for incident_id, row, (codes, perpetrators, sources, victim_values, note, notes) in zip(
        ids, incident_rows, children, strict=True
    ):
        violations += [{"incident_id": incident_id, "code": c} for c in codes]
        perpetrator_rows += [
            {"incident_id": incident_id, "position": n, **p} for n, p in enumerate(perpetrators)
        ]
        source_rows += [sealed.seal_row("sources", {"incident_id": incident_id, "position": n, **s})
                        for n, s in enumerate(sources)]  # fmt: skip
        for position, victim in enumerate(victim_values):
            victim_rows.append({"incident_id": incident_id, "position": position,
                                **{k: victim[k] for k in victim if k != "status_events"}})  # fmt: skip
            timelines.append(victim["status_events"])
        snap = {f: row.get(f) for f in ("public_ref", "workflow_status", *SCALAR_FIELDS)}
        snap["confidential_notes"] = notes  # the row holds it sealed
        snap.update(violation_types=codes, perpetrators=perpetrators, sources=sources, victims=victim_values)
        audits.append({"at": row["created_at"], "user_id": actor.user_id, "actor": actor.name,
                       "channel": actor.channel, "action": "create", "entity_type": "incident",
                       "entity_id": incident_id, "changes": audit.creation_diff(snap),
                       "note": note})  # fmt: skip
    insert_plain(IncidentViolation.__table__, violations)
    insert_plain(Perpetrator.__table__, perpetrator_rows)
    insert_plain(Source.__table__, source_rows)
    victim_ids = insert_returning_ids(Victim.__table__, victim_rows)
    insert_plain(StatusEvent.__table__, [{"victim_id": vid, **e} for vid, timeline in zip(victim_ids, timelines,
                                         strict=True) for e in timeline])  # fmt: skip
    audit.queue(audits)
    return ids


def rederive_incidents(after_id: int, limit: int, actor: Actor) -> tuple[int, int, int]:
    """Store the derived columns of the next ``limit`` incidents after ``after_id`` again (after
    a gazetteer or taxonomy change). Returns (last id seen, incidents read, incidents changed).
    A change of a public column is an update of public data: ``updated_at`` moves and public files
    holding the incident are told, like any other write."""
    incidents = db.session.scalars(
        sa.select(Incident).where(Incident.id > after_id).order_by(Incident.id).limit(limit)
    ).all()
    g, changed = gazetteer.get(), 0
    for incident in incidents:
        with db.session.no_autoflush:
            before = {c: getattr(incident, c) for c in DERIVED_COLUMNS}
            refresh_derived(incident, g)
            after = {c: getattr(incident, c) for c in DERIVED_COLUMNS}
        if after != before:
            changed += 1
            touch(incident, actor)
            diff = {c: [before[c], after[c]] for c in DERIVED_COLUMNS if before[c] != after[c]}
            db.session.flush()
            audit.record(actor, "rederive", "incident", incident.id, diff)
            announce_public_change(incident, diff)
    return (incidents[-1].id if incidents else after_id), len(incidents), changed


def _resealed(ring, table: str, columns, row) -> dict:
    """The sealed columns of a stored row that need sealing again with the current key (new values)."""
    if not any(ring.needs_rotation(row[c]) for c in columns):
        return {}
    key = row["seal_key"] or sealed.new_seal_key()
    values = {c: ring.seal(sealed.opened(table, c, row[c], row["seal_key"]), sealed.where(table, c, key))
              for c in columns}  # fmt: skip
    return {**values, "seal_key": key}


def reseal_incidents(after_id: int, limit: int, actor: Actor) -> tuple[int, int, int]:
    """Seal again with the current key (clear legacy values too) the confidential notes, internal
    sources and protected victims' blind index of the next ``limit`` incidents after ``after_id``.
    Returns (last id seen, incidents read, incidents changed). Stored values only: versions and
    public data do not move. Audited as one "reseal" entry per incident changed."""
    ring, table, sources = crypto.keyring(), Incident.__table__, Source.__table__
    rows = db.session.execute(
        sa.select(table.c.id, table.c.seal_key, table.c.confidential_notes, table.c.protected_search_text)
        .where(table.c.id > after_id).order_by(table.c.id).limit(limit)
    ).mappings().all()  # fmt: skip
    ids = [r["id"] for r in rows]
    protected: dict[int, list] = {i: [] for i in ids}
    for incident_id, *stored in db.session.execute(
        sa.select(Victim.incident_id, Journalist.name_ar, Journalist.name_en, Journalist.seal_key)
        .join(Journalist, Journalist.id == Victim.journalist_id)
        .where(Victim.incident_id.in_(ids), redaction.withheld_victim())  # as ``refresh_derived``
    ):
        protected[incident_id].extend(open_names(*stored))
    internal = db.session.execute(
        sa.select(sources.c.id, sources.c.incident_id, sources.c.seal_key, *(sources.c[c] for c in SOURCE_SEALED))
        .where(sources.c.incident_id.in_(ids), sources.c.is_internal.is_(True))
    ).mappings().all()  # fmt: skip
    changed: dict[int, list[str]] = {}
    for row in rows:
        values = _resealed(ring, "incidents", ("confidential_notes",), row)
        index = blind.index_text(protected[row["id"]])
        if index != row["protected_search_text"]:
            values["protected_search_text"] = index
        if values:
            db.session.execute(sa.update(table).where(table.c.id == row["id"]).values(**values))
            changed.setdefault(row["id"], []).extend(k for k in values if k != "seal_key")
    for row in internal:
        values = _resealed(ring, "sources", SOURCE_SEALED, row)
        if values:
            db.session.execute(sa.update(sources).where(sources.c.id == row["id"]).values(**values))
            changed.setdefault(row["incident_id"], []).append("sources")
    for incident_id, what in sorted(changed.items()):
        audit.record(
            actor, "reseal", "incident", incident_id, {}, note=f"re-encrypted: {', '.join(sorted(set(what)))}"
        )
    return (ids[-1] if ids else after_id), len(ids), len(changed)


def record_dossier(incident: Incident, actor: Actor, lang: str) -> None:
    """An internal dossier of the case was downloaded (it may hold protected names and notes)."""
    audit.record(actor, "dossier", "incident", incident.id, {}, note=f"internal dossier ({lang})")
