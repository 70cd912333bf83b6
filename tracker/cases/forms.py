"""The case form: flat HTML field names <-> the nested record the schemas and operations use.

Lists use indexed names (``victims-0-outcome``, ``victims-0-events-1-date``) so the form works
without JavaScript; blank rows are ignored. Validation is the API's (``IncidentInputSchema``
and the operations' invariants), and its nested error keys are flattened to these names so each
message is shown next to its field.
"""

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from werkzeug.datastructures import MultiDict

from tracker.cases.labels import FIELD_LABELS
from tracker.core.i18n import current_language
from tracker.geo.gazetteer import admin1_name

SCALARS = (
    "title_ar", "title_en", "summary_ar", "summary_en", "date_start", "date_end", "date_precision",
    "country", "admin1", "admin2", "locality", "latitude", "longitude", "geo_precision",
    "public_geo_precision", "geonames_id", "geocode_source", "verification", "case_status",
    "impunity", "confidential_notes",
)  # fmt: skip
NUMBERS = {"latitude": float, "longitude": float, "geonames_id": int}
PERPETRATOR_FIELDS = ("type", "name_ar", "name_en")
SOURCE_FIELDS = ("url", "title", "publisher", "published_on", "reliability", "is_internal")
JOURNALIST_FIELDS = ("name_ar", "name_en", "gender", "profession", "media_type", "nationality", "is_foreign")
VICTIM_FIELDS = ("journalist_id", "role_in_incident", "outcome", "is_identity_protected", "new_person")
EVENT_FIELDS = ("event", "date", "note")
VICTIM_KEY_FIELDS = ("journalist_id", "display_name", "name_ar", "name_en", "outcome")
CHECKBOXES = {"is_internal", "is_foreign", "is_identity_protected", "new_person", "is_confidential"}
MAX_ROWS = 200


def _rows(form: MultiDict, prefix: str) -> list[int]:
    """Indexes used in the form for a list, e.g. victims-0-..., victims-3-... -> [0, 3].

    Rows whose "remove" box is ticked are left out.
    """
    found = set()
    for key in form:
        if key.startswith(prefix + "-"):
            head = key[len(prefix) + 1 :].split("-", 1)[0]
            if head.isdigit() and int(head) < MAX_ROWS:
                found.add(int(head))
    return sorted(i for i in found if f"{prefix}-{i}-remove" not in form)


def _row(form: MultiDict, prefix: str, fields) -> dict:
    row = {}
    for name in fields:
        key = f"{prefix}-{name}"
        row[name] = key in form if name in CHECKBOXES else form.get(key, "").strip()
    return row


def _blank(row: dict) -> bool:
    return not any(v for k, v in row.items() if k not in CHECKBOXES)


def values_from_form(form: MultiDict) -> dict:
    """What the researcher typed, as nested lists of rows (blank rows dropped)."""
    values = {name: form.get(name, "").strip() for name in SCALARS}
    values["version"] = form.get("version", "")
    values["is_confidential"] = "is_confidential" in form
    values["violation_types"] = form.getlist("violation_types")
    values["perpetrators"] = [
        r
        for i in _rows(form, "perpetrators")
        if not _blank(r := _row(form, f"perpetrators-{i}", PERPETRATOR_FIELDS))
    ]
    values["sources"] = [
        r for i in _rows(form, "sources") if not _blank(r := _row(form, f"sources-{i}", SOURCE_FIELDS))
    ]
    victims = []
    for i in _rows(form, "victims"):
        prefix = f"victims-{i}"
        victim = _row(form, prefix, VICTIM_FIELDS + JOURNALIST_FIELDS)
        victim["display_name"] = form.get(f"{prefix}-display_name", "").strip()
        victim["events"] = [
            r
            for j in _rows(form, f"{prefix}-events")
            if not _blank(r := _row(form, f"{prefix}-events-{j}", EVENT_FIELDS))
        ]
        # Selects with a default (gender, role) do not make a row worth keeping on their own.
        if any(victim[k] for k in VICTIM_KEY_FIELDS) or victim["events"]:
            victims.append(victim)
    values["victims"] = victims
    return values


def _number(value: str, kind):
    if value == "":
        return None
    try:
        return kind(value.replace(",", "."))
    except ValueError:
        return value  # the schema refuses it with a proper message


