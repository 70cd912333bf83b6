"""Admin writes: site settings and taxonomy labels (flush and audit; the caller commits)."""

import base64
import hashlib
import io

from flask_babel import gettext as _
from PIL import Image

from tracker.admin.models import Setting
from tracker.admin.queries import DEFAULTS, get_setting
from tracker.audit import operations as audit
from tracker.audit.operations import Actor
from tracker.cases.models import ViolationType
from tracker.core.db import utcnow
from tracker.core.exceptions import NotAllowed, ValidationFailed
from tracker.core.signals import public_text_changed
from tracker.evidence import clean
from tracker.evidence.sniff import sniff
from tracker.extensions import db

MAX_LABEL_LENGTH = 200
MAX_NAME_LENGTH = 200
LOGO_MAX_BYTES = 1024 * 1024  # under the request limit (MAX_CONTENT_LENGTH), so the admin gets this message
LOGO_MAX_PIXELS = 25_000_000  # checked from the header, before the pixels are decoded
LOGO_MAX_SIDE = 1000  # stored no larger: the report prints it a few centimetres wide
LOGO_TYPES = ("image/png", "image/jpeg")


def _check_admin(actor: Actor) -> None:
    if actor.user is not None and actor.user.role != "admin":
        raise NotAllowed()


def set_setting(key: str, value, actor: Actor) -> None:
    _check_admin(actor)
    if key not in DEFAULTS or key == "organisation_logo" or not isinstance(value, type(DEFAULTS[key])):
        raise ValidationFailed({key: [_("Not a valid value.")]})
    if isinstance(value, str):
        value = " ".join(value.split())
        if len(value) > MAX_NAME_LENGTH:
            raise ValidationFailed({key: [_("At most %(n)s characters.", n=MAX_NAME_LENGTH)]})
    before = get_setting(key)
    if before == value:
        return
    _write(key, value, actor, [before, value])


def _write(key: str, value, actor: Actor, change: list) -> None:
    row = db.session.get(Setting, key) or Setting(key=key)
    row.value = value
    row.updated_at = utcnow()
    row.updated_by_id = actor.user_id
    db.session.add(row)
    db.session.flush()
    audit.record(actor, "update", "setting", 0, {key: change})
    public_text_changed.send(key)  # the organisation's identity shows on public pages


def logo_png(data: bytes) -> bytes:
    """The uploaded logo checked and re-encoded: a PNG or JPEG by its content (never its name),
    within the size limits, redrawn from its pixels as a PNG (no metadata survives) at most
    LOGO_MAX_SIDE pixels a side. Raises ValidationFailed with a message for the admin."""
    if len(data) > LOGO_MAX_BYTES:
        raise ValidationFailed(
            {"logo": [_("The logo may be at most %(n)s MB.", n=LOGO_MAX_BYTES // 1024 // 1024)]}
        )
    if sniff(data) not in LOGO_TYPES:
        raise ValidationFailed({"logo": [_("The logo must be a PNG or JPEG image.")]})
    unreadable = ValidationFailed({"logo": [_("This image could not be read.")]})
    try:
        with Image.open(io.BytesIO(data)) as header:
            width, height = header.size
    except (OSError, ValueError, Image.DecompressionBombError) as exc:
        raise unreadable from exc
    if width * height > LOGO_MAX_PIXELS:
        raise ValidationFailed({"logo": [_("The logo is too large: at most %(n)s million pixels.",
                                           n=LOGO_MAX_PIXELS // 1_000_000)]})  # fmt: skip
    try:
        cleaned, _media_type = clean.public_copy(data, sniff(data))
        image = Image.open(io.BytesIO(cleaned))
        image.thumbnail((LOGO_MAX_SIDE, LOGO_MAX_SIDE))
        out = io.BytesIO()
        image.save(out, "PNG", optimize=True)
    except (clean.NotCleanable, OSError, ValueError) as exc:
        raise unreadable from exc
    return out.getvalue()


def set_organisation_logo(data: bytes, actor: Actor) -> str:
    """Store the organisation's logo (``logo_png``); the audit entry records its SHA-256, not
    its bytes. Returns the SHA-256."""
    _check_admin(actor)
    png = logo_png(data)
    digest = hashlib.sha256(png).hexdigest()
    before = get_setting("organisation_logo").get("sha256")
    if before != digest:
        value = {"media_type": "image/png", "sha256": digest, "data": base64.b64encode(png).decode("ascii")}
        _write("organisation_logo", value, actor, [before, digest])
    return digest


def remove_organisation_logo(actor: Actor) -> None:
    _check_admin(actor)
    before = get_setting("organisation_logo").get("sha256")
    if before is not None:
        _write("organisation_logo", {}, actor, [before, None])


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
    if changed:
        public_text_changed.send("taxonomy")  # labels show on public pages and prepared statistics
    return changed
