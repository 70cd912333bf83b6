"""The rules that decide what of the record reaches a public output.

One module so that every public output (the public edition of the yearly report now; the
public map, open data and public API later) selects and withholds the same way:

- only incidents that are ``published`` and not ``is_confidential``;
- a protected victim (``is_identity_protected``) is never named;
- a place is shown only down to the incident's ``public_geo_precision``.

Confidential notes, internal sources and reviewer data are simply never selected by public
outputs: nothing here hands them out.
"""

import sqlalchemy as sa

from tracker.cases.models import Incident
from tracker.core.vocab import GEO_PRECISION_ORDER

WITHHELD_NAME = {"en": "journalist (name withheld)", "ar": "صحفي (حُجب الاسم)"}
# Public precisions at which the governorate (admin1) may be shown.
ADMIN1_VISIBLE = GEO_PRECISION_ORDER[: GEO_PRECISION_ORDER.index("admin1") + 1]


def public_incident_conditions() -> list:
    """SQL conditions that select the incidents the public may see."""
    return [Incident.workflow_status == "published", Incident.is_confidential.is_(False)]


def is_public(workflow_status: str, is_confidential: bool) -> bool:
    return workflow_status == "published" and not is_confidential


def public_admin1(admin1_column=Incident.admin1, precision_column=Incident.public_geo_precision):
    """SQL expression: the governorate where the public may see it, else NULL (country level)."""
    return sa.case((precision_column.in_(ADMIN1_VISIBLE), admin1_column), else_=None)


def admin1_for_public(admin1: str | None, public_geo_precision: str | None) -> str | None:
    return admin1 if public_geo_precision in ADMIN1_VISIBLE else None


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
