"""Writes of an import, in the caller's one transaction (never commits): new incidents in bulk
(``tracker.transfer.bulk``: the rows and audit entries the case operations would write), existing
ones through ``update_incident`` (validated, versioned, audited only when something changed).

Victims are matched to recorded journalists by their Arabic-normalised name (on an update, first
among the incident's own victims); a name not recorded yet creates the journalist once, however
many rows name them.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from tracker.audit import operations as audit
from tracker.audit.operations import Actor
from tracker.cases import operations as case_ops
from tracker.cases.models import Incident
from tracker.core.exceptions import ValidationFailed
from tracker.core.text import has_arabic, normalise
from tracker.extensions import db
from tracker.people import operations as people_ops
from tracker.transfer import bulk, queries
from tracker.transfer.flat import Record
from tracker.transfer.plan import Report

BATCH_SIZE = 500


@dataclass
class Result:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    created_ids: list[int] = field(default_factory=list)  # the new incidents, for a link to them


class ImportFailed(Exception):
    """A record the dry run accepted was refused by the case operations (named by row)."""

    def __init__(self, record: Record, errors: dict):
        super().__init__(record.ref, errors)
        self.record, self.errors = record, errors


class _People:
    """Journalists and outlets by normalised name, created on first mention."""

    def __init__(self, actor: Actor):
        self.actor = actor
        self.journalists = queries.journalists_by_name()
        self.outlets = queries.outlets_by_name()

    def journalist_id(self, person: dict, outlet: str | None, own: dict[str, int]) -> int:
        keys = [normalise(person.get(k)) for k in ("name_ar", "name_en") if person.get(k)]
        for table in (own, self.journalists):
            for key in keys:
                if key in table:
                    return table[key]
        data = dict(person)
        if outlet:
            data["outlet_id"] = self.outlet_id(outlet, person.get("media_type"))
        journalist = people_ops.create_journalist(data, self.actor)
        for key in keys:
            self.journalists[key] = journalist.id
        return journalist.id

    def outlet_id(self, name: str, media_type: str | None) -> int:
        key = normalise(name)
        if key not in self.outlets:
            arabic = has_arabic(name)
            data = {"name_ar" if arabic else "name_en": name, "media_type": media_type}
            self.outlets[key] = people_ops.create_outlet(data, self.actor).id
        return self.outlets[key]


def _own_victims(incident: Incident | None) -> dict[str, int]:
    if incident is None:
        return {}
    own = {}
    for victim in incident.victims:
        for name in (victim.journalist.name_ar, victim.journalist.name_en):
            if name:
                own[normalise(name)] = victim.journalist_id
    return own


def _data(record: Record, people: _People, incident: Incident | None) -> dict:
    data = dict(record.data)
    own = _own_victims(incident)
    victims = []
    for victim, outlet in zip(data.get("victims", []), record.outlets, strict=True):
        victim = dict(victim)
        victim["journalist_id"] = people.journalist_id(victim.pop("journalist"), outlet, own)
        victims.append(victim)
    data["victims"] = victims
    return data


def run_import(report: Report, actor: Actor, progress: Callable[[int], None] | None = None) -> Result:
    """Write every record of a report without errors: new incidents in bulk (``bulk``), changed
    ones through ``update_incident``. Raises ``ImportFailed`` on a record the operations refuse."""
    if not report.ok:
        raise ValueError("a report with errors cannot be imported")
    people = _People(actor)
    result = Result()
    new = [r for r in report.records if r.ref not in report.existing]
    claimed = bulk.claim_refs(new)
    for start in range(0, len(new), BATCH_SIZE):
        batch = new[start : start + BATCH_SIZE]
        try:
            result.created_ids += bulk.create_incidents(batch, people, actor, claimed)
        except case_ops.BatchInvalid as exc:
            raise ImportFailed(batch[exc.index], exc.errors) from exc
        result.created += len(batch)
        if progress is not None:
            progress(sum(len(r.rows) for r in batch))
    old = [r for r in report.records if r.ref in report.existing]
    for start in range(0, len(old), BATCH_SIZE):
        batch = old[start : start + BATCH_SIZE]
        incidents = queries.incidents_loaded([report.existing[r.ref] for r in batch])
        for record in batch:
            changed = _update(record, incidents[report.existing[record.ref]], people, actor)
            result.updated += changed
            result.unchanged += not changed
        if progress is not None:
            progress(sum(len(r.rows) for r in batch))
    return result


def _update(record: Record, incident: Incident, people: _People, actor: Actor) -> bool:
    try:
        with db.session.no_autoflush:
            data = _data(record, people, incident)
        version = incident.version
        case_ops.update_incident(incident, data, actor, version)
        changed = incident.version != version or incident.workflow_status != record.workflow_status
        case_ops.set_workflow_status(incident, record.workflow_status, actor, note="import")
    except ValidationFailed as exc:
        raise ImportFailed(record, exc.errors) from exc
    return changed


def record_export(actor: Actor, fmt: str, filters: dict, rows: int, edition: str = "internal"):
    """The audit entry of a download of internal data: who (the actor), when (the entry's time),
    which filters, format and how many incidents. Written whether or not anything matched."""
    changes = {
        "format": [None, fmt],
        "edition": [None, edition],
        "filters": [None, {k: v for k, v in sorted(filters.items()) if v not in (None, "", [])}],
        "rows": [None, rows],
    }
    return audit.record(actor, "export", "incidents", 0, changes)
