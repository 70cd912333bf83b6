"""The rules that decide what of the record reaches a public output.

One module so that every public output (the public edition of the yearly report now; the
public map, open data and public API later) selects and withholds the same way:

- only incidents that are ``published`` and not ``is_confidential``;
- a protected victim is never named: protected in this case, or a person protected in any of
  their cases (``guard.is_withheld``);
- a place is shown only down to the incident's ``public_geo_precision``.

Confidential notes, internal sources and reviewer data are simply never selected by public
outputs: nothing here hands them out.
"""

import logging

import sqlalchemy as sa

from tracker.cases.models import Incident, Victim
from tracker.core.text import has_arabic
from tracker.evidence.models import Attachment
from tracker.people.models import Journalist
from tracker.public import guard

log = logging.getLogger(__name__)

WITHHELD_NAME = {"en": "journalist (name withheld)", "ar": "صحفي (حُجب الاسم)"}


def public_incident_conditions() -> list:
    """SQL conditions that select the incidents the public may see."""
    return [Incident.workflow_status == "published", Incident.is_confidential.is_(False)]


def withheld_victim():
    """SQL expression (on Victim joined to Journalist): the victim is withheld from the public, the
    rule of ``guard.is_withheld`` (protected in this case, or a person protected in any case)."""
    return sa.or_(Victim.is_identity_protected.is_(True), Journalist.is_protected.is_(True))


def is_public(workflow_status: str, is_confidential: bool) -> bool:
    return workflow_status == "published" and not is_confidential


def public_admin1():
    """SQL expression: the governorate code where the public may see it, else NULL (derived and
    stored when the incident was written: ``tracker.cases.derive``)."""
    return Incident.public_admin1


def victim_name(name_ar: str | None, name_en: str | None, is_identity_protected: bool, lang: str) -> str:
    """The name to print for a victim in a public output, in ``lang`` (falls back to the other)."""
    if is_identity_protected:
        return WITHHELD_NAME["ar" if lang == "ar" else "en"]
    first, second = (name_ar, name_en) if lang == "ar" else (name_en, name_ar)
    return first or second or WITHHELD_NAME["ar" if lang == "ar" else "en"]


def withheld_name(lang: str) -> str:
    """What stands in for a protected victim's name."""
    return WITHHELD_NAME["ar" if lang == "ar" else "en"]


def public_sources(incident) -> list:
    """The sources the public may see (internal ones, e.g. a witness, never)."""
    return [s for s in incident.sources if not s.is_internal]


# --- whole records for the public outputs (map, pages, open data, feed, static export) -------

# Place fields shown at each public precision (coarser levels show fewer of them).
PLACE_FIELDS = {
    "exact": ("admin1", "admin2", "locality"),
    "locality": ("admin1", "admin2", "locality"),
    "admin2": ("admin1", "admin2"),
    "admin1": ("admin1",),
    "country": (),
}


def public_place(incident, point) -> dict:
    """Place fields of ``incident`` (object or mapping) as the public may see them, given the
    ``tracker.geo.coarsen.public_point`` result: names and point never finer than allowed."""
    get = incident.get if isinstance(incident, dict) else lambda name: getattr(incident, name, None)
    level = point.precision if point is not None else "country"
    shown = PLACE_FIELDS[level]
    place = {field: (get(field) if field in shown else None) for field in ("admin2", "locality")}
    if point is not None and point.admin1 is not None and "admin1" in shown:
        place["admin1"] = point.admin1.code
        place["admin1_ar"], place["admin1_en"] = point.admin1.name_ar, point.admin1.name_en
    else:
        place["admin1"] = place["admin1_ar"] = place["admin1_en"] = None
    place["latitude"] = round(point.latitude, 5) if point is not None else None
    place["longitude"] = round(point.longitude, 5) if point is not None else None
    place["geo_precision"] = point.precision if point is not None else None
    return place


def public_victim(victim) -> dict:
    """A victim as the public sees it: a protected one is neither named nor described."""
    journalist = victim.journalist
    protected = guard.is_withheld(victim)
    return {
        "name_ar": victim_name(journalist.name_ar, journalist.name_en, protected, "ar"),
        "name_en": victim_name(journalist.name_ar, journalist.name_en, protected, "en"),
        "is_identity_protected": protected,
        "gender": None if protected else journalist.gender,
        "profession": None if protected else journalist.profession,
        "outcome": victim.outcome,
        "role_in_incident": victim.role_in_incident,
    }


