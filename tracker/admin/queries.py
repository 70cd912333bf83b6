"""Reads of site settings, with their defaults."""

import base64

from tracker.admin.models import Setting
from tracker.extensions import db

DEFAULTS = {
    "require_2fa": False,
    "two_person_rule": False,
    "follow_up_days": 90,
    # The organisation's identity (report covers, back cover, public footer); an empty name falls
    # back to the ORGANISATION_NAME(_AR) configuration.
    "organisation_name_ar": "",
    "organisation_name_en": "",
    # {"media_type": "image/png", "sha256": ..., "data": base64 of the re-encoded PNG}, or {}
    "organisation_logo": {},
}


def get_setting(key: str):
    row = db.session.get(Setting, key)
    return row.value if row is not None else DEFAULTS[key]


def organisation_name(lang: str, config) -> str:
    """The organisation's name in ``lang``: the admins' setting, else the configuration."""
    name = get_setting(f"organisation_name_{'ar' if lang == 'ar' else 'en'}")
    if name:
        return name
    if lang == "ar" and config.get("ORGANISATION_NAME_AR"):
        return config["ORGANISATION_NAME_AR"]
    return config["ORGANISATION_NAME"]


def organisation_logo() -> bytes | None:
    """The logo as PNG bytes (re-encoded when uploaded), or None."""
    logo = get_setting("organisation_logo")
    return base64.b64decode(logo["data"]) if logo and logo.get("data") else None


def organisation_logo_sha256() -> str | None:
    logo = get_setting("organisation_logo")
    return logo.get("sha256") if logo else None
