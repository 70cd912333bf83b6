"""New incidents of an import written in bulk: the rows and audit entries ``create_incident`` would
write (derived fields, public references from the shared counters, one "create" entry per incident
and per new journalist), a few statements per batch instead of a dozen per incident.

The records were checked by ``flat.Parser`` with the same rules as ``check_invariants``. Writes
through the session's connection; never commits.
"""

from collections import Counter

import sqlalchemy as sa

from tracker.audit import operations as audit
from tracker.audit.models import AuditEntry
from tracker.audit.operations import Actor
from tracker.cases import operations as case_ops
from tracker.cases.models import Incident, IncidentViolation, Perpetrator, Source, StatusEvent, Victim
from tracker.cases.taxonomy import headline_type, root_bits
from tracker.core.db import utcnow
from tracker.core.text import normalise
from tracker.extensions import db
from tracker.people.models import Journalist
from tracker.people.operations import JOURNALIST_FIELDS
from tracker.transfer.flat import Record

DEFAULTS = {"date_precision": "day", "public_geo_precision": "admin1", "verification": "unverified",
            "case_status": "unknown", "is_confidential": False}  # fmt: skip
SOURCE_KEYS = ("url", "title", "publisher", "published_on", "reliability", "is_internal")


def _insert(model, rows: list[dict]) -> list[int]:
    """Insert ``rows``; the new ids in the same order."""
    if not rows:
        return []
    table = model.__table__
    stmt = sa.insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return list(db.session.scalars(stmt, rows))


def _insert_plain(model, rows: list[dict]) -> None:
    if rows:
        db.session.execute(sa.insert(model.__table__), rows)


def _fits(record: Record) -> bool:
    """A file reference can be the public one only if it names the incident's country and year."""
    match = case_ops.PUBLIC_REF.match(record.ref)
    return match is not None and match.group(1, 2) == (
        record.data["country"],
        str(record.data["date_start"].year),
    )


def _audit_row(actor: Actor, at, entity_type: str, entity_id: int, changes: dict) -> dict:
    return {"at": at, "user_id": actor.user_id, "actor": actor.name, "channel": actor.channel, "action": "create",
            "entity_type": entity_type, "entity_id": entity_id, "changes": audit.jsonable(changes), "note": None}  # fmt: skip


def claim_refs(records: list[Record]) -> set[str]:
    """The file references that can stay the incidents' public references: those naming the
    incident's country and year whose number was never handed out. Claimed in number order, so
    that a file's references all fit whatever order its rows are in."""
    fitting = [r for r in records if _fits(r)]
    fitting.sort(key=lambda r: (r.ref.rsplit("-", 1)[0], int(r.ref.rsplit("-", 1)[1])))
    return {r.ref for r in fitting if case_ops.claim_public_ref(r.ref)}


