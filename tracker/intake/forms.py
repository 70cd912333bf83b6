"""The intake page's forms: the article in, and a proposal (as the researcher corrected it) out
to the case form's starting values."""

from tracker.cases import forms as case_forms
from tracker.core.text import has_arabic

MAX_UPLOAD = 512 * 1024
UPLOAD_TYPES = (".txt", ".html", ".htm")


def draft_values(form, lang: str) -> dict:
    """Starting values of the case form for a proposal posted from the intake page."""
    values = case_forms.empty_values()
    title = form.get("title", "").strip()
    summary = form.get("summary", "").strip()
    suffix = "ar" if lang == "ar" else "en"
    values[f"title_{suffix}"] = title[:300]
    values[f"summary_{suffix}"] = summary[:5000]
    for name in ("date_start", "date_precision", "country", "admin1", "locality", "latitude", "longitude",
                 "geo_precision", "geonames_id"):  # fmt: skip
        values[name] = form.get(name, "").strip()
    if not values["date_precision"]:
        values["date_precision"] = "day"
    if values["latitude"]:
        values["geocode_source"] = "gazetteer"
    values["violation_types"] = [c for c in form.getlist("violation_types") if c.strip()]
    values["perpetrators"] = []
    for kind, name in zip(form.getlist("perpetrator_type"), form.getlist("perpetrator_name"), strict=False):
        if kind or name:  # the case form has a name per language: the one of the name's script
            arabic = has_arabic(name)
            values["perpetrators"].append(
                {"type": kind, "name_ar": name if arabic else "", "name_en": "" if arabic else name}
            )
    victims = []
    for name, outcome, journalist_id in zip(
        form.getlist("victim_name"),
        form.getlist("victim_outcome"),
        form.getlist("victim_journalist_id"),
        strict=False,
    ):
        name = name.strip()
        if not name and not journalist_id:
            continue
        arabic = has_arabic(name)
        victims.append({
            "journalist_id": journalist_id if journalist_id.isdigit() else "",
            "display_name": name if journalist_id.isdigit() else "",
            "name_ar": name if arabic and not journalist_id.isdigit() else "",
            "name_en": name if not arabic and not journalist_id.isdigit() else "",
            "gender": "unknown", "profession": "journalist", "media_type": "", "nationality": "", "is_foreign": False,
            "outcome": outcome, "role_in_incident": "target", "is_identity_protected": False, "new_person": False,
            "events": [],
        })  # fmt: skip
    values["victims"] = victims
    values["sources"] = [source_values(form)]
    return values


def source_values(form) -> dict:
    return {
        "url": form.get("source_url", "").strip(),
        "title": form.get("source_title", "").strip()[:500],
        "publisher": form.get("source_publisher", "").strip()[:300],
        "published_on": form.get("source_published_on", "").strip(),
        "reliability": "",
        "is_internal": False,
    }
