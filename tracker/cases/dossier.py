"""The content of a per-case dossier (``reports/dossier.py`` renders it): plain, already worded
data in one language, built by the same rules as the rest of the app. The public variant is made
only from the public record (``tracker.public.redaction``, through ``tracker.public.queries``); the
internal one from what the staff reader may see of the case (``tracker.cases.visibility``), with
its audit trail. A read: nothing is written here."""

from flask_babel import force_locale
from flask_babel import gettext as _

from schemas.cases import IncidentSchema
from tracker.auth.permissions import can_see_protected
from tracker.cases import labels, queries, visibility
from tracker.cases.labels import FIELD_LABELS
from tracker.core.templating import vocab_label
from tracker.evidence.queries import attachments_of
from tracker.people.queries import journalist_names
from tracker.public import queries as public_queries


def _facts(record: dict, fields) -> list[tuple[str, str]]:
    return [(str(FIELD_LABELS[f]), labels.describe_field(record.get(f), f)) for f in fields
            if record.get(f) not in (None, "", [])]  # fmt: skip


def _pick(record: dict, field: str, lang: str) -> str | None:
    other = "en" if lang == "ar" else "ar"
    return record.get(f"{field}_{lang}") or record.get(f"{field}_{other}")


def public_dossier(public_ref: str, lang: str) -> dict | None:
    """The public variant, or None when the case is not public."""
    record = public_queries.public_incident(public_ref)
    if record is None:
        return None
    with force_locale(lang):
        return {
            "variant": "public", "lang": lang, "public_ref": record["public_ref"],
            "title": _pick(record, "title", lang), "summary": _pick(record, "summary", lang),
            "facts": _facts(record, ("violation_types", "date_start", "date_end", "country", "admin1",
                                     "verification", "case_status", "impunity")),
            "timeline": [[record["date_start"], _("Start of the incident")]]
            + ([[record["date_end"], _("End of the incident")]] if record.get("date_end") else []),
            "victims": [
                [_pick(v, "name", lang), vocab_label("OUTCOMES", v["outcome"], v.get("gender")),
                 vocab_label("ROLES_IN_INCIDENT", v["role_in_incident"], v.get("gender"))]
                for v in record["victims"]
            ],
            "sources": [[s.get("title") or "—", s.get("publisher") or "—", s.get("published_on") or "—",
                         s.get("url") or "—"] for s in record["sources"]],
            "evidence": [[e["media_type"] or "—", e["sha256"]] for e in public_queries.public_evidence(public_ref)],
            "notes": None, "audit": None,
        }  # fmt: skip


def internal_dossier(user, incident, lang: str) -> dict:
    """The internal variant as ``user`` may read it (protected names and notes masked otherwise)."""
    data = visibility.incident_dump(user, incident, IncidentSchema().dump(incident))
    entries = queries.history(incident.id)
    names = visibility.journalist_names(user, incident, journalist_names({v.journalist_id for v in incident.victims}),
                                        entries)  # fmt: skip
    with force_locale(lang):
        timeline = sorted(
            [[e.date.isoformat(), vocab_label("STATUS_EVENTS", e.event), names.get(v.journalist_id, "—")]
             for v in incident.victims for e in v.status_events]
        )  # fmt: skip
        history = []
        for entry in visibility.history(user, incident, entries):
            fields = ", ".join(str(FIELD_LABELS.get(f, f)) for f in (entry.changes or {}))
            history.append([entry.at.strftime("%Y-%m-%d %H:%M"), entry.actor,
                            str(labels.ACTION_LABELS.get(entry.action, entry.action)), fields or "—"])  # fmt: skip
        return {
            "variant": "internal", "lang": lang, "public_ref": incident.public_ref,
            "title": _pick(data, "title", lang), "summary": _pick(data, "summary", lang),
            "facts": _facts(data, ("violation_types", "date_start", "date_end", "country", "admin1", "admin2",
                                   "locality", "verification", "case_status", "impunity", "workflow_status")),
            "timeline": [[data["date_start"], _("Start of the incident")]] + [[d, e, n] for d, e, n in timeline],
            # the dump as the reader may see it: a withheld victim's gender is masked, so is its agreement
            "victims": [[_pick(v["journalist"], "name", lang) or "—",
                         vocab_label("OUTCOMES", v["outcome"], v["journalist"].get("gender")),
                         vocab_label("ROLES_IN_INCIDENT", v["role_in_incident"], v["journalist"].get("gender"))]
                        for v in data["victims"]],
            "sources": [[s.get("title") or "—", s.get("publisher") or "—", s.get("published_on") or "—",
                         s.get("url") or "—"] + ([_("Internal source")] if s.get("is_internal") else [])
                        for s in data["sources"]],
            "evidence": [[a.original_name, a.media_type, str(a.size), a.sha256] for a in attachments_of(incident.id)],
            "notes": data.get("confidential_notes") if can_see_protected(user, incident) else None,
            "audit": history,
        }  # fmt: skip
