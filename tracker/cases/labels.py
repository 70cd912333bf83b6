"""Words for the case pages: field names, history actions, workflow buttons, readable values."""

from flask import g
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from markupsafe import Markup

from tracker.auth.permissions import SEND_BACK
from tracker.cases import queries
from tracker.core.i18n import current_language
from tracker.core.templating import country_name, isolate, violation_label, vocab_label
from tracker.geo.gazetteer import admin1_name

FIELD_LABELS = {
    "public_ref": _l("Reference"), "workflow_status": _l("Workflow"),
    "external_ref": _l("Reference in the imported file"),
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
    # inside list values (perpetrators, sources, victims, status events)
    "unnamed_victims": _l("Journalists not named"), "admin1_unmatched": _l("Governorate as written"),
    "type": _l("Type"), "name": _l("Name"), "name_ar": _l("Name in Arabic"), "name_en": _l("Name in English"),
    "url": _l("Link"), "title": _l("Title"),
    "publisher": _l("Publisher"), "published_on": _l("Published on"), "reliability": _l("Reliability"),
    "is_internal": _l("Internal source"), "journalist_id": _l("Journalist"),
    "role_in_incident": _l("Role in the incident"), "outcome": _l("Outcome"),
    "is_identity_protected": _l("Identity protected"), "status_events": _l("Timeline"),
    "event": _l("Event"), "date": _l("Date"), "note": _l("Note"),
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
# In review -> draft returns the case to its author with the reviewer's note (required); from
# rejected or archived, the same move only reopens the case.
SEND_BACK_LABEL = _l("Send back")


def move_label(current: str, to: str):
    """The workflow button for moving a case from ``current`` to ``to``."""
    if (current, to) == SEND_BACK:
        return SEND_BACK_LABEL
    return MOVE_LABELS.get(to)


GEOCODE_SOURCES = {"manual": _l("placed by hand"), "gazetteer": _l("the built-in gazetteer")}
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


def describe(value, names: dict | None = None) -> Markup:
    """A stored value (as in the audit diff or the form) as short readable text (HTML: what
    people typed is isolated, so an English summary cannot scramble an Arabic line).

    ``names`` maps journalist ids to names, so victims read as people, not numbers.
    """
    if value is None or value == "" or value == []:
        return Markup("—")
    if value is True:
        return Markup.escape(_("Yes"))
    if value is False:
        return Markup.escape(_("No"))
    if isinstance(value, dict):
        parts = []
        for key, item in value.items():
            if item in (None, "", [], False) or key in ("display_name", "new_person", "matches"):
                continue
            if key in _CODE_VOCABULARIES:
                text = Markup.escape(vocab_label(_CODE_VOCABULARIES[key], item))
            elif key == "journalist_id" and names:
                text = isolate(names.get(item) or f"#{item}")
            else:
                text = describe(item, names)
            parts.append(Markup("{}: {}").format(FIELD_LABELS.get(key) or key, text))
        return Markup(_separator(",")).join(parts) or Markup("—")
    if isinstance(value, list | tuple):
        return Markup(_separator(";")).join(describe(i, names) for i in value)
    return isolate(value)


def describe_field(value, field: str, names: dict | None = None) -> Markup:
    if field in _VALUE_VOCABULARIES and isinstance(value, str):
        return Markup.escape(vocab_label(_VALUE_VOCABULARIES[field], value))
    if field == "violation_types" and isinstance(value, list):
        return Markup.escape(
            _separator(",").join(violation_label(_violation_labels(), c) for c in value) or "—"
        )
    if field == "country" and isinstance(value, str):
        return Markup.escape(country_name(value))
    if field == "admin1" and isinstance(value, str):  # a gazetteer code: its name in this language
        return Markup.escape(admin1_name(value, current_language()) or value)
    if field == "geocode_source" and isinstance(value, str):
        return Markup.escape(GEOCODE_SOURCES[value]) if value in GEOCODE_SOURCES else isolate(value)
    return describe(value, names)


def _separator(latin: str) -> str:
    """Arabic text uses the Arabic comma and semicolon."""
    arabic = {",": "، ", ";": "؛ "}
    return arabic[latin] if current_language() == "ar" else latin + " "


def _violation_labels() -> dict:
    if "violation_labels" not in g:
        g.violation_labels = queries.violation_labels()
    return g.violation_labels


def _admin1_name(code: str | None) -> str | None:
    return admin1_name(code, current_language())


def template_helpers() -> dict:
    return {"field_labels": FIELD_LABELS, "action_labels": ACTION_LABELS, "move_label": move_label,
            "admin1_name": _admin1_name}  # fmt: skip