def create_incidents(records: list[Record], people, actor: Actor, claimed: set[str]) -> None:
    """Write ``records`` (none of them stored yet) as new incidents. ``people`` is the import's
    journalist and outlet resolver (``operations._People``); ``claimed``: from ``claim_refs``."""
    now, audits = utcnow(), []
    # 1. journalists not recorded yet, once each
    new_people: dict[str, dict] = {}
    victim_keys: list[list[str]] = []
    for record in records:
        keys = []
        for victim, outlet in zip(record.data["victims"], record.outlets, strict=True):
            person = victim["journalist"]
            names = [normalise(person.get(k)) for k in ("name_ar", "name_en") if person.get(k)]
            found = next((n for n in names if n in people.journalists or n in new_people), None)
            if found is None:
                found = names[0]
                values = {f: person.get(f) for f in JOURNALIST_FIELDS}
                values.update(gender=values["gender"] or "unknown", is_foreign=bool(values["is_foreign"]))
                if outlet:
                    values["outlet_id"] = people.outlet_id(outlet, person.get("media_type"))
                new_people[found] = values
                for name in names:
                    new_people.setdefault(name, values)
            keys.append(found)
        victim_keys.append(keys)
    unique = list({id(v): v for v in new_people.values()}.values())
    rows = [{**v, "search_name": normalise(f"{v['name_ar'] or ''} {v['name_en'] or ''}"), "created_at": now,
             "updated_at": now} for v in unique]  # fmt: skip
    for values, journalist_id in zip(unique, _insert(Journalist, rows), strict=True):
        values["id"] = journalist_id
        audits.append(_audit_row(actor, now, "journalist", journalist_id, audit.creation_diff(
            {f: values[f] for f in JOURNALIST_FIELDS})))  # fmt: skip
    for name, values in new_people.items():
        people.journalists[name] = values["id"]

    # 2. public references: the file's own when free, otherwise the next numbers
    refs = {r.ref: r.ref if r.ref in claimed else None for r in records}
    needed = Counter((r.data["country"], r.data["date_start"].year) for r in records if refs[r.ref] is None)
    numbers = case_ops.reserve_public_numbers(needed)

    # 3. incidents, then everything hanging off them
    incident_rows, snapshots = [], []
    for record, keys in zip(records, victim_keys, strict=True):
        data = {**DEFAULTS, **record.data}
        public_ref = refs[record.ref]
        if public_ref is None:
            key = (data["country"], data["date_start"].year)
            public_ref = f"{key[0]}-{key[1]}-{numbers[key]:04d}"
            numbers[key] += 1
        codes = sorted(set(data["violation_types"]))
        victims = [
            {**v, "journalist_id": people.journalists[k]} for v, k in zip(data["victims"], keys, strict=True)
        ]
        names = [
            n
            for v in data["victims"]
            for n in (v["journalist"].get("name_ar"), v["journalist"].get("name_en"))
        ]
        scalars = {f: data.get(f) for f in case_ops.SCALAR_FIELDS}
        scalars["external_ref"] = None if public_ref == record.ref else record.ref
        incident_rows.append({
            **scalars, "public_ref": public_ref, "workflow_status": record.workflow_status,
            "headline_type": headline_type(codes), "violation_mask": root_bits(codes),
            "search_text": case_ops.build_search_text(
                {**scalars, "public_ref": public_ref}, [p.get("name") for p in data.get("perpetrators", [])],
                [n for n in names if n]),
            "version": 1, "created_at": now, "updated_at": now,
            "created_by_id": actor.user_id, "updated_by_id": actor.user_id,
        })  # fmt: skip
        snapshots.append((data, codes, victims))
    incident_ids = _insert(Incident, incident_rows)

    violations, perpetrators, sources, victim_rows, events = [], [], [], [], []
    for incident_id, row, (data, codes, victims) in zip(incident_ids, incident_rows, snapshots, strict=True):
        violations += [{"incident_id": incident_id, "code": c} for c in codes]
        perps = [{"type": p["type"], "name": p.get("name")} for p in data.get("perpetrators", [])]
        perpetrators += [{"incident_id": incident_id, "position": n, **p} for n, p in enumerate(perps)]
        srcs = [
            {k: s.get(k, False if k == "is_internal" else None) for k in SOURCE_KEYS}
            for s in data.get("sources", [])
        ]
        sources += [{"incident_id": incident_id, "position": n, **s} for n, s in enumerate(srcs)]
        victim_snapshots = []
        for position, victim in enumerate(victims):
            timeline = sorted(({"event": e["event"], "date": e["date"], "note": e.get("note")}
                               for e in victim.get("status_events") or []), key=lambda e: e["date"])  # fmt: skip
            victim_rows.append({
                "incident_id": incident_id, "journalist_id": victim["journalist_id"], "position": position,
                "role_in_incident": victim.get("role_in_incident") or "target", "outcome": victim["outcome"],
                "is_identity_protected": bool(victim.get("is_identity_protected")),
            })  # fmt: skip
            events.append(timeline)
            victim_snapshots.append({k: victim_rows[-1][k] for k in ("journalist_id", "role_in_incident", "outcome",
                                                                     "is_identity_protected")} | {"status_events": timeline})  # fmt: skip
        snapshot = {f: row[f] for f in ("public_ref", "workflow_status", *case_ops.SCALAR_FIELDS)}
        snapshot.update(violation_types=codes, perpetrators=perps, sources=srcs, victims=victim_snapshots)
        audits.append(
            _audit_row(actor, now, "incident", incident_id, audit.creation_diff(audit.jsonable(snapshot)))
        )
    _insert_plain(IncidentViolation, violations)
    _insert_plain(Perpetrator, perpetrators)
    _insert_plain(Source, sources)
    victim_ids = _insert(Victim, victim_rows)
    _insert_plain(StatusEvent, [{"victim_id": v, **e} for v, timeline in zip(victim_ids, events, strict=True)
                                for e in timeline])  # fmt: skip
    _insert_plain(AuditEntry, audits)
