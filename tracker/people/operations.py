"""Writes to journalists and outlets (flush and audit; the caller commits)."""

import sqlalchemy as sa
from flask_babel import gettext as _

from tracker.audit import operations as audit
from tracker.audit.operations import Actor
from tracker.auth.permissions import can_manage_people
from tracker.core import crypto, sealed
from tracker.core.exceptions import NotAllowed, ValidationFailed
from tracker.extensions import db
from tracker.people.models import Journalist, Outlet, journalist_search_name, open_names

JOURNALIST_FIELDS = ("name_ar", "name_en", "gender", "profession", "outlet_id", "media_type",
                     "nationality", "is_foreign")  # fmt: skip
OUTLET_FIELDS = ("name_ar", "name_en", "media_type", "country")


def _check_writer(actor: Actor) -> None:
    if actor.user is not None and not can_manage_people(actor.user):
        raise NotAllowed()


def _clean(value):
    return (value.strip() or None) if isinstance(value, str) else value


def create_outlet(data: dict, actor: Actor) -> Outlet:
    _check_writer(actor)
    outlet = Outlet(**{f: _clean(data.get(f)) for f in OUTLET_FIELDS})
    if not outlet.name_ar and not outlet.name_en:
        raise ValidationFailed({"name_ar": [_("Give a name in Arabic or in English.")]})
    outlet.refresh_search_name()
    db.session.add(outlet)
    db.session.flush()
    audit.record(
        actor,
        "create",
        "outlet",
        outlet.id,
        audit.creation_diff({f: getattr(outlet, f) for f in OUTLET_FIELDS}),
    )
    return outlet


def create_journalist(data: dict, actor: Actor, *, protected: bool = False) -> Journalist:
    """A new journalist; ``protected`` (an identity-protected victim): names stored sealed from the start."""
    _check_writer(actor)
    values = {f: _clean(data.get(f)) for f in JOURNALIST_FIELDS}
    values["gender"] = values["gender"] or "unknown"
    values["is_foreign"] = bool(values["is_foreign"])
    journalist = Journalist(**values, is_protected=protected)
    if not journalist.name_ar and not journalist.name_en:
        raise ValidationFailed({"name_ar": [_("Give a name in Arabic or in English.")]})
    if journalist.outlet_id is not None and db.session.get(Outlet, journalist.outlet_id) is None:
        raise ValidationFailed({"outlet_id": [_("No such outlet.")]})
    if journalist.outlet_id is not None and journalist.media_type is None:
        journalist.media_type = db.session.get(Outlet, journalist.outlet_id).media_type
    journalist.refresh_search_name()
    db.session.add(journalist)
    db.session.flush()
    audit.record(
        actor,
        "create",
        "journalist",
        journalist.id,
        audit.creation_diff({f: getattr(journalist, f) for f in JOURNALIST_FIELDS}),
    )
    return journalist


def complete_names(journalist: Journalist, names: dict, actor: Actor) -> dict:
    """Give ``journalist`` the names ``names`` has (``name_ar``, ``name_en``) in a script their
    record has none in: a partner's file in the other script adds to a person, never replaces a
    name. Returns the audit diff ({} when nothing was missing)."""
    _check_writer(actor)
    changes = {}
    for name in ("name_ar", "name_en"):
        value = _clean(names.get(name))
        if value and not getattr(journalist, name):
            setattr(journalist, name, value)
            changes[name] = [None, value]
    if changes:
        journalist.refresh_search_name()
        db.session.flush()
        audit.record(actor, "update", "journalist", journalist.id, changes)
    return changes


def protect_journalists(journalists, actor: Actor) -> list[Journalist]:
    """Mark journalists as identity-protected victims (for good): their names are then stored
    sealed and searched through the blind index only (``tracker.people.models``). Returns those
    newly protected (their other cases are the incident writer's: ``cases.operations.protect_people``)."""
    changed = [j for j in journalists if not j.is_protected]
    for journalist in changed:
        journalist.is_protected = True
        journalist.refresh_search_name()
    if changed:
        db.session.flush()
    for journalist in changed:
        audit.record(actor, "protect", "journalist", journalist.id, {"is_protected": [False, True]})
    return changed


def reseal_journalists(after_id: int, limit: int, actor: Actor) -> tuple[int, int, int]:
    """Seal again with the current key (clear legacy values too) the names of the next ``limit``
    protected journalists after ``after_id``, and rebuild their blind index when its key changed.
    Returns (last id seen, journalists read, journalists changed)."""
    ring, table = crypto.keyring(), Journalist.__table__
    rows = db.session.execute(
        sa.select(table.c.id, table.c.seal_key, table.c.name_ar, table.c.name_en, table.c.search_name)
        .where(table.c.id > after_id, table.c.is_protected.is_(True)).order_by(table.c.id).limit(limit)
    ).mappings().all()  # fmt: skip
    changed = 0
    for row in rows:
        names = open_names(row["name_ar"], row["name_en"], row["seal_key"])
        values = {}
        if any(ring.needs_rotation(row[c]) for c in ("name_ar", "name_en")):
            key = row["seal_key"] or sealed.new_seal_key()
            values = {
                c: ring.seal(n, sealed.where("journalists", c, key))
                for c, n in zip(("name_ar", "name_en"), names, strict=True)
            }
            values["seal_key"] = key
        index = journalist_search_name(*names, protected=True)
        if index != row["search_name"]:
            values["search_name"] = index
        if values:
            changed += 1
            db.session.execute(sa.update(table).where(table.c.id == row["id"]).values(**values))
            what = ", ".join(k for k in values if k != "seal_key")
            audit.record(actor, "reseal", "journalist", row["id"], {}, note=f"re-encrypted: {what}")
    return (rows[-1]["id"] if rows else after_id), len(rows), changed
