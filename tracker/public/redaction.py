"""The rules of every public output (DESIGN.md): only published, non-confidential incidents;
protected victims are never named; no confidential notes, no internal sources; locations only
as coarse as the case allows (``tracker.geo.coarsen.public_point``)."""

from tracker.cases.models import Incident

WITHHELD = {"en": "journalist (name withheld)", "ar": "صحفي (حُجب الاسم)"}


def public_incident_conditions() -> list:
    """SQLAlchemy conditions selecting the incidents the public may see."""
    return [Incident.workflow_status == "published", Incident.is_confidential.is_(False)]


def is_public(incident) -> bool:
    return incident.workflow_status == "published" and not incident.is_confidential


def withheld_name(lang: str) -> str:
    """What stands in for a protected victim's name."""
    return WITHHELD["ar" if lang == "ar" else "en"]


def public_sources(incident) -> list:
    return [s for s in incident.sources if not s.is_internal]
