"""Writes to journalists and outlets (flush and audit; the caller commits)."""

from flask_babel import gettext as _

from tracker.audit import operations as audit
from tracker.audit.operations import Actor
from tracker.auth.permissions import can_manage_people
from tracker.core.exceptions import NotAllowed, ValidationFailed
from tracker.extensions import db
from tracker.people.models import Journalist, Outlet

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


def create_journalist(data: dict, actor: Actor) -> Journalist:
    _check_writer(actor)
    values = {f: _clean(data.get(f)) for f in JOURNALIST_FIELDS}
    values["gender"] = values["gender"] or "unknown"
    values["is_foreign"] = bool(values["is_foreign"])
    journalist = Journalist(**values)
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
