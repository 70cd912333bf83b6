"""Geocoding writes: the provider cache, and an incident's place filled in through the case
operations (so the change is versioned and audited like any edit). Never commits."""

from dataclasses import dataclass, field

import sqlalchemy as sa

from tracker.audit.operations import Actor
from tracker.cases import operations as case_ops
from tracker.cases.models import Incident
from tracker.core.db import utcnow
from tracker.extensions import db
from tracker.geo.models import GeocodeCache
from tracker.geo.resolver import Candidate


def cache_answer(provider: str, query: str, result: list[dict]) -> GeocodeCache:
    entry = db.session.scalar(
        sa.select(GeocodeCache).where(GeocodeCache.provider == provider, GeocodeCache.query == query)
    )
    if entry is None:
        entry = GeocodeCache(provider=provider, query=query)
        db.session.add(entry)
    entry.result, entry.created_at = result, utcnow()
    db.session.flush()
    return entry


@dataclass
class Outcome:
    status: str  # geocoded | ambiguous | unresolved | skipped
    candidate: Candidate | None = None
    choices: list[Candidate] = field(default_factory=list)


def geocode_incident(
    incident: Incident,
    actor: Actor,
    *,
    overwrite: bool = False,
    use_providers: bool = True,
    dry_run: bool = False,
) -> Outcome:
    """Fill the point, precision, governorate and source of ``incident`` from its place text.

    A ``manual`` point is never touched; an existing point only with ``overwrite``. The public
    precision follows from the point found (``tracker.cases.derive``).
    """
    from tracker.geo import providers, resolver

    if incident.latitude is not None and (incident.geocode_source == "manual" or not overwrite):
        return Outcome("skipped")
    args = (incident.locality, incident.admin1, incident.country)
    found = providers.geocode(*args) if use_providers else resolver.lookup(*args)
    if found.ambiguous:
        return Outcome("ambiguous", choices=found.candidates[:5])
    best = found.best
    if best is None or (best.precision == "country" and (incident.locality or incident.admin1)):
        return Outcome("unresolved", choices=found.candidates[:5])
    data = {
        "latitude": best.latitude,
        "longitude": best.longitude,
        "geo_precision": best.precision,
        "geonames_id": best.geonames_id,
        "geocode_source": best.source,
    }
    if not incident.admin1 and best.admin1 is not None and best.precision != "country":
        data["admin1"] = best.admin1.code
    if not dry_run:
        case_ops.update_incident(incident, data, actor, incident.version)
    return Outcome("geocoded", best)