def payload_from_values(values: dict) -> dict:
    """The body the API would receive for these values."""
    data = {}
    for name in SCALARS:
        value = values.get(name, "")
        data[name] = _number(value, NUMBERS[name]) if name in NUMBERS else (value or None)
    for name in ("date_precision", "public_geo_precision", "verification", "case_status"):
        if data[name] is None:
            del data[name]  # keep the defaults
    data["is_confidential"] = bool(values.get("is_confidential"))
    data["violation_types"] = list(values.get("violation_types") or [])
    data["perpetrators"] = [
        {"type": p["type"] or None, "name_ar": p["name_ar"] or None, "name_en": p["name_en"] or None}
        for p in values["perpetrators"]
    ]
    data["sources"] = [
        {
            "url": s["url"] or None,
            "title": s["title"] or None,
            "publisher": s["publisher"] or None,
            "published_on": s["published_on"] or None,
            "reliability": _number(s["reliability"], int),
            "is_internal": bool(s["is_internal"]),
        }
        for s in values["sources"]
    ]
    victims = []
    for v in values["victims"]:
        victim = {
            "role_in_incident": v["role_in_incident"] or "target",
            "outcome": v["outcome"] or None,
            "is_identity_protected": bool(v["is_identity_protected"]),
            "status_events": [
                {"event": e["event"] or None, "date": e["date"] or None, "note": e["note"] or None}
                for e in v["events"]
            ],
        }
        if v["journalist_id"]:
            victim["journalist_id"] = _number(v["journalist_id"], int)
        else:
            victim["journalist"] = {
                "name_ar": v["name_ar"] or None,
                "name_en": v["name_en"] or None,
                "gender": v["gender"] or "unknown",
                "profession": v["profession"] or None,
                "media_type": v["media_type"] or None,
                "nationality": v["nationality"] or None,
                "is_foreign": bool(v["is_foreign"]),
            }
        victims.append(victim)
    data["victims"] = victims
    return data


def values_from_incident(incident) -> dict:
    """The form's starting values for a stored incident."""
    values = {name: _text(getattr(incident, name)) for name in SCALARS}
    values["version"] = str(incident.version)
    values["is_confidential"] = incident.is_confidential
    values["violation_types"] = list(incident.violation_types)
    values["perpetrators"] = [
        {"type": p.type, "name_ar": p.name_ar or "", "name_en": p.name_en or ""}
        for p in incident.perpetrators
    ]
    values["admin1"] = admin1_name(incident.admin1, current_language()) or incident.admin1_unmatched or ""
    values["sources"] = [
        {
            "url": s.url or "",
            "title": s.title or "",
            "publisher": s.publisher or "",
            "published_on": _text(s.published_on),
            "reliability": _text(s.reliability),
            "is_internal": s.is_internal,
        }
        for s in incident.sources
    ]
    values["victims"] = [
        {
            "journalist_id": str(v.journalist_id),
            "display_name": " / ".join(n for n in (v.journalist.name_ar, v.journalist.name_en) if n),
            "role_in_incident": v.role_in_incident,
            "outcome": v.outcome,
            "is_identity_protected": v.is_identity_protected,
            "new_person": False,
            "events": [
                {"event": e.event, "date": _text(e.date), "note": e.note or ""} for e in v.status_events
            ],
            **dict.fromkeys(JOURNALIST_FIELDS, ""),
        }
        for v in incident.victims
    ]
    return values


def empty_values() -> dict:
    values = dict.fromkeys(SCALARS, "")
    values.update(
        version="", is_confidential=False, violation_types=[], perpetrators=[], sources=[], victims=[],
        date_precision="day", public_geo_precision="admin1", verification="unverified", case_status="unknown",
    )  # fmt: skip
    return values


def _text(value) -> str:
    if value is None:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def flatten_errors(errors, prefix: str = "") -> dict[str, list[str]]:
    """{"victims": {0: {"outcome": [...]}}} -> {"victims-0-outcome": [...]}; dotted keys too."""
    flat: dict[str, list[str]] = {}
    if isinstance(errors, dict):
        for key, value in errors.items():
            name = str(key).replace(".", "-").replace("status_events", "events")
            name = name.replace("journalist-", "")  # inline journalist fields sit on the victim row
            flat.update(flatten_errors(value, f"{prefix}-{name}" if prefix else name))
    elif isinstance(errors, list | tuple) and errors and all(isinstance(e, str) for e in errors):
        flat.setdefault(prefix, []).extend(errors)
    elif isinstance(errors, str):
        flat.setdefault(prefix, []).append(errors)
    return flat


# --- messages a person would write --------------------------------------------------------

