"""Every write to incidents. Operations take objects and plain (already schema-validated)
dicts, check the rules that need the whole record or the database, flush, and record the
audit entry. They never commit: the request or command that called them does.
"""

import re
from collections import Counter
from datetime import date

import sqlalchemy as sa
from flask_babel import gettext as _
from sqlalchemy.orm.exc import StaleDataError

from tracker.audit import operations as audit
from tracker.audit.operations import Actor
from tracker.auth.permissions import can_create_incident, can_edit_incident, can_transition
from tracker.cases.models import (
    Incident,
    IncidentViolation,
    Perpetrator,
    PublicRefCounter,
    Source,
    StatusEvent,
    Victim,
)
from tracker.cases.taxonomy import VIOLATION_CODES, headline_type, root_bits
from tracker.core.db import utcnow
from tracker.core.exceptions import NotAllowed, StaleVersion, ValidationFailed
from tracker.core.text import normalise
from tracker.core.vocab import GEO_PRECISION_ORDER
from tracker.extensions import db
from tracker.people import operations as people_ops
from tracker.people.models import Journalist

SCALAR_FIELDS = (
    "title_ar", "title_en", "summary_ar", "summary_en",
    "date_start", "date_end", "date_precision",
    "country", "admin1", "admin2", "locality", "latitude", "longitude",
    "geo_precision", "public_geo_precision", "geonames_id", "geocode_source",
    "verification", "case_status", "impunity", "is_confidential", "confidential_notes", "external_ref",
    "unnamed_victims",
)  # fmt: skip
LIST_FIELDS = ("violation_types", "perpetrators", "sources", "victims")
SEARCH_FIELDS = ("public_ref", "title_ar", "title_en", "summary_ar", "summary_en",
                 "locality", "admin2", "admin1", "country")  # fmt: skip
PUBLIC_REF = re.compile(r"^([A-Z]{2})-(\d{4})-(\d{4,})$")
AUDITED_FIELDS = ("public_ref", "workflow_status", *SCALAR_FIELDS, *LIST_FIELDS)


# --- snapshots (the audit diff compares these) -------------------------------------------


def _perpetrator_dict(p: Perpetrator) -> dict:
    return {"type": p.type, "name": p.name}


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


def snapshot(incident: Incident) -> dict:
    data = {field: getattr(incident, field) for field in ("public_ref", "workflow_status", *SCALAR_FIELDS)}
    data["violation_types"] = incident.violation_types
    data["perpetrators"] = [_perpetrator_dict(p) for p in incident.perpetrators]
    data["sources"] = [_source_dict(s) for s in incident.sources]
    data["victims"] = [_victim_dict(v) for v in incident.victims]
    return audit.jsonable(data)


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


def next_public_ref(country: str, year: int) -> str:
    """Allocate ``CC-YYYY-NNNN`` atomically; a number is never handed out twice."""
    number = reserve_public_numbers(Counter({(country, year): 1}))[(country, year)]
    return f"{country}-{year}-{number:04d}"


# --- rules on the whole record ------------------------------------------------------------


def check_invariants(incident: Incident) -> None:
    errors: dict[str, list[str]] = {}

    def add(field, message):
        errors.setdefault(field, []).append(message)

    if not (incident.title_ar or "").strip() and not (incident.title_en or "").strip():
        add("title_ar", _("Give a title in Arabic or in English."))
    if not incident.violation_links:
        add("violation_types", _("Choose at least one violation type."))
    if incident.date_end is not None and incident.date_start is not None:
        if incident.date_end < incident.date_start:
            add("date_end", _("The end date is before the start date."))
    if (incident.latitude is None) != (incident.longitude is None):
        add(
            "latitude" if incident.latitude is None else "longitude",
            _("Give both latitude and longitude, or neither."),
        )
    if incident.geo_precision and incident.public_geo_precision:
        if GEO_PRECISION_ORDER.index(incident.public_geo_precision) < GEO_PRECISION_ORDER.index(
            incident.geo_precision
        ):
            add(
                "public_geo_precision", _("The public precision cannot be finer than the recorded precision.")
            )
    if incident.latitude is not None and not incident.geo_precision:
        add("geo_precision", _("Say how precise the location is."))
    if incident.date_start is not None and incident.date_start > date.today():
        add("date_start", _("The date is in the future."))
    # the relationship, not the column: a victim's journalist_id is only set at the next flush
    journalist_ids = [
        v.journalist.id if v.journalist is not None else v.journalist_id for v in incident.victims
    ]
    if len(journalist_ids) != len(set(journalist_ids)):
        add("victims", _("The same journalist is listed twice."))
    if errors:
        raise ValidationFailed(errors)


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
    wanted = [{"type": i["type"], "name": i.get("name")} for i in items]
    if wanted == [_perpetrator_dict(p) for p in incident.perpetrators]:
        return
    incident.perpetrators = [Perpetrator(position=n, **item) for n, item in enumerate(wanted)]


def _set_sources(incident: Incident, items: list[dict]) -> None:
    keys = ("url", "title", "publisher", "published_on", "reliability", "is_internal")
    wanted = [{k: i.get(k, False if k == "is_internal" else None) for k in keys} for i in items]
    if wanted == [_source_dict(s) for s in incident.sources]:
        return
    incident.sources = [Source(position=n, **item) for n, item in enumerate(wanted)]