def public_source(source) -> dict | None:
    """A source as the public sees it, or None for an internal one (never shown)."""
    if source.is_internal:
        return None
    return {"url": source.url, "title": source.title, "publisher": source.publisher,
            "published_on": source.published_on.isoformat() if source.published_on else None}  # fmt: skip


def public_record(incident, point, preview: bool = False) -> dict:
    """The whole public record of an incident (DESIGN.md field names), or ValueError if the
    incident is not public. Only whitelisted fields are copied: confidential notes, workflow and
    reviewer data, internal sources and protected names cannot reach it. ``preview``: what the
    public would see once a (not confidential) case is published, for the publish confirmation."""
    if preview and not incident.is_confidential:
        pass
    elif not is_public(incident.workflow_status, incident.is_confidential):
        raise ValueError(f"incident {incident.id} is not public")
    record = {
        "public_ref": incident.public_ref,
        "title_ar": incident.title_ar,
        "title_en": incident.title_en,
        "summary_ar": incident.summary_ar,
        "summary_en": incident.summary_en,
        "violation_types": list(incident.violation_types),
        "headline_type": incident.headline_type,
        "date_start": incident.date_start.isoformat(),
        "date_end": incident.date_end.isoformat() if incident.date_end else None,
        "date_precision": incident.date_precision,
        "country": incident.country,
        **public_place(incident, point),
        "perpetrators": [
            {"type": p.type, "name": p.name, "name_ar": p.name_ar, "name_en": p.name_en}
            for p in incident.perpetrators
        ],
        "victims": [public_victim(v) for v in incident.victims],
        "unnamed_victims": incident.unnamed_victims or 0,  # journalists recorded without a name
        "sources": [s for s in (public_source(s) for s in incident.sources) if s is not None],
        "verification": incident.verification,
        "case_status": incident.case_status,
        "impunity": incident.impunity,
    }
    return mask_protected(record, incident)


def mask_text(text: str | None, names, incident_id, field: str) -> str | None:
    """``text`` with any protected name in it replaced by the withheld marker (in the text's
    language), logged without the name. Data written before the guard may still hold one."""
    if not text or not names:
        return text
    masked = guard.mask(text, names, withheld_name("ar" if has_arabic(text) else "en"))
    if masked != text:
        log.warning("protected name masked in a public output: incident %s, field %s", incident_id, field)
    return masked


def mask_protected(record: dict, incident) -> dict:
    """Defence in depth: the guard refuses to publish a case that names a protected victim in a
    public field; whatever slipped through (older data) is masked here, field by field, in a
    public record of ``incident`` (DESIGN.md field names)."""
    names, incident_id = guard.protected_names(incident), incident.id
    if not names:
        return record
    for field in ("title_ar", "title_en", "summary_ar", "summary_en", "locality", "admin2"):
        record[field] = mask_text(record.get(field), names, incident_id, field)
    for n, perpetrator in enumerate(record["perpetrators"]):
        for field in ("name", "name_ar", "name_en"):
            if field in perpetrator:
                perpetrator[field] = mask_text(
                    perpetrator[field], names, incident_id, f"perpetrators.{n}.{field}"
                )
    for n, source in enumerate(record["sources"]):
        for field in ("title", "publisher"):
            source[field] = mask_text(source[field], names, incident_id, f"sources.{n}.{field}")
        if source["url"] and guard.spans(source["url"], names):  # a link is dropped, not half-masked
            log.warning(
                "protected name in a public output: incident %s, field sources.%s.url", incident_id, n
            )
            source["url"] = None
    return record


# --- evidence: only cleaned copies, only of public cases ----------------------------------------


def public_evidence_conditions() -> list:
    """SQL conditions (on Attachment joined to Incident) selecting what the public may receive:
    attachments an editor made public, through their cleaned copy, of public incidents."""
    return [
        Attachment.visibility == "public",
        Attachment.public_sha256.is_not(None),
        Attachment.incident_id == Incident.id,
        *public_incident_conditions(),
    ]


def public_evidence(attachment) -> dict:
    """An attachment as the public sees it: its cleaned copy only. The original's hash, name,
    uploader and description (which may name a protected person) are not included."""
    return {
        "id": attachment.id,
        "media_type": attachment.public_media_type,
        "sha256": attachment.public_sha256,
    }
