"""Admin writes: site settings and taxonomy labels (flush and audit; the caller commits)."""

from flask_babel import gettext as _

from tracker.admin.models import Setting
from tracker.admin.queries import DEFAULTS, get_setting
from tracker.audit import operations as audit
from tracker.audit.operations import Actor
from tracker.cases.models import ViolationType
from tracker.core.db import utcnow
from tracker.core.exceptions import NotAllowed, ValidationFailed
from tracker.extensions import db

MAX_LABEL_LENGTH = 200


def _check_admin(actor: Actor) -> None:
    if actor.user is not None and actor.user.role != "admin":
        raise NotAllowed()


def set_setting(key: str, value, actor: Actor) -> None:
    _check_admin(actor)
    if key not in DEFAULTS or not isinstance(value, type(DEFAULTS[key])):
        raise ValidationFailed({key: [_("Not a valid value.")]})
    before = get_setting(key)
    if before == value:
        return
    row = db.session.get(Setting, key) or Setting(key=key)
    row.value = value
    row.updated_at = utcnow()
    row.updated_by_id = actor.user_id
    db.session.add(row)
    db.session.flush()
    audit.record(actor, "update", "setting", 0, {key: [before, value]})


def update_violation_labels(labels: dict[str, dict[str, str]], actor: Actor) -> int:
    """Change Arabic/English labels of taxonomy entries; codes never change. Returns how many changed."""
    _check_admin(actor)
    errors: dict[str, list[str]] = {}
    types = {vt.code: vt for vt in db.session.query(ViolationType)}
    for code, pair in labels.items():
        if code not in types:
            errors[code] = [_("Unknown violation type: %(code)s", code=code)]
            continue
        for field in ("label_ar", "label_en"):
            value = (pair.get(field) or "").strip()
            if not value:
                errors[f"{code}.{field}"] = [_("A label cannot be empty.")]
            elif len(value) > MAX_LABEL_LENGTH:
                errors[f"{code}.{field}"] = [_("At most %(n)s characters.", n=MAX_LABEL_LENGTH)]
    if errors:
        raise ValidationFailed(errors)
    changed = 0
    for code, pair in labels.items():
        vt = types[code]
        before = {"label_ar": vt.label_ar, "label_en": vt.label_en}
        after = {field: pair[field].strip() for field in before}
        changes = audit.diff(before, after)
        if changes:
            vt.label_ar, vt.label_en = after["label_ar"], after["label_en"]
            # Audit entity ids are integers; the code goes in the note.
            audit.record(actor, "update", "violation_type", vt.sort_order, changes, note=code)
            changed += 1
    db.session.flush()
    return changed