def _resolve_journalist(item: dict, actor: Actor, index: int) -> Journalist:
    if item.get("journalist_id") is not None:
        journalist = db.session.get(Journalist, item["journalist_id"])
        if journalist is None or journalist.merged_into_id is not None:
            raise ValidationFailed({f"victims.{index}.journalist_id": [_("No such journalist.")]})
        return journalist
    if item.get("journalist"):
        return people_ops.create_journalist(item["journalist"], actor)
    raise ValidationFailed(
        {f"victims.{index}.journalist_id": [_("Choose an existing journalist or add a new one.")]}
    )


def _set_victims(incident: Incident, items: list[dict], actor: Actor) -> None:
    existing = {v.journalist_id: v for v in incident.victims}
    victims = []
    for index, item in enumerate(items):
        journalist = _resolve_journalist(item, actor, index)
        victim = existing.pop(journalist.id, None) or Victim(journalist=journalist)
        victim.position = index
        victim.role_in_incident = item.get("role_in_incident") or "target"
        victim.outcome = item["outcome"]
        victim.is_identity_protected = bool(item.get("is_identity_protected", False))
        events = [
            {"event": e["event"], "date": e["date"], "note": e.get("note")}
            for e in sorted(item.get("status_events") or [], key=lambda e: e["date"])
        ]
        if events != [_event_dict(e) for e in victim.status_events]:
            victim.status_events = [StatusEvent(**e) for e in events]
        victims.append(victim)
    if [id(v) for v in victims] != [id(v) for v in incident.victims]:
        incident.victims = victims


def _apply(incident: Incident, data: dict, actor: Actor) -> None:
    # [hostile] Victims first: a new journalist is flushed for its id, and a flush after the
    # incident's own changes would write the incident twice (two versions for one change).
    if "victims" in data:
        _set_victims(incident, data["victims"], actor)
    for field in SCALAR_FIELDS:
        if field in data:
            value = data[field]
            if isinstance(value, str):
                value = value.strip() or None
            setattr(incident, field, value)
    if "violation_types" in data:
        _set_violation_types(incident, data["violation_types"])
    if "perpetrators" in data:
        _set_perpetrators(incident, data["perpetrators"])
    if "sources" in data:
        _set_sources(incident, data["sources"])


def build_search_text(values: dict, perpetrator_names, victim_names) -> str:
    """The normalised text that ``q`` searches: titles, summaries, places, people."""
    parts = [values.get(field) for field in SEARCH_FIELDS]
    parts += list(perpetrator_names) + list(victim_names)
    return normalise(" ".join(p for p in parts if p))


def refresh_derived(incident: Incident) -> None:
    """Recompute the stored derived fields: headline type and search text."""
    incident.headline_type = headline_type(incident.violation_types)
    incident.violation_mask = root_bits(incident.violation_types)
    names = []
    for victim in incident.victims:
        names += [victim.journalist.name_ar, victim.journalist.name_en]
    incident.search_text = build_search_text(
        {field: getattr(incident, field) for field in SEARCH_FIELDS},
        [p.name for p in incident.perpetrators],
        names,
    )


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
        date_precision="day",
        public_geo_precision="admin1",
        verification="unverified",
        case_status="unknown",
        is_confidential=False,
    )
    with db.session.no_autoflush:
        _apply(incident, data, actor)
        check_invariants(incident)
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
    before = snapshot(incident)
    with db.session.no_autoflush:
        _apply(incident, data, actor)
        check_invariants(incident)
        refresh_derived(incident)
    changes = audit.diff(before, snapshot(incident))
    if not changes:
        return incident  # nothing changed: no new version, no audit entry
    incident.updated_at = utcnow()
    incident.updated_by_id = actor.user_id
    incident_id, connection = incident.id, db.session.connection()
    try:
        db.session.flush()  # raises StaleDataError if another writer got in first
    except StaleDataError as exc:  # [hostile] the same refusal as a stale If-Match: 412, not 409
        # read on the connection itself: the session refuses work until it is rolled back
        current = connection.scalar(sa.select(Incident.version).where(Incident.id == incident_id))
        raise StaleVersion(current) from exc
    audit.record(actor, "update", "incident", incident.id, changes)
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
    if to_status in ("verified", "published"):
        check_invariants(incident)
    old = incident.workflow_status
    incident.workflow_status = to_status
    incident.updated_at = utcnow()
    incident.updated_by_id = actor.user_id
    db.session.flush()
    audit.record(
        actor, "transition", "incident", incident.id, {"workflow_status": [old, to_status]}, note=note
    )
    return incident


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
        refresh_derived(keep)
    note = f"{other.public_ref} → {keep.public_ref}"
    for incident in (keep, other):
        incident.updated_at, incident.updated_by_id = utcnow(), actor.user_id
    other.workflow_status = "archived"
    refresh_derived(other)
    db.session.flush()
    audit.record(actor, "merge", "incident", keep.id, audit.diff(before, snapshot(keep)), note=note)
    audit.record(actor, "merge", "incident", other.id, audit.diff(other_before, snapshot(other)), note=note)
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
        incident.updated_at, incident.updated_by_id = utcnow(), actor.user_id
        db.session.flush()
        audit.record(actor, "merge", "incident", incident.id, audit.diff(before, snapshot(incident)),
                     note=f"journalist {other.id} → {keep.id}")  # fmt: skip
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
    other.merged_into_id = keep.id
    db.session.flush()
    note = f"journalist {other.id} → {keep.id}"
    audit.record(actor, "merge", "journalist", keep.id, filled, note=note)
    audit.record(actor, "merge", "journalist", other.id, {"merged_into_id": [None, keep.id]}, note=note)
    return keep