_REQUIRED = _l("This field is required.")
# The library's wording (left as it is for the API) -> the form's, by message; ``None`` keys
# apply to any field, others to a field of that name (the last part of a row's field name).
_HUMAN = {
    (None, "Field may not be null."): _REQUIRED,
    (None, "Missing data for required field."): _REQUIRED,
    (None, "Not a valid date."): _l("Enter the date as year-month-day, e.g. 2024-05-02."),
    (None, "Not a valid number."): _l("Enter a number, e.g. 15.35."),
    (None, "Not a valid integer."): _l("Enter a whole number."),
    (None, "Not a valid URL."): _l("Enter a full link beginning with http:// or https://."),
    (None, "Not a valid ISO 3166-1 country code."): _l("Choose a country from the list."),
    ("date_start", "Field may not be null."): _l("Enter the date of the incident (year-month-day)."),
    ("date_start", "Missing data for required field."): _l(
        "Enter the date of the incident (year-month-day)."
    ),
    ("country", "Field may not be null."): _l("Choose a country from the list."),
    ("country", "Missing data for required field."): _l("Choose a country from the list."),
    ("outcome", "Field may not be null."): _l("Say what happened to this person."),
    ("outcome", "Missing data for required field."): _l("Say what happened to this person."),
    ("event", "Field may not be null."): _l("Choose the event."),
    ("latitude", "range"): _l("The latitude is a number between -90 and 90."),
    ("longitude", "range"): _l("The longitude is a number between -180 and 180."),
    ("date", "range"): _l("Enter a date between 1900 and 2999."),
    (None, "choice"): _l("Choose one of the options in the list."),
}
_RANGE = re.compile(r"^Must be (greater|less) than")
DATE_FIELDS = {"date_start", "date_end", "date", "published_on"}


def _human(field: str, message: str):
    kind = "range" if _RANGE.match(message) else "choice" if message.startswith("Must be one of") else message
    if kind == "range" and field in DATE_FIELDS:
        field = "date"
    human = _HUMAN.get((field, kind)) or _HUMAN.get((None, kind))
    return str(human) if human is not None else message


def humane_errors(errors, field: str = ""):
    """The schema's raw error structure with the form's wording (still untranslated English
    for messages not listed here, which ``translate_errors`` then translates)."""
    if isinstance(errors, dict):
        return {k: humane_errors(v, k if isinstance(k, str) else field) for k, v in errors.items()}
    if isinstance(errors, list | tuple):
        return [humane_errors(e, field) for e in errors]
    if isinstance(errors, str):
        return _human(field, errors)
    return errors


# Where each top-level field sits in the form, so the summary lists problems in reading order.
FORM_ORDER = (
    "title_ar", "title_en", "summary_ar", "summary_en", "violation_types", "date_start", "date_end",
    "date_precision", "country", "admin1", "admin2", "locality", "latitude", "longitude", "geo_precision",
    "public_geo_precision", "geonames_id", "geocode_source", "perpetrators", "victims", "sources",
    "verification", "case_status", "impunity", "is_confidential", "confidential_notes",
)  # fmt: skip
_ROW_LABELS = {"perpetrators": _l("Perpetrator %(n)s"), "victims": _l("Victim %(n)s"),
               "sources": _l("Source %(n)s"), "events": _l("Event %(n)s")}  # fmt: skip
_INNER_LABELS = {"outcome": _l("What happened to this person"), "journalist_id": _l("Journalist")}


def _order(name: str) -> tuple:
    parts = name.split("-")
    head = FORM_ORDER.index(parts[0]) if parts[0] in FORM_ORDER else len(FORM_ORDER)
    return (head, *[int(p) if p.isdigit() else 0 for p in parts[1:]], name)


def field_title(name: str) -> str:
    """``victims-0-events-1-date`` -> "Victim 1 · Event 2 · Date" in the reader's language."""
    parts, words = name.split("-"), []
    index = 0
    while index < len(parts):
        part = parts[index]
        if index + 1 < len(parts) and parts[index + 1].isdigit() and part in _ROW_LABELS:
            words.append(str(_ROW_LABELS[part] % {"n": int(parts[index + 1]) + 1}))
            index += 2
            continue
        words.append(str(_INNER_LABELS.get(part) or FIELD_LABELS.get(part) or part))
        index += 1
    return " · ".join(words)


def error_summary(errors: dict[str, list[str]]) -> list[tuple[str, str, str]]:
    """(anchor, field title, messages) for each field with a problem, in the form's order."""
    return [
        (f"{name}-error", field_title(name), " ".join(map(str, errors[name])))
        for name in sorted(errors, key=_order)
    ]


def summary_heading(count: int) -> str:
    return _("Problems to correct: %(n)s", n=count)
