"""Writes of an import, in the caller's one transaction (never commits): new incidents in bulk
(``tracker.transfer.bulk``: the rows and audit entries the case operations would write), existing
ones through ``update_incident`` (validated, versioned, audited only when something changed).

Victims are matched to recorded journalists by their Arabic-normalised name (on an update, first
among the incident's own victims, where a name in the other script matches too: a partner's
English file of a syndicate's Arabic cases names the same people, and their records get the
English names they lacked); a name not recorded yet creates the journalist once, however many
rows name them. A file that gives the recorded id of a person or outlet (an internal export)
is matched by that id instead, so two people of one name stay two people: the recorded one when
the id names a record of the same name here, else one new record per id of the file.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from tracker.audit import operations as audit
from tracker.audit.operations import Actor
from tracker.cases import operations as case_ops
from tracker.cases.models import Incident
from tracker.core.exceptions import ValidationFailed
from tracker.core.memory import cycles_paused
from tracker.core.names import name_key
from tracker.core.text import has_arabic, normalise
from tracker.extensions import db
from tracker.people import operations as people_ops
from tracker.people.models import Journalist
from tracker.public import guard
from tracker.transfer import bulk, plan, queries
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


def _names(item: dict, keys=("name_ar", "name_en")) -> list[str]:
    return [normalise(item[k]) for k in keys if item.get(k)]


class _People:
    """Journalists and outlets, created on first mention. Keys: a normalised name, or
    ``("id", n)`` for a recorded id a file gives (see the module's docstring)."""

    def __init__(self, actor: Actor, records: list[Record] = ()):
        self.actor = actor
        self.journalists: dict = queries.journalists_by_name()
        self.outlets: dict = queries.outlets_by_name()
        self._recorded_ids(records)

    def _recorded_ids(self, records: list[Record]) -> None:
        """The file's ids that name a record of the same name here (merged people: their record)."""
        people, outlets = {}, {}
        for record in records:
            for victim, outlet in zip(record.data.get("victims", []), record.outlets, strict=True):
                person = victim["journalist"]
                if person.get("id") is not None:
                    people.setdefault(person["id"], _names(person))
                if outlet and outlet.get("id") is not None:
                    outlets.setdefault(outlet["id"], _names(outlet, ("name", "name_en")))
        for file_id, (names, merged_into) in queries.journalists_by_id(people).items():
            if names & set(people[file_id]):
                self.journalists[("id", file_id)] = merged_into or file_id
        for file_id, names in queries.outlets_by_id(outlets).items():
            if names & set(outlets[file_id]):
                self.outlets[("id", file_id)] = file_id

    def keys(self, person: dict) -> list:
        """How this file's person is looked up: by the id it gives, else by its names."""
        return [("id", person["id"])] if person.get("id") is not None else _names(person)

    def journalist_id(self, person: dict, outlet: dict | None, own: dict) -> int:
        keys = self.keys(person)
        if person.get("id") is None:
            # one of the incident's victims, by name or by a name in the other script: their
            # record gets the names the file gives in a script it has none in
            for key in (*keys, *_skeletons(person)):
                if key in own:
                    case_ops.complete_victim_names(db.session.get(Journalist, own[key]), person, self.actor)
                    return own[key]
        for key in keys:
            if key in self.journalists:
                return self.journalists[key]
        data = dict(person)
        if outlet:
            data["outlet_id"] = self.outlet_id(outlet, person.get("media_type"))
        journalist = people_ops.create_journalist(data, self.actor)
        for key in keys:
            self.journalists[key] = journalist.id
        for name in _names(person):
            self.journalists.setdefault(name, journalist.id)
        return journalist.id

    def outlet_id(self, outlet: dict, media_type: str | None) -> int:
        """An outlet the file names: recorded, or created with what the file says of it (an
        outlet a file names without its details gets the victim's media type)."""
        name, file_id = outlet["name"], outlet.get("id")
        key = ("id", file_id) if file_id is not None else normalise(name)
        if key not in self.outlets:
            if outlet.get("name_en"):
                data = {"name_ar": name, "name_en": outlet["name_en"]}
            else:
                data = {"name_ar" if has_arabic(name) else "name_en": name}
            data["media_type"] = outlet.get("media_type") if file_id is not None else media_type
            data["country"] = outlet.get("country")
            self.outlets[key] = people_ops.create_outlet(data, self.actor).id
            self.outlets.setdefault(normalise(name), self.outlets[key])
        return self.outlets[key]


def _skeletons(person: dict) -> list[tuple[str, str]]:
    return [("skeleton", key) for k in ("name_ar", "name_en") if (key := name_key(person.get(k)))]


def _own_victims(incident: Incident | None) -> dict:
    """The incident's victims by normalised name, and by the skeleton of their names (either
    script: سامي الحداد, Sami al-Haddad) where no two of them share it."""
    if incident is None:
        return {}
    own, by_skeleton = {}, {}
    for victim in incident.victims:
        journalist = victim.journalist
        for name in (journalist.name_ar, journalist.name_en):
            if name:
                own[normalise(name)] = victim.journalist_id
        for key in _skeletons({"name_ar": journalist.name_ar, "name_en": journalist.name_en}):
            by_skeleton.setdefault(key, set()).add(victim.journalist_id)
    own.update((key, ids.pop()) for key, ids in by_skeleton.items() if len(ids) == 1)
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
    with cycles_paused():
        return _write(report, actor, progress)


def _write(report: Report, actor: Actor, progress: Callable[[int], None] | None) -> Result:
    people = _People(actor, report.records)
    result = Result()
    new = [r for r in report.records if r.ref not in report.existing]
    claimed = bulk.claim_refs(new)
    # a public case may not name a person protected elsewhere, in the registry or in this file:
    # the registry is read once a batch, not once a case
    protected_in_file = plan.protected_in_file(report.records)
    for start in range(0, len(new), BATCH_SIZE):
        batch = new[start : start + BATCH_SIZE]
        try:
            with guard.registry_pinned(protected_in_file):
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
        with guard.registry_pinned(protected_in_file):
            for record in batch:
                changed = _update(record, incidents[report.existing[record.ref]], people, actor)
                result.updated += changed
                result.unchanged += not changed
        if progress is not None:
            progress(sum(len(r.rows) for r in batch))
    return result


def _update(record: Record, incident: Incident, people: _People, actor: Actor) -> bool:
    version = incident.version
    try:
        with db.session.no_autoflush:
            data = _data(record, people, incident)  # may name a victim in another script: a new version
        case_ops.update_incident(incident, data, actor, incident.version)
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
