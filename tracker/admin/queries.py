"""Reads of site settings, with their defaults."""

from tracker.admin.models import Setting
from tracker.extensions import db

DEFAULTS = {"require_2fa": False, "two_person_rule": False, "follow_up_days": 90}


def get_setting(key: str):
    row = db.session.get(Setting, key)
    return row.value if row is not None else DEFAULTS[key]
