"""New incidents of an import written in bulk: the journalists the file names for the first time
(one row and one "create" audit entry each), then the incidents through the one incident writer's
batch form (``tracker.cases.operations.create_incidents``). Never commits.
"""

from tracker.audit import operations as audit
from tracker.audit.operations import Actor
from tracker.cases import operations as case_ops
from tracker.core import sealed
from tracker.core.bulk import insert_returning_ids
from tracker.core.db import utcnow
from tracker.core.text import normalise
from tracker.people.models import Journalist, journalist_search_name
from tracker.people.operations import JOURNALIST_FIELDS
from tracker.transfer.flat import Record, is_row_number


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


def create_incidents(records: list[Record], people, actor: Actor, claimed: set[str]) -> list[int]:
    """Write ``records`` (none of them stored yet) as new incidents. ``people`` is the import's
    journalist and outlet resolver (``operations._People``); ``claimed``: from ``claim_refs``."""
    now, audits = utcnow(), []
    # 1. journalists not recorded yet, once each (keys: ``people.keys``, a name or a file's id)
    new_people: dict = {}
    victim_keys: list[list] = []
    for record in records:
        keys = []
        for victim, outlet in zip(record.data["victims"], record.outlets, strict=True):
            person = victim["journalist"]
            lookup = people.keys(person)
            found = next((k for k in lookup if k in people.journalists or k in new_people), None)
            if found is None:
                found = lookup[0]
                values = {f: person.get(f) for f in JOURNALIST_FIELDS}
                values.update(gender=values["gender"] or "unknown", is_foreign=bool(values["is_foreign"]))
                if outlet:
                    values["outlet_id"] = people.outlet_id(outlet, person.get("media_type"))
                for key in [
                    *lookup,
                    *(normalise(person.get(k)) for k in ("name_ar", "name_en") if person.get(k)),
                ]:
                    new_people.setdefault(key, values)
            if victim.get("is_identity_protected") and found in new_people:
                new_people[found]["is_protected"] = True  # sealed from its first write
            keys.append(found)
        victim_keys.append(keys)
    unique = list({id(v): v for v in new_people.values()}.values())
    rows = [sealed.seal_row("journalists", {**v, "is_protected": v.get("is_protected", False),
            "search_name": journalist_search_name(v["name_ar"], v["name_en"], v.get("is_protected", False)),
            "created_at": now, "updated_at": now}) for v in unique]  # fmt: skip
    for values, journalist_id in zip(unique, insert_returning_ids(Journalist.__table__, rows), strict=True):
        values["id"] = journalist_id
        audits.append(_audit_row(actor, now, "journalist", journalist_id, audit.creation_diff(
            {f: values[f] for f in JOURNALIST_FIELDS})))  # fmt: skip
    for key, values in new_people.items():
        people.journalists.setdefault(key, values["id"])

    # 2. the incidents, through the one incident writer's batch form
    items = []
    for record, keys in zip(records, victim_keys, strict=True):
        data = dict(record.data)
        data["victims"] = [
            {
                **{k: v for k, v in victim.items() if k != "journalist"},
                "journalist_id": people.journalists[key],
            }
            for victim, key in zip(record.data["victims"], keys, strict=True)
        ]
        data["workflow_status"] = record.workflow_status
        if record.ref in claimed:
            data["public_ref"] = record.ref
        elif not data.get("external_ref") and not is_row_number(record.ref):
            # a list's row number identifies nothing beyond its file
            data["external_ref"] = record.ref
        items.append(data)
    names = {values["id"]: (values.get("name_ar"), values.get("name_en")) for values in unique}
    audit.queue(audits)
    return case_ops.create_incidents(items, actor, victim_names=names)
