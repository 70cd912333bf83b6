"""Words for the case pages: field names, history actions, workflow buttons, readable values."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from tracker.core.templating import vocab_label

FIELD_LABELS = {
    "public_ref": _l("Reference"), "workflow_status": _l("Workflow"),
    "title_ar": _l("Title in Arabic"), "title_en": _l("Title in English"),
    "summary_ar": _l("Summary in Arabic"), "summary_en": _l("Summary in English"),
    "violation_types": _l("Violation types"), "date_start": _l("Date (or start date)"),
    "date_end": _l("End date (if it lasted)"), "date_precision": _l("Date precision"),
    "country": _l("Country"), "admin1": _l("Governorate"), "admin2": _l("District"),
    "locality": _l("City, town or village"), "latitude": _l("Latitude"), "longitude": _l("Longitude"),
    "geo_precision": _l("Place precision"), "public_geo_precision": _l("Public precision"),
    "geonames_id": _l("GeoNames id"), "geocode_source": _l("Geocoded by"),
    "perpetrators": _l("Perpetrators"), "victims": _l("Victims"), "sources": _l("Sources"),
    "verification": _l("Verification"), "case_status": _l("Case status"), "impunity": _l("Impunity (killings)"),
    "is_confidential": _l("Confidential case"), "confidential_notes": _l("Confidential notes (never public)"),
}  # fmt: skip
ACTION_LABELS = {
    "create": _l("created"), "update": _l("edited"), "transition": _l("workflow changed"),
    "archive": _l("archived"), "merge": _l("merged"),
}  # fmt: skip
# Workflow buttons say what they do.
MOVE_LABELS = {
    "in_review": _l("Submit for review"), "verified": _l("Mark as verified"), "published": _l("Publish"),
    "draft": _l("Back to draft"), "rejected": _l("Reject"), "archived": _l("Archive"),
}  # fmt: skip
# Codes inside list values of the history, with their vocabulary.
_CODE_VOCABULARIES = {
    "type": "PERPETRATOR_TYPES", "outcome": "OUTCOMES", "role_in_incident": "ROLES_IN_INCIDENT",
    "event": "STATUS_EVENTS", "workflow_status": "WORKFLOW_STATUS",
}  # fmt: skip
_VALUE_VOCABULARIES = {
    "date_precision": "DATE_PRECISIONS", "geo_precision": "GEO_PRECISIONS", "public_geo_precision": "GEO_PRECISIONS",
    "verification": "VERIFICATION", "case_status": "CASE_STATUS", "impunity": "IMPUNITY",
    "workflow_status": "WORKFLOW_STATUS",
}  # fmt: skip


def describe(value) -> str:
    """A stored value (as in the audit diff or the form) as short readable text."""
    if value is None or value == "" or value == []:
        return "—"
    if value is True:
        return _("Yes")
    if value is False:
        return _("No")
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            if item in (None, "", [], False) or key in ("display_name", "new_person", "matches"):
                continue
            if key in _CODE_VOCABULARIES:
                item = vocab_label(_CODE_VOCABULARIES[key], item)
            label = FIELD_LABELS.get(key) or key
            parts.append(f"{label}: {describe(item)}")
        return ", ".join(parts) or "—"
    if isinstance(value, list | tuple):
        return "; ".join(describe(item) for item in value)
    return str(value)


def describe_field(value, field: str) -> str:
    if field in _VALUE_VOCABULARIES and isinstance(value, str):
        return vocab_label(_VALUE_VOCABULARIES[field], value)
    return describe(value)


def template_helpers() -> dict:
    return {"field_labels": FIELD_LABELS, "action_labels": ACTION_LABELS, "move_labels": MOVE_LABELS}
